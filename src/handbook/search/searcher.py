"""Ranked, section-level search with snippets, typo tolerance, synonyms and page priors.

Candidates: one OR query of the typed words (a question's frame dropped), each word with its other
names (glossary, synonyms) and, while typing, the completions of the last word; BM25F over one field
where the title counts more than headings, headings more than the body. Re-ranking: sections that
cover more of the words rise, a page whose other sections match too lifts its best one, and page
priors (``priors``) apply: a title that is the query wins, linked-to pages and shallow landing pages
come first among equals. Quoted phrases must appear verbatim. A mistyped word is corrected from the
handbook's own vocabulary (``typos``): the results are for the correction, and the words as typed
are offered ("search instead for"; a quoted word is never corrected).
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, Or, Query
from whoosh.reading import MultiReader
from whoosh.searching import Searcher

from handbook.search import bulk
from handbook.search.analysis import terms
from handbook.search.clauses import (
    QUESTION_WORDS,
    Expander,
    compound_alternatives,
    content_words,
    expansions,
    filters,
    has_phrases,
    word_clause,
)
from handbook.search.priors import PRIORS_FILE, PagePriors
from handbook.search.query import ParsedQuery, parse_query
from handbook.search.ranking import Candidate, rank
from handbook.search.results import Hit, SearchResult, query_text
from handbook.search.schema import TERMS_FIELD
from handbook.search.scoring import TableBM25F
from handbook.search.shard import Shard, index_exists, shard_dirs
from handbook.search.snippets import snippet
from handbook.search.synonyms import Synonyms
from handbook.search.typos import Corrector, correctable

__all__ = [
    "Expander",
    "IndexDamaged",
    "IndexSearcher",
    "content_words",
]

CANDIDATES = 60  # sections fetched from the index before re-ranking


def open_for_reading(directory: Path) -> Any:
    """A shard opened with plain file reads, not mmap: a file truncated under a mapping kills the whole
    process (SIGBUS), while a truncated read is an exception the search can recover from."""
    return FileStorage(str(directory), supports_mmap=False, readonly=True).open_index()


class IndexDamaged(Exception):
    """Reading the index failed (a truncated or missing file): set it aside and build it again."""


class IndexSearcher:
    """Searches the shards of one index; reopens them when an update has committed new data."""

    bulk = True  # score in bulk (``bulk``) where it gives Whoosh's results; False: Whoosh's search only

    def __init__(self, directory: Path, synonyms: Synonyms | None = None) -> None:
        self.directory = directory
        self.synonyms = synonyms or Synonyms()
        self._opened: dict[Path, Any] = {}  # shard folder → its open Whoosh index
        self._generations: list[int] = []
        self._searcher: Searcher | None = None
        self._postings = bulk.PostingsCache()
        self._corrector: Corrector | None = None
        self._acronyms: Synonyms | None = None  # acronyms the handbook's titles spell out
        self._priors: tuple[int, PagePriors] | None = None  # (side file's mtime, its priors)
        self._title_terms: dict[str, frozenset[str]] = {}
        self._lock = threading.RLock()

    def shard_dirs(self) -> list[Path]:
        return [p for p in shard_dirs(self.directory) if p.is_dir()]

    def available(self) -> bool:
        return any(index_exists(d) for d in self.shard_dirs())

    def searcher(self) -> Searcher | None:
        """A searcher over every readable shard (a damaged one is skipped until the next update).

        Shards stay open between queries; only their generation (a folder listing) is checked, so a
        commit by an update is picked up without re-reading every shard's table of contents per query.
        """
        current = []
        generations = []
        for directory in self.shard_dirs():
            try:
                ix = self._opened.get(directory)
                if ix is None:
                    if not index_exists(directory):
                        continue
                    ix = self._opened[directory] = open_for_reading(directory)
                generations.append(ix.latest_generation())
                current.append(ix)
            except Exception:  # damaged or gone: the next update sets it aside and rebuilds it
                self._opened.pop(directory, None)
        if self._searcher is not None and generations == self._generations:
            return self._searcher
        self.close()
        if not current:
            return None
        self._generations = generations
        # One flat reader over every segment of every shard: nesting multi-segment readers inside a
        # MultiReader makes whoosh3's matchers fail (NotImplementedError in skip_to_quality, IndexError
        # in Or's coordination bonus) as soon as a shard has more than one segment.
        segments = [leaf for ix in current for leaf, _ in ix.reader().leaf_readers()]
        self._searcher = Searcher(MultiReader(segments), weighting=TableBM25F())
        self._postings = bulk.PostingsCache()  # scored for this searcher's statistics
        self._corrector = None
        self._acronyms = None
        return self._searcher

    def close(self) -> None:
        searcher, self._searcher = self._searcher, None
        self._generations = []
        if searcher is not None:
            with contextlib.suppress(Exception):  # closing a damaged reader may fail too; it is gone
                searcher.close()

    def corrector(self) -> Corrector:
        if self._corrector is None:
            words: Counter[str] = Counter()
            for directory in self.shard_dirs():
                words.update(Shard(directory).load_vocabulary())
            self._corrector = Corrector(words)
        return self._corrector

    def acronyms(self) -> Synonyms:
        """ "TDD" ↔ "Test-Driven Development" wherever a page or section title spells one out."""
        if self._acronyms is None:
            pairs = {
                (acronym, expansion)
                for directory in self.shard_dirs()
                for page in Shard(directory).load_acronyms().values()
                for acronym, expansion in page
            }
            self._acronyms = Synonyms(sorted(pairs))
        return self._acronyms

    def priors(self) -> PagePriors:
        """The index's page priors, read again only when the side file changed (one stat a query)."""
        try:
            stamp = (self.directory / PRIORS_FILE).stat().st_mtime_ns
        except OSError:
            stamp = 0
        if self._priors is None or self._priors[0] != stamp:
            self._priors = (stamp, PagePriors.load(self.directory) if stamp else PagePriors())
        return self._priors[1]

    def title_terms(self, title: str) -> frozenset[str]:
        """A title's distinct terms (titles repeat across a page's sections and across queries)."""
        found = self._title_terms.get(title)
        if found is None:
            if len(self._title_terms) > 50_000:
                self._title_terms.clear()
            found = self._title_terms[title] = frozenset(terms(title))
        return found

    # ---------------------------------------------------------------- searching

    def search(
        self,
        text: str,
        limit: int = 10,
        *,
        chapters: Sequence[str] = (),
        tags: Sequence[str] = (),
        expand: Expander | None = None,
        prefix: bool = False,
        correct: bool = True,
    ) -> SearchResult:
        """``prefix``: the last word is still being typed (as you type), so its completions match too.
        ``correct``: mistyped words may be corrected (False: search the words exactly as typed)."""
        query = parse_query(text)
        query = ParsedQuery(
            query.text,
            query.words,
            query.phrases,
            [*query.chapters, *chapters],
            [*query.tags, *tags],
            query.verbatim,
        )
        result = SearchResult(query)
        partial = query.words[-1] if prefix and query.words and not text[-1:].isspace() else ""
        try:
            with self._lock:  # one query at a time: a new generation closes the searcher others read
                return self._search(query, result, limit, expand, partial, correct)
        except Exception as exc:  # the index is a cache: anything failing while reading it is damage
            self.close()
            self._opened.clear()
            raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc

    def _search(
        self,
        query: ParsedQuery,
        result: SearchResult,
        limit: int,
        expand: Expander | None,
        partial: str,
        correct: bool,
    ) -> SearchResult:
        searcher = self.searcher()
        if searcher is None or query.is_empty:
            return result
        limit = max(1, min(int(limit), 200))
        expander = self._expander(expand)
        completions = self.corrector().completions(partial) if partial else []
        # The word being typed is incomplete: corrected only when no word of the handbook starts so.
        corrections = self._corrections(query, partial if completions else "") if correct else {}
        if corrections:
            corrected = [corrections.get(w, w) for w in query.words]
            hits = self._run(searcher, query.with_words(corrected), limit, expander, completions)
            if hits:
                result.suggestion = query_text(query, corrected)
                result.original = query_text(
                    query, [f'"{w}"' if w in corrections else w for w in query.words]
                )
                result.corrected = True
                result.hits = hits
                return result
        result.hits = self._run(searcher, query, limit, expander, completions)
        return result

    def _expander(self, expand: Expander | None) -> Expander:
        """The glossary's other names for a word or phrase, then the synonyms', then the acronyms that
        titles spell out."""
        sources = [*([expand] if expand else []), self.synonyms.expand, self.acronyms().expand]

        def every(text: str) -> list[str]:
            return list(dict.fromkeys(other for source in sources for other in source(text)))

        return every

    def _corrections(self, query: ParsedQuery, partial: str) -> dict[str, str]:
        """Typed word → the word meant, for the words the vocabulary says were mistyped.

        ``partial`` (a word still being typed, that words of the handbook start with) and quoted
        words are never corrected."""
        verbatim = {w.lower() for w in query.verbatim}
        found: dict[str, str] = {}
        for word in query.words:
            if (partial and word is partial) or word.lower() in verbatim or word.lower() in QUESTION_WORDS:
                continue
            if not correctable(word):  # no vocabulary needed (loading it is a third of a query)
                continue
            meant = self.corrector().correct(word)
            if meant:
                found[word] = meant
        return found

    def _run(
        self,
        searcher: Searcher,
        query: ParsedQuery,
        limit: int,
        expand: Expander,
        completions: Sequence[str] = (),
    ) -> list[Hit]:
        words = content_words(query.words)
        by_word: list[list[frozenset[str]]] = []  # per word: sets of terms, any one of which covers it
        clauses: list[Query] = []
        for number, word in enumerate(words):
            forms = terms(word)
            if number == len(words) - 1 and completions:
                forms = list(dict.fromkeys([*forms, *(t for c in completions for t in terms(c))]))
            if forms:
                clauses.append(word_clause(forms))
            by_word.append([frozenset([t]) for t in forms])
        phrase_terms = [t for t in (terms(p) for p in query.phrases) if t]
        clauses += [And([word_clause([term]) for term in t]) for t in phrase_terms]
        alternatives = expansions(query, words, expand, by_word)
        alternatives += compound_alternatives(
            words, lambda t: searcher.reader().doc_frequency(TERMS_FIELD, t) > 0, by_word
        )
        wanted = [w for w in by_word if w] + [[frozenset(t)] for t in phrase_terms]
        if not clauses and not alternatives:
            return []
        pool = max(CANDIDATES, limit * 3) * (3 if query.phrases else 1)
        whoosh_query = (
            Or(clauses + alternatives)
            if len(clauses) + len(alternatives) > 1
            else (clauses + alternatives)[0]
        )
        where = filters(query)
        fetched = None
        if self.bulk and where is None:
            with contextlib.suppress(bulk.Unsupported):  # Whoosh's own search below
                fetched = bulk.search(searcher, whoosh_query, pool, self._postings)
        # Iterate, never list() or len(): Whoosh's Results.__len__ counts every matching document.
        # No terms=True: Whoosh would then check every term of the query against every matching
        # section (half of an as-you-type query's time); only the candidates' terms are looked up.
        results: Any = (
            fetched.hits if fetched is not None else searcher.search(whoosh_query, limit=pool, filter=where)
        )
        kept = [r for r in results if not query.phrases or has_phrases(r.get("markdown", ""), query.phrases)]
        if fetched is not None:
            found = fetched.matched_terms([r.docnum for r in kept], TERMS_FIELD)
        else:
            texts = {text for field, text in whoosh_query.iter_all_terms() if field == TERMS_FIELD}
            found = matched_terms(searcher, [r.docnum for r in kept], texts)
        candidates = [Candidate(r, float(r.score or 0.0), found[r.docnum]) for r in kept]
        highlight_terms = {term for alternatives in wanted for t in alternatives for term in t}
        ranked = rank(candidates, wanted, self.priors(), self.title_terms)
        return [
            Hit(
                path=c.result["path"],
                anchor=c.result.get("anchor", ""),
                title=c.result.get("title", ""),
                heading=c.result.get("heading", ""),
                trail=c.result.get("trail", ""),
                snippet=snippet(c.result.get("markdown", ""), highlight_terms),
                score=c.final,
            )
            for c in ranked[:limit]
        ]


def matched_terms(searcher: Searcher, docnums: list[int], texts: set[str]) -> dict[int, set[str]]:
    """Which of ``texts`` (terms of the terms field) each document holds: one walk of each term's
    postings, skipping straight to the documents asked about."""
    wanted = sorted(set(docnums))
    found: dict[int, set[str]] = {d: set() for d in wanted}
    reader = searcher.reader()
    for text in texts:
        if (TERMS_FIELD, text.encode("utf-8")) not in reader:
            continue
        postings = reader.postings(TERMS_FIELD, text)
        for docnum in wanted:
            if not postings.is_active():
                break
            if postings.id() < docnum:
                postings.skip_to(docnum)
            if postings.is_active() and postings.id() == docnum:
                found[docnum].add(text)
    return found
