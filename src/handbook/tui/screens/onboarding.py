"""The 30-60-90 checklist: what is done, due and overdue, phase by phase, with links into the handbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from handbook.content import HandbookError
from handbook.onboarding import Checklist, ItemStatus, Onboarding, ProgressError, UnknownPlan, today
from handbook.onboarding.checklist import done_day
from handbook.onboarding.plan import days_label
from handbook.tui.dialogs.ask import AskScreen
from handbook.tui.dialogs.plan_chooser import PlanChooser
from handbook.tui.screens.base import HandbookAppAccess
from handbook.tui.widgets.footer import FittedFooter


def item_label(status: ItemStatus) -> Text:
    box = "☑" if status.done else "☐"
    title_style = "dim" if status.done else ("bold red" if status.overdue else "")
    text = Text.assemble((f" {box}  ", "bold"), (status.item.title, title_style))
    if status.done:
        text.append(f"   done {done_day(status)}", style="dim")
    else:
        text.append(f"   day {status.item.due}", style="dim")
        if status.overdue:
            text.append("   overdue", style="bold red")
        elif status.due_soon:
            text.append("   due this week", style="bold yellow")
    if status.note:
        text.append(f"\n     note: {status.note}", style="italic")
    return text


def _sentence(text: str) -> str:
    """A message as a sentence: the first letter up, the rest (a role, a path) exactly as it was."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class ReadAbout:
    """The checklist's answer when it closes on an item to read about: the item, and where to read."""

    item_id: str
    path: str
    anchor: str


class OnboardingScreen(HandbookAppAccess, Screen["ReadAbout | None"]):
    """Dismissed with a ``ReadAbout`` (Enter on an item with a link) or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_done", "Done / not done", id="onboarding.toggle"),
        Binding("n", "note", "Note", id="onboarding.note"),
        Binding("enter", "open", "Read about it", id="onboarding.open"),
        Binding("d", "start_date", "Start date", id="onboarding.start_date"),
        Binding("p", "choose_plan", "Plans", id="onboarding.plans"),
        Binding("escape", "back", "Back to reading", id="onboarding.back"),
    ]

    def __init__(self, onboarding: Onboarding, at: str | None = None) -> None:
        super().__init__()
        self.onboarding = onboarding
        self.at = at  # the item the cursor starts on (the one read about, on the way back)
        self.checklist: Checklist | None = None
        self._seen_mtime = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="onboarding-top"):
            yield Static(id="onboarding-plan", markup=False)
            yield Static(id="onboarding-day", markup=False)
            with Horizontal(classes="phase-row", id="overall-row"):
                yield Label("Overall", classes="phase-name")
                yield ProgressBar(id="overall-bar", show_eta=False)
            with Vertical(id="onboarding-phases"):
                yield from self._phase_rows()
        yield Static(
            "space done / not done · n note · enter read about it · d start date · p plans · esc back",
            id="onboarding-keys",
        )
        yield Static(id="onboarding-problems", markup=False)
        yield OptionList(id="onboarding-items")
        yield FittedFooter()

    def _phase_rows(self) -> list[Horizontal]:
        return [
            Horizontal(
                Label(phase.title, classes="phase-name", markup=False),
                ProgressBar(id=f"bar-{phase.id}", show_eta=False),
                classes="phase-row",
            )
            for phase in self.onboarding.plan.phases
        ]

    def _show_plan_line(self) -> None:
        """The plan's title and where it came from; how many others there are to choose from."""
        ob = self.onboarding
        plan = ob.plan
        line = self.query_one("#onboarding-plan", Static)
        line.display = ob.has_plan
        others = len(ob.candidates) - 1 if plan.discovered else 0
        line.update(
            Text.assemble(  # the plan's title and headings are the handbook's words: never markup
                (plan.title or "Onboarding plan", "bold"),
                ("  ·  from ", "dim"),
                plan.origin or plan.source,
                (
                    f"  ·  p: {others} other plan{'s' if others != 1 else ''} found" if others > 0 else "",
                    "dim",
                ),
            )
        )

    def on_mount(self) -> None:
        self.sub_title = "Onboarding"
        if self.onboarding.role_problem is not None:  # the checklist still works, as without a role
            self.notify(
                f"{_sentence(str(self.onboarding.role_problem))}. Showing the items for everyone; "
                'choose one with --role ROLE or role = "ROLE" in config.toml.',
                title="Unknown role",
                severity="error",
                timeout=10,
                markup=False,
            )
        self.refresh_checklist(keep=self.at)
        self.set_interval(1.0, self._watch_progress_file)
        self.query_one(OptionList).focus()
        app = self.handbook_app
        if (
            self.onboarding.has_plan
            and self.onboarding.store.load().start_date is None
            and not app.start_date_asked
        ):
            app.start_date_asked = True  # skipped once, not asked again on every return to the list
            self.action_start_date(first_time=True)

    def refresh_checklist(self, keep: str | None = None) -> None:
        """Redraw from the files. Items stay in the plan's order (as in ``handbook progress``), so a tick
        here or in another terminal never moves a row: the cursor stays on item ``keep``, else on the
        item it was on."""
        ob = self.onboarding
        problems = self.query_one("#onboarding-problems", Static)
        notices = [*ob.plan.problems, *ob.store.notices]
        if ob.role_problem is not None:
            notices.append(f"{ob.role_problem}; showing the items for everyone")
        problems.update(Text("\n".join(f"⚠ {n}" for n in notices)))  # paths, plan text: never markup
        problems.display = bool(notices)
        self._show_plan_line()
        if not ob.has_plan:
            self.query_one("#onboarding-day", Static).update(
                Text(
                    f"This handbook has no onboarding plan yet. Add {ob.plan_file} — "
                    f"`handbook progress --init-plan {ob.plan_file}` writes a starter — "
                    "or mark pages with `onboarding: first-30` in their front matter."
                )
            )
            return
        checklist = ob.checklist()
        self.checklist = checklist
        day = checklist.day
        assumed = " (start date not set: press d)" if checklist.start_assumed else ""
        if day < 1:
            heading = f"You start in {1 - day} day{'s' if day != 0 else ''}"
        elif day > checklist.plan.last_day:
            heading = f"Day {day}: your {checklist.plan.last_day} days are behind you"
        else:
            heading = f"Day {day} of {checklist.plan.last_day}"
        hint = checklist.hidden_hint()
        self.query_one("#onboarding-day", Static).update(
            Text.assemble(
                (heading, "bold"),
                f"  ·  {checklist.done}/{len(checklist.items)} done",
                (f"  ·  {checklist.overdue} overdue", "bold red") if checklist.overdue else "",
                assumed,
                (f"\n{_sentence(hint)}", "dim") if hint else "",
            )
        )
        self.query_one("#overall-bar", ProgressBar).update(
            total=max(1, len(checklist.items)), progress=checklist.done
        )
        options: list[Option | None] = []
        for phase in checklist.phases:
            self.query_one(f"#bar-{phase.phase.id}", ProgressBar).update(
                total=max(1, phase.total), progress=phase.done
            )
            days = days_label(phase.phase.days)
            options.append(
                Option(
                    Text.assemble(
                        (phase.phase.title, "bold underline"),
                        f"  {days}  ",
                        (f"{phase.done}/{phase.total}", "dim"),
                    ),
                    disabled=True,
                )
            )
            for status in phase.items:
                options.append(Option(item_label(status), id=status.item.id))
        if checklist.orphans:
            options.append(
                Option(
                    Text("No longer in the plan (kept in your progress file)", style="bold dim"),
                    disabled=True,
                )
            )
            for item_id, state in checklist.orphans:
                options.append(
                    Option(
                        Text(
                            f"   {item_id}" + (f" — {state.note}" if state.note else ""),
                            style="dim",
                        ),
                        disabled=True,
                    )
                )
        self._show_options(options, keep or self.current_id)
        self._seen_mtime = self._progress_mtime()

    def _show_options(self, options: list[Option | None], keep: str | None) -> None:
        """Same rows as before (the usual case): new labels in place, so neither the cursor nor the
        scroll moves. Otherwise (orphans came or went) rebuild and put the cursor back on ``keep``."""
        items = self.query_one(OptionList)
        ids = [o.id if o else None for o in options]
        shown = [items.get_option_at_index(n).id for n in range(items.option_count)]
        if shown and shown == ids:
            for n, option in enumerate(options):
                if option is not None:
                    items.replace_option_prompt_at_index(n, option.prompt)
            return
        items.clear_options()
        items.add_options(options)
        selectable = [n for n, item_id in enumerate(ids) if item_id]
        if keep is not None and keep in ids:
            items.highlighted = ids.index(keep)
        else:  # the first item row (phase headers have no id and cannot be chosen)
            items.highlighted = selectable[0] if selectable else None

    @property
    def current_id(self) -> str | None:
        items = self.query_one(OptionList)
        if items.highlighted is None:
            return None
        return items.get_option_at_index(items.highlighted).id

    # ---------------------------------------------------------------- actions

    def action_toggle_done(self) -> None:
        item_id = self.current_id
        if item_id is None:
            return
        try:
            self.onboarding.toggle(item_id)
        except ProgressError as exc:
            self.notify(str(exc), severity="error")
        self.refresh_checklist(keep=item_id)  # the item stays in its place, under the cursor

    def _progress_mtime(self) -> int:
        try:
            return self.onboarding.store.path.stat().st_mtime_ns
        except OSError:
            return 0

    def _watch_progress_file(self) -> None:
        """Another terminal (the CLI, a second app) changed the progress: show it."""
        if self.is_current and self._progress_mtime() != self._seen_mtime:
            self.refresh_checklist()

    def action_note(self) -> None:
        item_id = self.current_id
        if item_id is None:
            return
        item = self.onboarding.require(item_id)
        current = self.onboarding.store.load().note(item_id)

        def save(text: str | None) -> None:
            if text is None:
                return
            try:
                self.onboarding.note(item_id, text)
            except ProgressError as exc:
                self.notify(str(exc), severity="error")
            self.refresh_checklist(keep=item_id)

        self.app.push_screen(
            AskScreen(f"Note for “{item.title}”:", current, "Enter saves · Esc cancels"), save
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # the list takes Enter (and clicks) as "select": that means "read about it"
        self.action_open()

    def action_open(self) -> None:
        item_id = self.current_id
        if item_id is None:
            return
        item = self.onboarding.require(item_id)
        if not item.link:
            self.notify("This item has no link into the handbook.", timeout=3)
            return
        try:
            ref = self.handbook_app.handbook.find(item.link)
        except HandbookError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(ReadAbout(item_id, ref.path, ref.anchor))

    def action_start_date(self, first_time: bool = False) -> None:
        saved = self.onboarding.store.load().start_date
        value = (saved or today()).isoformat()

        def check(text: str) -> str | None:
            try:
                dt.date.fromisoformat(text.strip())
            except ValueError:
                return "Please type a date as YYYY-MM-DD."
            return None

        def save(text: str | None) -> None:
            if text is None:
                return
            try:
                self.onboarding.start(dt.date.fromisoformat(text.strip()))
            except ProgressError as exc:
                self.notify(str(exc), severity="error")
            self.refresh_checklist()

        question = "Welcome! When was (or is) your first day?" if first_time else "Your first day:"
        self.app.push_screen(AskScreen(question, value, "YYYY-MM-DD · Enter saves · Esc skips", check), save)

    def action_choose_plan(self) -> None:
        """Offer the plans found in the pages; the one picked is followed and remembered."""
        ob = self.onboarding
        if not ob.plan.discovered:
            where = ob.plan.origin or ob.plan.source
            message = (
                f"This handbook's plan is {where}: the plans in its pages are not used."
                if ob.has_plan
                else "No onboarding plan was found in this handbook's pages."
            )
            self.notify(message, timeout=5, markup=False)
            return

        def follow(source: str | None) -> None:
            if source is not None and source != ob.plan.source:
                self.call_later(self.switch_plan, source)

        self.app.push_screen(PlanChooser(ob.candidates, ob.plan.source), follow)

    async def switch_plan(self, source: str) -> None:
        """Follow another discovered plan: its phases and its own progress (each plan keeps its own)."""
        ob = self.onboarding
        try:
            plan = ob.choose(source)
        except UnknownPlan as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        phases = self.query_one("#onboarding-phases", Vertical)
        await phases.remove_children()
        await phases.mount_all(self._phase_rows())
        self.query_one(OptionList).clear_options()  # other items: the cursor starts at the top
        self.refresh_checklist()
        self.notify(f"Following {plan.title}", timeout=3, markup=False)

    def action_back(self) -> None:
        self.dismiss(None)
