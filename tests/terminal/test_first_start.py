"""The first start of the app on a handbook big enough for worker processes, in a real pseudo-terminal.

Under a real terminal Textual replaces ``sys.stderr``; spawning index workers from inside the app then
failed ("bad value(s) in fds_to_keep") and search never worked on a first open. Headless tests could not
see it: these run the installed ``handbook`` command in a pty, with an empty cache, as a user does.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from handbook import paths
from handbook.search.indexer import PARALLEL_FROM
from handbook.search.schema import SCHEMA_VERSION

from .screen import Terminal, processes_mentioning

pytestmark = pytest.mark.skipif(
    not Path("/proc").is_dir() or shutil.which("true") is None, reason="needs a POSIX pty"
)


def big_handbook(tmp_path: Path) -> Path:
    """The bundled handbook's pages four times over: real text, more pages than PARALLEL_FROM."""
    root = tmp_path / "big-handbook"
    for team in range(4):
        shutil.copytree(
            paths.bundled_content(), root / f"team-{team}", ignore=shutil.ignore_patterns("*.yaml")
        )
    assert len(list(root.rglob("*.md"))) >= PARALLEL_FROM
    return root


def search_until_results(term: Terminal) -> str:
    """Search as a user does (s, type, wait for hits), go back and quit; returns the results screen."""
    term.wait_for("Quit")
    term.send("s")
    term.wait_for("Search the handbook")
    term.send("rollback")
    screen = term.wait_for("team-", "results", timeout=60)  # a hit's path: results came
    term.send("\x1b")  # back to the reader
    term.wait_for("Outline")
    assert term.quit() == 0
    return screen


def wait_until_gone(text: str, timeout: float = 20) -> list[int]:
    deadline = time.monotonic() + timeout
    left = processes_mentioning(text)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)  # polling for other processes to end, not timing anything
        left = processes_mentioning(text)
    return left


def test_search_works_on_the_first_open_of_a_big_handbook(tmp_path: Path) -> None:
    root = big_handbook(tmp_path)
    term = Terminal(["--content", str(root)])
    try:
        screen = search_until_results(term)
        assert "unavailable" not in screen and "fds_to_keep" not in screen
    finally:
        term.close()
    assert wait_until_gone(str(root)) == []


def test_quitting_during_the_first_build_leaves_no_process_behind(tmp_path: Path) -> None:
    root = big_handbook(tmp_path)
    term = Terminal(["--content", str(root)])
    try:
        term.wait_for("Quit")
        assert term.quit() == 0
    finally:
        term.close()
    assert wait_until_gone(str(root)) == []


def test_a_failed_build_is_logged_said_once_and_offers_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = big_handbook(tmp_path)
    cache = tmp_path / "cache-is-a-file"
    cache.write_text("the cache folder cannot be created: a file is in the way")
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(cache))
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the log goes when the cache folder cannot hold it
    term = Terminal(["--content", str(root)])
    try:
        term.wait_for("Search unavailable", "tried again when you next start", timeout=60)
        term.send("s")
        term.wait_for("Type to search 80 pages")  # the search screen is painted
        flat = " ".join(term.text().split())  # a long path wraps
        said = "Search is unavailable: the index could not be built. Run: handbook index --content"
        assert f"{said} {root}" in flat
        term.send("\x1b")
        term.wait_for("Outline")
        assert term.quit() == 0
    finally:
        term.close()
    log = (tmp_path / "handbook.log").read_text(encoding="utf-8")
    assert "the search index could not be built" in log
    assert "cannot be written" in log and "HANDBOOK_CACHE_DIR" in log  # what to do about it


def test_a_file_where_the_index_folder_goes_is_replaced(tmp_path: Path) -> None:
    """The index is a cache: something in its place is ours to remove, and search works."""
    root = big_handbook(tmp_path)
    blocker = paths.handbook_cache_dir(root) / f"search-v{SCHEMA_VERSION}"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the index folder should be")
    term = Terminal(["--content", str(root)])
    try:
        search_until_results(term)
    finally:
        term.close()
    assert blocker.is_dir()
