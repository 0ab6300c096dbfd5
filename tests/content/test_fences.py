"""Fenced code blocks are found one way by everything that skips code."""

from __future__ import annotations

from handbook.content.fences import code_lines, split_code_blocks
from handbook.content.page_head import first_heading
from handbook.content.sites.common import parse_list_nav
from handbook.glossary.acronyms import inline_acronyms

# A tilde fence, and a backtick fence closed by a longer fence after a line that only looks like one.
TRICKY = "~~~\n# Not a title\n~~~\n````md\n```\n- [Hidden](hidden.md)\n`````\n"


def test_fence_rules() -> None:
    flags = [is_code for is_code, _ in code_lines(TRICKY.splitlines())]
    assert flags == [True, True, True, True, True, True, True]
    assert [c for c, _ in code_lines(["```a` is code", "# Heading"])] == [False, False]  # not a fence
    assert [c for c, _ in code_lines(["```", "    ```", "still code", "```"])] == [True] * 4  # indented 4
    assert "".join(chunk for _, chunk in split_code_blocks(TRICKY + "after\n")) == TRICKY + "after\n"


def test_the_title_the_nav_and_the_acronyms_skip_the_same_code() -> None:
    assert first_heading(TRICKY + "# Real title\n") == "Real title"
    nav = parse_list_nav(TRICKY + "- [Shown](shown.md)\n")
    assert [(n.title, n.path) for n in nav] == [("Shown", "shown.md")]
    text = "~~~\nService Level Objective (SLO)\n~~~\nMean time to recovery (MTTR) is tracked.\n"
    assert [e.term for e in inline_acronyms(text, "p.md")] == ["MTTR"]
