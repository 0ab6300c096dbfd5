"""Hostile lines (`[a](` repeated …): every text step on the page path stays linear.

Speed itself is measured by ``benchmarks/pathological.py``. Here each step runs on a 200 KB line in
a child process that must finish: a linear step takes well under a second, the quadratic ones this
replaces took 3 minutes to half an hour on these lines (a 16 KB line: 1-14 s), so the generous limit
only ever catches a step that went super-linear again.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from handbook.content.normalise import defuse_link_openers, normalise
from handbook.content.parse import build_sections
from handbook.content.text import plain_text, readable_text

SIZE = 200_000
LIMIT = 60  # seconds; see the module docstring

STEPS = {
    "plain_text [": "from handbook.content.text import plain_text as f; f('[' * N)",
    "plain_text ![a](": "from handbook.content.text import plain_text as f; f('![a](' * (N // 5))",
    "plain_text _a": "from handbook.content.text import plain_text as f; f('_a ' * (N // 3))",
    "plain_text *a": "from handbook.content.text import plain_text as f; f('*a ' * (N // 3))",
    "plain_text spaces": "from handbook.content.text import plain_text as f; f('a' + ' ' * N + 'b')",
    "searchable ](": "from handbook.search.documents import searchable as f; f('](' * (N // 2))",
    "link_hrefs title": "from handbook.search.documents import link_hrefs as f; f('[a](x \"' * (N // 7), {})",
    "clean_title [": "from handbook.content.page_head import clean_title as f; f('[' * N)",
    "html attributes": (
        "from handbook.content.html_text import html_to_markdown as f; f('<img ' + 'a_' * N + '>')"
    ),
    "shortcode arguments": (
        "from handbook.content.shortcodes import reduce_shortcodes as f; f('{{< x ' + 'a_' * N + ' >}}')"
    ),
    "heading attributes": (
        "from handbook.content.normalise import split_heading_attributes as f; f('T' + ' ' * N + 'x}')"
    ),
    "acronyms [": (
        "from handbook.glossary.acronyms import inline_acronyms as f; list(f('[' * N + ' (API)', 'p'))"
    ),
    "reader images": "from handbook.tui.page.render import prepare as f; f('![a](' * (N // 5))",
    "mdx unclosed tags": "from handbook.content.normalise import normalise as f; f('<A ' * (N // 3))",
    "mdx attribute braces": "from handbook.content.normalise import normalise as f; f('<A {' * (N // 4))",
    "mdx attribute quotes": "from handbook.content.normalise import normalise as f; f('<A \"' * (N // 4))",
    "mdx nested tags": (
        "from handbook.content.normalise import normalise as f; f('<A>' * 99 + '</B>' * (N // 4))"
    ),
    "mdx import brackets": "from handbook.content.normalise import normalise as f; f('import {' + '{' * N)",
    "mdx comment openers": "from handbook.content.normalise import normalise as f; f('{/*' * (N // 3))",
    "containers nested": "from handbook.content.normalise import normalise as f; f(':::note\\n' * (N // 8))",
    "js literal nesting": (
        "from handbook.content.js_literal import default_export as f; f('export default {' + 'a: {' * N)"
    ),
}


@pytest.mark.parametrize("code", list(STEPS.values()), ids=list(STEPS))
def test_a_step_on_a_hostile_200_kb_line_finishes(code: str) -> None:
    try:
        subprocess.run([sys.executable, "-c", f"N = {SIZE}\n{code}"], check=True, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"not done after {LIMIT} s on a {SIZE // 1000} KB line: super-linear again")


def test_a_line_of_unclosed_link_openers_is_shown_as_written() -> None:
    line = "![a](" * 40
    body = normalise(f"# T\n\nsee {line}\n").text
    assert "](" not in body
    section = build_sections(body, "T")[0][0]
    assert section.content.links == []
    assert readable_text(section.markdown) == "see " + line


def test_real_links_are_left_alone_however_many() -> None:
    closed = "[a](x) " * 200
    assert defuse_link_openers(closed) == closed
    few = "[a](" * 32
    assert defuse_link_openers(few) == few
    text = "[a](x) and ![b](y)\n" + "[a](" * 40
    assert defuse_link_openers(text).split("\n")[0] == "[a](x) and ![b](y)"


def test_code_keeps_its_link_openers() -> None:
    body = normalise("# T\n\n```\n" + "[a](" * 40 + "\n```\n\n`" + "[a](" * 40 + "`\n").text
    assert body.count("[a](") == 80


def test_linear_patterns_still_reduce_ordinary_markdown() -> None:
    markdown = (
        "**bold** and *it* and ~~old~~ and __now__ and _redirect_to_ and [link](https://x.test/a_(b)) "
        "![img](i.png) <https://x.test/y> ref [a][b]\n\n| a | b |\n| --- | :--: |\n"
    )
    assert plain_text(markdown).split() == (
        "bold and it and old and now and redirect_to and link img https://x.test/y ref a a b".split()
    )
