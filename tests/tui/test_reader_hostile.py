"""The reader on hostile pages: a block renders a capped amount, with a marker saying what is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.content.text import page_markdown
from handbook.tui.app import HandbookApp
from handbook.tui.history import Place
from handbook.tui.page.caps import MAX_COLUMNS, MAX_LINE_CHARS, cap_block
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.widgets import page_find

from ..conftest import write

SIZE = (120, 40)
LONG_LINE = "word " * 100_000  # 500 KB on one line
WIDE_TABLE = (
    "|" + "|".join(f"c{i}" for i in range(2000)) + "|\n" + "|---" * 2000 + "|\n" + "| x " * 2000 + "|\n"
)


def test_a_long_line_is_cut_with_how_much_is_left() -> None:
    shown = cap_block(f"Intro.\n\n{LONG_LINE}\n\nAfter.\n")
    assert shown.startswith("Intro.\n\nword word")
    assert "… 490 KB more on this line not shown" in shown
    assert shown.endswith("\n\nAfter.\n")
    assert len(shown) < MAX_LINE_CHARS + 100


def test_a_wide_table_keeps_its_first_columns_and_says_how_many_more() -> None:
    shown = cap_block(WIDE_TABLE)
    rows = shown.split("\n")
    assert rows[0] == f"*… {2000 - MAX_COLUMNS:,} more columns not shown*"
    assert [row.count("|") for row in rows[2:5]] == [MAX_COLUMNS + 1] * 3
    assert rows[2].startswith("|c0|c1|")


def test_pipes_outside_a_table_and_in_code_are_not_columns() -> None:
    prose = "a | " * 100 + "\n"
    code = "```\n" + "|-" * 100 + "\n" + "|a" * 100 + "\n```\n"
    assert cap_block(prose) == prose
    assert cap_block(code) == code


async def test_the_reader_shows_a_huge_line_and_a_wide_table_cut(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    write(root, "index.md", f"# Home\n\n{LONG_LINE}\n\n## Table\n\n{WIDE_TABLE}")
    handbook = Handbook.open(root)
    app = HandbookApp(handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.page_view
        view.render_all()
        text = "\n".join(strip.text for block in view.blocks for strip in block.strips or [])
        assert "490 KB more on this line not shown" in text
        assert "1,970 more columns not shown" in text
        assert sum(block.height for block in view.blocks) < 200
    assert LONG_LINE.strip() in (page_markdown(handbook.page("index.md")) or "")  # `show` has it all


async def test_find_on_a_long_page_answers_at_once_and_counts_on_in_the_background(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    sections = [f"## Part {i}\n\n" + "Plain words to read here. " * 40 + "\n" for i in range(300)]
    sections[150] += "The zebrafinch sings.\n"
    sections[299] += "Another zebrafinch.\n"
    write(root, "index.md", "# Home\n\nSmall.\n")
    write(root, "long.md", "# Long\n\n" + "\n".join(sections))
    app = HandbookApp(Handbook.open(root))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.page_view
        screen.open_place(Place("long.md"))
        view.find("zebrafinch")  # in the same turn: nothing else has rendered the page in between
        assert any(block.strips is None for block in view.blocks)  # the find did not render it all
        assert view.searching
        while view.searching:  # the background rendering searches the rest
            await pilot.pause()
        assert view.match_count == 2 and view.match_number == 1
        assert view.current_match_text == "zebrafinch"
        match = view.matches.current
        assert match is not None and view.blocks[match.block].section.anchor == "part-150"
        line, top = view._offsets[match.block] + match.line, int(view.scroll_y)
        assert top <= line < top + view.scrollable_content_region.height  # the find went there


async def test_find_on_a_short_page_that_is_slow_to_draw_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short page is rendered whole before a find counts, but only within a time budget: a 47 KB
    FAQ of 52 sections blocked the UI for 0.3-0.6 s. With no budget at all, the find renders one
    section and the background counts the rest."""
    monkeypatch.setattr(page_find, "EAGER_FIND_SECONDS", 0.0)
    root = tmp_path / "hb"
    faq = [f"## Question {i}\n\nThe answer is short.\n" for i in range(60)]
    faq[59] += "The zebrafinch knows.\n"
    write(root, "index.md", "# Home\n\nSmall.\n")
    write(root, "faq.md", "# FAQ\n\n" + "\n".join(faq))
    app = HandbookApp(Handbook.open(root))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.page_view
        screen.open_place(Place("faq.md"))
        unrendered = sum(block.strips is None for block in view.blocks)
        view.find("zebrafinch")
        assert sum(block.strips is None for block in view.blocks) == unrendered - 1
        assert view.searching
        while view.searching:
            await pilot.pause()
        assert view.match_count == 1 and view.current_match_text == "zebrafinch"
