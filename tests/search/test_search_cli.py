"""`handbook index` and `handbook search`, run in-process (`run_cli`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..conftest import run_cli, write


def test_index_prints_pages_sections_seconds(handbook_root: Path) -> None:
    result = run_cli("--content", str(handbook_root), "index")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"5 pages, \d+ sections, [\d.]+ seconds \(up to date: 5 added, 0 changed, 0 removed\)\n",
        result.stdout,
    )
    again = run_cli("index", "--content", str(handbook_root))
    assert "0 added, 0 changed, 0 removed" in again.stdout
    rebuilt = run_cli("index", "--rebuild", "--content", str(handbook_root))
    assert "(rebuilt: 5 added" in rebuilt.stdout


def test_search_plain_when_piped(handbook_root: Path) -> None:
    result = run_cli("--content", str(handbook_root), "search", "handoff", "note")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1. On-call guide › Handing off a shift"
    assert lines[1] == "   ops/on-call.md#handing-off-a-shift"
    assert "handoff note" in lines[2] and "**" not in result.stdout and "\x1b" not in result.stdout


def test_search_json_and_limit(handbook_root: Path) -> None:
    result = run_cli("search", "--content", str(handbook_root), "--json", "--limit", "2", "five")
    hits = json.loads(result.stdout)
    assert len(hits) == 2
    assert set(hits[0]) == {"path", "anchor", "title", "heading", "snippet", "snippet_marks", "score"}
    assert all(h["snippet"][s:e].lower() == "five" for h in hits for s, e in h["snippet_marks"])
    assert all(not h["path"].startswith("/") for h in hits)  # relative to the content root


def test_did_you_mean_and_nothing_found(handbook_root: Path) -> None:
    result = run_cli("--content", str(handbook_root), "search", "postmortm")
    assert result.returncode == 0
    assert 'showing results for postmortem · search instead for "postmortm"' in result.stderr
    exact = run_cli("--content", str(handbook_root), "search", "--no-correct", "postmortm")
    assert exact.returncode == 1 and "showing results" not in exact.stderr
    missing = run_cli("--content", str(handbook_root), "search", "xylophonequartz")
    assert missing.returncode == 1
    assert "nothing found for 'xylophonequartz'" in missing.stderr and missing.stdout == ""


def test_garbled_queries_never_traceback(handbook_root: Path) -> None:
    for query in ['"', "(((", "in:", "AND OR", "\\", "*?"]:
        result = run_cli("--content", str(handbook_root), "search", query)
        assert result.returncode in (0, 1), (query, result.stderr)
        assert "Traceback" not in result.stderr


def test_bad_limit_is_a_usage_error(handbook_root: Path) -> None:
    result = run_cli("--content", str(handbook_root), "search", "--limit", "0", "x")
    assert result.returncode == 2


SNIPPET_PAGES = {
    "db.md": (
        "# Database\n\n## Heartbeats\n\n"
        "Every host writes ops_heartbeat (noted_at, host) rows; see the _runbook_ and **alerts**.\n"
    ),
    "git.md": (
        "# Git\n\n## Commits\n\nWrite a [good commit message]. Squash fixups with [the rebase\n"
        "guide](https://example.test/rebase_(guide)) before merging.\n\n"
        "## Links\n\n[good commit message]: https://example.test/commit-messages\n"
    ),
    "layout.md": (
        "# Layout\n\n## Folder structure\n\n"
        "```\nsrc/\n├── api/\n│   └── handlers.py\n└── tests/\n```\n\n"
        "```\n+--------+     +---------+\n| client | --> | gateway |\n+--------+     +---------+\n```\n"
    ),
}


def search_snippet(root: Path, *query: str) -> str:
    result = run_cli("--content", str(root), "search", "--json", "--limit", "1", *query)
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)[0]["snippet"])


def test_snippets_are_the_plain_words_of_the_section(tmp_path: Path) -> None:
    """Underscores in identifiers stay, links are their words, diagrams' box drawing is gone."""
    for rel, text in SNIPPET_PAGES.items():
        write(tmp_path, rel, text)
    heartbeat = search_snippet(tmp_path, "heartbeat")
    assert "ops_heartbeat (noted_at, host) rows; see the runbook and alerts" in heartbeat
    commit = search_snippet(tmp_path, "commit", "message")
    assert commit.startswith("Write a good commit message. Squash fixups with the rebase guide before")
    assert not set("[]()") & set(commit) and "https" not in commit
    layout = search_snippet(tmp_path, "handlers")
    assert layout == "src/ api/ handlers.py tests/ client gateway"
