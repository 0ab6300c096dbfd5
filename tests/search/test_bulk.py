"""Bulk scoring (search/bulk.py) gives Whoosh's results: the same documents, the same scores to the bit,
the same order of ties, on a real multi-segment index (a segment over 5,000 documents, where Whoosh's
``Or`` is a weighted tree of unions; smaller ones, where it is an array union; one written by Whoosh's
own writer; deletions; posting lists of one), for queries shaped as the searcher
shapes them (words, their forms, completions, other names as boosted ``And`` clauses, repeated
clauses).

The reference is Whoosh's exhaustive search (``limit=None``), cut to the same length. Its top-N
search agrees with it except where its block-skipping matchers lose a clause's score (seen on 2 of
1,221 benchmark queries), so that is compared too, and must agree on nearly every query.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.query import And, Or, Phrase, Prefix, Query, Term
from whoosh.reading import MultiReader
from whoosh.searching import Searcher

from handbook.content import Handbook
from handbook.search import SearchIndex, bulk
from handbook.search.schema import TERMS_FIELD, build_schema
from handbook.search.scoring import TableBM25F
from handbook.search.writer import BlockWriter

from .test_writer import documents

COPIES = 40  # copies of the bundled handbook's sections in the big segment: over 5,000 documents


def _copy(doc: dict[str, Any], number: int) -> dict[str, Any]:
    """A section again under another path, some of its term counts changed so scores vary, and a term
    of its own."""
    counts = {
        t: f * (1 + (number + i) % 3) if i % 4 == number % 4 else f
        for i, (t, f) in enumerate(doc["terms"].items())
    }
    counts[f"only{number}{doc['path']}{doc.get('anchor', '')}".replace("/", "").replace("-", "")] = 1
    return {**doc, "path": f"copy-{number}/{doc['path']}", "terms": counts}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("bulk") / "ix"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    base = documents()
    batches = [
        (BlockWriter, [_copy(d, n) for n in range(COPIES) for d in base]),
        (None, [_copy(d, n) for n in range(COPIES, COPIES + 3) for d in base]),
        (BlockWriter, [_copy(d, n) for n in range(COPIES + 3, COPIES + 5) for d in base]),
    ]
    for writer_class, docs in batches:
        writer: Any = writer_class(ix) if writer_class else ix.writer()
        for doc in docs:
            writer.add_document(**doc)
        writer.commit(merge=False)
    writer = ix.writer()
    for number in (1, 7, COPIES + 1, COPIES + 4):  # deletions in three segments
        writer.delete_by_query(Prefix("path", f"copy-{number}/"))
    writer.commit(merge=False)
    segments = [leaf for leaf, _ in ix.reader().leaf_readers()]
    found = Searcher(MultiReader(segments), weighting=TableBM25F())
    yield found
    found.close()


def test_the_index_has_every_kind_of_segment(searcher: Any) -> None:
    readers = [s.reader() for s, _ in searcher.leaf_searchers()]
    assert len(readers) == 3
    assert max(r.doc_count_all() for r in readers) > 5000 > min(r.doc_count_all() for r in readers)
    assert sum(r.has_deletions() for r in readers) == 3
    own = [t for t in readers[1].field_terms(TERMS_FIELD) if t.startswith("only")]
    assert own and all(readers[1].doc_frequency(TERMS_FIELD, t) == 1 for t in own)  # lists of one


def _queries(searcher: Any, count: int) -> list[Query]:
    """Queries as the searcher makes them, from the index's own terms, common and rare."""
    rng = random.Random(14)
    reader = searcher.reader()
    vocabulary = sorted(reader.field_terms(TERMS_FIELD))
    common = [t for t in vocabulary if reader.doc_frequency(TERMS_FIELD, t) > 1000]
    assert len(common) > 24

    def word() -> str:
        return rng.choice(common if rng.random() < 0.5 else vocabulary)

    def clause() -> Query:
        forms = list(dict.fromkeys(word() for _ in range(rng.choice([1, 1, 2, 3]))))
        return Term(TERMS_FIELD, forms[0]) if len(forms) == 1 else Or([Term(TERMS_FIELD, f) for f in forms])

    queries: list[Query] = [
        Term(TERMS_FIELD, common[0]),
        Or([Term(TERMS_FIELD, common[0]), Term(TERMS_FIELD, common[0], boost=0.8)]),  # tied weights
        *(  # a word and another name that is the same term: weights tie between unlike matchers
            Or([Term(TERMS_FIELD, a), Term(TERMS_FIELD, b), Term(TERMS_FIELD, b, boost=0.8)])
            for a, b in zip(common[:12], common[12:24], strict=False)
        ),
        Or([Term(TERMS_FIELD, "no-such-term"), Term(TERMS_FIELD, common[3])]),
    ]
    while len(queries) < count:
        clauses = [clause() for _ in range(rng.choice([1, 2, 3, 4]))]
        if rng.random() < 0.4:  # completions of the last word
            clauses.append(Or([Term(TERMS_FIELD, word()) for _ in range(6)]))
        for _ in range(rng.choice([0, 0, 1, 2])):  # another name: its words, all of them, boosted
            alternative = And([clause() for _ in range(rng.choice([1, 2, 3]))], boost=0.8)
            clauses += [alternative] * rng.choice([1, 1, 3])  # the searcher may ask for one thrice
        if rng.random() < 0.2:
            clauses.append(Term(TERMS_FIELD, word(), boost=0.8))  # a compound's joined term
        if rng.random() < 0.3:  # a synonym that is one of the words again
            repeated = next(iter(clauses[0].iter_all_terms()))[1]
            clauses.append(Term(TERMS_FIELD, repeated, boost=0.8))
        queries.append(clauses[0] if len(clauses) == 1 else Or(clauses))
    return queries


def test_bulk_scores_are_whooshs(searcher: Any) -> None:
    agree = 0
    queries = _queries(searcher, 100)
    cache = bulk.PostingsCache(budget=20_000)  # small: entries are evicted and read again
    for number, query in enumerate(queries):
        limit = [60, 90, 10, 180][number % 4]
        every = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=None)][:limit]
        top = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit)]
        fresh = [(hit.docnum, hit.score) for hit in bulk.search(searcher, query, limit).hits]
        cached = [(hit.docnum, hit.score) for hit in bulk.search(searcher, query, limit, cache).hits]
        assert fresh == every, query
        assert cached == every, query
        agree += fresh == top
    assert agree >= len(queries) * 0.95


def test_ties_are_cut_as_whoosh_cuts_them(searcher: Any) -> None:
    """Copies of a section score the same: the first copies by document number are kept."""
    query = Term(TERMS_FIELD, _queries(searcher, 1)[0].text)
    every = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=None)]
    scores = [score for _, score in every]
    limit = next(n for n in range(1, len(every)) if scores[n] == scores[n - 1] == scores[n + 1])
    found = bulk.search(searcher, query, limit).hits
    assert [(hit.docnum, hit.score) for hit in found] == every[:limit]
    assert found[-1].score == every[limit][1] and found[-1].docnum < every[limit][0]


def test_stored_fields_and_matched_terms(searcher: Any) -> None:
    query = _queries(searcher, 3)[2]
    results = bulk.search(searcher, query, 30)
    texts = {text for field, text in query.iter_all_terms()}
    found = results.matched_terms([hit.docnum for hit in results.hits], TERMS_FIELD)
    for hit in results.hits:
        assert hit["path"] == searcher.stored_fields(hit.docnum)["path"]
        assert hit.get("no-such-field", "-") == "-"
        held = {
            t
            for t in texts
            if any(h.docnum == hit.docnum for h in searcher.search(Term(TERMS_FIELD, t), limit=None))
        }
        assert found[hit.docnum] == held and held


@pytest.mark.parametrize(
    "query",
    [
        Phrase(TERMS_FIELD, ["on", "call"]),
        Prefix(TERMS_FIELD, "deplo"),
        Or([Term(TERMS_FIELD, "deploy"), Term(TERMS_FIELD, "review")], minmatch=2),
        Or([Term(TERMS_FIELD, "deploy"), Term(TERMS_FIELD, "review")], scale=0.5),
    ],
)
def test_what_bulk_does_not_reproduce_is_left_to_whoosh(searcher: Any, query: Query) -> None:
    with pytest.raises(bulk.Unsupported):
        bulk.search(searcher, query, 10)


def test_the_searcher_gives_the_same_hits_either_way(handbook_root: Path) -> None:
    index = SearchIndex(Handbook.open(handbook_root))
    index.update()
    asked = [
        "on call",
        "paging",
        "five",
        "postmortem severity",
        "deploy canary",
        '"canary release"',
        "tag:ops page",
    ]
    typed = [text[:n] for text in ["incident response", "rollback deploy"] for n in range(2, len(text) + 1)]
    for text, prefix in [*((t, False) for t in asked), *((t, True) for t in typed)]:
        found = []
        for use_bulk in (True, False):
            index.searcher.bulk = use_bulk
            result = index.search(text, 10, prefix=prefix)
            found.append([(h.location, h.score, h.snippet) for h in result.hits] + [result.notice])
        assert found[0] == found[1], text
    index.searcher.bulk = True
