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
  a weighted tree of intersections, boosts multiplied where Whoosh's wrapping matchers multiply;
- the top ``limit`` by score, ties by document number, as Whoosh's top collector keeps them.

Anything else (other query types, a filter, another scorer, a segment not stored in Whoosh 3's
format) raises ``Unsupported``: the caller runs Whoosh's own search. ``tests/search/test_bulk.py``
compares the two on real indexes.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
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
    _fields: dict[str, Any] | None = field(default=None, repr=False)

    def fields(self) -> dict[str, Any]:
        if self._fields is None:
            self._fields = self.searcher.stored_fields(self.docnum)
        return self._fields

    def __getitem__(self, name: str) -> Any:
        return self.fields()[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields().get(name, default)


@dataclass
class BulkResults:
    """The top documents, and for every term of the query the documents holding it (global numbers):
    which terms a candidate matched is then a set lookup, not a walk of postings."""

    hits: list[BulkHit]
    holders: dict[tuple[str, str], set[int]]

    def matched_terms(self, docnums: Iterable[int], fieldname: str) -> dict[int, set[str]]:
        """Terms of ``fieldname`` each of ``docnums`` holds."""
        wanted = set(docnums)
        found: dict[int, set[str]] = {d: set() for d in wanted}
        for (name, text), holders in self.holders.items():
            if name == fieldname:
                for docnum in wanted & holders:
                    found[docnum].add(text)
        return found


def search(searcher: Searcher, query: Query, limit: int) -> BulkResults:
    """The top ``limit`` documents for ``query`` with Whoosh's scores and order (see the module)."""
    weighting = searcher.weighting
    if not isinstance(weighting, TableBM25F) or weighting.use_final:
        raise Unsupported("weighting")
    texts = _terms(query)
    scored: list[tuple[float, int]] = []
    holders: dict[tuple[str, str], set[int]] = {t: set() for t in texts}
    for subsearcher, offset in searcher.leaf_searchers():
        segment = _Segment(subsearcher, weighting)
        scores = segment.evaluate(query)
        scored += [(score, docnum + offset) for docnum, score in scores.items()]
        for term, postings in segment.postings.items():
            holders[term].update(docnum + offset for docnum in postings)
    # Whoosh keeps the highest scores, and of equal scores the first document it met (the lowest
    # number), then lists them by score, ties by number.
    top = heapq.nsmallest(limit, scored, key=lambda item: (-item[0], item[1]))
    return BulkResults([BulkHit(searcher, docnum, score) for score, docnum in top], holders)


def _terms(query: Query) -> list[tuple[str, str]]:
    """Every term of the query, checking that the bulk path knows every node."""
    if isinstance(query, Term):
        if type(query) is not Term or query.minquality or not isinstance(query.text, str):
            raise Unsupported(type(query).__name__)
        return [(query.fieldname, query.text)]
    if type(query) is Or:
        if query.minmatch or query.scale:
            raise Unsupported("Or with minmatch or scale")
    elif type(query) is not And:
        raise Unsupported(type(query).__name__)
    found: list[tuple[str, str]] = []
    for sub in query.subqueries:
        found += _terms(sub)
    return list(dict.fromkeys(found))


class _Segment:
    """One segment's leaf searcher: its terms' scores, and the query's combined as Whoosh would."""

    def __init__(self, searcher: Any, weighting: TableBM25F) -> None:
        self.searcher = searcher
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
        if found is not None:
            return found, self.kinds[key]
        reader = self.reader
        if (fieldname, reader.schema[fieldname].to_bytes(text)) not in reader:  # Term.matcher: NullMatcher
            found = self.postings[key] = {}
            self.kinds[key] = NullMatcherClass
            return found, NullMatcherClass
        scorer = self.weighting.scorer(self.searcher, fieldname, text)
        table = self.weighting.norms(reader, fieldname, scorer)
        if type(scorer) is not BM25FScorer or table is None:
            raise Unsupported("scorer")
        matcher: Any = reader.postings(fieldname, text)
        self.kinds[key] = type(matcher)
        deleted: frozenset[int] = frozenset()
        if isinstance(matcher, FilterMatcher) and matcher._exclude:
            deleted, matcher = frozenset(matcher._ids), matcher.child
        if type(matcher) is not W3LeafMatcher:
            raise Unsupported("postings format")
        blocks: Any = matcher  # Whoosh's block reader: each block's ids and weights as arrays
        blocks.reset()
        ids: list[int] = []
        weights: list[float] = []
        while not blocks._atend:
            blocks._read_ids()
            blocks._read_weights()
            ids += blocks._ids
            weights += blocks._weights
            blocks._next_block()
        idf, k1_plus_1 = scorer.idf, scorer.K1 + 1
        try:
            # bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))), the last sum
            # per document length from the table.
            values = [idf * ((tf * k1_plus_1) / (tf + table[d])) for d, tf in zip(ids, weights, strict=True)]
        except TypeError as exc:  # a document without a stored length: Whoosh's scorer fails too
            raise Unsupported("length") from exc
        found = dict(zip(ids, values, strict=True))
        for docnum in deleted:
            found.pop(docnum, None)
        self.postings[key] = found
        return found, self.kinds[key]


@dataclass
class _Node:
    """A query's scores in a segment and the class of the matcher Whoosh makes for it."""

    kind: type[Any]
    scores: Scores

    def token(self) -> Any:
        """A bare instance of the matcher's class (its ``__init__`` not run) carrying this node: what
        Whoosh's tree builder compares when weights tie."""
        token = self.kind.__new__(self.kind)
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
