"""Scrolling a long page after a jump (issue #9): a line key moves one line from where the reader is.

The page view renders sections lazily and corrects estimated heights as it goes, so these tests jump
(G, an anchor link, find, back/forward, the outline) and then press j/k/PgDn/PgUp straight away, while
sections above are still being rendered, comparing what the widget draws before and after each key.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.widgets.find_bar import FindBar
from handbook.tui.widgets.outline import Outline
from handbook.tui.widgets.page_view import PageView

SIZE = (120, 40)
SEED_002 = "002_70b23f6e95f87cab.txt"
BIG_PAGE_BYTES = 500 * 1024
MARKER = "Zebrafinch"  # a word only in the big page's target section

# ---------------------------------------------------------------- reading what the widget draws


def screen_lines(view: PageView) -> list[str]:
    """The text of every visible row, as the widget draws it (its Line API)."""
    height = view.scrollable_content_region.height
    return [view.render_line(y).text.rstrip() for y in range(height)]


def breadcrumb(app: HandbookApp) -> str:
    return str(app.screen.query_one("#breadcrumb", Static).render())


def page_view(app: HandbookApp) -> PageView:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen.page_view


async def settle(pilot: Pilot[None]) -> None:
    """Let the messages from the last key be handled (rendering may still be going on)."""
    await pilot.pause()


async def line_down(pilot: Pilot[None], view: PageView) -> None:
    before = screen_lines(view)
    await pilot.press("j")
    await settle(pilot)
    after = screen_lines(view)
    assert after[:-1] == before[1:], "j did not move exactly one line down"


async def line_up(pilot: Pilot[None], view: PageView) -> None:
    before = screen_lines(view)
    await pilot.press("k")
    await settle(pilot)
    after = screen_lines(view)
    assert after[1:] == before[:-1], "k did not move exactly one line up"
    assert after != before


async def page_down(pilot: Pilot[None], view: PageView) -> None:
    """PgDn moves one screen: one line back up shows the old last line above the new screen."""
    before = screen_lines(view)
    await pilot.press("pagedown")
    await settle(pilot)
    paged = screen_lines(view)
    await pilot.press("k")
    await settle(pilot)
    assert screen_lines(view) == [before[-1], *paged[:-1]], "PgDn did not move exactly one screen"
    await pilot.press("j")
    await settle(pilot)


async def page_up(pilot: Pilot[None], view: PageView) -> None:
    """PgUp moves one screen: one line back down shows the old first line below the new screen."""
    before = screen_lines(view)
    await pilot.press("pageup")
    await settle(pilot)
    paged = screen_lines(view)
    await pilot.press("j")
    await settle(pilot)
    assert screen_lines(view) == [*paged[1:], before[0]], "PgUp did not move exactly one screen"
    await pilot.press("k")
    await settle(pilot)


async def keys_move_exactly(pilot: Pilot[None], view: PageView, *, paging: bool = True) -> None:
    """Straight after a jump: k k k, j j, and a page down and up, each by exactly its amount."""
    for _ in range(3):
        await line_up(pilot, view)
    for _ in range(2):
        await line_down(pilot, view)
    if paging:
        await page_up(pilot, view)
        await page_down(pilot, view)
    await line_up(pilot, view)


async def wait_until_rendered(pilot: Pilot[None], view: PageView, limit: int = 5000) -> None:
    """Bounded wait for the idle renderer to finish the page."""
    for _ in range(limit):
        if all(block.strips is not None for block in view.blocks):
            return
        await pilot.pause()
    raise AssertionError("the page never finished rendering")


def breadcrumb_follows(app: HandbookApp) -> None:
    view = page_view(app)
    section = view.current_section
    assert section is not None
    assert breadcrumb(app).endswith(section.title), (breadcrumb(app), section.title)


async def follow_link_to(pilot: Pilot[None], view: PageView, href: str) -> None:
    """Tab through the links on screen until ``href`` is chosen, then Enter, as a reader would."""
    for _ in range(60):
        await pilot.press("tab")
        if view.selected_href == href:
            await pilot.press("enter")
            await settle(pilot)
            return
    raise AssertionError(f"no link to {href} reachable with Tab")


async def find_and_close(pilot: Pilot[None], word: str) -> None:
    await pilot.press("slash", *word, "enter")
    await settle(pilot)
    while page_view(pilot.app).searching:  # a big page is searched as the background renders it
        await pilot.pause()
    await pilot.press("escape")
    await settle(pilot)


async def outline_jump(pilot: Pilot[None], app: HandbookApp, anchor: str) -> None:
    await pilot.press("t")
    await settle(pilot)
    outline = app.screen.query_one(Outline)
    assert app.focused is outline
    outline.highlighted = outline.get_option_index(f"#{anchor}")
    await pilot.press("enter")
    await settle(pilot)


# ---------------------------------------------------------------- seed 002


@pytest.fixture
def seed_002(seeds: Path) -> Handbook:
    return Handbook.open(seeds / SEED_002)


async def test_seed_002_end_then_line_keys(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        await pilot.press("G")
        await settle(pilot)
        breadcrumb_follows(app)
        assert (
            view.current_section is not None and view.current_section.anchor != view.blocks[0].section.anchor
        )
        await keys_move_exactly(pilot, view)
        breadcrumb_follows(app)


async def test_seed_002_anchor_link_then_line_keys(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        await follow_link_to(pilot, view, "#checklists")
        assert screen_lines(view)[0] == "Checklists"
        await line_down(pilot, view)
        await line_down(pilot, view)
        await keys_move_exactly(pilot, view)
        breadcrumb_follows(app)


async def test_seed_002_find_then_escape_then_line_keys(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        await find_and_close(pilot, "Postmortem")
        assert any("Postmortem" in line for line in screen_lines(view))
        breadcrumb_follows(app)
        assert (
            view.current_section is not None and view.current_section.anchor != view.blocks[0].section.anchor
        )
        await keys_move_exactly(pilot, view)


async def test_seed_002_back_and_forward_then_line_keys(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        for _ in range(5):
            await line_down(pilot, view)
        reading = screen_lines(view)
        await follow_link_to(pilot, view, "#checklists")
        for _ in range(4):
            await line_down(pilot, view)
        there = screen_lines(view)
        await pilot.press("H")
        await settle(pilot)
        assert screen_lines(view) == reading, "back did not return to where the reader was"
        await keys_move_exactly(pilot, view, paging=False)
        await pilot.press("L")
        await settle(pilot)
        assert screen_lines(view) == there, "forward did not return to where the reader was"
        await keys_move_exactly(pilot, view)
        breadcrumb_follows(app)


async def test_seed_002_outline_jump_then_line_keys(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        await outline_jump(pilot, app, "72-release-checklist")
        assert app.focused is view
        assert screen_lines(view)[0] == "7.2 Release Checklist"
        await keys_move_exactly(pilot, view)
        breadcrumb_follows(app)


async def test_seed_002_search_hit_and_next_match_then_line_keys(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await app.settled()  # the search index is built in the background
        await settle(pilot)
        view = page_view(app)
        await pilot.press("s", *"rollback")
        await app.settled()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and view.match_count > 1
        breadcrumb_follows(app)
        await keys_move_exactly(pilot, view)
        for _ in range(3):  # n jumps to the next marked word
            await pilot.press("n")
            await settle(pilot)
        breadcrumb_follows(app)
        await keys_move_exactly(pilot, view)


async def test_seed_002_line_keys_after_the_page_is_rendered(seed_002: Handbook) -> None:
    """The same once nothing is pending: the fix must not depend on rendering being under way."""
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        await pilot.press("G")
        await wait_until_rendered(pilot, view)
        await keys_move_exactly(pilot, view)


# ---------------------------------------------------------------- a 500 KiB page of real text


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return text[end + 4 :]
    return text


def build_big_page(sources: list[Path]) -> str:
    """A 500 KiB page of real handbook text: a contents line, then page after page as sections, with a
    target section (holding MARKER) about two thirds of the way down."""
    parts = [
        "# A very long page\n\nIt exists to be long. Go to [the target](#target-section) or read on.\n\n"
    ]
    total = len(parts[0])
    placed = False
    index = 0
    while total < BIG_PAGE_BYTES:
        source = sources[index % len(sources)]
        index += 1
        body = _strip_front_matter(source.read_text(encoding="utf-8", errors="replace"))
        body = re.sub(r"\b" + MARKER + r"\b", "", body)
        chunk = f"\n## Part {index}: {source.stem}\n\n{body.strip()}\n"
        if not placed and total > BIG_PAGE_BYTES * 2 // 3:
            chunk = f"\n## Target section\n\n{MARKER} is the word to find here.\n" + chunk
            placed = True
        parts.append(chunk)
        total += len(chunk.encode("utf-8"))
    return "".join(parts)


@pytest.fixture(scope="module")
def big_handbook(tmp_path_factory: pytest.TempPathFactory) -> Handbook:
    from ..conftest import CORPORA, SEEDS, needs_shared

    corpora = needs_shared(CORPORA)
    sources = sorted(corpora.rglob("*.md")) + sorted(needs_shared(SEEDS).glob("*.txt"))
    root = tmp_path_factory.mktemp("big") / "hb"
    root.mkdir()
    (root / "index.md").write_text("# Home\n\nSee [the long page](big.md).\n", encoding="utf-8")
    (root / "big.md").write_text(build_big_page(sources), encoding="utf-8")
    return Handbook.open(root)


async def open_big(pilot: Pilot[None], app: HandbookApp) -> PageView:
    await settle(pilot)
    view = page_view(app)
    assert view.page is not None and view.page.path == "big.md"
    assert view.virtual_size.height > 5000
    return view


async def test_big_page_end_then_line_keys(big_handbook: Handbook) -> None:
    app = HandbookApp(big_handbook, big_handbook.find("big"))
    async with app.run_test(size=SIZE) as pilot:
        view = await open_big(pilot, app)
        await pilot.press("G")
        await settle(pilot)
        breadcrumb_follows(app)
        await keys_move_exactly(pilot, view)
        for _ in range(3):
            await page_up(pilot, view)
        breadcrumb_follows(app)


async def test_big_page_anchor_back_forward_outline(big_handbook: Handbook) -> None:
    app = HandbookApp(big_handbook, big_handbook.find("big"))
    async with app.run_test(size=SIZE) as pilot:
        view = await open_big(pilot, app)
        await line_down(pilot, view)
        reading = screen_lines(view)
        await follow_link_to(pilot, view, "#target-section")
        assert screen_lines(view)[0] == "Target section"
        breadcrumb_follows(app)
        await keys_move_exactly(pilot, view)
        there = screen_lines(view)
        await pilot.press("H")
        await settle(pilot)
        assert screen_lines(view) == reading
        await pilot.press("L")
        await settle(pilot)
        assert screen_lines(view) == there
        await keys_move_exactly(pilot, view)
        await outline_jump(pilot, app, view.blocks[len(view.blocks) * 2 // 5].section.anchor)
        await keys_move_exactly(pilot, view)
        breadcrumb_follows(app)


async def test_big_page_find_then_escape_then_line_keys(big_handbook: Handbook) -> None:
    app = HandbookApp(big_handbook, big_handbook.find("big"))
    async with app.run_test(size=SIZE) as pilot:
        view = await open_big(pilot, app)
        await find_and_close(pilot, MARKER)
        assert any(MARKER in line for line in screen_lines(view))
        breadcrumb_follows(app)
        await keys_move_exactly(pilot, view)


# ---------------------------------------------------------------- Tab, Esc, smart case


def link_rows(view: PageView) -> tuple[list[int], list[int]]:
    """(rows with a link drawn on them, rows with the chosen link), read from the drawn segments."""
    links, chosen = [], []
    for y in range(view.scrollable_content_region.height):
        segments = list(view.render_line(y))
        if any(seg.style is not None and seg.style.meta.get("href") for seg in segments):
            links.append(y)
        if any(seg.style is not None and seg.style.reverse for seg in segments):
            chosen.append(y)
    return links, chosen


async def test_tab_chooses_a_link_on_screen_first(seeds: Path) -> None:
    """Seed 000 has links at its top and at its end, pages apart."""
    app = HandbookApp(Handbook.open(seeds / "000_ccabf785eee69cde.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        top = screen_lines(view)
        top_links, _ = link_rows(view)
        assert len(top_links) > 1
        await pilot.press("tab")
        await settle(pilot)
        assert link_rows(view)[1] == [top_links[0]]
        await pilot.press("G")
        await settle(pilot)
        end = screen_lines(view)
        end_links, chosen = link_rows(view)
        assert len(end_links) > 1 and not chosen  # the chosen link is off screen
        await pilot.press("tab")
        await settle(pilot)
        assert screen_lines(view) == end, "Tab moved away from the links on screen"
        assert link_rows(view)[1] == [end_links[0]], "Tab did not choose the first link on screen"
        await pilot.press("g")
        await settle(pilot)
        assert screen_lines(view) == top
        await pilot.press("shift+tab")
        await settle(pilot)
        assert screen_lines(view) == top, "Shift+Tab moved away from the links on screen"
        assert link_rows(view)[1] == [top_links[-1]], "Shift+Tab did not choose the last link on screen"


async def test_chosen_link_survives_a_resize(seed_002: Handbook) -> None:
    """Opening the outline narrows the page, which is drawn again: the link chosen with Tab (off screen,
    its section not drawn again yet) stays chosen, and drawing the page does not fail."""
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        await pilot.press("tab")
        href = view.selected_href
        assert href is not None
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert any(screen_lines(view))
        assert view.selected_href == href


async def test_escape_closes_the_outline_after_a_jump(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        outline = app.screen.query_one(Outline)
        await outline_jump(pilot, app, "checklists")
        assert outline.display and app.focused is page_view(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not outline.display
        await pilot.press("t")  # and from the outline itself
        await settle(pilot)
        assert outline.display and app.focused is outline
        await pilot.press("escape")
        await settle(pilot)
        assert not outline.display and app.focused is page_view(app)


async def test_find_bar_says_whether_case_matters(seed_002: Handbook) -> None:
    app = HandbookApp(seed_002)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = page_view(app)
        await pilot.press("slash")
        await settle(pilot)
        bar = app.screen.query_one(FindBar)
        hint = bar.query_one("#find-case", Label)
        assert "smart case" in str(hint.render()).lower()
        await pilot.press(*"postmortem")
        await settle(pilot)
        insensitive = view.match_count
        assert "ignor" in str(hint.render()).lower()
        await pilot.press("backspace", *"M")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "postmorteM"
        assert "match" in str(hint.render()).lower() and view.match_count < insensitive
