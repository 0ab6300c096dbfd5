"""Link resolution: relative, anchors, root-absolute, permalinks, .html, outside the root."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.content.model import LinkTarget

from ..conftest import write


@pytest.fixture
def hb(tmp_path: Path) -> Handbook:
    root = tmp_path / "site"
    write(root, "README.md", "# Home\n")
    write(root, "pages/getting-started/index.md", "---\ntitle: Start\npermalink: /start-here/\n---\nhi\n")
    write(root, "pages/getting-started/classes.md", "# Classes\n## Week one\n")
    write(root, "pages/tools/slack.md", "# Slack\n")
    write(root, "ops/on-call.md", "# On call\n## Handing off\n")
    write(root, "ops/runbooks/_index.md", "# Runbooks\n")
    write(root, "ops/notes.markdown", "# Notes\n")
    return Handbook.open(root)


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("on-call.md", LinkTarget("page", "ops/on-call.md")),
        ("on-call", LinkTarget("page", "ops/on-call.md")),
        ("on-call.md#handing-off", LinkTarget("page", "ops/on-call.md", "handing-off")),
        ("./runbooks/", LinkTarget("page", "ops/runbooks/_index.md")),
        ("notes", LinkTarget("page", "ops/notes.markdown")),
        ("../README.md", LinkTarget("page", "README.md")),
        ("#local", LinkTarget("anchor", "ops/x.md", "local")),
        ("/getting-started/classes/", LinkTarget("page", "pages/getting-started/classes.md")),
        ("/tools/slack", LinkTarget("page", "pages/tools/slack.md")),
        ("/ops/on-call/#handing-off", LinkTarget("page", "ops/on-call.md", "handing-off")),
        ("/start-here/", LinkTarget("page", "pages/getting-started/index.md")),
        ("on-call.html", LinkTarget("page", "ops/on-call.md")),
        ("https://example.com/x", LinkTarget("external", url="https://example.com/x")),
        ("mailto:a@b.c", LinkTarget("external", url="mailto:a@b.c")),
    ],
)
def test_resolves(hb: Handbook, href: str, expected: LinkTarget) -> None:
    assert hb.resolver.resolve(href, "ops/x.md") == expected


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("../../etc/passwd", "outside the handbook"),
        ("missing.md", "no page missing.md"),
        ("javascript:alert(1)", "unsupported link type"),
        ("", "empty link"),
        ("/nowhere/", "no page /nowhere/"),
    ],
)
def test_broken(hb: Handbook, href: str, reason: str) -> None:
    target = hb.resolver.resolve(href, "ops/x.md")
    assert target.kind == "broken" and reason in target.reason


def test_page_links_are_resolved_and_broken_ones_warned(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    write(root, "a.md", "# A\n[b](b.md#two) [gone](gone.md) [self](#a) [nope](#nope)\n")
    write(root, "b.md", "# B\n## Two\n")
    hb = Handbook.open(root)
    page = hb.page("a.md")
    kinds = [(link.text, link.target.kind) for link in page.links]
    assert kinds == [("b", "page"), ("gone", "broken"), ("self", "anchor"), ("nope", "broken")]
    assert any("gone.md" in w for w in page.warnings)
    assert [link.text for _, link in hb.broken_links()] == ["gone", "nope"]
