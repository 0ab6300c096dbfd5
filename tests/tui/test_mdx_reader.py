"""An MDX page of a Next.js (Nextra) site in the reader: the callout's and tabs' text, never its code."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.widgets.page_tree import PageTree

from ..mdx_sites import nextra2
from .test_reader import reader

SIZE = (100, 40)


async def test_the_reader_shows_the_callout_and_tabs_not_the_mdx(tmp_path: Path) -> None:
    handbook = Handbook.open(nextra2(tmp_path / "site"))
    app = HandbookApp(handbook, handbook.find("onboarding/laptop"))
    async with app.run_test(size=SIZE) as pilot:
        await app.settled()
        await pilot.pause()
        view = reader(app).page_view
        assert view.page is not None and view.page.path == "onboarding/laptop.mdx"
        shown = "\n".join(
            strip.text for block in view.blocks if block.strips is not None for strip in block.strips
        )
        assert "Ask IT for VPN access" in shown and "Warning:" in shown
        assert "macOS" in shown and "zebracorn installer" in shown
        for raw in ("import", "nextra/components", "<Callout", "</Tabs", "{/*", "TODO", "{600}"):
            assert raw not in shown
        tree = reader(app).query_one(PageTree)
        top = [str(node.label) for node in tree.root.children]
        assert top[:3] == ["Introduction", "Onboarding", "Engineering"]
