"""`handbook define` and `handbook glossary`, run in-process (`run_cli`)."""

from __future__ import annotations

import json
from pathlib import Path

from handbook import paths
from handbook.glossary import term_sort_key

from ..conftest import SEEDS, needs_shared, run_cli, write


def test_define_by_term_alias_and_case() -> None:
    for asked in ("SLO", "slo", "service level objective"):
        result = run_cli("define", *asked.split())
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("SLO (service level objective)\n")
        assert "\x1b" not in result.stdout  # plain when piped


def test_define_unknown_suggests() -> None:
    result = run_cli("define", "sloo")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].endswith("no glossary entry for 'sloo'") and "did you mean 'SLO'" in lines[-1]


def test_define_miss_points_to_a_section_only_when_an_index_exists(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n\n## Incident review\n\nWrite the RCA within a week.\n")
    before = run_cli("--content", str(tmp_path), "define", "RCA")
    assert before.returncode == 1 and " see " not in before.stderr  # no index: none is built for this
    assert run_cli("--content", str(tmp_path), "index").returncode == 0
    after = run_cli("--content", str(tmp_path), "define", "RCA")
    assert after.returncode == 1
    assert "RCA: see Home › Incident review (index.md#incident-review)" in after.stderr


def test_define_json_keeps_every_source() -> None:
    data = json.loads(run_cli("define", "--json", "1:1").stdout)
    assert data["term"] == "1:1" and "one-on-one" in data["aliases"]
    assert len(data["definitions"]) == 2 and {d["source"].split("#")[0] for d in data["definitions"]} >= {
        "glossary.md"
    }


def test_glossary_lists_every_term() -> None:
    listing = run_cli("glossary")
    assert listing.returncode == 0 and "MTTR (mean time to recovery, " in listing.stdout
    data = json.loads(run_cli("glossary", "--json").stdout)
    assert len(data) >= 40 and [t["term"] for t in data] == sorted(
        (t["term"] for t in data), key=term_sort_key
    )


def test_glossary_of_a_seed() -> None:
    seed = needs_shared(SEEDS / "001_3a1b2ec40ff908fe.txt")
    listing = run_cli("--content", str(seed), "glossary")
    assert listing.stdout.splitlines() == [
        "CD (Continuous Delivery): Continuous Delivery",
        "CI (Continuous Integration): Continuous Integration",
    ]


def test_search_expands_acronyms_both_ways() -> None:
    hits = json.loads(run_cli("search", "--json", "mean", "time", "to", "recovery").stdout)
    assert any("MTTR" in h["snippet"] for h in hits)


def test_search_never_builds_the_glossary_but_uses_a_built_one() -> None:
    """Building reads every page (a minute on 40 MB): `handbook search` only uses what is cached."""
    cache = paths.handbook_cache_dir(paths.bundled_content()) / "glossary.json"
    first = run_cli("search", "--json", "MTTR")
    assert first.returncode in (0, 1), first.stderr
    assert not cache.exists()
    assert run_cli("glossary").returncode == 0 and cache.exists()
    expanded = run_cli("search", "--json", "MTTR")
    assert expanded.returncode == 0, expanded.stderr
