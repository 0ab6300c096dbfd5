"""BM25F for a whole query at once: each term's postings read block by block as arrays, scored in bulk.

Whoosh's matchers cost about 10 µs per matching document (a tree of Python matcher objects stepping
document by document), and a common word matches ~20,000 sections of a 4,000-page handbook: that was
the slow tail of queries. Here each term's posting list is read with Whoosh's own block reader (its ids
and weights arrays) and scored in one comprehension, then combined the way Whoosh's matchers combine
them, so the results are Whoosh's to the bit:

- a term's score is ``BM25FScorer``'s formula, with the same idf and average length (from the scorer
  Whoosh itself would make) and the same per-segment length table (``scoring.TableBM25F``), operation
  for operation;
- sums are added in the order Whoosh's matchers add them: ``Or`` as Whoosh picks it per segment (a
  weighted tree of unions by estimated size, or an array union that adds clauses in order), ``And`` as
  a weighted tree of intersections, boosts multiplied where Whoosh's wrapping matchers multiply; the
  trees are built by Whoosh's own ``make_weighted_tree`` over stand-ins of its matcher classes, whose
  comparison methods decide the order of clauses of equal weight;
- the top ``limit`` by score, ties by document number, as Whoosh's collectors keep them.

That is Whoosh's exhaustive search (``limit=None``) cut to ``limit``. Its top-N search agrees except
where its block-skipping matcher replacement loses a clause's score for a document (2 of 1,221
benchmark queries, a few documents near the cut): there the bulk results are what Whoosh's own
matcher scores for those documents.

Anything else (other query types, a filter, another scorer, inlined postings) raises ``Unsupported``:
the caller runs Whoosh's own search. ``tests/search/test_bulk.py`` compares the two on real indexes.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from math import inf
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.structfile import BufferFile
from whoosh.matching import (
    ArrayUnionMatcher,
    IntersectionMatcher,
    NullMatcherClass,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, Or, Query, Term
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher
from whoosh.util import make_weighted_tree

from handbook.search.scoring import TableBM25F

Scores = dict[int, float]  # segment docnum → score


class Unsupported(Exception):
    """The query or the index is not one the bulk path reproduces exactly: use Whoosh's search."""


@dataclass
class BulkHit:
    """What callers read of a Whoosh ``Hit``: its document number, score and stored fields."""

    searcher: Any  # a whoosh Searcher
    docnum: int
    score: float
    cache: PostingsCache | None = field(default=None, repr=False)
    _fields: dict[str, Any] | None = field(default=None, repr=False)

    def fields(self) -> dict[str, Any]:
        if self._fields is None:
            if self.cache is None:
                self._fields = self.searcher.stored_fields(self.docnum)
            else:
                self._fields = self.cache.stored_fields(self.searcher, self.docnum)
        return self._fields

    def __getitem__(self, name: str) -> Any:
        return self.fields()[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields().get(name, default)


@dataclass
class BulkResults:
    """The top documents, and each segment's postings of the query's terms (by the segment's first
    document number): which terms a candidate holds is then a dictionary lookup, not a walk of postings."""

    hits: list[BulkHit]
    segments: list[tuple[int, _Segment]]

    def matched_terms(self, docnums: Iterable[int], fieldname: str) -> dict[int, set[str]]:
        """Terms of ``fieldname`` each of ``docnums`` holds."""
        offsets = [offset for offset, _ in self.segments]
        found: dict[int, set[str]] = {}
        for docnum in docnums:
            offset, segment = self.segments[bisect_right(offsets, docnum) - 1]
            local = docnum - offset
            found[docnum] = {
                text
                for (name, text), postings in segment.postings.items()
                if name == fieldname and local in postings
            }
        return found


def search(searcher: Searcher, query: Query, limit: int, cache: PostingsCache | None = None) -> BulkResults:
    """The top ``limit`` documents for ``query`` with Whoosh's scores and order (see the module).

    ``cache``: scored postings kept from earlier queries of this same searcher (its scores depend on
    the searcher's statistics: a new searcher needs a new cache)."""
    cache = cache if cache is not None else PostingsCache(0)
    weighting = searcher.weighting
    if not isinstance(weighting, TableBM25F) or weighting.use_final:
        raise Unsupported("weighting")
    _check(query)
    segments: list[tuple[int, _Segment]] = []
    scored: list[tuple[int, Scores]] = []
    best: list[float] = []  # the highest ``limit`` scores so far
    for subsearcher, offset in searcher.leaf_searchers():
        segment = _Segment(subsearcher, weighting, cache)
        scores = segment.evaluate(query)
        segments.append((offset, segment))
        scored.append((offset, scores))
        best = heapq.nlargest(limit, chain(best, scores.values()))
    # Whoosh keeps the highest scores, and of equal scores the first document it met (the lowest
    # number), then lists them by score, ties by number.
    floor = best[-1] if len(best) >= limit else -inf
    top = sorted(
        (-score, docnum + offset)
        for offset, scores in scored
        for docnum, score in scores.items()
        if score >= floor
    )
    return BulkResults([BulkHit(searcher, docnum, -score, cache) for score, docnum in top[:limit]], segments)


def _check(query: Query) -> None:
    """Raises ``Unsupported`` unless the bulk path knows every node of the query."""
    if isinstance(query, Term):
        if type(query) is not Term or query.minquality or not isinstance(query.text, str):
            raise Unsupported(type(query).__name__)
        return
    if type(query) is Or:
        if query.minmatch or query.scale:
            raise Unsupported("Or with minmatch or scale")
    elif type(query) is not And:
        raise Unsupported(type(query).__name__)
    for sub in query.subqueries:
        _check(sub)


class _Segment:
    """One segment's leaf searcher: its terms' scores, and the query's combined as Whoosh would."""

    def __init__(self, searcher: Any, weighting: TableBM25F, cache: PostingsCache) -> None:
        self.searcher = searcher
        self.cache = cache
        self.reader = searcher.reader()
        self.weighting = weighting
        self.postings: dict[tuple[str, str], Scores] = {}
        self.kinds: dict[tuple[str, str], type[Any]] = {}

    def evaluate(self, query: Any) -> Scores:
        """Document → score for ``query`` in this segment (shared dicts are never changed)."""
        return self.node(query).scores

    def node(self, query: Any) -> _Node:
        """``query``'s scores, with the class of the matcher Whoosh would make for it (which decides,
        through its comparison methods, how Whoosh orders clauses of equal weight in its trees)."""
        if isinstance(query, Term):
            scores, kind = self.term(query.fieldname, query.text)
            return _boosted(_Node(kind, scores), query.boost)
        subs = query.subqueries
        if not subs:
            return _Node(NullMatcherClass, {})
        if len(subs) == 1:  # Whoosh's compound matcher: one clause is that clause, its boost ignored
            return self.node(subs[0])
        if isinstance(query, And):
            return self._tree(
                query, IntersectionMatcher, _intersection, lambda q: 0 - q.estimate_size(self.reader)
            )
        if len(subs) < Or.TOO_MANY_CLAUSES and (len(subs) == 2 or self.reader.doc_count_all() > 5000):
            if query.matcher_type not in (Or.AUTO_MATCHER, Or.DEFAULT_MATCHER):
                raise Unsupported("Or matcher type")
            return self._tree(query, UnionMatcher, _union, lambda q: q.estimate_size(self.reader))
        if query.matcher_type not in (Or.AUTO_MATCHER, Or.ARRAY_MATCHER):
            raise Unsupported("Or matcher type")
        # Whoosh's array union: each clause's score times the boost, added clause by clause.
        total: Scores = {}
        boost = query.boost
        for sub in subs:
            for docnum, score in self.evaluate(sub).items():
                total[docnum] = total[docnum] + score * boost if docnum in total else score * boost
        return _Node(ArrayUnionMatcher, {d: s for d, s in total.items() if s > 0})  # as it skips zeros

    def _tree(
        self,
        query: Any,
        kind: type[Any],
        join: Callable[[Scores, Scores], Scores],
        weight: Callable[[Query], int],
    ) -> _Node:
        """Whoosh's own ``make_weighted_tree`` over stand-ins of the matchers it would make: the same
        comparisons of (weight, matcher) pairs give the same tree, so the same order of additions."""
        items = [(weight(sub), self.node(sub).token()) for sub in query.subqueries]

        def joined(a: Any, b: Any) -> Any:
            return _Node(kind, join(a.bulk_node.scores, b.bulk_node.scores)).token()

        return _boosted(make_weighted_tree(joined, items).bulk_node, query.boost)

    def term(self, fieldname: str, text: str) -> tuple[Scores, type[Any]]:
        """Document → BM25F score of one term in this segment (``{}`` when the segment lacks it), and
        the class of Whoosh's matcher for it."""
        key = (fieldname, text)
        found = self.postings.get(key)
        if found is None:
            cached = self.cache.get(self.reader, key)
            if cached is None:
                cached = self._read(fieldname, text)
                self.cache.put(self.reader, key, cached)
            found = self.postings[key] = cached[0]
            self.kinds[key] = cached[1]
        return found, self.kinds[key]

    def _read(self, fieldname: str, text: str) -> tuple[Scores, type[Any]]:
        reader = self.reader
        tbytes = reader.schema[fieldname].to_bytes(text)
        if (fieldname, tbytes) not in reader:  # Term.matcher: a NullMatcher
            return {}, NullMatcherClass
        scorer = self.weighting.scorer(self.searcher, fieldname, text)
        table = self.weighting.norms(reader, fieldname, scorer)
        if type(scorer) is not BM25FScorer or table is None:
            raise Unsupported("scorer")
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        terminfo = reader.term_info(fieldname, tbytes)
        if terminfo.is_inlined():  # postings kept in the term info (whoosh3's writer fails to write them)
            raise Unsupported("inlined postings")
        ids, weights = self._blocks(fieldname, tbytes, terminfo)
        kind: type[Any] = W3LeafMatcher
        idf, k1_plus_1 = scorer.idf, scorer.K1 + 1
        try:
            # bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))), the last sum
            # per document length from the table.
            values = [idf * ((tf * k1_plus_1) / (tf + table[d])) for d, tf in zip(ids, weights, strict=True)]
        except TypeError as exc:  # a document without a stored length: Whoosh's scorer fails too
            raise Unsupported("length") from exc
        found = dict(zip(ids, values, strict=True))
        if deleted:  # SegmentReader.postings: the matcher filtered
            kind = FilterMatcher
            for docnum in deleted:
                found.pop(docnum, None)
        return found, kind

    def _blocks(self, fieldname: str, tbytes: bytes, terminfo: Any) -> tuple[list[int], list[float]]:
        """A posting list's ids and weights, read by Whoosh's own block reader (``W3LeafMatcher``) from
        the list's bytes fetched in one read: block by block from the file, each block header is a
        dozen small reads through Whoosh's file layers."""
        offset, length = terminfo.extent()
        if isinstance(length, tuple):  # whoosh3 reads it back with struct.unpack, its [0] left off
            (length,) = length
        postfile = self.reader._terms._postfile
        reader_class: Any = W3LeafMatcher
        blocks = reader_class(
            BufferFile(postfile.get(offset, length)),
            0,
            length,
            self.reader.schema[fieldname].format,
            term=(fieldname, tbytes),
        )
        ids: list[int] = []
        weights: list[float] = []
        while not blocks._atend:
            blocks._read_ids()
            blocks._read_weights()
            ids += blocks._ids
            weights += blocks._weights
            blocks._next_block()
        return ids, weights


class PostingsCache:
    """Scored postings of recent terms, per segment reader, kept between queries of one searcher (as
    you type, each letter asks again for the words before it): at most ``budget`` postings; and the
    stored fields of recent candidates. One per searcher: document numbers are the searcher's."""

    def __init__(self, budget: int = 300_000, documents: int = 2000) -> None:
        self.budget = budget
        self.size = 0
        self.documents = documents
        self._stored: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._entries: OrderedDict[tuple[int, str, str], tuple[Any, tuple[Scores, type[Any]]]] = OrderedDict()

    def get(self, reader: Any, key: tuple[str, str]) -> tuple[Scores, type[Any]] | None:
        found = self._entries.get((id(reader), *key))
        if found is None or found[0] is not reader:  # an id may be reused once a reader is gone
            return None
        self._entries.move_to_end((id(reader), *key))
        return found[1]

    def stored_fields(self, searcher: Any, docnum: int) -> dict[str, Any]:
        """A document's stored fields, the last ``documents`` asked for kept: as you type, most
        candidates of one letter are candidates of the next (callers never change them)."""
        found = self._stored.get(docnum)
        if found is None:
            found = self._stored[docnum] = searcher.stored_fields(docnum)
            if len(self._stored) > self.documents:
                self._stored.popitem(last=False)
        else:
            self._stored.move_to_end(docnum)
        return found

    def put(self, reader: Any, key: tuple[str, str], value: tuple[Scores, type[Any]]) -> None:
        entry = (id(reader), *key)
        old = self._entries.pop(entry, None)
        if old is not None:
            self.size -= len(old[1][0])
        self._entries[entry] = (reader, value)
        self.size += len(value[0])
        while self.size > self.budget and len(self._entries) > 1:
            _, (_, (scores, _)) = self._entries.popitem(last=False)
            self.size -= len(scores)


@dataclass
class _Node:
    """A query's scores in a segment and the class of the matcher Whoosh makes for it."""

    kind: type[Any]
    scores: Scores

    def token(self) -> Any:
        """A bare instance of the matcher's class (its ``__init__`` not run) carrying this node: what
        Whoosh's tree builder compares when weights tie."""
        token: Any = object.__new__(self.kind)
        token.bulk_node = self
        return token


def _boosted(node: _Node, boost: float) -> _Node:
    """Whoosh's wrapping matcher: every score times the boost (none when the boost is 1)."""
    if boost == 1.0:
        return node
    return _Node(WrappingMatcher, {d: s * boost for d, s in node.scores.items()})


def _union(a: Scores, b: Scores) -> Scores:
    if len(a) < len(b):
        a, b = b, a
    joined = dict(a)
    for docnum, score in b.items():
        joined[docnum] = joined[docnum] + score if docnum in joined else score
    return joined


def _intersection(a: Scores, b: Scores) -> Scores:
    if len(a) > len(b):
        a, b = b, a
    return {d: s + b[d] for d, s in a.items() if d in b}
