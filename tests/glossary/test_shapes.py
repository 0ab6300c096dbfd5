"""Every glossary shape of issue 13, each in a small handbook of its own: found whole, nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.glossary import Glossary, build_glossary

from ..conftest import write

LIST_OF_TERMS = """\
# List of Terms

Words you will hear in your first weeks.

## A

### ARR

Annual recurring revenue. What finance reports every month.

### Async

Working without waiting for each other. We prefer it:

- write it down
- link the issue

### Ambassador

A volunteer who represents the team at meetups.

## D

### DRI

Directly responsible individual: the one person who decides.

### Dogfooding

Using our own product before customers do.

- It finds bugs early.
- It builds empathy.

#### Why

Because it works.

## Tombstoned

### Moonshot

The old name of the innovation budget; say "bets".
"""


def glossary_of(root: Path, files: dict[str, str]) -> Glossary:
    for rel, text in files.items():
        write(root, rel, text)
    return build_glossary(Handbook.open(root))


def names(glossary: Glossary) -> list[str]:
    return [t.term for t in glossary.terms]


def test_gitbook_list_of_terms_with_lists_inside_entries(tmp_path: Path) -> None:
    g = glossary_of(tmp_path, {"README.md": "# Home\n", "list-of-terms.md": LIST_OF_TERMS})
    assert names(g) == ["Ambassador", "ARR", "Async", "Dogfooding", "DRI", "Moonshot"]
    async_ = g.lookup("async")
    assert async_ is not None and async_.summary == "Working without waiting for each other. We prefer it"
    assert async_.definitions[0].source == "list-of-terms.md#async"
    moonshot = g.lookup("Moonshot")
    assert moonshot is not None and moonshot.deprecated
    dri = g.lookup("DRI")
    assert dri is not None and not dri.deprecated
    assert g.lookup("directly responsible individual") is dri  # the expansion became a name


def test_gitbook_glossary_file_and_front_matter(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "README.md": "# Home\n",
            "GLOSSARY.md": "## Canary\n\nA small first rollout.\n\n## Toil\n\nRepetitive manual work.\n",
            "words.md": "---\nglossary: true\n---\n# Our words\n\n## Yak shaving\n\nWork before the work.\n",
            "team.md": "---\nglossary: false\n---\n# Glossary\n\n- **Secret**: Not to be listed.\n",
        },
    )
    assert names(g) == ["Canary", "Toil", "Yak shaving"]


@pytest.mark.parametrize(
    "title",
    [
        "Terms",
        "Terminology",
        "Lexicon",
        "Jargon",
        "Acronyms",
        "Abbreviations",
        "Key terms",
        "Definitions",
        "Chapter 9: Glossary",
        "Terms to know",
    ],
)
def test_glossary_pages_by_name(tmp_path: Path, title: str) -> None:
    g = glossary_of(
        tmp_path, {"index.md": "# Home\n", "p.md": f"# {title}\n\n- **SLO**: A reliability target.\n"}
    )
    assert names(g) == ["SLO"]


def test_terms_of_service_is_no_glossary(tmp_path: Path) -> None:
    g = glossary_of(tmp_path, {"index.md": "# Terms of Service\n\n- **Use**: Be nice to the servers.\n"})
    assert names(g) == []


def test_glossary_by_shape_without_a_name(tmp_path: Path) -> None:
    entries = "".join(
        f"## {term}\n\n{text}\n\n"
        for term, text in [
            ("Blast radius", "The part of the system a failure can reach."),
            ("Canary", "A small first rollout to a few users."),
            ("Error budget", "The amount of failure an SLO allows."),
            ("Runbook", "A document of steps for one alert."),
            ("Toil", "Repetitive manual work that scales with traffic."),
            ("Yak shaving", "A chain of tasks before the real task."),
        ]
    )
    ordinary = "".join(
        f"## {h}\n\nYou run the installer first.\n\n"
        for h in ["Install", "Configure", "Run", "Upgrade", "Remove", "Debug"]
    )
    g = glossary_of(
        tmp_path,
        {
            "index.md": "# Home\n",
            "words.md": "# What we say\n\n" + entries,
            "guide.md": "# Guide\n\n" + ordinary,
        },
    )
    assert names(g) == ["Blast radius", "Canary", "Error budget", "Runbook", "Toil", "Yak shaving"]


GROUPED_YAML = """\
technical:
  - term: SLO
    definition: A reliability target.
  - term: Canary
    definition: A small first rollout.
business:
  - term: ARR (Annual Recurring Revenue)
    definition: Revenue that repeats each year.
"""


def test_data_glossary_grouped_by_category(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    g = glossary_of(tmp_path, {"content/index.md": "# Home\n", "data/glossary.yml": GROUPED_YAML})
    g = build_glossary(Handbook.open(tmp_path / "content"))
    arr = g.lookup("annual recurring revenue")
    assert arr is not None and arr.term == "ARR"
    assert arr.definitions[0].category == "business" and arr.definitions[0].source == "../data/glossary.yml"
    slo = g.lookup("SLO")
    assert slo is not None and slo.definitions[0].category == "technical"


def test_docusaurus_glossary_json(tmp_path: Path) -> None:
    data = (
        '{"terms": [{"term": "Application Programming Interface", "abbreviation": "API", '
        '"definition": "A contract between programs."}, {"term": "Webhook", "definition": "A call back."}]}'
    )
    g = glossary_of(tmp_path, {"index.md": "# Home\n", "glossary.json": data})
    api = g.lookup("API")
    assert api is not None and api is g.lookup("application programming interface")
    assert api.summary == "A contract between programs." and g.lookup("webhook") is not None


def test_one_file_per_term_folder(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "index.md": "# Home\n",
            "glossary/dri.md": "---\ntitle: DRI\nshort_description: The directly responsible individual.\n"
            "aka: [directly responsible individual]\n---\nLonger text.\n",
            "glossary/okr.md": "---\ntitle: OKR\n---\nObjectives and key results, set each quarter.\n",
        },
    )
    dri = g.lookup("directly responsible individual")
    assert dri is not None and dri.term == "DRI" and dri.summary == "The directly responsible individual."
    okr = g.lookup("OKR")
    assert okr is not None and okr.summary == "Objectives and key results, set each quarter."
    assert okr.definitions[0].source == "glossary/okr.md"


def test_markdown_abbreviations_in_pages_and_an_included_file(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "index.md": "# Home\n\nWe write HTML.\n\n*[HTML]: Hyper Text Markup Language\n",
            "includes/abbreviations.md": "*[MR]: Merge request\n*[W3C]: World Wide Web Consortium\n",
        },
    )
    assert names(g) == ["HTML", "MR", "W3C"]
    assert g.lookup("merge request") is g.lookup("MR")


FINANCE = """\
# Metrics

## Definitions

| Account | Value |
|---|---|
| Account 1 | 100K |
| 2/28/21 | 100K - 50K = 50K |
| 6010-200 | 1,200 |

| Severity | CVSS |
|---|---|
| Critical | 9.0 - 10.0 |
| High | 7.0 - 8.9 |

- **WorkItemWidgetNotes**: `notes` widget
- **1**: one
- **Warning**: this table is updated monthly.
- **updated_at**: The time of the last change.
"""


def test_metrics_and_finance_definitions_yield_nothing(tmp_path: Path) -> None:
    g = glossary_of(tmp_path, {"index.md": "# Home\n", "metrics.md": FINANCE})
    assert names(g) == []


def test_inline_acronyms_are_spelled_out_after_real_definitions(tmp_path: Path) -> None:
    g = glossary_of(
        tmp_path,
        {
            "index.md": "# Home\n\nWe use Infrastructure-as-Code (IaC) and write RFCs"
            " (Request for Comments).\n"
            "Ask the TMRG (Team Member Resource Group). Write failing test first (TDD).\n",
            "glossary.md": "# Glossary\n\n- **RFC**: A proposal others comment on.\n",
        },
    )
    iac = g.lookup("IaC")
    assert iac is not None and iac.definitions[0].kind == "spelled out"
    assert iac.definitions[0].source == "index.md#home" and g.lookup("infrastructure-as-code") is iac
    rfc = g.lookup("RFC")
    assert rfc is not None and [d.kind for d in rfc.definitions] == ["defined", "spelled out"]
    assert g.lookup("Team Member Resource Group") is g.lookup("TMRG") is not None
    assert g.lookup("TDD") is None


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(20)
    )
    g = glossary_of(tmp_path, {"index.md": "# Home\n", "glossary.yaml": bomb})
    assert g.terms == [] and "aliases are expanded" in g.problems[0]


def test_glossary_file_symlinked_out_of_the_root_is_not_read(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/glossary.yaml", "- {term: Secret, definition: Read from elsewhere.}\n")
    root = tmp_path / "handbook"
    write(root, "index.md", "# Home\n")
    os.symlink(outside, root / "glossary.yaml")
    assert names(build_glossary(Handbook.open(root))) == []
