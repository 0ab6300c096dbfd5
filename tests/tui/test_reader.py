"""The reader under Pilot: anchors, links of every kind, history, find, outline, palette, theme, keymap."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from handbook import paths
from handbook.content import Handbook, PageRef
from handbook.tui.app import HandbookApp
from handbook.tui.dialogs.external_link import ExternalLinkScreen
from handbook.tui.dialogs.help import HelpScreen
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.widgets.find_bar import FindBar
from handbook.tui.widgets.outline import Outline
from handbook.tui.widgets.page_view import PageView

SIZE = (120, 40)


def reader(app: HandbookApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def toasts(app: HandbookApp) -> str:
    return " ".join(str(t.render()) for t in app.screen.query("Toast"))


async def click_link(pilot, view: PageView, href: str) -> None:  # type: ignore[no-untyped-def]
    """Click the first place ``href`` is drawn, as a user would."""
    for index, block in enumerate(view.blocks):
        for spot in block.links:
            if spot.href == href:
                line = view._offsets[index] + spot.line - int(view.scroll_y)
                region = view.scrollable_content_region
                await pilot.click(PageView, offset=(region.x - view.region.x + spot.start + 1, line))
                await pilot.pause()
                return
    raise AssertionError(f"link {href} not on screen")


async def test_opens_at_page_and_anchor(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook, small_handbook.find("guide/setup#install"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        assert view.page is not None and view.page.path == "guide/setup.md"
        assert view.current_section is not None and view.current_section.anchor == "install"


async def test_follow_relative_link_then_back_and_forward(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        view = screen.page_view
        await pilot.press("tab")
        assert view.selected_href == "guide/setup.md#install"
        await pilot.press("enter")
        await pilot.pause()
        assert view.page is not None and view.page.path == "guide/setup.md"
        assert view.current_section is not None and view.current_section.anchor == "install"
        await pilot.press("H")
        await pilot.pause()
        assert view.page.path == "index.md"
        await pilot.press("L")
        await pilot.pause()
        assert view.page.path == "guide/setup.md"
        await pilot.press("backspace")
        await pilot.pause()
        assert view.page.path == "index.md"


async def test_click_root_absolute_link(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        await click_link(pilot, view, "/ops/on-call/")
        assert view.page is not None and view.page.path == "ops/on-call.md"


async def test_broken_link_says_so_and_stays(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        await click_link(pilot, view, "missing.md")
        assert view.page is not None and view.page.path == "index.md"
        assert "Broken link 'missing.md'" in toasts(app)


async def test_external_link_shows_the_url_first(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_link(pilot, reader(app).page_view, "https://example.com/docs")
        assert isinstance(app.screen, ExternalLinkScreen)
        assert app.screen.url == "https://example.com/docs"
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_anchor_link_in_the_same_page(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        await click_link(pilot, view, "#last-part")
        assert view.current_section is not None and view.current_section.anchor == "last-part"


async def test_find_counts_and_steps(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        await pilot.press("slash")
        await pilot.pause()
        bar = app.screen.query_one(FindBar)
        count = app.screen.query_one("#find-count")
        assert bar.display and isinstance(app.focused, Input)
        await pilot.press(*"alpha")
        await pilot.pause()
        assert str(count.render()) == "1/3"  # lower-case query: case-insensitive, as you type
        await pilot.press("enter")  # back to reading, matches kept
        assert app.focused is view
        await pilot.press("n")
        assert str(count.render()) == "2/3"
        await pilot.press("n", "n")
        assert str(count.render()) == "1/3"  # wraps around
        await pilot.press("N")
        assert str(count.render()) == "3/3"
        await pilot.press("escape")
        assert not bar.display and view.match_count == 0
        await pilot.press("slash", *"ALPHA")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "ALPHA"
        assert view.match_count == 1  # capitals: case-sensitive
        await pilot.press("escape")
        assert not bar.display and app.focused is view


async def test_outline_jump(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        outline = app.screen.query_one(Outline)
        assert outline.display and app.focused is outline
        assert outline.option_count == 3
        await pilot.press("end", "enter")
        await pilot.pause()
        view = reader(app).page_view
        assert view.current_section is not None and view.current_section.anchor == "last-part"


async def test_palette_jump(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"setup guide")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        view = reader(app).page_view
        assert view.page is not None and view.page.path == "guide/setup.md"


async def test_theme_choice_is_remembered(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    assert 'theme = "nord"' in paths.config_file().read_text()
    again = HandbookApp(small_handbook)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_saved_light_theme_applies_before_the_first_page_is_drawn(small_handbook: Handbook) -> None:
    """The reader is composed as the app's first screen: the saved theme (and so the light code theme)
    must already be set then, or the first page is drawn in the wrong colours and drawn again."""
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text('theme = "textual-light"\n')
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert app.screen_stack == [app.screen] and isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(PageView).code_theme == "friendly"


async def test_keymap_from_config_and_help(small_handbook: Handbook) -> None:
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text('# mine\n[keymap]\n"reader.find" = "f"\n')
    app = HandbookApp(small_handbook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one(FindBar).display
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_open_page_at_anchor_from_the_app(small_handbook: Handbook) -> None:
    """What the palette and other screens call to show a page."""
    app = HandbookApp(small_handbook, PageRef("ops/on-call.md"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_page("guide/setup.md", "check")
        await pilot.pause()
        section = reader(app).page_view.current_section
        assert section is not None and section.anchor == "check"


async def test_a_page_that_fails_to_parse_shows_raw_text_and_a_warning(
    small_handbook: Handbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_parser(body: str, title: str) -> None:
        raise RecursionError("parser gave up")

    monkeypatch.setattr("handbook.content.parse.build_sections", broken_parser)  # used as a page is read
    app = HandbookApp(small_handbook, PageRef("guide/setup.md"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        panel = screen.query_one("#page-warnings")
        assert panel.display and "could not parse this page" in str(panel.render())
        view = screen.page_view
        text = "\n".join(
            view.line_strip(i).text for i in range(view.virtual_size.height) if view.line_strip(i)
        )
        assert "make install" in text


async def test_brackets_turn_pages_in_reading_order(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    order = [info.path for info in small_handbook.pages]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        assert view.page is not None and view.page.path == order[0]
        for expected in order[1:]:
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert view.page is not None and view.page.path == expected
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "last page" in toasts(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.page is not None and view.page.path == order[-2]


async def test_code_blocks_follow_a_light_or_dark_theme() -> None:
    """A dark code theme on a light app theme was hard to read: the code theme follows the app's."""
    hb = Handbook.open()
    app = HandbookApp(hb, hb.find("operations/runbooks/database-failover"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(PageView)
        app.theme = "textual-dark"
        await pilot.pause()
        assert view.code_theme == "monokai"
        dark = [block.strips for block in view.blocks if "```" in block.section.markdown]
        app.theme = "textual-light"
        await pilot.pause()
        assert view.code_theme == "friendly"
        view.scroll_to_anchor("", 0)
        await pilot.pause()
        light = [block.strips for block in view.blocks if "```" in block.section.markdown]
        assert dark and dark[0] is not None and light[0] is not None
        assert [s.text for s in dark[0]] == [s.text for s in light[0]]  # the same code, other colours
        assert [list(s) for s in dark[0]] != [list(s) for s in light[0]]
