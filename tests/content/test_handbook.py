"""Handbook: finding pages by path, title and anchor; parse caching; pages that cannot parse."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbook.content import Handbook, PageNotFound, PageRef
from handbook.content.text import page_markdown

from ..conftest import write


@pytest.fixture
def hb(tmp_path: Path) -> Handbook:
    root = tmp_path / "hb"
    write(root, "index.md", "# Welcome\n")
    write(
        root,
        "ops/on-call.md",
        "---\ntitle: On-call guide\n---\nIntro.\n## Paging\nx\n### Escalation\ny\n## Pay\nz\n",
    )
    write(root, "ops/incidents.md", "# Incident response\n")
    write(root, "dev/on-call.md", "# Developer on-call\n")
    return Handbook.open(root)


def test_find_by_path_title_and_anchor(hb: Handbook) -> None:
    assert hb.find("ops/on-call.md") == PageRef("ops/on-call.md")
    assert hb.find("ops/on-call#paging") == PageRef("ops/on-call.md", "paging")
    assert hb.find("On-Call Guide") == PageRef("ops/on-call.md")
    assert hb.find("incidents") == PageRef("ops/incidents.md")


def test_unknown_page_suggests_closest_titles(hb: Handbook) -> None:
    with pytest.raises(PageNotFound) as info:
        hb.find("incident respons")
    assert info.value.suggestions[0] == "Incident response"
    assert "did you mean" in str(info.value)


def test_ambiguous_name_lists_candidates(hb: Handbook) -> None:
    with pytest.raises(PageNotFound) as info:
        hb.find("on-call")
    assert sorted(info.value.suggestions) == ["dev/on-call.md", "ops/on-call.md"]


def test_section_with_subsections_and_titles(hb: Handbook) -> None:
    page = hb.page("ops/on-call.md")
    assert page_markdown(page, "paging") == "## Paging\nx\n### Escalation\ny\n"
    assert page_markdown(page, "nope") is None
    assert page_markdown(page).startswith("# On-call guide\n\nIntro.")


def test_parse_is_cached_until_the_file_changes(hb: Handbook) -> None:
    first = hb.page("ops/incidents.md")
    assert hb.page("ops/incidents.md") is first
    path = hb.root / "ops/incidents.md"
    path.write_text("# Incident response\n## New section\n")
    os.utime(path, ns=(1, first.info.mtime_ns + 10**9))
    assert [s.anchor for s in hb.page("ops/incidents.md").sections] == ["incident-response", "new-section"]


def test_binary_garbage_still_opens(tmp_path: Path) -> None:
    write(tmp_path, "junk.md", bytes(range(256)) * 4)
    hb = Handbook.open(tmp_path)
    page = hb.page("junk.md")
    assert page.sections
    assert "\x1b" not in page.markdown and "\x00" not in page.markdown


def test_links_to_explicit_heading_ids_in_a_real_handbook_resolve(corpora: Path) -> None:
    """18F's pages link to `{#id}` headings; with the ids as anchors, those links are not broken."""
    hb = Handbook.open(corpora / "18f")
    page = hb.page("pages/about-us/tts-consulting/operations/delivery-assurance.md")
    assert [s.anchor for s in page.sections][1:3] == [
        "ttsc-help-wanted-slack-channel",
        "18f-delivery-assurance-(aka-tlc-crew)",
    ]
    assert not [w for w in page.warnings if "broken link" in w]
    assert "{#" not in (page_markdown(page) or "")
