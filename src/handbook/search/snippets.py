"""Snippets: a short passage of a section, with where the matched words are in it.

The matches are spans (start, end) into the passage's plain text, not markup around the words: a
handbook's text is data (a page that itself contains ``**`` or ``[b]`` is shown as it is), and each
front end styles the spans its own way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token
from whoosh.highlight import FIRST, BasicFragmentScorer, ContextFragmenter, top_fragments

from handbook.content.text import plain_text, readable_text
from handbook.search.analysis import analyzer

SNIPPET_CHARS = 180
BETWEEN = " … "  # joins the passages of one snippet


@dataclass(frozen=True)
class Snippet:
    """A passage of plain text and the (start, end) character offsets of its matched words, in order."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()

    def parts(self) -> list[tuple[str, bool]]:
        """The text as (piece, is_match) pieces, for front ends that style the matched words."""
        parts: list[tuple[str, bool]] = []
        position = 0
        for start, end in self.marks:
            parts += [(self.text[position:start], False), (self.text[start:end], True)]
            position = end
        parts.append((self.text[position:], False))
        return [p for p in parts if p[0]]

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=512)
def flat_text(markdown: str) -> str:
    """A section's readable text on one line. Cached: as you type, each new letter asks for the
    snippets of mostly the same sections, and parsing their Markdown was most of a query's time."""
    return readable_text(markdown) or " ".join(plain_text(markdown).split())


@lru_cache(maxsize=512)
def _tokens(flat: str) -> tuple[tuple[str, int, int, float], ...]:
    """A section's analysed tokens (term, start, end, boost), kept like ``flat_text``: analysing the
    whole text (tokenizing, identifier parts, stemming each word) was most of a snippet's cost, and
    as you type the same sections come back with other words to mark."""
    found = _ANALYZER[0](flat, chars=True, mode="query", removestops=False)
    return tuple((t.text, t.startchar, t.endchar, t.boost) for t in found)


_ANALYZER = [analyzer()]  # one instance: its stemmer's cache then lasts


def _marked(flat: str, terms: frozenset[str]) -> Iterator[Token]:
    """The tokens as Whoosh's analyzer and ``set_matched_filter`` give them to its fragmenter: one
    Token object, reused, each marked matched when its term is one of ``terms``."""
    token: Any = Token(chars=True, removestops=False, mode="query")
    for text, start, end, boost in _tokens(flat):
        token.text, token.startchar, token.endchar, token.boost = text, start, end, boost
        token.matched = text in terms
        yield token


def _joined(fragments: Iterable[Any]) -> Snippet:
    """Whoosh's fragments (passages with their matched tokens) as one Snippet; "…" where the section's
    text goes on before or after it (a passage cut mid-sentence read as if the section ended there)."""
    text, marks = "", []
    fragment = None
    for number, fragment in enumerate(fragments):
        if number:
            text += BETWEEN
        else:
            text += _cut_off(fragment.text[: fragment.startchar], before=True)
        base = len(text) - fragment.startchar
        position = fragment.startchar
        # Overlapping tokens: the first (longest) at a position wins, as in Whoosh's own formatter.
        for token in sorted(fragment.matches, key=lambda t: (t.startchar, t.startchar - t.endchar)):
            if token.startchar is None or token.startchar < position:
                continue
            marks.append((base + token.startchar, base + token.endchar))
            position = token.endchar
        text += fragment.text[fragment.startchar : fragment.endchar]
    if fragment is not None:
        text += _cut_off(fragment.text[fragment.endchar :], before=False)
    return Snippet(text, tuple(marks))


def _cut_off(rest: str, *, before: bool) -> str:
    """What stands for the text left out before or after a passage: "…" for words, else the
    punctuation itself (a passage ending at the section's last word keeps its full stop)."""
    if any(c.isalnum() for c in rest):
        return "…"
    return rest.strip() if not before else rest.lstrip()


def snippet(markdown: str, highlight_terms: set[str]) -> Snippet:
    """A short passage of the section with the matched words marked; its opening if none match.

    Cut from the section's readable text (the Markdown parsed as the reader parses it), not from a
    regex approximation, which lost underscores and left half-stripped links; a section with no
    text besides its heading shows the heading.
    """
    flat = flat_text(markdown)
    if highlight_terms:
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        tokens = _marked(flat, frozenset(highlight_terms))
        best = top_fragments(fragmenter.fragment_tokens(flat, tokens), 1, BasicFragmentScorer(), FIRST, 1)
        if best:
            return _joined(best)
    return Snippet(flat[:SNIPPET_CHARS] + ("…" if len(flat) > SNIPPET_CHARS else ""))
