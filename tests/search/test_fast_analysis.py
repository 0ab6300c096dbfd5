"""The analysis shortcuts of indexing count what their plain forms count.

Particle pairs ("set up") are found from the particle back, and a page's spellable words from its
already split words (each distinct word's letter runs found once per shard); the plain forms are kept
here as the specification and compared on every page of the sample handbooks and on generated text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.search.analysis import add_spellable, count_spellable, particle_pairs, surface_words
from handbook.search.documents import PageJob, page_documents

from ..conftest import CORPORA, SEEDS

BUNDLED = Path(__file__).resolve().parents[2] / "content"

PLAIN_PARTICLE_PAIR = re.compile(r"\b([^\W\d_]{2,20})[ \t]+(up|in|out|off|down|back)\b", re.IGNORECASE)


def assert_same(text: str) -> None:
    assert particle_pairs(text) == PLAIN_PARTICLE_PAIR.findall(text)
    if "Σ" not in text:  # (where the index counts whole texts: a sigma's lower case needs its neighbours)
        plain: Counter[str] = Counter()
        count_spellable(text, plain)
        fast: Counter[str] = Counter()
        add_spellable(Counter(surface_words(text)), fast)
        assert fast == plain


def test_the_shortcuts_agree_on_every_sample_page() -> None:
    pages: list[Path] = []
    for root in (BUNDLED, SEEDS, CORPORA):
        if root.exists():
            pages += sorted(p for p in root.rglob("*") if p.suffix in (".md", ".mdx", ".markdown"))
    if len(pages) < 100:
        pytest.skip("the sample handbooks (../shared) are not here")
    pairs = 0
    for path in pages:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert_same(text)
        pairs += len(PLAIN_PARTICLE_PAIR.findall(text))
    assert pairs > 1000


PIECES = st.sampled_from(
    [
        "set", "Log", "a", "x2", "snake_case", "on-call", "o'clock",
        "abcdefghijklmnopqrst", "abcdefghijklmnopqrstu",
        "up", "UP", "in", "İn", "ın", "out", "off", "Down", "back", "bacK", "upper", "inside",
        " ", "  ", "\t", "\n", ",", "-", "'", ".", "1", "_", ":", "Σ", "ΑΣ", "σ", "é",
    ]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_the_shortcuts_agree_on_generated_text(text: str) -> None:
    assert_same(text)


def test_a_page_s_spellable_words_are_those_of_its_headings_and_text(tmp_path: Path) -> None:
    text = "# Set Up\n\nSet up the laptop; the laptop's VPN.\n\n## ΑΣ:Β\n\nΟΔΟΣ:ΑΒ and more words\n"
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    page = page_documents(PageJob(str(tmp_path), "page.md", "Page", "", ()))
    expected: Counter[str] = Counter()
    for document in page.documents:
        count_spellable(document["heading"], expected)
        count_spellable(document["markdown"], expected)
    assert page.spellable() == expected
    assert expected["laptop"] == 2 and expected["οδοσ"] == 1  # not "οδος": the colon, then a letter
    assert "laptop" in page.surface and "οδοσ" in page.words


def test_particle_pairs() -> None:
    assert particle_pairs("set up in out, log\tin") == [("set", "up"), ("in", "out"), ("log", "in")]
    assert particle_pairs("x2set up, o'clock up, abcdefghijklmnopqrstu up") == [("clock", "up")]
