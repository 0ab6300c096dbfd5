"""The app shell: opens on the landing page, the tree follows the page, keys toggle panels, q quits."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.widgets.page_tree import PageTree

from ..conftest import write


async def test_opens_on_the_landing_page() -> None:
    hb = Handbook.open()
    app = HandbookApp(hb)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.page is not None and screen.page.path == "index.md"
        assert app.title == hb.title == hb.landing.title
        assert screen.sub_title == ""  # the landing page's title is already the app's title


async def test_tree_follows_and_opens_pages(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n")
    write(tmp_path, "ops/on-call.md", "# On call\n## Paging\nWhen paged, ack.\n")
    hb = Handbook.open(tmp_path)
    app = HandbookApp(hb, hb.find("ops/on-call#paging"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        tree = screen.query_one(PageTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "ops/on-call.md"
        tree.focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert screen.page is not None and screen.page.path == "index.md"
        screen.page_view.focus()
        await pilot.press("p")
        assert tree.display is False
        await pilot.press("q")
    assert app.return_code == 0


async def test_narrow_terminal_starts_without_the_tree() -> None:
    app = HandbookApp(Handbook.open())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(PageTree)
        assert tree.display is False
        await pilot.press("p")
        assert tree.display is True
