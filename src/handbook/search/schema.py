"""The index schema: one document per section, fields holding pre-analysed terms.

Terms are produced and counted by ``analysis`` in the indexing workers: the terms field takes a mapping
of term → frequency, so the writer neither tokenizes nor counts (Whoosh's analysis chain, run in the
writer, was the slowest part of indexing; then its tokenizing and counting of pre-analysed strings was a
fifth of the writer's time). Positions are not kept: quoted phrases are checked against the stored
section text instead, which halves posting costs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Mapping
from typing import Any

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.system import pack_uint

# 5: the terms field takes counted terms; 4: each shard keeps its pages' links; 3: heading ids as anchors
SCHEMA_VERSION = 5
MAX_STORED_TEXT = 32 * 1024  # characters of a section's Markdown kept for snippets and phrase checks

# One field holds every term of a section: the page title's terms three times, the heading path's twice,
# then the body. Repetition is the field weighting (title > headings > body), and each query word costs
# one posting list instead of three: that made queries on a 40 MB handbook three times faster.
TITLE_REPEAT = 3
HEADING_REPEAT = 2
TERMS_FIELD = "terms"


_PACKED: dict[int, bytes] = {}


class CountedTerms(TEXT):
    """A text field whose value is already analysed: a mapping of term → frequency (or, as before, the
    terms as one space-separated string). Postings are made straight from the counts."""

    def index(self, value: Any, **kwargs: Any) -> Generator[tuple[bytes, int, float | int, bytes], Any, None]:
        counts = value if isinstance(value, Mapping) else Counter(str(value).split())
        for term, freq in counts.items():
            packed = _PACKED.get(freq)
            if packed is None:
                packed = _PACKED[freq] = pack_uint(freq)
            yield term.encode("utf-8"), freq, float(freq), packed


def build_schema() -> Schema:
    terms: Any = SpaceSeparatedTokenizer()  # a Tokenizer is an analyzer in Whoosh, not in its annotations
    return Schema(
        path=ID(stored=True),
        anchor=STORED,
        title=STORED,
        heading=STORED,
        trail=STORED,
        markdown=STORED,
        chapter=ID(stored=True),
        tags=KEYWORD(lowercase=True, commas=True, scorable=False),
        terms=CountedTerms(analyzer=terms, phrase=False),
    )
