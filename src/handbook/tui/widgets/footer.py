"""A footer that fits its width: the keys that do not fit are left out, never help and quit.

Textual's footer lays every shown binding in one row and cuts what overflows, so at 80 columns the
keys a new user most needs (``?`` for every key, ``q``) were the ones that disappeared.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

ALWAYS_SHOWN = frozenset({"help", "app.help", "quit", "app.quit", "back"})  # kept at any width
# Keys a user finds without the footer (the link keys work as in a browser): given room last.
FIRST_DROPPED = ("next_link", "follow_link")
PALETTE_ROOM = 14  # "▏^p palette" docked on the right, with its border and padding


def is_key(widget: Widget) -> bool:
    """A footer key (Textual does not export its class; its attributes are documented in its footer)."""
    return hasattr(widget, "key_display") and hasattr(widget, "action")


def key_width(key: Widget) -> int:
    """Cells one key takes in the (non-compact) footer: " k " + "description "."""
    width = Text(str(getattr(key, "key_display", ""))).cell_len + 2
    description = str(getattr(key, "description", ""))
    return width + (Text(description).cell_len + 1 if description else 0)


def action(key: Widget) -> str:
    return str(getattr(key, "action", ""))


def fit(keys: list[Widget], width: int) -> list[Widget]:
    """The keys that fit, shown in their order; room goes to help, quit and back first, FIRST_DROPPED last."""

    def rank(key: Widget) -> int:
        if action(key) in ALWAYS_SHOWN:
            return -1
        return FIRST_DROPPED.index(action(key)) + 1 if action(key) in FIRST_DROPPED else 0

    kept: list[Widget] = []
    room = width
    for key in sorted(keys, key=rank):  # stable: keys of the same rank keep their order
        if key_width(key) <= room:
            kept.append(key)
            room -= key_width(key)
    return [key for key in keys if key in kept]


class FittedFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if is_key(w) and not w.has_class("-command-palette")]
        others = [w for w in widgets if w not in keys]
        width = self.size.width or self.app.size.width
        room = width - (PALETTE_ROOM if any(w.has_class("-command-palette") for w in others) else 0)
        yield from fit(keys, room)
        yield from others

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        """Only when the keys shown would change: Textual recomposes on every bindings update (a dozen
        times while the first screen mounts, each restyling every key)."""
        if not self.is_attached or self._pruning:
            return  # as Textual's recompose: the screen is going (compose would find none)
        shown = self._shown_keys()
        if shown == getattr(self, "_last_shown", None):
            return
        self._last_shown = shown
        await super().recompose()

    def _shown_keys(self) -> tuple[object, ...]:
        return tuple(
            (action(w), str(getattr(w, "key_display", "")), str(getattr(w, "description", "")), w.disabled)
            if is_key(w)
            else type(w).__name__
            for w in self.compose()
        )
