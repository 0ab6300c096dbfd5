"""The find-in-page bar: type to highlight, Enter to read on with n/N stepping, Esc to close."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class FindBar(Horizontal):
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
        yield Label("", id="find-count")

    def open(self) -> None:
        """Show the bar with an empty query (like vim's '/')."""
        self.display = True
        self.query_one("#find-label", Label).update("Find:")
        field = self.query_one(Input)
        field.value = ""
        self.set_count(0, 0, "")
        field.focus()

    def set_count(self, number: int, total: int, query: str) -> None:
        text = "" if not query else (f"{number}/{total}" if total else "no matches")
        self.query_one("#find-count", Label).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
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
