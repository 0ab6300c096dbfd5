"""The search screen under Pilot: search as you type, Enter opens the section with the terms marked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual.widgets import Input, OptionList

from handbook.content import Handbook
from handbook.tui import app as tui_app
from handbook.tui.app import HandbookApp
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.screens.search import SearchResults, SearchScreen
from handbook.tui.widgets.find_bar import FindBar

from ..conftest import write

SIZE = (120, 40)


async def wait_for_search(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.settled()
    await pilot.pause()


async def test_type_enter_opens_the_section_with_terms_marked(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_search(pilot)  # the index is built in the background at start-up
        assert app.index_status == ""
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen) and isinstance(app.focused, Input)
        await pilot.press(*"make install")
        await wait_for_search(pilot)
        assert screen.hits and (screen.hits[0].path, screen.hits[0].anchor) == ("guide/setup.md", "install")
        assert screen.query_one(OptionList).option_count == len(screen.hits)  # separators are not options
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader
        view = reader.page_view
        assert view.page is not None and view.page.path == "guide/setup.md"
        assert view.current_section is not None and view.current_section.anchor == "install"
        assert view.match_count >= 2  # "make" and "install" are marked in the page
        assert reader.query_one(FindBar).display
        await pilot.press("n")  # step through the marked words like find results
        assert view.match_number == 2


async def test_escape_goes_back_to_where_you_were(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook, small_handbook.find("guide/setup#check"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_search(pilot)
        await pilot.press("s", *"alpha")
        await wait_for_search(pilot)
        await pilot.press("escape")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.page is not None and reader.page.path == "guide/setup.md"


async def test_arrows_move_and_typos_suggest(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_search(pilot)
        await pilot.press("s", *"alphq")
        await wait_for_search(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert "Showing results for alpha" in str(screen.query_one("#search-status").render())
        results = screen.query_one(OptionList)
        assert results.highlighted == 0
        await pilot.press("down")
        assert results.highlighted == min(1, len(screen.hits) - 1)


async def test_results_arriving_after_the_screen_closed_are_dropped(small_handbook: Handbook) -> None:
    """A search worker may finish after Esc closed the screen (seen in a real terminal): no crash."""
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_search(pilot)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen.show_results("", None)  # what the late worker's call_from_thread does
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_a_damaged_index_is_rebuilt_from_the_search_screen(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_search(pilot)
        for segment in app.search_index.directory.glob("shard-*/*.seg"):
            segment.write_bytes(segment.read_bytes()[:64])  # broken under the running app
        app.search_index.close()
        await pilot.press("s")
        await pilot.press(*"make install")
        await wait_for_search(pilot)  # the search failed, the rebuild ran
        await wait_for_search(pilot)  # and the search ran again when it finished
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.hits and screen.hits[0].path == "guide/setup.md"
        toasts = " ".join(str(t.render()) for t in app.screen.query("Toast"))
        assert "search index was damaged" in toasts


async def test_results_of_a_growing_index_keep_the_first_result_unless_the_user_moved(
    small_handbook: Handbook,
) -> None:
    """While the index is built, the same query is searched again as pages come in: a user who has not
    moved sees the new first result at the top; one who moved stays on the hit they chose."""
    app = HandbookApp(small_handbook)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_search(pilot)
        await pilot.press("s", *"make")
        await wait_for_search(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hits) >= 2
        results = screen.query_one(OptionList)
        first, *rest = screen.hits
        assert screen.result is not None
        grown = replace(screen.result, hits=[*rest, first])  # a better hit arrived above the first
        screen.show_results("make", grown)
        await pilot.pause()
        assert results.highlighted == 0 and results.scroll_y == 0
        assert len(rest) >= 1 and (screen.hits[0].path, screen.hits[0].anchor) == (
            rest[0].path,
            rest[0].anchor,
        )
        await pilot.press("down")  # the user chooses the second hit
        chosen = screen.hits[1]
        screen.show_results("make", replace(grown, hits=list(reversed(grown.hits))))
        await pilot.pause()
        assert results.highlighted is not None
        kept = screen.query_one(SearchResults).highlighted_hit
        assert kept is not None and (kept.path, kept.anchor) == (chosen.path, chosen.anchor)


async def test_matched_words_are_styled_by_the_mark_component_class(tmp_path: Path) -> None:
    """The snippet's matches are spans styled with ``search-results--mark`` (a theme or the user's CSS
    restyles them); a page's own ``**`` is shown as it is, not taken for a mark."""
    write(tmp_path, "index.md", "# Home\n\nStart here.\n")
    write(tmp_path, "globs.md", "# Globs\n\nThe glob `src/**/*.py` and `a ** b` pick each widget file.\n")

    class RedMarks(HandbookApp):
        CSS_PATH = str(Path(tui_app.__file__).with_name("app.tcss"))
        CSS = "SearchResults > .search-results--mark { color: red; text-style: underline; }"

    app = RedMarks(Handbook.open(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_search(pilot)
        await pilot.press("s", *"widget")
        await wait_for_search(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(SearchResults)
        prompt = results.get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        assert "src/**/*.py" in prompt.plain and "a ** b" in prompt.plain
        styled = [(prompt.plain[s.start : s.end], s.style) for s in prompt.spans]
        mark = results.get_component_rich_style("search-results--mark", partial=True)
        assert mark.underline and mark.color is not None and mark.color.triplet == (255, 0, 0)
        assert [text for text, style in styled if style == mark] == ["widget"]


def test_a_title_hit_without_a_snippet_has_no_empty_line() -> None:
    """During a cold build the first tier finds pages by title before their text is indexed."""
    from rich.style import Style

    from handbook.search import Hit, Snippet
    from handbook.tui.screens.search import hit_label

    mark = Style(bold=True)
    bare = hit_label(Hit("ops/deploys.md", "", "Deploys", "", "", Snippet(""), 1.0), mark)
    assert bare.plain == "Deploys\nops/deploys.md"
    snippet = Snippet("How we deploy", ((7, 13),))
    full = hit_label(Hit("ops/deploys.md", "", "Deploys", "", "", snippet, 1.0), mark)
    assert full.plain == "Deploys\nops/deploys.md\nHow we deploy"
    assert [full.plain[s.start : s.end] for s in full.spans if s.style == mark] == ["deploy"]
