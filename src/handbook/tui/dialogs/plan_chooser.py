"""The plans found in the handbook's pages, to choose the one to follow (``p`` on the checklist)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from handbook.onboarding.plan import days_label
from handbook.onboarding.ranking import Candidate


class PlanOption(Option):
    """A plan in the list; it carries its candidate."""

    def __init__(self, candidate: Candidate, prompt: Text) -> None:
        super().__init__(prompt)
        self.candidate = candidate


def plan_option(candidate: Candidate, chosen: bool) -> PlanOption:
    """Title (the one in use marked), where it came from, its phases and how many items."""
    plan = candidate.plan
    phases = " · ".join(f"{p.title} ({days_label(p.days)})" for p in plan.phases)
    count = len(plan.items)
    # Titles, headings and paths are the handbook's words: Text, never markup.
    prompt = Text.assemble(
        ("● " if chosen else "  ", "bold"),
        (plan.title, "bold"),
        ("   in use" if chosen else "", "italic"),
        f"\n    from {plan.origin or plan.source}",
        (f"\n    {plan.source}" if plan.origin else "", "dim"),
        (f"\n    {count} item{'s' if count != 1 else ''}: {phases}", "dim"),
        ("\n    written for those onboarding a new hire" if candidate.for_others else "", "italic dim"),
    )  # one line each, cut with … in a narrow terminal (app.tcss: text-wrap, text-overflow)
    return PlanOption(candidate, prompt)


class PlanChooser(ModalScreen["str | None"]):
    """Enter follows the highlighted plan (its source is returned); Esc keeps the current one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="plans.cancel")]

    def __init__(self, candidates: list[Candidate], chosen: str) -> None:
        super().__init__()
        self.candidates = candidates
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="plans-box"):
            yield Label("Onboarding plans found in this handbook", id="plans-title")
            options: list[Option | None] = []
            for n, cand in enumerate(self.candidates):
                if n:
                    options.append(None)  # a separator line
                options.append(plan_option(cand, cand.plan.source == self.chosen))
            yield OptionList(*options, id="plans-list")
            yield Label("enter follow this plan · esc keep the current one", id="plans-hint")

    def on_mount(self) -> None:
        plans = self.query_one(OptionList)
        for index in range(plans.option_count):
            option = plans.get_option_at_index(index)
            if isinstance(option, PlanOption) and option.candidate.plan.source == self.chosen:
                plans.highlighted = index
        plans.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, PlanOption):
            self.dismiss(event.option.candidate.plan.source)

    def action_cancel(self) -> None:
        self.dismiss(None)
