"""Find in page: where a query (or a set of marked words) matched in the rendered lines.

The page view owns the lines; this keeps the matches, which one is current, and how they were found,
so that after a resize re-renders the page the same matcher can run again.
"""

from __future__ import annotations

import bisect
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


@dataclass(frozen=True, order=True)
class Match:
    """A match where it is drawn: a line of one block (a section), in cells. Kept per block, not per
    page line, so that blocks rendered later (whose heights move every line below) do not move it."""

    block: int
    line: int  # line within the block
    start: int  # cells
    end: int


class Matches:
    """The matches of one find, gathered block by block as the blocks are rendered.

    A 500 KiB page is rendered in the background over seconds; rendering it all before a find froze
    the reader for that long. The blocks already drawn are searched at once, the others when they are
    rendered (``pending`` says which are left).
    """

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.items: list[Match] = []  # sorted: page order
        self.current: Match | None = None
        self.label = ""
        self.spans: Spans | None = None
        self.pending: set[int] = set()  # blocks not searched yet

    def begin(self, label: str, spans: Spans, pending: Iterable[int]) -> None:
        self.clear()
        self.label, self.spans = label, spans
        self.pending = set(pending)

    def add(self, block: int, lines: Iterable[tuple[int, str]]) -> int:
        """The matches in one block's lines (line in the block, text); how many there were."""
        self.pending.discard(block)
        if self.spans is None:
            return 0
        found: list[Match] = []
        for number, text in lines:
            for start, end in self.spans(text):
                if end == start:
                    continue
                cells = cell_len(text[:start])
                found.append(Match(block, number, cells, cells + cell_len(text[start:end])))
        if found:
            at = bisect.bisect_left(self.items, found[0])
            self.items[at:at] = found
        return len(found)

    def choose(self, block: int, line: int) -> bool:
        """Make the first match at or after (block, line) current, once; the first of all when every
        block has been searched and none is after. True when a match became current."""
        if self.current is not None or not self.items:
            return False
        at = bisect.bisect_left(self.items, Match(block, line, -1, -1))
        if at < len(self.items):
            self.current = self.items[at]
        elif not self.pending:
            self.current = self.items[0]
        return self.current is not None

    @property
    def index(self) -> int:
        return bisect.bisect_left(self.items, self.current) if self.current is not None else -1

    @property
    def number(self) -> int:
        """1-based number of the current match, 0 when there is none."""
        return self.index + 1 if self.items and self.current is not None else 0

    def step(self, step: int) -> Match | None:
        if not self.items:
            return None
        index = self.index if self.current is not None else (-1 if step > 0 else 0)
        self.current = self.items[(index + step) % len(self.items)]
        return self.current

    def on_line(self, block: int, line: int) -> Iterator[tuple[Match, bool]]:
        """The matches on one line of a block, each with whether it is the current one."""
        at = bisect.bisect_left(self.items, Match(block, line, -1, -1))
        while at < len(self.items) and self.items[at].block == block and self.items[at].line == line:
            yield self.items[at], self.items[at] == self.current
            at += 1


def highlight(strip: Strip, start: int, end: int, style: Style) -> Strip:
    """``strip`` with cells ``start``..``end`` restyled."""
    length = strip.cell_length
    start, end = max(0, min(start, length)), max(0, min(end, length))
    if start >= end:
        return strip
    before, middle, after = strip.divide([start, end, length])
    middle = Strip(Segment.apply_style(middle, post_style=style), middle.cell_length)
    return Strip.join([before, middle, after])
