"""Shown before an external link leaves the terminal: the URL, and an explicit key to open it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class ExternalLinkScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open in browser", id="external.open"),
        Binding("escape,q,n", "cancel", "Cancel", id="external.cancel"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="external-box"):
            yield Label("This link leaves the handbook:", id="external-title")
            yield Static(self.url, id="external-url", markup=False)
            yield Label("o  open in your browser      Esc  stay here", id="external-keys")

    def action_open(self) -> None:
        self.app.open_url(self.url)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
