"""Relevance: Success@1, Success@5 and MRR of `handbook` search against a naive Whoosh baseline.

    python benchmarks/relevance.py [--details] [--split tune|test] [--by-handbook]

Queries and judgments: tests/relevance/queries.yaml (written by reading the pages, not by running the
search), each in a fixed split: choose constants on `tune`, report `test`. A query succeeds at k when
one of its relevant pages is among the first k *pages* returned (section hits are reduced to their
pages, in order). MRR uses the first relevant page's rank (cut at 10).

Our search runs as `handbook search` runs it: the glossary's expansions passed in.

The baseline is what a first attempt with Whoosh looks like: one document per file, the raw file text
(front matter, HTML and all), Whoosh's StandardAnalyzer, QueryParser with OR grouping.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import OrGroup, QueryParser

from handbook.content import Handbook
from handbook.glossary import build_glossary
from handbook.search import SearchIndex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the judged set's handbooks are listed beside it, in tests/relevance

from tests.relevance.judged import HANDBOOKS, QUERIES  # noqa: E402

SPLITS = ("tune", "test")
CUTOFF = 10


def load_queries() -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return queries


class NaiveBaseline:
    def __init__(self, handbook: Handbook, directory: Path) -> None:
        schema = Schema(path=ID(stored=True), content=TEXT(analyzer=StandardAnalyzer()))
        self.ix = whoosh_index.create_in(str(directory), schema)
        writer = self.ix.writer()
        for info in handbook.pages:
            text = (handbook.root / info.path).read_text(encoding="utf-8", errors="replace")
            writer.add_document(path=info.path, content=text)
        writer.commit()
        self.parser = QueryParser("content", schema, group=OrGroup)

    def pages(self, query: str) -> list[str]:
        try:
            parsed = self.parser.parse(query)
        except Exception:
            return []
        with self.ix.searcher() as searcher:
            return [hit["path"] for hit in searcher.search(parsed, limit=CUTOFF)]


class HandbookSearch:
    def __init__(self, handbook: Handbook, directory: Path) -> None:
        self.index = SearchIndex(handbook, directory)
        self.index.update()
        self.glossary = build_glossary(handbook)

    def pages(self, query: str) -> list[str]:
        ranked: list[str] = []
        for hit in self.index.search(query, 30, expand=self.glossary.expansions).hits:
            if hit.path not in ranked:
                ranked.append(hit.path)
        return ranked[:CUTOFF]


def rank_of(ranked: list[str], relevant: list[str]) -> int | None:
    for position, path in enumerate(ranked, 1):
        if path in relevant:
            return position
    return None


def metrics(ranks: list[int | None]) -> tuple[float, float, float]:
    """(Success@1, Success@5, MRR) of the first relevant ranks."""
    n = len(ranks) or 1
    s1 = sum(1 for r in ranks if r == 1) / n
    s5 = sum(1 for r in ranks if r is not None and r <= 5) / n
    mrr = sum(1 / r for r in ranks if r is not None) / n
    return s1, s5, mrr


def row(name: str, label: str, ranks: list[int | None]) -> str:
    s1, s5, mrr = metrics(ranks)
    return f"{name:<16} {label:<10} {len(ranks):>3} {s1:>6.2f} {s5:>6.2f} {mrr:>6.2f}"


def evaluate(items: list[dict[str, Any]], root: Path) -> dict[str, list[int | None]]:
    """Each system's first relevant rank for each query of one handbook."""
    handbook = Handbook.open(root)
    with tempfile.TemporaryDirectory() as tmp:
        naive_dir = Path(tmp, "naive")
        naive_dir.mkdir()
        systems = {
            "naive": NaiveBaseline(handbook, naive_dir),
            "handbook": HandbookSearch(handbook, Path(tmp, "ours")),
        }
        ranks = {
            label: [rank_of(system.pages(q["query"]), q["relevant"]) for q in items]
            for label, system in systems.items()
        }
        systems["handbook"].index.close()  # type: ignore[attr-defined]
    return ranks


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--details", action="store_true", help="print every query's rank in both systems")
    parser.add_argument("--split", choices=SPLITS, help="only this split's queries")
    parser.add_argument("--by-handbook", action="store_true", help="a row per handbook and split")
    args = parser.parse_args()
    # The glossary cache and anything else the search writes go to a throwaway folder.
    os.environ["HANDBOOK_CACHE_DIR"] = tempfile.mkdtemp(prefix="relevance-cache-")
    queries = [q for q in load_queries() if args.split in (None, q["split"])]
    by_handbook: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in queries:
        by_handbook[q["handbook"]].append(q)
    totals: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    print(f"{'handbook/split':<16} {'system':<10} {'n':>3} {'S@1':>6} {'S@5':>6} {'MRR':>6}")
    for name, items in by_handbook.items():
        root = HANDBOOKS[name]
        if not root.exists():
            print(f"{name}: {root} is not here; skipped")
            continue
        ranks = evaluate(items, root)
        for label, found in ranks.items():
            for q, rank in zip(items, found, strict=True):
                totals[(q["split"], label)].append(rank)
                if args.by_handbook:
                    totals[(f"{name}/{q['split']}", label)].append(rank)
        if args.details:
            for q, naive, ours in zip(items, ranks["naive"], ranks["handbook"], strict=True):
                print(
                    f"    {name:<11} {q['split']:<4} {q['kind']:<8} "
                    f"naive={naive!s:<5} ours={ours!s:<5} {q['query']}"
                )
    for (name, label), found in sorted(totals.items()):
        print(row(name, label, found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
