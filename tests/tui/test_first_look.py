"""The app paints from a first look at the handbook, then reads the whole of it in a worker.

A cold 4,000-page handbook took seconds of blank screen before the first paint: the catalog read the
head of every page first. Now the app shows the front page (or the page asked for) from a first look —
the catalog cache as last saved, else the pages at the content root — and takes the real catalog when
a worker has built it: tree, links, search, glossary and checklist all come from the whole handbook.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.widgets.page_tree import PageTree

from ..conftest import write

SIZE = (120, 40)


def a_handbook(root: Path) -> Path:
    write(root, "index.md", "# Acme Handbook\n\nSee [deploys](ops/deploys.md).\n")
    write(root, "ops/index.md", "# Operations\n")
    write(root, "ops/deploys.md", "# Deploys\n\n## Rollbacks\n\nA zeppelin-shaped canary goes first.\n")
    write(root, "people/time-off.md", "# Time off\n\nAsk your manager.\n")
    return root


def reader(app: HandbookApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def test_a_cold_first_look_sees_the_front_page_and_the_page_asked_for(tmp_path: Path) -> None:
    root = a_handbook(tmp_path / "hb")
    first = Handbook.open_quickly(root)
    assert not first.complete and [p.path for p in first.pages] == ["index.md"]
    asked = Handbook.open_quickly(root, wanted="ops/deploys")
    assert sorted(p.path for p in asked.pages) == ["index.md", "ops/deploys.md"]
    assert asked.find("ops/deploys").path == "ops/deploys.md"
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n")
    (root / "linked.md").symlink_to(outside)
    assert "linked.md" not in [p.path for p in Handbook.open_quickly(root, wanted="linked").pages]


async def test_the_app_takes_the_whole_handbook_after_a_cold_first_look(tmp_path: Path) -> None:
    root = a_handbook(tmp_path / "hb")
    app = HandbookApp(Handbook.open_quickly(root))
    async with app.run_test(size=SIZE) as pilot:
        await app.settled()
        await pilot.pause()
        assert app.handbook.complete and len(app.handbook.pages) == 4
        tree = reader(app).query_one(PageTree)
        assert tree.display  # hidden while the first look had one page
        top = [str(node.label) for node in tree.root.children]
        assert top == ["Acme Handbook", "Operations", "People"]
        hits = app.search_index.search("zeppelin", 5).hits  # indexed from every page
        assert [h.path for h in hits] == ["ops/deploys.md"]
        view = reader(app).page_view
        assert view.page is not None
        assert [link.target.kind for link in view.page.links] == ["page"]  # against the whole handbook


async def test_a_stale_cache_is_shown_first_then_what_changed(tmp_path: Path) -> None:
    root = a_handbook(tmp_path / "hb")
    Handbook.open(root)  # the cache as a previous run left it
    write(root, "ops/deploys.md", "# Shipping\n\nRenamed.\n")
    write(root, "people/benefits.md", "# Benefits\n")
    first = Handbook.open_quickly(root, wanted="ops/deploys")
    assert not first.complete and first.info("ops/deploys.md") is not None
    assert first.info("ops/deploys.md").title == "Deploys"  # type: ignore[union-attr]
    assert first.info("people/benefits.md") is None
    app = HandbookApp(first, first.find("ops/deploys"))
    async with app.run_test(size=SIZE) as pilot:
        await app.settled()
        await pilot.pause()
        screen = reader(app)
        assert screen.page is not None and screen.page.path == "ops/deploys.md"
        assert screen.page.title == "Shipping"
        tree = screen.query_one(PageTree)
        assert tree.cursor_node is not None and str(tree.cursor_node.label) == "Shipping"
        tree.select_path("people/benefits.md")
        assert "page:people/benefits.md" in tree.page_nodes


async def test_a_wrong_front_page_is_replaced_only_if_the_reader_has_not_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = threading.Event()

    class HeldBack(Handbook):
        """The whole handbook is read only once the test has (or has not) scrolled."""

        @classmethod
        def open(cls, *args: Any, **kwargs: Any) -> Handbook:
            assert reading.wait(30), "the test never let the handbook be read"
            return Handbook.open(*args, **kwargs)

    monkeypatch.setattr("handbook.tui.app.Handbook", HeldBack)
    for scrolled in (False, True):
        reading.clear()
        root = tmp_path / f"hb-{scrolled}"  # each with an empty cache
        write(root, "zz.md", "# Zz notes\n\n" + "\n\n".join(f"Paragraph {n}." for n in range(200)))
        write(root, "aa/index.md", "# Aardvark\n")
        full = Handbook.open(root, use_cache=False)
        assert full.landing.path == "aa/index.md"  # what the whole handbook says
        first = Handbook.open_quickly(root)
        assert first.landing.path == "zz.md"  # all the first look could see
        app = HandbookApp(first)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if scrolled:
                await pilot.press("pagedown")
            reading.set()
            await app.settled()
            await pilot.pause()
            page = reader(app).page
            assert page is not None
            assert page.path == ("zz.md" if scrolled else "aa/index.md")
