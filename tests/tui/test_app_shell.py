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


async def test_the_tree_builds_a_folder_when_it_is_opened(tmp_path: Path) -> None:
    """Only the top level and the way to the open page exist at first; a folder fills in on expand."""
    write(tmp_path, "index.md", "# Home\n")
    for team in ("api", "web"):
        write(tmp_path, f"teams/{team}/index.md", f"# Team {team}\n")
        for n in range(3):
            write(tmp_path, f"teams/{team}/page-{n}.md", f"# {team} page {n}\n")
    hb = Handbook.open(tmp_path)
    app = HandbookApp(hb, hb.find("teams/web/page-2"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(PageTree)
        assert "page:teams/web/page-2.md" in tree.page_nodes  # the way to the open page is built
        assert tree.cursor_node is not None and tree.cursor_node.data == "teams/web/page-2.md"
        assert "page:teams/api/page-0.md" not in tree.page_nodes  # a folder nobody opened is not
        api = tree.page_nodes["page:teams/api/index.md"]
        tree.focus()
        tree.move_cursor(api)
        await pilot.press("space")  # expand it
        await pilot.pause()
        assert api.is_expanded
        assert [str(child.label) for child in api.children] == ["api page 0", "api page 1", "api page 2"]
        tree.move_cursor(api.children[1])
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.page is not None
        assert screen.page.path == "teams/api/page-1.md"
