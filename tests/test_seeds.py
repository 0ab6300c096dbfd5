"""Golden checks on the five real handbooks the project started from (../shared/seeds)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.content import Handbook, Page

MOJIBAKE = ("â€", "ðŸ", "Ã", "ğŸ", "üè", "ï¸", "\uf8ff")
RAW_HTML = re.compile(
    r"</?(?:div|table|tr|td|th|img|br|p|b|i|span|center|details|summary|kbd|a|strong|em|ul|li|h[1-6])\b[^>]*>",
    re.IGNORECASE,
)
TITLES = {
    "000_ccabf785eee69cde.txt": "PES — Engineering & Operations Handbook",
    "001_3a1b2ec40ff908fe.txt": "Engineering Handbook",
    "002_70b23f6e95f87cab.txt": "The Enterprise Engineering Playbook",
    "003_323f86c51f3523f2.txt": "Operations Handbook",
    "004_be071ff466b2e52d.txt": "Engineering",
}


def open_seed(seeds: Path, name: str) -> tuple[Handbook, Page]:
    hb = Handbook.open(seeds / name)
    return hb, hb.page(hb.pages[0].path)


def readable_text(page: Page) -> str:
    """What a reader sees: the Markdown outside code blocks, plus every heading."""
    from handbook.content.fences import split_code_blocks

    prose = "".join(chunk for is_code, chunk in split_code_blocks(page.markdown) if not is_code)
    return prose + "\n".join(s.title for s in page.sections)


@pytest.mark.parametrize("name", sorted(TITLES))
def test_seed_opens_with_title_and_no_mojibake_or_html(seeds: Path, name: str) -> None:
    hb, page = open_seed(seeds, name)
    assert hb.title == TITLES[name]
    text = readable_text(page)
    for marker in MOJIBAKE:
        assert marker not in text, f"mojibake {marker!r} left in {name}"
    assert RAW_HTML.findall(text) == []
    assert "\x1b" not in page.markdown


def test_seed_000_journey_steps_are_words(seeds: Path) -> None:
    _, page = open_seed(seeds, "000_ccabf785eee69cde.txt")
    steps = [
        "Account Setup",
        "Access Provisioning",
        "Environment Setup",
        "Hello World",
        "Team Integration",
        "First Contribution",
        "Process Training",
        "Mentor Checkin",
        "Full Ownership",
        "Process Mastery",
        "Career Planning",
        "Feedback Loop",
    ]
    for number, step in enumerate(steps, start=1):
        assert f"Step {number}: {step}" in page.markdown
    journey = page.section("first-30-days")
    assert journey is not None and "Step 1: Account Setup" in journey.text
    assert "```mermaid" in page.markdown  # diagrams stay code, not noise
    assert page.section("mission--vision") is not None  # its own table of contents resolves


def test_seed_000_glossary_cells_are_readable(seeds: Path) -> None:
    _, page = open_seed(seeds, "000_ccabf785eee69cde.txt")
    assert "- **SLO**: Service Level Objective" in page.markdown
    assert "| **SRE Lead** | On-call, monitoring, reliability | `@sre` |" in page.markdown


def test_seed_001_comments_gone_and_eight_chapters(seeds: Path) -> None:
    _, page = open_seed(seeds, "001_3a1b2ec40ff908fe.txt")
    assert "<!--" not in page.markdown and "filler" not in page.markdown
    assert [s.title for s in page.sections] == [
        "Chapter 1: Onboarding",
        "Chapter 2: Coding Standards",
        "Chapter 3: Branching Strategy",
        "Chapter 4: Code Review",
        "Chapter 5: Release Process",
        "Chapter 6: Incident Response",
        "Chapter 7: Glossary",
        "Chapter 8: FAQ",
    ]
    assert "tag & sign release" in page.markdown
    assert "What’s the SLA?" in page.markdown
    assert page.front_matter["version"] == 1


def test_seed_002_code_stays_code_and_tasks_found(seeds: Path) -> None:
    _, page = open_seed(seeds, "002_70b23f6e95f87cab.txt")
    anchors = {s.anchor for s in page.sections}
    assert "problem-statement" not in anchors  # a heading inside a ```markdown fence
    assert "11-problem-definition" in anchors
    assert page.tasks and all(t.text for t in page.tasks)
    assert "┌" in page.markdown or "│" in page.markdown or "+--" in page.markdown


def test_seed_004_broken_relative_links_are_reported_not_fatal(seeds: Path) -> None:
    _, page = open_seed(seeds, "004_be071ff466b2e52d.txt")
    broken = {link.href: link.target.reason for link in page.links if link.target.kind == "broken"}
    assert "adr/index.md" in broken and "../people/index.md" in broken
    assert broken["../people/index.md"] == "points outside the handbook"
    assert "🚀 Developer Experience" in [s.title for s in page.sections]
