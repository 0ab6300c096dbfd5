"""Snapshots of the reader at 120x40 (pytest-textual-snapshot). Textual is pinned: see pyproject.toml.

After a deliberate change, regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and
look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.tui.app import HandbookApp

from ..conftest import SEEDS

SIZE = (120, 40)


def bundled_app(page: str | None = None) -> HandbookApp:
    handbook = Handbook.open()
    return HandbookApp(handbook, handbook.find(page) if page else None)


def test_landing_page(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(bundled_app(), terminal_size=SIZE)


def test_page_with_table_and_code(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(bundled_app("engineering/coding-standards#let-the-tools-decide"), terminal_size=SIZE)


def test_outline(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(bundled_app("operations/incident-response"), terminal_size=SIZE, press=["t"])


def test_find_with_matches(snap_compare) -> None:  # type: ignore[no-untyped-def]
    keys = ["slash", *"incident", "enter", "n"]
    assert snap_compare(bundled_app("operations/incident-response"), terminal_size=SIZE, press=keys)


def test_help_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(bundled_app(), terminal_size=SIZE, press=["question_mark"])


def test_seed_000_html_badges_mojibake(snap_compare) -> None:  # type: ignore[no-untyped-def]
    seed = SEEDS / "000_ccabf785eee69cde.txt"
    if not seed.exists():
        pytest.skip("../shared/seeds is not here")
    handbook = Handbook.open(Path(seed))
    app = HandbookApp(handbook, handbook.find("000_ccabf785eee69cde#first-30-days"))
    assert snap_compare(app, terminal_size=SIZE)


async def _search_for(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.settled()
    await pilot.press("s", *text)
    await pilot.app.settled()
    await pilot.pause()


def test_search_results(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _search_for(pilot, "rollback canary")

    assert snap_compare(bundled_app(), terminal_size=SIZE, run_before=run_before)


def test_search_did_you_mean(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _search_for(pilot, "postmortm")

    assert snap_compare(bundled_app(), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize(
    ("today", "done"),
    [
        ("2026-01-05", []),
        ("2026-02-18", ["account-setup", "hello-world", "meet-your-buddy"]),
        ("2026-04-09", ["account-setup"]),
    ],
)
def test_onboarding_screen(
    snap_compare, monkeypatch: pytest.MonkeyPatch, today: str, done: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """Day 1, day 45 with items overdue, day 95."""
    import datetime as dt

    from handbook.onboarding import Onboarding

    monkeypatch.setenv("HANDBOOK_TODAY", today)
    handbook = Handbook.open()
    onboarding = Onboarding(handbook)
    onboarding.start(dt.date(2026, 1, 5))
    if done:
        onboarding.check(*done)
    assert snap_compare(HandbookApp(handbook), terminal_size=SIZE, press=["o"])


def test_glossary_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.settled()
        await pilot.press("ctrl+g", *"slo")
        await pilot.app.settled()
        await pilot.pause()

    assert snap_compare(bundled_app(), terminal_size=SIZE, run_before=run_before)


def test_definition_over_the_page(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.settled()  # the glossary is built in a worker
        await pilot.press("d", *"mttr", "enter")
        await pilot.pause()

    app = bundled_app("operations/incident-response#incident-timeline")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


STAFF_GUIDE = """\
# Staff Onboarding

## General Onboarding Activities

### Week 1
- Collect your laptop and [set up your accounts](../it/accounts.md)
- Meet your buddy

### Month 1
- Read the security policy
- Ship a first change by the end of your second week

### Months 2-3
- Join the on-call shadow rotation
- Write your 90-day retrospective
"""


def staff_handbook(root: Path) -> Handbook:
    """A staff guide's plan (one item ticked on day 12) and a plan for managers."""
    import datetime as dt

    from handbook.onboarding import Onboarding

    from ..conftest import write

    write(root, "index.md", "# Handbook\n")
    write(root, "it/accounts.md", "# Accounts\n")
    write(root, "people/staff-onboarding.md", STAFF_GUIDE)
    write(root, "people/managers.md", "# Onboarding for managers\n\n## Week 1\n- Set goals\n- Intro\n")
    handbook = Handbook.open(root)
    onboarding = Onboarding(handbook)
    onboarding.start(dt.date(2026, 1, 5))
    onboarding.check(onboarding.plan.items[0].id)
    return handbook


@pytest.mark.parametrize(("size", "keys"), [(SIZE, []), ((80, 24), []), (SIZE, ["p"])])
def test_onboarding_screen_of_a_discovered_plan(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], keys: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """The plan line: its title, where in the handbook it came from, and that p offers another; at
    80x24 the plan line and the bars stay in view (the list scrolls); p: the plans to choose from."""
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-16")
    handbook = staff_handbook(tmp_path)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("o")
        for _ in range(100):  # the plan is read in a worker that may start after the first paint
            if pilot.app.screen.id != "_default" and pilot.app.screen.sub_title == "Onboarding":
                break
            await pilot.app.settled()
            await pilot.pause()
        pilot.app.clear_notifications()  # at 80 columns, the reader's timed hint about its list of pages
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(HandbookApp(handbook), terminal_size=size, run_before=run_before)
