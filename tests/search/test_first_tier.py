"""The first tier of a cold build: titles searchable before the bodies, then replaced by them."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook
from handbook.search import SearchIndex, first_tier
from handbook.search.indexer import shard_of
from handbook.search.shard import Shard

from ..conftest import write
from .test_indexer import expected_sections, indexed_sections

PAGES = first_tier.FIRST_TIER_FROM + 6


def handbook(root: Path) -> Path:
    for n in range(PAGES):
        code = chr(97 + n % 26) + chr(97 + n // 26)  # letters only this page has
        write(
            root,
            f"many/page-{n:03}.md",
            f"---\ntitle: Page tq{code}\n---\n# Page tq{code}\n\nBody word bq{code}.\n\n"
            f"## Setting hq{code}\n\nMore text.\n\n```\n# not cq{code}\n```\n",
        )
    return root


def test_titles_answer_before_the_bodies_then_make_way(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb")
    index = SearchIndex(Handbook.open(root))
    indexer = index.indexer
    jobs = [indexer._job(info) for info in index.handbook.pages]
    for number, directory in enumerate(indexer.shard_dirs()):
        shard = Shard(directory)
        ix, _ = shard.open()
        first_tier.write(ix, directory, [j for j in jobs if shard_of(j.path) == number])
    hits = index.search("tqqb", 5).hits
    assert {h.path for h in hits} == {"many/page-042.md"}
    assert [(h.anchor, h.heading) for h in hits] == [("", "Page tqqb")]
    assert index.search("hqha", 5).hits == [] and index.search("bqqb", 5).hits == []  # they come later

    stats = SearchIndex(Handbook.open(root)).update()  # as a build resumed after a kill would
    assert stats.added == PAGES
    search = SearchIndex(Handbook.open(root))
    stored = indexed_sections(search)
    assert len(stored) == len(set(stored)) and set(stored) == expected_sections(search.handbook)
    assert {h.path for h in search.search("bqqb", 5).hits} == {"many/page-042.md"}
    assert [h.anchor for h in search.search("hqha", 5).hits] == ["setting-hqha"]
    assert [h.heading for h in search.search("cqha", 5).hits] == ["Setting hqha"]  # code is no heading
    assert not any(first_tier.marked(d) for d in indexer.shard_dirs())


def test_a_cold_build_leaves_no_first_tier_behind(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb")
    index = SearchIndex(Handbook.open(root))
    index.update()
    stored = indexed_sections(index)
    assert len(stored) == len(set(stored)) and set(stored) == expected_sections(index.handbook)
    assert not any((d / first_tier.FIRST_TIER_FILE).exists() for d in index.indexer.shard_dirs())
    assert {h.path for h in index.search("bqqb", 5).hits} == {"many/page-042.md"}
