"""Find in page: a find, a search's words or the glossary's terms marked in the page, stepped with n/N.

The matches of the blocks already rendered are found at once, the others as the background renders
them (``Matches.pending``); ``MatchesChanged`` tells the reader the count grew.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from textual.message import Message

from handbook.tui.page.find import Spans, literal_spans, pattern_spans, word_spans
from handbook.tui.widgets.page_core import PageCore

EAGER_FIND_CHARS = 50_000  # a find renders the rest of the page first when it is this small…
EAGER_FIND_SECONDS = 0.05  # …and that takes no longer than this


class PageFind(PageCore):
    """The find-in-page half of ``PageView``."""

    class MatchesChanged(Message, namespace="page_view"):
        """More matches of the find were found (in blocks rendered since), or the search is done."""

    def find(self, query: str) -> int:
        """Highlight every match of ``query`` (case-insensitive unless it has capitals); go to the first."""
        if not query:
            self.clear_find()
            return 0
        return self._collect(query, literal_spans(query), reveal=True)

    def highlight_pattern(self, label: str, pattern: re.Pattern[str]) -> int:
        """Mark every match of ``pattern`` without moving; n/N step through them."""
        return self._collect(label, pattern_spans(pattern), reveal=False)

    def highlight_terms(self, label: str, wanted: Callable[[str], bool]) -> int:
        """Mark every word for which ``wanted(word)`` holds (a search's terms), without moving; n/N step."""
        return self._collect(label, word_spans(wanted), reveal=False)

    def _collect(self, label: str, spans: Spans, *, reveal: bool) -> int:
        """Matches in the blocks rendered so far, now; in the others as the background renders them.

        A page whose unrendered text is small is rendered first (the count is then final at once).
        """
        self.matches.clear()
        if not self.blocks:
            return 0
        waiting = [i for i, block in enumerate(self.blocks) if block.strips is None]
        if sum(len(self.blocks[i].section.markdown) for i in waiting) <= EAGER_FIND_CHARS:
            # Within a time budget: 50,000 characters of a FAQ with 52 sections took 0.3-0.6 s to
            # render, and the UI was blocked that long; what is left is counted as it is rendered.
            deadline = time.perf_counter() + EAGER_FIND_SECONDS
            for index in waiting:
                self._render_one_in_place(index)
                if time.perf_counter() > deadline:
                    break
            waiting = [i for i in waiting if self.blocks[i].strips is None]
        self.matches.begin(label, spans, waiting)
        for index, block in enumerate(self.blocks):
            if block.strips is not None:
                self.matches.add(index, block.find_lines())
        self._reveal_wanted = reveal
        self._choose_match()
        self._schedule_rendering()
        self.refresh()
        return len(self.matches.items)

    def _choose_match(self) -> bool:
        """The first match from the top of the screen becomes current (once); a find goes there."""
        top = int(self.scroll_y)
        block = self._block_at(top)
        if not self.matches.choose(block, top - self._offsets[block]):
            return False
        if self._reveal_wanted:
            self._reveal_wanted = False
            self._reveal_match()
        return True

    def _found_more(self) -> None:
        """After blocks were rendered: the matches found in them are counted, and maybe gone to."""
        if not self._matches_grew:
            return
        self._matches_grew = False
        self._choose_match()
        self.post_message(self.MatchesChanged())

    @property
    def searching(self) -> bool:
        """Whether a find is still waiting for blocks to be rendered (its count can grow)."""
        return bool(self.matches.pending)

    @property
    def current_match_text(self) -> str | None:
        """The text of the current find (or marked-term) match."""
        match = self.matches.current
        strip = self.line_strip(self._offsets[match.block] + match.line) if match is not None else None
        return (
            strip.crop(match.start, match.end).text.strip()
            if match is not None and strip is not None
            else None
        )

    @property
    def match_count(self) -> int:
        return len(self.matches.items)

    @property
    def match_number(self) -> int:
        return self.matches.number

    def next_match(self, step: int = 1) -> None:
        if self.matches.step(step) is not None:
            self._reveal_match()
            self.refresh()

    def clear_find(self) -> None:
        self.matches.clear()
        self.refresh()

    def _reveal_match(self) -> None:
        match = self.matches.current
        if match is None:
            return
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        line = self._offsets[match.block] + match.line
        if not top <= line < top + height:
            self._scroll_to_line(line - height // 3)
