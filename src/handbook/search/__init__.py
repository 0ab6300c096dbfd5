"""Full-text search of a handbook (Whoosh via whoosh3). Never imports Textual.

index = SearchIndex(handbook)
index.update()                      # incremental; the first run builds it
result = index.search("rollback canary", limit=10)
"""

from __future__ import annotations

from handbook.search.index import SearchIndex
from handbook.search.indexer import IndexBusy, UpdateStats
from handbook.search.query import ParsedQuery, parse_query
from handbook.search.results import Hit, SearchResult
from handbook.search.searcher import Expander
from handbook.search.snippets import Snippet

__all__ = [
    "Expander",
    "Hit",
    "IndexBusy",
    "ParsedQuery",
    "SearchIndex",
    "SearchResult",
    "Snippet",
    "UpdateStats",
    "parse_query",
]
