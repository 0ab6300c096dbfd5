"""A term's definition over the page, with the way to its glossary entry."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from handbook.glossary import Term
from handbook.tui.screens.base import HandbookAppAccess
from handbook.tui.screens.glossary import GlossaryScreen, definition_text, place_name


class DefinitionScreen(HandbookAppAccess, ModalScreen[None]):
    """A term's definition over the page: read it and go on reading."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,d", "close", "Close", id="definition.close"),
        Binding("g", "glossary", "Open in glossary", id="definition.glossary"),
    ]

    def __init__(self, term: Term) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        with Vertical(id="definition-box"):
            handbook = self.handbook_app.handbook
            text = definition_text(self.term, lambda location: place_name(handbook, location))
            yield Static(text, id="definition-text")
            yield Static("esc close · g open in the glossary", id="definition-keys")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_glossary(self) -> None:
        self.dismiss(None)
        self.app.push_screen(GlossaryScreen(self.term.term))
