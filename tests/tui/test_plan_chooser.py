"""The checklist's plan line and the plan chooser (p), under Pilot, on a handbook with two plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import OptionList

from handbook.content import Handbook
from handbook.onboarding import Onboarding
from handbook.tui.app import HandbookApp
from handbook.tui.dialogs.plan_chooser import PlanChooser, PlanOption
from handbook.tui.screens.onboarding import OnboardingScreen

from ..conftest import write

SIZE = (120, 40)

STAFF = """\
# Staff Onboarding

## General Onboarding Activities

### Week 1
- Collect your laptop
- Meet your buddy
- Set up two-factor login

### Month 1
- Read the [security policy](../security.md)
"""

ENGINEERS = """\
# Engineer onboarding

## Week 1
- Collect a laptop
- Clone the monorepo

## Month 1
- Ship a first change
"""


def two_plans(root: Path) -> Handbook:
    write(root, "index.md", "# Handbook\n")
    write(root, "security.md", "# Security policy\n")
    write(root, "people/staff-onboarding.md", STAFF)
    write(root, "engineering/[b]engineers.md", ENGINEERS)  # a file name that looks like markup
    handbook = Handbook.open(root)
    Onboarding(handbook).start(dt.date(2026, 1, 5))  # no start-date question on opening
    return handbook


async def open_checklist(app: HandbookApp, pilot) -> OnboardingScreen:  # type: ignore[no-untyped-def]
    """o, then wait for the plan's worker (it may not have started yet when o is pressed)."""
    await pilot.press("o")
    for _ in range(100):
        if isinstance(app.screen, OnboardingScreen):
            return app.screen
        await app.settled()
        await pilot.pause()
    raise AssertionError("the checklist never opened")


def text_of(screen: OnboardingScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def rows(screen: OnboardingScreen) -> list[str]:
    items = screen.query_one("#onboarding-items", OptionList)
    return [str(items.get_option_at_index(n).prompt) for n in range(items.option_count)]


async def test_the_plan_line_says_which_plan_and_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    app = HandbookApp(two_plans(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checklist(app, pilot)
        line = text_of(screen, "#onboarding-plan")
        assert line.startswith("General Onboarding Activities  ·  from Staff Onboarding › General")
        assert "p: 1 other plan found" in line


async def test_p_switches_plans_and_each_keeps_its_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    handbook = two_plans(tmp_path)
    app = HandbookApp(handbook)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checklist(app, pilot)
        staff = screen.onboarding.plan.source
        await pilot.press("space")  # Collect your laptop
        assert screen.checklist is not None and screen.checklist.done == 1

        await pilot.press("p")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, PlanChooser)
        plans = chooser.query_one(OptionList)
        listed = [plans.get_option_at_index(n) for n in range(plans.option_count)]
        prompts = [str(o.prompt) for o in listed if isinstance(o, PlanOption)]
        assert len(prompts) == 2
        assert prompts[0].startswith("● General Onboarding Activities   in use")
        assert "from Staff Onboarding › General Onboarding Activities" in prompts[0]
        assert "4 items: Week 1 (days 1-7) · Month 1 (days 8-30)" in prompts[0]
        assert prompts[1].startswith("  Engineer onboarding") and "[b]engineers.md" in prompts[1]
        assert plans.highlighted is not None
        chosen = listed[plans.highlighted]
        assert isinstance(chosen, PlanOption) and chosen.candidate.plan.source == staff  # on the one in use
        await pilot.press("down", "enter")
        await pilot.pause()

        assert app.screen is screen
        assert screen.onboarding.plan.title == "Engineer onboarding"
        assert text_of(screen, "#onboarding-plan").startswith(
            "Engineer onboarding  ·  from Engineer onboarding"
        )
        items = [r.split("   ")[0].strip(" ☐☑") for r in rows(screen) if r.lstrip()[:1] in "☐☑"]
        assert items == ["Collect a laptop", "Clone the monorepo", "Ship a first change"]
        assert (
            screen.checklist is not None and screen.checklist.done == 0
        )  # the other plan's tick stays there
        assert not any("No longer in the plan" in r for r in rows(screen))
        await pilot.press("down", "space")  # Clone the monorepo
        assert screen.checklist is not None and screen.checklist.done == 1

        remembered = Onboarding(Handbook.open(tmp_path))  # as the next run (or the CLI) sees it
        assert remembered.plan.source == screen.onboarding.plan.source

        await pilot.press("p")
        await pilot.pause()
        await pilot.press("up", "enter")  # back to the staff plan
        await pilot.pause()
        assert screen.onboarding.plan.source == staff
        assert screen.checklist is not None and screen.checklist.done == 1  # its own tick, kept
        assert screen.current_id == screen.onboarding.plan.items[0].id
        assert not any("No longer in the plan" in r for r in rows(screen))


async def test_escape_keeps_the_plan_and_a_plan_file_has_no_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    app = HandbookApp(two_plans(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_checklist(app, pilot)
        before = screen.onboarding.plan.source
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanChooser)
        await pilot.press("down", "escape")
        await pilot.pause()
        assert app.screen is screen and screen.onboarding.plan.source == before

    bundled = HandbookApp(Handbook.open())  # its plan is onboarding.yaml
    Onboarding(bundled.handbook).start(dt.date(2026, 1, 5))
    async with bundled.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_checklist(bundled, pilot)
        assert "from onboarding.yaml" in text_of(screen, "#onboarding-plan")
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(bundled.screen, PlanChooser)
        toasts = " ".join(str(t.render()) for t in bundled.screen.query("Toast"))
        assert "plans in its pages are not used" in toasts
