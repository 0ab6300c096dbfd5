"""Without a start date, today is taken as day 1: nothing is overdue by that assumption alone, not
even "Before you start" items (day 0), which are late from day 2 only. Checked where it shows: the
checklist, ``handbook progress``, the reader's summary line and the checklist screen."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from handbook.content import Handbook
from handbook.onboarding import Onboarding
from handbook.tui.app import HandbookApp
from handbook.tui.screens.onboarding import OnboardingScreen

from ..conftest import run_handbook, write

PLAN = """\
# New hire onboarding

## Before you start
- Sign your contract
- Send your bank details

## Day 1
- Collect your laptop
- Meet your buddy

## Week 2
- Ship a first change
"""


def handbook_with_day_zero(root: Path) -> Path:
    write(root, "index.md", "# Handbook\n\n[Onboarding](onboarding.md)\n")
    write(root, "onboarding.md", PLAN)
    return root


def test_no_start_date_nothing_overdue(tmp_path: Path) -> None:
    ob = Onboarding(Handbook.open(handbook_with_day_zero(tmp_path)))
    assert [p.days for p in ob.plan.phases] == [(0, 0), (1, 1), (8, 14)]
    checklist = ob.checklist()
    assert checklist.start_assumed and checklist.day == 1
    assert checklist.overdue == 0 and not any(s.overdue for s in checklist.items)
    assert checklist.summary() == "Day 1 · 0/5 done"
    ob.check(ob.plan.items[2].id)  # the first tick saves today (HANDBOOK_TODAY) as day 1
    checklist = ob.checklist()
    assert not checklist.start_assumed and checklist.day == 1
    assert checklist.overdue == 0  # "Before you start" items can still be done on day 1
    ob.start(dt.date(2026, 1, 4))  # day 2: day-0 items and the open day-1 item are late now
    checklist = ob.checklist()
    assert [s.item.title for s in checklist.items if s.overdue] == [
        "Sign your contract",
        "Send your bank details",
        "Meet your buddy",
    ]


def test_progress_command_counts_none_overdue(tmp_path: Path) -> None:
    root = handbook_with_day_zero(tmp_path)
    shown = run_handbook("--content", str(root), "progress")
    assert shown.returncode == 0 and "OVERDUE" not in shown.stdout and "overdue" not in shown.stdout
    data = json.loads(run_handbook("--content", str(root), "progress", "--json").stdout)
    assert not any(i["overdue"] for p in data["phases"] for i in p["items"])


async def test_reader_summary_and_checklist_screen_count_none_overdue(tmp_path: Path) -> None:
    app = HandbookApp(Handbook.open(handbook_with_day_zero(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        for _ in range(100):  # the plan's worker may start after the first paint
            if any(isinstance(s, OnboardingScreen) for s in app.screen_stack):
                break
            await app.settled()
            await pilot.pause()
        await pilot.press("escape")  # the start-date question: skipped, so still no start date
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        day_line = str(screen.query_one("#onboarding-day").render())
        assert day_line.startswith("Day 1 of 14") and "0/5 done" in day_line and "overdue" not in day_line
        await pilot.press("escape")  # back to the landing page and its summary line
        await pilot.pause()
        summary = str(app.screen.query_one("#onboarding-summary").render())
        assert "Day 1 · 0/5 done" in summary and "overdue" not in summary
