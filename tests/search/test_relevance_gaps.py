"""Three gaps a new hire runs into: an acronym only a title spells out, a compound written apart or
together ("set up" / "setup"), and a synonym that is a phrase. Each through a real index."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook
from handbook.search import SearchIndex
from handbook.search.documents import title_acronyms

from ..conftest import write


def build(root: Path, pages: dict[str, str]) -> SearchIndex:
    for rel, text in pages.items():
        write(root, rel, text)
    index = SearchIndex(Handbook.open(root))
    index.update()
    return index


def pages(index: SearchIndex, query: str, n: int = 10) -> list[str]:
    return list(dict.fromkeys(h.path for h in index.search(query, n).hits))


def test_acronyms_are_taken_from_page_and_section_titles() -> None:
    found = title_acronyms(["Test-Driven Development (TDD)", "Budget", "CRITICAL (Page immediately)"], "x")
    assert found == [("TDD", "Test-Driven Development")]
    assert title_acronyms(["Why we write ADRs", "## Service Level Objectives (SLOs)"], "x") == [
        ("SLO", "Service Level Objectives")
    ]


def test_an_acronym_a_title_spells_out_finds_the_pages_that_use_the_words(tmp_path: Path) -> None:
    index = build(
        tmp_path,
        {
            "practices/tdd.md": "# Test-Driven Development (TDD)\n\nWrite the failing test first.\n",
            "teams/payments.md": "# Payments\n\n## How we work\n\nWe practise test driven development.\n",
            "teams/search.md": "# Search team\n\n## How we work\n\nWe review every change in pairs.\n",
        },
    )
    found = pages(index, "TDD")
    assert found[0] == "practices/tdd.md"
    assert "teams/payments.md" in found and "teams/search.md" not in found
    assert pages(index, "test-driven development")[:2] == ["practices/tdd.md", "teams/payments.md"]


def test_a_phrase_synonym_is_not_replaced_by_its_words_synonyms(tmp_path: Path) -> None:
    # "leave" alone is time off (vacation); "parental leave" is maternity or paternity leave.
    index = build(
        tmp_path,
        {
            "people/vacation.md": (
                "# Vacation and holidays\n\nBook vacation and holidays early. Parental rules for vacation: "
                "parents of school children get vacation in school holidays first.\n"
            ),
            "people/family.md": "# Family\n\n## Maternity leave\n\nSixteen weeks, paid.\n",
            "people/other.md": "# Other\n\nNothing about time away here.\n",
        },
    )
    hits = {h.path: h.score for h in index.search("parental leave", 5).hits}
    assert max(hits, key=hits.__getitem__) == "people/family.md"
    # It says "parental", so it may come; but only for that word, not as "leave" said another way.
    assert hits.get("people/vacation.md", 0) < 0.2 * hits["people/family.md"]


def test_compounds_are_found_written_apart_or_together(tmp_path: Path) -> None:
    index = build(
        tmp_path,
        {
            "it/laptop.md": "# Your laptop\n\n## First day\n\nSetting up the laptop takes an hour.\n",
            "it/sso.md": "# Accounts\n\n## Single sign-on\n\nUse the signin page; log in with your badge.\n",
            "ops/rota.md": "# Rota\n\nWho is on-call this week, and the pager.\n",
            "it/other.md": "# Printers\n\nPrinters are on the second floor. Sign the visitor book.\n",
        },
    )
    assert pages(index, "laptop setup")[0] == "it/laptop.md"
    assert pages(index, "setup")[0] == "it/laptop.md"
    assert pages(index, "set up")[0] == "it/laptop.md"
    assert pages(index, "sign in")[0] == "it/sso.md"
    assert pages(index, "login")[0] == "it/sso.md"
    assert pages(index, "on call")[0] == "ops/rota.md"
