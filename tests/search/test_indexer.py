"""The index on disk: incremental updates, damage, locks left by killed processes, concurrency."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index

from handbook.content import Handbook
from handbook.search import IndexBusy, SearchIndex
from handbook.search.freshness import IndexState
from handbook.search.indexer import PARALLEL_FROM, shard_of

from ..conftest import run_handbook, write


def fresh(root: Path) -> SearchIndex:
    """A new Handbook (a new catalog scan) and index object, as a new process would have."""
    return SearchIndex(Handbook.open(root))


def paths_for(index: SearchIndex, query: str) -> set[str]:
    return {h.path for h in index.search(query, 20).hits}


def test_incremental_add_change_touch_delete(index: SearchIndex, handbook_root: Path) -> None:
    write(handbook_root, "new/page.md", "# Brand new\n\nThe zeppelin section.\n")
    stats = fresh(handbook_root).update()
    assert (stats.added, stats.changed, stats.removed) == (1, 0, 0)
    assert paths_for(fresh(handbook_root), "zeppelin") == {"new/page.md"}

    page = handbook_root / "dev/deploy.md"
    page.write_text("# Deploying\n\n## Canary releases\n\nNow with blimps instead.\n")
    stats = fresh(handbook_root).update()
    assert (stats.added, stats.changed, stats.removed) == (0, 1, 0)
    searcher = fresh(handbook_root)
    assert paths_for(searcher, "blimps") == {"dev/deploy.md"}
    assert "dev/deploy.md" not in paths_for(searcher, "rollout")  # the old text is gone

    os.utime(page, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched, not edited
    assert fresh(handbook_root).update().touched == 0

    (handbook_root / "new/page.md").unlink()
    stats = fresh(handbook_root).update()
    assert (stats.added, stats.changed, stats.removed) == (0, 0, 1)
    assert paths_for(fresh(handbook_root), "zeppelin") == set()
    assert fresh(handbook_root).update().touched == 0


def test_every_section_is_indexed_once(index: SearchIndex) -> None:
    stored = indexed_sections(index)
    assert len(stored) == len(set(stored)) == index.indexer.document_count()
    assert set(stored) == expected_sections(index.handbook)


def test_damaged_index_is_rebuilt_with_a_message(index: SearchIndex, handbook_root: Path) -> None:
    shard = index.directory / f"shard-{shard_of('ops/on-call.md')}"
    for toc in shard.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00garbage\xff" * 10)
    stats = fresh(handbook_root).update()
    assert "could not be read" in stats.rebuilt_because
    assert paths_for(fresh(handbook_root), "acknowledge") == {"ops/on-call.md"}
    assert shard.with_name(shard.name + ".damaged").is_dir()  # kept aside, not silently deleted


def test_missing_manifest_means_rebuild(index: SearchIndex, handbook_root: Path) -> None:
    for manifest in index.directory.glob("shard-*/manifest.json"):
        manifest.unlink()
    stats = fresh(handbook_root).update()
    assert "list of indexed pages" in stats.rebuilt_because
    assert stats.added == len(index.handbook.pages)


def test_rebuild_from_scratch(index: SearchIndex, handbook_root: Path) -> None:
    stats = fresh(handbook_root).update(rebuild=True)
    assert stats.added == len(index.handbook.pages) and stats.rebuilt_because == ""


HOLD_LOCK = """
import sys, time
from filelock import FileLock
from whoosh import index
lock = FileLock(sys.argv[1]); lock.acquire()
writer = index.open_dir(sys.argv[2]).writer()  # Whoosh's own write lock too
print("locked", flush=True)
time.sleep(60)
"""


def test_locks_left_by_a_killed_process_do_not_block(index: SearchIndex, handbook_root: Path) -> None:
    shard = index.directory / "shard-0"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, index.indexer.lock.lock_file, str(shard)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(IndexBusy):
            fresh(handbook_root).update(wait=0.2)
        # Searching never needs the lock.
        assert paths_for(fresh(handbook_root), "acknowledge") == {"ops/on-call.md"}
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    write(handbook_root, "after.md", "# After the kill\n\nA quokka appears.\n")
    stats = fresh(handbook_root).update(wait=5)
    assert stats.added == 1
    assert paths_for(fresh(handbook_root), "quokka") == {"after.md"}


def test_two_processes_indexing_at_once(handbook_root: Path) -> None:
    for n in range(30):
        code = "zq" + chr(97 + n % 26) + chr(97 + n // 26)  # a word only this page has
        write(handbook_root, f"bulk/page-{n:02}.md", f"# Page {n}\n\n## Part\n\nUnique word {code} here.\n")
    env = {"HANDBOOK_CACHE_DIR": os.environ["HANDBOOK_CACHE_DIR"]}
    args = ["--content", str(handbook_root), "index"]
    from .. import conftest

    first = subprocess.Popen(
        [*conftest.handbook_command(), *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    second = run_handbook(*args, env=env)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    search = fresh(handbook_root)
    stored = indexed_sections(search)
    assert len(stored) == len(set(stored)), "a section was indexed twice"
    assert set(stored) == expected_sections(search.handbook)
    assert {h.path for h in search.search("zqra", 5).hits} == {"bulk/page-17.md"}


def indexed_sections(search: SearchIndex) -> list[tuple[str, str]]:
    found = []
    for directory in search.indexer.shard_dirs():
        with whoosh_index.open_dir(str(directory)).searcher() as searcher:
            found += [(doc["path"], doc["anchor"]) for doc in searcher.documents()]
    return found


def expected_sections(handbook: Handbook) -> set[tuple[str, str]]:
    return {
        (info.path, section.anchor)
        for info in handbook.pages
        for section in handbook.page(info.path).sections
        if section.level or section.markdown.strip()
    }


def test_a_big_update_uses_worker_processes_and_reports_progress(handbook_root: Path) -> None:
    for n in range(PARALLEL_FROM + 6):
        write(handbook_root, f"many/page-{n:03}.md", f"# Page {n}\n\nWord w{n}q.\n")
    seen: list[tuple[int, int]] = []
    search = fresh(handbook_root)
    stats = search.update(lambda done, total: seen.append((done, total)))
    total = len(search.handbook.pages)
    assert stats.added == total
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert {h.path for h in search.search("w42q", 3).hits} == {"many/page-042.md"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_no_query_raises(index: SearchIndex, query: str) -> None:
    result = index.search(query, 5)
    assert isinstance(result.hits, list) and isinstance(result.suggestion, str)


def test_an_unchanged_handbook_is_answered_from_the_recorded_state(
    index: SearchIndex, handbook_root: Path
) -> None:
    state = IndexState.load(index.directory)
    assert state is not None and state.sections == index.indexer.document_count()
    again = fresh(handbook_root).update()
    assert again.touched == 0 and again.sections == state.sections and again.rebuilt_because == ""


def test_the_recorded_state_never_hides_a_change(index: SearchIndex, handbook_root: Path) -> None:
    page = handbook_root / "dev/deploy.md"
    page.write_text(page.read_text() + "\nZeppelins too.\n")
    assert fresh(handbook_root).update().changed == 1
    assert paths_for(fresh(handbook_root), "zeppelins") == {"dev/deploy.md"}
    shard = index.directory / f"shard-{shard_of('ops/on-call.md')}"
    for toc in shard.glob("_MAIN_*.toc"):  # same size, new bytes: the folder listing shows the write
        toc.write_bytes(b"\x00" * toc.stat().st_size)
    assert "could not be read" in fresh(handbook_root).update().rebuilt_because
