"""The Textual application: it owns the opened handbook and hosts the screens."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from handbook.content import Handbook, PageRef
from handbook.tui.screens.reader import ReaderScreen


class HandbookApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "handbook"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", id="app.quit")]

    def __init__(self, handbook: Handbook, start: PageRef | None = None) -> None:
        super().__init__()
        self.handbook = handbook
        self.start = start
        self.title = handbook.title

    def on_mount(self) -> None:
        self.push_screen(ReaderScreen(self.handbook, self.start))


def run_app(handbook: Handbook, start: PageRef | None = None) -> int:
    HandbookApp(handbook, start).run()
    return 0
