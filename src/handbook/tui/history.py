"""Back/forward history of places in the handbook, like a browser's."""

from __future__ import annotations

from dataclasses import dataclass, replace

MAX_ENTRIES = 200


@dataclass(frozen=True)
class Place:
    path: str
    anchor: str = ""
    line: int = 0  # lines into the section at the top, so coming back lands where you were


class History:
    def __init__(self) -> None:
        self._entries: list[Place] = []
        self._index = -1

    @property
    def current(self) -> Place | None:
        return self._entries[self._index] if self._index >= 0 else None

    @property
    def position(self) -> int:
        return self._index

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def visit(self, place: Place) -> None:
        """A new place: forward history is dropped, as in a browser."""
        del self._entries[self._index + 1 :]
        self._entries.append(place)
        if len(self._entries) > MAX_ENTRIES:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def remember(self, anchor: str, line: int) -> None:
        """Update where the reader is on the current page before moving away."""
        if self.current is not None:
            self._entries[self._index] = replace(self.current, anchor=anchor, line=line)

    def back(self) -> Place | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Place | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current
