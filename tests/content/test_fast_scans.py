"""Scans rewritten for speed find exactly what their plain forms find.

Every page is normalised on its way into the search index, so the normaliser's scans were rewritten to
be searched for a first character (not tried at every position) and to look only at lines that can be
fences. The plain forms are kept here, as the specification: on every page of the sample handbooks and
on generated text, old and new agree.
"""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.content import mdx, mojibake, normalise, shortcodes
from handbook.content.fences import code_lines, split_code_blocks

from ..conftest import CORPORA, SEEDS

BUNDLED = Path(__file__).resolve().parents[2] / "content"

PLAIN_EMOJI_RUN = re.compile(r"(?<![\w:/])(?::[a-z0-9_+\-]+:)+(?![\w:])")
PLAIN_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n\s*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
PLAIN_MOJIBAKE_HINT = re.compile(f"[{mojibake._LEAD}][{mojibake._CONT}]|‚Ä|Ô∏|√[©¢≠]|\uf8ff")


def plain_split_code_blocks(text: str) -> list[tuple[bool, str]]:
    """Each line as ``code_lines`` reads it, grouped."""
    lines = code_lines(text.splitlines(keepends=True))
    return [
        (is_code, "".join(line for _, line in group)) for is_code, group in groupby(lines, lambda p: p[0])
    ]


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def assert_same(text: str) -> None:
    assert split_code_blocks(text) == plain_split_code_blocks(text)
    assert matches(shortcodes._EMOJI_RUN, text) == matches(PLAIN_EMOJI_RUN, text)
    assert matches(normalise._CODE_SPAN, text) == matches(PLAIN_CODE_SPAN, text)
    assert bool(mojibake._MOJIBAKE_HINT.search(text)) == bool(PLAIN_MOJIBAKE_HINT.search(text))
    assert (mdx._may_have_esm(text) and mdx._ESM_HINT.search(text) is not None) == bool(
        mdx._ESM_HINT.search(text)
    )


def sample_pages() -> list[Path]:
    pages: list[Path] = []
    for root in (BUNDLED, SEEDS, CORPORA):
        if root.exists():
            pages += sorted(p for p in root.rglob("*") if p.suffix in (".md", ".mdx", ".markdown"))
    return pages


def test_the_scans_agree_on_every_sample_page() -> None:
    pages = sample_pages()
    if len(pages) < 100:
        pytest.skip("the sample handbooks (../shared) are not here")
    fenced = spans = 0
    for path in pages:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert_same(text)
        fenced += "```" in text
        spans += bool(PLAIN_CODE_SPAN.search(text))
    assert fenced > 50 and spans > 50  # the pages hold what the scans look for


PIECES = st.sampled_from(
    [
        "```", "~~~", "````", "`", "``", " ", "   ", "    ", "\t", "\n", "\n\n", "\r", "\x0b", "\u2028",
        "a", "Word", "x_y", ":", "::", "/", ":+1:", ":smile:", ":a_b-c:", "10:30", "http://x",
        "â€™", "Ã©", "é", "‚Ä", "Ô∏", "√©", "\uf8ff", "ğŸ", "ı", "import", "export", "{", "*",
    ]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_scans_agree_on_generated_text(text: str) -> None:
    assert_same(text)


def test_fence_pieces() -> None:
    # A fence closed and another opened on the next line: one code piece, as line by line.
    text = "a\n```\nx\n```\n~~~\ny\n~~~\nb\n"
    assert split_code_blocks(text) == [(False, "a\n"), (True, "```\nx\n```\n~~~\ny\n~~~\n"), (False, "b\n")]
    assert split_code_blocks("") == [] and split_code_blocks("plain\n") == [(False, "plain\n")]
    assert split_code_blocks("```\nnever closed\n") == [(True, "```\nnever closed\n")]
