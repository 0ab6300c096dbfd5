"""The app shell under Pilot: opens on the landing page, at PAGE#anchor, and from the tree."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from handbook.content import Handbook, PageRef
from handbook.tui.app import HandbookApp
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.widgets.page_tree import PageTree

from ..conftest import write


def page_text(app: HandbookApp) -> str:
    static = app.screen.query_one("#page", Static)
    return str(static.render())


async def test_opens_on_the_landing_page() -> None:
    hb = Handbook.open()
    app = HandbookApp(hb)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.current == PageRef("index.md")
        assert app.title == hb.title == hb.landing.title
        assert screen.sub_title == ""  # the landing page's title is already the app's title


async def test_opens_at_page_and_anchor_and_follows_the_tree(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n")
    write(tmp_path, "ops/on-call.md", "# On call\n## Paging\nWhen paged, ack.\n")
    hb = Handbook.open(tmp_path)
    app = HandbookApp(hb, hb.find("ops/on-call#paging"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.current == PageRef("ops/on-call.md", "paging")
        tree = screen.query_one(PageTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "ops/on-call.md"
        tree.focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert screen.current == PageRef("index.md")
        await pilot.press("[")
        assert tree.display is False
        await pilot.press("q")
    assert app.return_code == 0
