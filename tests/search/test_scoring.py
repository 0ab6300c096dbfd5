"""Scores with lengths read from per-segment tables are Whoosh's BM25F scores, on a multi-segment index."""

from __future__ import annotations

from pathlib import Path

from whoosh.query import Or, Term
from whoosh.reading import MultiReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from handbook.search.schema import TERMS_FIELD
from handbook.search.scoring import TableBM25F

from .test_writer import build, documents


def test_table_scores_are_bm25f_scores(tmp_path: Path) -> None:
    ix = build(tmp_path / "ix", documents(), ours=True, batches=3)
    queries = [
        Term(TERMS_FIELD, "page"),
        Or([Term(TERMS_FIELD, "deploy"), Term(TERMS_FIELD, "review"), Term(TERMS_FIELD, "call")]),
        Or([Term(TERMS_FIELD, "onboard", boost=0.8), Term(TERMS_FIELD, "secur")]),
    ]
    reader = ix.reader()
    segments = [leaf for leaf, _ in reader.leaf_readers()]
    assert len(segments) == 3
    for query in queries:
        found = []
        for weighting in (BM25F(), TableBM25F()):
            searcher = Searcher(MultiReader(segments), weighting=weighting)
            found.append([(hit.docnum, hit.score) for hit in searcher.search(query, limit=40)])
        assert found[0] == found[1] and found[0], query
