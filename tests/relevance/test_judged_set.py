"""The judged query set stays usable as an evaluation: every query has a fixed split, a known handbook
and relevant pages that exist there, and the two splits stay balanced."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml

from handbook.content import Handbook

from ..conftest import needs_shared
from .judged import HANDBOOKS, QUERIES

KINDS = {"question", "keywords", "acronym", "typo", "synonym", "title"}


def queries() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return loaded


def test_every_query_is_complete() -> None:
    for q in queries():
        assert q["split"] in ("tune", "test"), q
        assert q["handbook"] in HANDBOOKS, q
        assert q["kind"] in KINDS, q
        assert q["relevant"] and all(isinstance(p, str) for p in q["relevant"]), q


def test_size_and_spread() -> None:
    qs = queries()
    assert len(qs) >= 150
    assert len({q["handbook"] for q in qs}) >= 6
    assert len({(q["handbook"], q["query"].lower()) for q in qs}) == len(qs), "a query judged twice"


def test_splits_are_halves_within_each_handbook() -> None:
    counts = Counter((q["handbook"], q["split"]) for q in queries())
    for name in {q["handbook"] for q in queries()}:
        assert abs(counts[(name, "tune")] - counts[(name, "test")]) <= 1, name


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_relevant_pages_exist(name: str) -> None:
    root = HANDBOOKS[name] if name == "bundled" else needs_shared(HANDBOOKS[name])
    pages = {info.path for info in Handbook.open(root).pages}
    for q in queries():
        if q["handbook"] == name:
            assert set(q["relevant"]) <= pages, q
