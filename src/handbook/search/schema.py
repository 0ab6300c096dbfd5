"""The index schema: one document per section, fields holding pre-analysed terms.

Terms are produced by ``analysis`` in the indexing workers, so the index's own fields only split on
spaces (Whoosh's analysis chain, run in the writer, was the slowest part of indexing). Positions are not
kept: quoted phrases are checked against the stored section text instead, which halves posting costs.
"""

from __future__ import annotations

from typing import Any

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

SCHEMA_VERSION = 4  # 4: each shard keeps its pages' links (page authority); 3: heading ids as anchors
MAX_STORED_TEXT = 32 * 1024  # characters of a section's Markdown kept for snippets and phrase checks

# One field holds every term of a section: the page title's terms three times, the heading path's twice,
# then the body. Repetition is the field weighting (title > headings > body), and each query word costs
# one posting list instead of three: that made queries on a 40 MB handbook three times faster.
TITLE_REPEAT = 3
HEADING_REPEAT = 2
TERMS_FIELD = "terms"


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
        terms=TEXT(analyzer=terms, phrase=False),
    )
