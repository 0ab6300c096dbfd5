"""Glossary extraction: each source shape, merging, goldens on real handbooks, no junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.glossary import build_glossary, spells

from ..conftest import CORPORA, needs_shared, write


def glossary_of(tmp_path: Path, pages: dict[str, str]):  # type: ignore[no-untyped-def]
    for rel, text in pages.items():
        write(tmp_path, rel, text)
    return build_glossary(Handbook.open(tmp_path))


def defs(glossary, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    term = glossary.lookup(name)
    assert term is not None, f"{name} not found in {[t.term for t in glossary.terms]}"
    return [d.text for d in term.definitions]


def test_bold_bullets_with_links_and_multiline(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "glossary.md": (
                "# Glossary\n\n- **SLO** (service level objective): A target for reliability.\n"
                "- **[10X](https://10x.gsa.gov/)** - A way to pitch an idea\n  that solves a problem.\n"
                "* **RCA** — Root cause analysis, written after incidents.\n"
            )
        },
    )
    assert defs(g, "SLO") == ["A target for reliability."]
    assert g.lookup("service level objective") is g.lookup("slo")
    assert defs(g, "10X") == ["A way to pitch an idea that solves a problem."]
    assert defs(g, "rca") == ["Root cause analysis, written after incidents."]


TERMINOLOGY = "# Terminology\n\n- CI: Continuous Integration\n- CD: Continuous Delivery\n"
VOCABULARY = "# Vocabulary\n\nCanary\n: A small first rollout.\n\nToil\n: Repetitive work.\n"
DEFINITIONS = "# Definitions\n\n| Term | Meaning |\n|---|---|\n| DRI | Directly responsible individual |\n"
ACRONYMS = "# Acronyms\n\n### Runbook\n\nSteps for one situation.\n\n### Pager\n\nThe alerting.\n"


def test_plain_entries_definition_lists_tables_and_headings(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "terms/terminology.md": TERMINOLOGY,
            "vocabulary.md": VOCABULARY,
            "definitions.md": DEFINITIONS,
            "acronyms.md": ACRONYMS,
        },
    )
    assert defs(g, "CI") == ["Continuous Integration"] and g.lookup("continuous integration") is not None
    assert defs(g, "canary") == ["A small first rollout."]
    assert defs(g, "DRI") == ["Directly responsible individual"]
    assert g.lookup("directly responsible individual") is not None  # the expansion is an alias
    assert defs(g, "runbook") == ["Steps for one situation."]


def test_yaml_and_pages_merge_keeping_both_definitions_and_sources(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "glossary.yaml": "- term: SLO\n  definition: A reliability target.\n"
            "  aliases: [service level objective]\n",
            "glossary.md": "---\nglossary: true\n---\n# Words\n\n## S\n\n"
            "- **Service level objective**: What we promise ourselves.\n",
        },
    )
    term = g.lookup("slo")
    assert term is not None and term.term == "SLO"
    assert [(d.text, d.source) for d in term.definitions] == [
        ("A reliability target.", "glossary.yaml"),
        ("What we promise ourselves.", "glossary.md#s"),
    ]


def test_bullets_outside_glossaries_are_not_terms(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "guide.md": "# Guide\n\n- Note: this is a tip\n- **Warning**: do not do this\n\n"
            "## Glossary\n\n- **MR**: Merge request\n\n## After\n\n- Step: do it\nthink: a sentence\n",
        },
    )
    assert [t.term for t in g.terms] == ["MR"]  # only the glossary section counts


def test_acronym_spelling() -> None:
    assert spells("SLO", "Service Level Objective") and spells("RFC", "Request for Comments")
    assert spells("MTTR", "Mean Time to Recovery") and not spells("SLO", "A reliability target")


def test_bundled_glossary() -> None:
    g = build_glossary(Handbook.open())
    assert g.problems == [] and len(g.terms) >= 40
    for name in ("SLO", "service level objective", "MTTR", "RCA", "DRI", "canary", "feature flag", "on-call"):
        assert g.lookup(name) is not None, name
    assert g.expansions("SLO") == ["service level objective"]
    assert "SLO" in g.expansions("service level objective")


def test_seed_000_terms_inside_html_table_cells(seeds: Path) -> None:
    g = build_glossary(Handbook.open(seeds / "000_ccabf785eee69cde.txt"))
    assert sorted(t.term for t in g.terms) == ["CD", "CI/CD", "MTTR", "RFC", "SLA", "SLO"]
    assert defs(g, "SLO") == ["Service Level Objective"]


def test_seed_001_glossary_chapter(seeds: Path) -> None:
    g = build_glossary(Handbook.open(seeds / "001_3a1b2ec40ff908fe.txt"))
    assert sorted(t.term for t in g.terms) == ["CD", "CI"]
    assert g.lookup("continuous integration") is g.lookup("CI")


def test_18f_bold_term_bullets(corpora: Path) -> None:
    g = build_glossary(Handbook.open(corpora / "18f"))
    assert len(g.terms) >= 120
    for name, words in [
        ("ATO", "authority"),
        ("10X", "pitch"),
        ("FedRAMP", "security"),
        ("TTS", "technology"),
    ]:
        assert any(words in d.lower() for d in defs(g, name)), name
    assert g.lookup("architecture decision record") is g.lookup("ADR")


JUNK = [
    "Note",
    "Warning",
    "Tip",
    "Example",
    "Step 1",
    "Important",
    "Owner",
    "Status",
    "More",
    "TODO",
    "Yes",
    "No",
]


@pytest.mark.parametrize("name", ["18f", "thoughtbot-guides"])
def test_no_junk_terms_from_ordinary_pages(name: str) -> None:
    root = needs_shared(CORPORA / name)
    g = build_glossary(Handbook.open(root))
    for junk in JUNK:
        assert g.lookup(junk) is None, junk
    assert not [t.term for t in g.terms if t.term.count("(") != t.term.count(")")]
    for term in g.terms:
        for definition in term.definitions:
            if definition.kind == "spelled out":
                continue  # an acronym spelled out in running text may be anywhere
            page = definition.source.split("#")[0]
            assert "glossar" in page.lower() or "#" in definition.source, (term.term, definition.source)
            assert len(term.term) <= 60 and definition.text


def test_marking_pattern_respects_acronym_case(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {"glossary.md": "# Glossary\n\n- **AT**: Assistive technology\n- **Canary**: A small rollout\n"},
    )
    pattern = g.pattern()
    assert pattern is not None
    text = "Meet at AT training; a canary and a Canary-free day."
    assert [m.group(0) for m in pattern.finditer(text)] == ["AT", "canary"]


def test_the_glossary_is_cached_until_a_page_changes(tmp_path: Path) -> None:
    import os

    from handbook.glossary import load_glossary

    page = write(tmp_path, "glossary.md", "# Glossary\n\n- **SLO**: A target\n")
    first = load_glossary(Handbook.open(tmp_path))
    assert [t.term for t in first.terms] == ["SLO"]
    again = load_glossary(Handbook.open(tmp_path))
    assert [t.as_json() for t in again.terms] == [t.as_json() for t in first.terms]
    page.write_text("# Glossary\n\n- **SLO**: A target\n- **SLA**: A promise\n")
    os.utime(page, ns=(1, page.stat().st_mtime_ns + 10**9))
    assert [t.term for t in load_glossary(Handbook.open(tmp_path)).terms] == ["SLA", "SLO"]
