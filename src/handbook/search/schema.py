"""The index schema: one document per section, fields holding pre-analysed terms.

Terms are produced by ``analysis`` in the indexing workers, so the index's own fields only split on
spaces (Whoosh's analysis chain, run in the writer, was the slowest part of indexing). Positions are not
kept: quoted phrases are checked against the stored section text instead, which halves posting costs.
"""

from __future__ import annotations

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

SCHEMA_VERSION = 1
MAX_STORED_TEXT = 32 * 1024  # characters of a section's Markdown kept for snippets and phrase checks

# Query-time weights: a word in the page title counts most, then the section's headings, then the body.
FIELD_WEIGHTS = {"title_terms": 3.0, "heading_terms": 2.0, "body_terms": 1.0}


def build_schema() -> Schema:
    terms = SpaceSeparatedTokenizer()
    return Schema(
        path=ID(stored=True),
        anchor=STORED,
        title=STORED,
        heading=STORED,
        trail=STORED,
        markdown=STORED,
        chapter=ID(stored=True),
        tags=KEYWORD(lowercase=True, commas=True, scorable=False),
        title_terms=TEXT(analyzer=terms, phrase=False),
        heading_terms=TEXT(analyzer=terms, phrase=False),
        body_terms=TEXT(analyzer=terms, phrase=False),
    )
