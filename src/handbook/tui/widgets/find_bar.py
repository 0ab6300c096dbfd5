"""The find-in-page bar: type to highlight, Enter to read on with n/N stepping, Esc to close.

Find is smart case (a lower-case query ignores case, one with capitals matches it); the bar says which
applies to the query as typed, so a miss on "API" vs "api" is not a mystery.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from handbook.tui.page.find import is_case_sensitive

CASE_HINTS: dict[bool | None, str] = {None: "smart case", False: "ignoring case", True: "matching case"}


class FindBar(Horizontal):
    DEFAULT_CSS = """
    FindBar #find-case {
        padding: 0 1;
        color: $text-muted;
        text-style: dim;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="find.close"),
        Binding("down", "next", "Next match", show=False, id="find.next"),
        Binding("up", "previous", "Previous match", show=False, id="find.previous"),
    ]

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Step(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Closed(Message):
        pass

    class Done(Message):
        """Enter: keep the matches and go back to reading (n/N step through them)."""

    def compose(self) -> ComposeResult:
        yield Label("Find:", id="find-label")
        yield Input(placeholder="text in this page", id="find-input")
        yield Label(CASE_HINTS[None], id="find-case")
        yield Label("", id="find-count", markup=False)

    def open(self) -> None:
        """Show the bar with an empty query (like vim's '/')."""
        self.display = True
        self.query_one("#find-label", Label).update("Find:")
        field = self.query_one(Input)
        field.value = ""
        self.set_count(0, 0, "")
        self.show_case("")
        field.focus()

    def show_marks(self, label: str, text: str) -> None:
        """Show the bar for marks that are not a typed find (a search's words, the glossary's terms):
        ``label`` ("Search:") and ``text`` in the field, which stays as it is (no ``Changed``)."""
        self.display = True
        self.query_one("#find-label", Label).update(label)
        self.show_case(None)
        field = self.query_one(Input)
        with field.prevent(Input.Changed):
            field.value = text

    def hide(self) -> None:
        """Put the bar away (the reader closes a find: a new page, Esc in the page)."""
        self.display = False

    @property
    def is_open(self) -> bool:
        return bool(self.display)

    def show_case(self, query: str | None) -> None:
        """Say whether ``query`` matches case ("smart case" while it is empty); None hides the hint
        (the bar showing a search's words or marked terms, which are not a typed find)."""
        hint = self.query_one("#find-case", Label)
        hint.display = query is not None
        if query is not None:
            hint.update(CASE_HINTS[is_case_sensitive(query) if query else None])

    def set_count(self, number: int, total: int, query: str, searching: bool = False) -> None:
        """``3/12``; ``3/12…`` while the rest of a long page is still being searched."""
        if not query:
            text = ""
        elif total:
            text = f"{number}/{total}" + ("…" if searching else "")
        else:
            text = "searching…" if searching else "no matches"
        self.query_one("#find-count", Label).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_case(event.value)
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    def action_next(self) -> None:
        self.post_message(self.Step(+1))

    def action_previous(self) -> None:
        self.post_message(self.Step(-1))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
