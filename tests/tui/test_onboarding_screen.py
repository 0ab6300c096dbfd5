"""The onboarding screen under Pilot, with a fixed HANDBOOK_TODAY."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from handbook.content import Handbook
from handbook.onboarding import Onboarding
from handbook.tui.app import HandbookApp
from handbook.tui.dialogs.ask import AskScreen
from handbook.tui.screens.onboarding import OnboardingScreen
from handbook.tui.screens.reader import ReaderScreen

SIZE = (120, 40)


def started(on: str) -> Handbook:
    handbook = Handbook.open()
    Onboarding(handbook).start(dt.date.fromisoformat(on))
    return handbook


def highlight(screen: OnboardingScreen, item_id: str) -> None:
    items = screen.query_one(OptionList)
    items.highlighted = next(
        n for n in range(items.option_count) if items.get_option_at_index(n).id == item_id
    )


async def test_day_and_overdue_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-20")
    app = HandbookApp(started("2026-01-05"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = str(app.screen.query_one("#onboarding-summary").render())
        assert "Day 16" in summary and "overdue" in summary
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        assert str(screen.query_one("#onboarding-day").render()).startswith("Day 16 of 90")
        assert screen.checklist is not None and screen.checklist.overdue > 0
        first_item = screen.query_one(OptionList).get_option_at_index(1)
        assert "overdue" in str(first_item.prompt)  # the plan's first item, due on day 1


async def test_toggle_and_note_are_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    handbook = started("2026-01-05")
    app = HandbookApp(handbook, role="engineer")  # hello-world is an engineer's item
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        highlight(screen, "hello-world")
        await pilot.press("space")
        assert Onboarding(handbook).store.load().is_done("hello-world")
        assert screen.current_id == "hello-world"  # ticking leaves the cursor on the item
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.press(*"runs on 8080", "enter")
        await pilot.pause()
        assert Onboarding(handbook).store.load().note("hello-world") == "runs on 8080"
        assert screen.current_id == "hello-world"  # a note does not move the cursor
        highlight(screen, "hello-world")
        await pilot.press("space")
        progress = Onboarding(handbook).store.load()
        assert not progress.is_done("hello-world") and progress.note("hello-world") == "runs on 8080"


def item_ids(screen: OnboardingScreen) -> list[str]:
    items = screen.query_one(OptionList)
    return [o.id for o in (items.get_option_at_index(n) for n in range(items.option_count)) if o.id]


async def test_ticking_adjacent_items_ticks_the_intended_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """space ↓ space ticks the first two items: a ticked item stays where it is, under the cursor."""
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    handbook = started("2026-01-05")
    app = HandbookApp(handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        before = item_ids(screen)
        first, second, third = before[:3]
        assert screen.current_id == first
        await pilot.press("space")
        assert screen.current_id == first  # still on the item just ticked
        await pilot.press("down", "space")
        await pilot.pause()
        progress = Onboarding(handbook).store.load()
        assert progress.is_done(first) and progress.is_done(second) and not progress.is_done(third)
        assert screen.current_id == second
        assert item_ids(screen) == before  # nothing moved
        await pilot.press("space")  # and unticking acts on the same item again
        assert not Onboarding(handbook).store.load().is_done(second) and screen.current_id == second


async def test_changes_from_another_terminal_show_up_without_moving_the_cursor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    handbook = started("2026-01-05")
    app = HandbookApp(handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        before = item_ids(screen)
        await pilot.press("down", "down")
        on = screen.current_id
        assert on == before[2]
        Onboarding(handbook).check(before[0], before[1])  # as the CLI in another terminal would
        screen._watch_progress_file()
        await pilot.pause()
        assert screen.checklist is not None and screen.checklist.done == 2
        assert item_ids(screen) == before and screen.current_id == on
        await pilot.press("space")
        assert Onboarding(handbook).store.load().is_done(on)


async def test_open_link_and_come_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    app = HandbookApp(started("2026-01-05"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        highlight(screen, "account-setup")
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.page is not None and reader.page.path == "onboarding/accounts-and-access.md"
        assert reader.page_view.current_section is not None
        assert reader.page_view.current_section.anchor == "day-one-accounts"
        await pilot.press("H")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, OnboardingScreen)
        assert back.current_id == "account-setup"  # at the item read about
        await pilot.press("escape", "H")  # the checklist closed: back is the reader's own again
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen is reader


async def test_start_date_is_asked_on_first_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-03-02")
    handbook = Handbook.open()
    app = HandbookApp(handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert app.screen.query_one(Input).value == "2026-03-02"  # defaults to today
        field = app.screen.query_one(Input)
        field.value = "not a date"
        await pilot.press("enter")
        assert isinstance(app.screen, AskScreen)  # refused with a hint
        field.value = "2026-02-23"
        await pilot.press("enter")
        await pilot.pause()
        assert Onboarding(handbook).store.load().start_date == dt.date(2026, 2, 23)
        assert isinstance(app.screen, OnboardingScreen)
        assert "Day 8 of 90" in str(app.screen.query_one("#onboarding-day").render())


async def test_a_skipped_start_date_is_not_asked_again_on_return(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-03-02")
    app = HandbookApp(Handbook.open())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        for _ in range(100):  # the plan's worker may start after the first paint
            if any(isinstance(s, OnboardingScreen) for s in app.screen_stack):
                break
            await app.settled()
            await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.press("escape")  # skipped
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        highlight(screen, "account-setup")
        await pilot.press("enter")  # read about it, then back to the list
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)  # not asked again
        await pilot.press("escape", "o")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert Onboarding(app.handbook).store.load().start_date is None


def day_line(screen: OnboardingScreen) -> str:
    return str(screen.query_one("#onboarding-day").render())


async def test_role_items_are_hidden_without_a_role_and_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    app = HandbookApp(started("2026-01-05"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        shown = item_ids(screen)
        assert "hello-world" not in shown and "meet-your-reports" not in shown and "account-setup" in shown
        hidden = len(app.onboarding.plan.items) - len(shown)
        assert hidden > 0 and f"/{len(shown)} done" in day_line(screen)
        assert f"{hidden} items for a role are hidden (engineer, manager)" in day_line(screen)
        assert "--role ROLE" in day_line(screen) and 'role = "ROLE"' in day_line(screen)


async def test_a_role_from_the_config_shows_its_items(
    monkeypatch: pytest.MonkeyPatch, isolated_locations: Path
) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    (isolated_locations / "config" / "config.toml").write_text('role = "manager"\n')
    app = HandbookApp(started("2026-01-05"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        shown = item_ids(screen)
        assert "meet-your-reports" in shown and "hello-world" not in shown
        assert "hidden" not in day_line(screen)


async def test_unknown_role_is_told_and_the_checklist_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-06")
    handbook = started("2026-01-05")
    app = HandbookApp(handbook, role="[b]Mangaer")  # the role is data, never markup
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        toasts = " ".join(str(t.render()) for t in screen.query("Toast"))
        assert "Unknown role" in toasts and "[b]Mangaer" in toasts and "roles are engineer, manager" in toasts
        problems = str(screen.query_one("#onboarding-problems").render())
        assert "unknown role '[b]Mangaer'" in problems and "showing the items for everyone" in problems
        assert "hello-world" not in item_ids(screen)  # as without a role
        first = screen.current_id
        await pilot.press("space")
        assert first is not None and Onboarding(handbook).store.load().is_done(first)


async def test_the_plan_is_read_off_the_ui_thread_and_o_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discovering a plan may read many pages: a worker does it, and o opens the checklist when ready."""
    root = tmp_path / "hb"
    root.mkdir()
    (root / "index.md").write_text("# Home\n\nWelcome.\n")
    (root / "onboarding.md").write_text(
        "# Onboarding\n\n## Week 1\n\n- Set up your laptop\n- Meet your buddy\n\n"
        "## Month 1\n\n- Ship a first change\n- Read the on-call guide\n"
    )
    reading = threading.Event()

    class SlowOnboarding(Onboarding):
        """A real checklist whose reading waits until the test has pressed o."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            assert reading.wait(30), "the test never let the plan be read"
            super().__init__(*args, **kwargs)

    monkeypatch.setattr("handbook.onboarding.Onboarding", SlowOnboarding)
    app = HandbookApp(Handbook.open(root))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.onboarding is None  # still being read: the reader is up meanwhile
        await pilot.press("o")  # before the worker has finished: remembered
        assert not any(isinstance(s, OnboardingScreen) for s in app.screen_stack)
        reading.set()
        await app.settled()
        await pilot.pause()
        assert any(isinstance(s, OnboardingScreen) for s in app.screen_stack)  # asking the start date
        assert app.onboarding is not None and app.onboarding.has_plan
