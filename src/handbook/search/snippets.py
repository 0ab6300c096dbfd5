"""Snippets: a short passage of a section with the matched words marked as **word**."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from whoosh.highlight import ContextFragmenter, Formatter, highlight

from handbook.content.text import plain_text, readable_text
from handbook.search.analysis import analyzer

SNIPPET_CHARS = 180


class MarkFormatter(Formatter):
    """Matched words as **word**; fragments joined with an ellipsis."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{self._text(token.text if replace else text[token.startchar : token.endchar])}**"


_MARK = re.compile(r"\*\*(.+?)\*\*")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_match) pieces, for front ends that style the matched words."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for m in _MARK.finditer(snippet):
        parts += [(snippet[position : m.start()], False), (m.group(1), True)]
        position = m.end()
    parts.append((snippet[position:], False))
    return [p for p in parts if p[0]]


@lru_cache(maxsize=512)
def flat_text(markdown: str) -> str:
    """A section's readable text on one line. Cached: as you type, each new letter asks for the
    snippets of mostly the same sections, and parsing their Markdown was most of a query's time."""
    return readable_text(markdown) or " ".join(plain_text(markdown).split())


def snippet(markdown: str, highlight_terms: set[str]) -> str:
    """A short passage of the section with the matched words marked; its opening if none match.

    Cut from the section's readable text (the Markdown parsed as the reader parses it), not from a
    regex approximation, which lost underscores and left half-stripped links; a section with no
    text besides its heading shows the heading.
    """
    flat = flat_text(markdown)
    if highlight_terms:
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        marked = highlight(flat, highlight_terms, analyzer(), fragmenter, MarkFormatter(), top=1)
        if marked:
            return marked
    return flat[:SNIPPET_CHARS] + ("…" if len(flat) > SNIPPET_CHARS else "")
