"""The footer fits its width: at 80 columns the keys that matter most (help, quit, back) still show."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.widgets.footer import FittedFooter, is_key


def footer_actions(app: HandbookApp) -> list[str]:
    footer = app.screen.query_one(FittedFooter)
    keys: list[Widget] = [w for w in footer.children if is_key(w) and not w.has_class("-command-palette")]
    assert sum(w.outer_size.width for w in footer.children) <= app.size.width  # nothing is cut off
    return [str(getattr(w, "action", "")) for w in keys]


@pytest.mark.parametrize("width", [60, 80])
async def test_help_and_quit_show_at_narrow_widths(small_handbook: Handbook, width: int) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        actions = footer_actions(app)
        assert "help" in actions and "quit" in actions
        assert actions[-2:] == ["quit", "help"]  # in their usual place, at the end
        await pilot.press("o")
        await pilot.pause()
        assert {"back", "help", "quit"} <= set(footer_actions(app))


async def test_every_key_shows_when_there_is_room(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert {"search", "toggle_tree", "toggle_outline", "find", "help", "quit"} <= set(footer_actions(app))


async def test_a_narrow_start_says_how_to_show_the_hidden_page_list(small_handbook: Handbook) -> None:
    app = HandbookApp(small_handbook)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "press p to show it" in toasts(app)
    wide = HandbookApp(small_handbook)
    async with wide.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert "press p" not in toasts(wide)


def toasts(app: HandbookApp) -> str:
    return " ".join(" ".join(str(t.render()).split()) for t in app.screen.query("Toast"))
