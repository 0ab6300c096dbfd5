"""What a search answers: its hits (a section, where it is, a snippet, a score) and what it says about
the query (a correction, "search instead for")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from handbook.search.query import ParsedQuery
from handbook.search.snippets import Snippet


@dataclass(frozen=True)
class Hit:
    path: str
    anchor: str
    title: str
    heading: str
    trail: str
    snippet: Snippet  # a passage of plain text and where the matched words are in it
    score: float

    @property
    def where(self) -> str:
        """ "Title › Heading" (the title alone for the page's own top section): how front ends name it."""
        return (
            self.title if not self.heading or self.heading == self.title else f"{self.title} › {self.heading}"
        )

    @property
    def location(self) -> str:
        """``path#anchor`` (the path alone for the text before the first heading)."""
        return f"{self.path}#{self.anchor}" if self.anchor else self.path

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "anchor": self.anchor,
            "title": self.title,
            "heading": self.heading,
            "snippet": self.snippet.text,
            "snippet_marks": [list(mark) for mark in self.snippet.marks],  # [start, end) in snippet
            "score": round(self.score, 4),
        }


@dataclass
class SearchResult:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    suggestion: str = ""  # the query with mistyped words corrected ("showing results for")
    corrected: bool = False  # the hits are for ``suggestion``, not for the words as typed
    original: str = ""  # when corrected: the query to search instead, as typed (its corrected words quoted)

    @property
    def notice(self) -> str:
        """What front ends say about a correction, or ""."""
        if self.corrected:
            return f"showing results for {self.suggestion} · search instead for {self.original}"
        return f"did you mean: {self.suggestion}" if self.suggestion else ""


def query_text(query: ParsedQuery, words: list[str]) -> str:
    """The query again, as words, phrases and filters (for "showing results for")."""
    return " ".join(
        [*words, *(f'"{p}"' for p in query.phrases)]
        + [f"in:{c}" for c in query.chapters]
        + [f"tag:{t}" for t in query.tags]
    )
