"""The search index of one handbook, as the rest of the program sees it: update it, search it."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from handbook.content import Handbook
from handbook.search.indexer import Indexer, Progress, UpdateStats, index_dir
from handbook.search.results import SearchResult
from handbook.search.searcher import Expander, IndexSearcher
from handbook.search.shard import Shard
from handbook.search.synonyms import Synonyms


class SearchIndex:
    """The search index of one handbook: kept in the cache dir, updated incrementally."""

    def __init__(self, handbook: Handbook, directory: Path | None = None) -> None:
        self.handbook = handbook
        self.directory = directory or index_dir(handbook)
        self.indexer = Indexer(handbook, self.directory)
        self.searcher = IndexSearcher(self.directory, Synonyms.for_handbook(handbook.root))

    def update(
        self,
        progress: Progress | None = None,
        *,
        rebuild: bool = False,
        wait: float = 600,
        cancel: threading.Event | None = None,
    ) -> UpdateStats:
        return self.indexer.update(progress, rebuild=rebuild, wait=wait, cancel=cancel)

    @property
    def available(self) -> bool:
        """True once something has been committed (a build in progress already answers)."""
        return self.searcher.available()

    def search(
        self,
        query: str,
        limit: int = 10,
        *,
        chapters: Sequence[str] = (),
        tags: Sequence[str] = (),
        expand: Expander | None = None,
        prefix: bool = False,
        correct: bool = True,
    ) -> SearchResult:
        """See ``IndexSearcher.search``: ``prefix`` while typing, ``correct=False`` for "search instead"."""
        return self.searcher.search(
            query, limit, chapters=chapters, tags=tags, expand=expand, prefix=prefix, correct=correct
        )

    def set_aside(self) -> None:
        """Move a damaged index out of the way (kept as ``.damaged``); the next update builds it anew."""
        self.searcher.close()
        with self.indexer.locked(wait=5):
            for directory in self.indexer.shard_dirs():
                if directory.exists():
                    Shard(directory).set_aside()

    def close(self) -> None:
        self.searcher.close()
