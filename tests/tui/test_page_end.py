"""The end of a page names the next (and previous) page in the site's reading order, as links."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.page.end import NEXT_HREF, PREVIOUS_HREF
from handbook.tui.widgets.page_view import PageView

from ..conftest import write
from .test_reader import click_link, reader

SIZE = (120, 40)


def mkdocs_handbook(tmp_path: Path) -> Handbook:
    """A nav that is not alphabetical: the page end must follow it, not the file names."""
    root = tmp_path / "site"
    write(
        root,
        "mkdocs.yml",
        "site_name: Team handbook\nnav:\n  - Home: index.md\n  - Zulu first: zulu.md\n"
        "  - Alpha second: alpha.md\n  - '[On-call] (rota)': oncall.md\n",
    )
    write(root, "docs/index.md", "# Home\n\nWelcome.\n")
    write(root, "docs/zulu.md", "# Zulu\n\nRead this first.\n\n## More\n\nText.\n")
    write(root, "docs/alpha.md", "# Alpha\n\nThen this.\n")
    write(root, "docs/oncall.md", "# On-call\n\nLast.\n")
    return Handbook.open(root)


async def wait_for_end(pilot, view: PageView) -> None:  # type: ignore[no-untyped-def]
    """The end is added after the page is first drawn: wait until it is (frames, not time)."""
    for _ in range(100):
        if view.page_end is not None:
            return
        await pilot.pause()
    raise AssertionError("the page's end was never added")


def end_lines(view: PageView) -> list[str]:
    block = view.blocks[-1]
    assert block.strips is not None
    return [strip.text.strip() for strip in block.strips[len(block.strips) - block.tail :]]


async def test_next_line_follows_the_site_nav_and_opens_with_enter(tmp_path: Path) -> None:
    handbook = mkdocs_handbook(tmp_path)
    app = HandbookApp(handbook, handbook.find("zulu.md"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        await wait_for_end(pilot, view)
        await pilot.press("G")
        await pilot.pause()
        lines = end_lines(view)
        assert "Next: Alpha second" in lines and "Previous: Home" in lines
        assert view.find("Alpha second") == 0  # the page's own text only: "Next: …" is not in it
        await pilot.press("shift+tab")  # the last link on screen: Previous, then Next above it
        await pilot.press("shift+tab")
        assert view.selected_href == NEXT_HREF and view.selected_text == "Alpha second"
        await pilot.press("enter")
        await pilot.pause()
        assert view.page is not None and view.page.path == "alpha.md"
        await pilot.press("H")  # a page end is followed like a link: back returns
        await pilot.pause()
        assert view.page.path == "zulu.md"
        await pilot.press("right_square_bracket")  # ] turns to the page the end named
        await pilot.pause()
        assert view.page.path == "alpha.md"


async def test_previous_is_clickable_and_titles_stay_text(tmp_path: Path) -> None:
    handbook = mkdocs_handbook(tmp_path)
    app = HandbookApp(handbook, handbook.find("oncall.md"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        await wait_for_end(pilot, view)
        await pilot.press("G")
        await pilot.pause()
        assert end_lines(view)[1:] == ["Previous: Alpha second"]  # the last page has no Next
        await click_link(pilot, view, PREVIOUS_HREF)
        assert view.page is not None and view.page.path == "alpha.md"
        await wait_for_end(pilot, view)
        await pilot.press("G")
        await pilot.pause()
        assert "Next: [On-call] (rota)" in end_lines(view)  # a title that looks like markup, as written


async def test_first_page_offers_only_next(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    order = [info for info in small_handbook.pages]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).page_view
        assert view.page is not None and view.page.path == order[0].path
        await wait_for_end(pilot, view)
        await pilot.press("G")
        await pilot.pause()
        assert end_lines(view)[1:] == [f"Next: {order[1].title}"]


async def test_a_resize_keeps_the_place_on_a_page_with_an_end(tmp_path: Path) -> None:
    """The end is counted in the last section's height; a resize must still return to the same line."""
    root = tmp_path / "long"
    sections = "".join(f"## Part {n}\n\n" + "A line of text to read.\n\n" * 6 for n in range(1, 30))
    write(root, "index.md", "# Home\n\nWelcome.\n")
    write(root, "long.md", "# Long\n\n" + sections)
    handbook = Handbook.open(root)
    app = HandbookApp(handbook, handbook.find("long#part-3"))
    async with app.run_test(size=SIZE) as pilot:
        view = reader(app).page_view
        await wait_for_end(pilot, view)
        assert view.position() == ("part-3", 0)
        await pilot.press("t")  # the outline opens: the page is narrower
        await pilot.pause()
        assert view.position() == ("part-3", 0)
