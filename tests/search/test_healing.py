"""The index is a cache: whatever is wrong with it is healed with one message, never "this is a bug".

Each case was found by breaking the index or its folder the way a crash, a full disk or a careless user
does; each test failed before the fix.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import paths
from handbook.content import Handbook
from handbook.search import SearchIndex
from handbook.search.searcher import IndexDamaged

from ..conftest import run_handbook, write


def hits(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(h["path"], h["anchor"]) for h in json.loads(result.stdout)]


def test_a_damaged_copy_set_aside_is_never_searched(index: SearchIndex, handbook_root: Path) -> None:
    shard = index.directory / "shard-0"
    aside = index.directory / "shard-0.damaged"
    aside.mkdir()
    for item in shard.iterdir():  # the copy has the same pages: searched too, every hit would be twice
        (aside / item.name).write_bytes(item.read_bytes())
    found = hits(run_handbook("search", "--json", "--content", str(handbook_root), "five", "minutes"))
    assert found and len(found) == len(set(found))


def test_a_truncated_index_is_set_aside_and_rebuilt_once(index: SearchIndex, handbook_root: Path) -> None:
    for segment in index.directory.glob("shard-*/*.seg"):
        segment.write_bytes(segment.read_bytes()[:64])
    with pytest.raises(IndexDamaged):  # a reader, not a crash (with mmap it was SIGBUS)
        SearchIndex(Handbook.open(handbook_root)).search("paged")
    result = run_handbook("search", "--content", str(handbook_root), "paged")
    assert result.returncode == 0, result.stderr
    assert "on-call" in result.stdout
    assert "bug" not in result.stderr
    assert result.stderr.count("rebuil") == 1


def test_a_file_where_a_shard_folder_goes_is_replaced(index: SearchIndex, handbook_root: Path) -> None:
    shard = index.directory / "shard-1"
    subprocess.run(["rm", "-rf", str(shard)], check=True)
    shard.write_text("not a folder")
    result = run_handbook("search", "--content", str(handbook_root), "canary")
    assert result.returncode == 0, result.stderr
    assert "deploy" in result.stdout and "rebuilt because a file stood" in result.stderr


def test_wrong_shape_manifest_vocabulary_and_catalog_entries(index: SearchIndex, handbook_root: Path) -> None:
    for manifest in index.directory.glob("shard-*/manifest.json"):
        data = json.loads(manifest.read_text())
        for path in data["pages"]:
            data["pages"][path] = "not a list"
        manifest.write_text(json.dumps(data))
    for vocabulary in index.directory.glob("shard-*/vocabulary.json"):
        vocabulary.write_text(json.dumps({"canary": "many", "paged": [1]}))
    catalog = paths.handbook_cache_dir(handbook_root) / "catalog.json"
    data = json.loads(catalog.read_text())
    data["pages"] = {path: {"title": 1} for path in data["pages"]}
    catalog.write_text(json.dumps(data))
    result = run_handbook("search", "--content", str(handbook_root), "canry")  # a typo: uses the vocabulary
    assert result.returncode in (0, 1), result.stderr
    assert "bug" not in result.stderr
    result = run_handbook("search", "--content", str(handbook_root), "canary")
    assert result.returncode == 0 and "deploy" in result.stdout


def test_an_unwritable_cache_says_what_to_do(handbook_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache-file"
    cache.write_text("a file where the cache folder should be")
    env = {"HANDBOOK_CACHE_DIR": str(cache)}
    for command in (["search", "canary"], ["index"]):
        result = run_handbook(command[0], "--content", str(handbook_root), *command[1:], env=env)
        assert result.returncode == 2, result.stderr
        assert "cannot be written" in result.stderr and "HANDBOOK_CACHE_DIR" in result.stderr
        assert "bug" not in result.stderr


def test_a_search_while_another_process_updates_answers_at_once(
    index: SearchIndex, handbook_root: Path
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(index.indexer.lock.lock_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        write(handbook_root, "ops/new.md", "# New page\n\nSomething to index.\n")  # an update is due
        result = run_handbook("search", "--content", str(handbook_root), "canary")  # bounded: 120 s
        assert result.returncode == 0, result.stderr
        assert "deploy" in result.stdout
        assert "another handbook process is updating" in result.stderr
    finally:
        holder.communicate("")


HOLD_LOCK = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_a_file_name_that_is_not_utf8_does_not_stop_indexing(handbook_root: Path) -> None:
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    (handbook_root / "ops").joinpath(b"caf\xe9.md".decode("utf-8", "surrogateescape")).write_text(
        "# Latin-1 name\n\nThe zanzibar page.\n"
    )
    first = run_handbook("index", "--content", str(handbook_root))
    assert first.returncode == 0, first.stderr
    assert "not valid UTF-8" in first.stderr
    result = run_handbook("search", "--content", str(handbook_root), "canary")
    assert result.returncode == 0 and "deploy" in result.stdout
    assert "UTF-8" not in result.stderr  # said once, when it happened


def test_two_threads_search_while_the_index_commits(index: SearchIndex, handbook_root: Path) -> None:
    """The search screen and the glossary's 'used in' share one searcher; a commit reopens it."""
    import threading

    errors: list[BaseException] = []
    stop = threading.Event()

    def search_until_stopped() -> None:
        try:
            while not stop.is_set():
                index.search("five minutes", 5)
        except BaseException as exc:  # recorded for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=search_until_stopped) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for n in range(6):  # six commits, each a new generation the searchers must pick up
            write(handbook_root, f"new/page-{n}.md", f"# Page {n}\n\nFive minutes of page {n}.\n")
            SearchIndex(Handbook.open(handbook_root)).update()
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert {f"new/page-{n}.md" for n in range(6)} <= {h.path for h in index.search("five minutes", 50).hits}


def test_indexes_of_an_older_schema_are_removed(handbook_root: Path) -> None:
    index = SearchIndex(Handbook.open(handbook_root))
    old = index.directory.parent / "search-v1" / "shard-0"
    old.mkdir(parents=True)
    (old / "_MAIN_1.toc").write_bytes(b"old")
    index.update()
    assert not old.parent.exists()
    assert index.directory.is_dir() and index.search("canary").hits
