"""Find in page: where a query (or a set of marked words) matched in the rendered lines.

The page view owns the lines; this keeps the matches, which one is current, and how they were found,
so that after a resize re-renders the page the same matcher can run again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

Spans = Callable[[str], Iterable[tuple[int, int]]]  # a line's text → (start, end) character spans

_WORD = re.compile(r"\w+(?:[-_.'’/]\w+)*")


def is_case_sensitive(query: str) -> bool:
    """Smart case (as in less and vim's smartcase): a query with capitals matches case exactly."""
    return query != query.lower()


def literal_spans(query: str) -> Spans:
    """``query`` anywhere, case-insensitive unless it has capitals (see ``is_case_sensitive``)."""
    flags = 0 if is_case_sensitive(query) else re.IGNORECASE
    return pattern_spans(re.compile(re.escape(query), flags))


def pattern_spans(pattern: re.Pattern[str]) -> Spans:
    return lambda text: (m.span() for m in pattern.finditer(text))


def word_spans(wanted: Callable[[str], bool]) -> Spans:
    """Every word for which ``wanted(word)`` holds (asked once per distinct word)."""
    cache: dict[str, bool] = {}

    def spans(text: str) -> Iterator[tuple[int, int]]:
        for m in _WORD.finditer(text):
            word = m.group(0)
            hit = cache.get(word)
            if hit is None:
                hit = cache[word] = wanted(word)
            if hit:
                yield m.span()

    return spans


@dataclass(frozen=True)
class Match:
    line: int  # line in the whole page
    start: int  # cells
    end: int


class Matches:
    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.items: list[Match] = []
        self.by_line: dict[int, list[int]] = {}
        self.index = -1
        self.label = ""
        self.spans: Spans | None = None

    def collect(self, label: str, spans: Spans, lines: Iterable[tuple[int, str]], top: int) -> int:
        """Every span in ``lines`` (line number, text); the current match is the first at or after ``top``."""
        self.clear()
        self.label, self.spans = label, spans
        for number, text in lines:
            for start, end in spans(text):
                if end == start:
                    continue
                cells = cell_len(text[:start])
                self.by_line.setdefault(number, []).append(len(self.items))
                self.items.append(Match(number, cells, cells + cell_len(text[start:end])))
        if self.items:
            self.index = next((i for i, m in enumerate(self.items) if m.line >= top), 0)
        return len(self.items)

    @property
    def current(self) -> Match | None:
        return self.items[self.index] if self.items and self.index >= 0 else None

    @property
    def number(self) -> int:
        """1-based number of the current match, 0 when there is none."""
        return self.index + 1 if self.items else 0

    def step(self, step: int) -> Match | None:
        if not self.items:
            return None
        self.index = (self.index + step) % len(self.items)
        return self.items[self.index]

    def on_line(self, line: int) -> Iterator[tuple[Match, bool]]:
        """The matches on one line, each with whether it is the current one."""
        for i in self.by_line.get(line, ()):
            yield self.items[i], i == self.index


def highlight(strip: Strip, start: int, end: int, style: Style) -> Strip:
    """``strip`` with cells ``start``..``end`` restyled."""
    length = strip.cell_length
    start, end = max(0, min(start, length)), max(0, min(end, length))
    if start >= end:
        return strip
    before, middle, after = strip.divide([start, end, length])
    middle = Strip(Segment.apply_style(middle, post_style=style), middle.cell_length)
    return Strip.join([before, middle, after])
