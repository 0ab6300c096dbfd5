"""Snippets cut from kept tokens are the snippets Whoosh's own highlighting pipeline cuts (its analyzer,
``set_matched_filter``, ``ContextFragmenter``, ``top_fragments``), on the bundled handbook's sections
with words of their own and words they lack, asked again with other words as while typing."""

from __future__ import annotations

import random

from whoosh.highlight import FIRST, BasicFragmentScorer, ContextFragmenter, set_matched_filter, top_fragments

from handbook.search.analysis import analyzer, terms
from handbook.search.snippets import SNIPPET_CHARS, Snippet, _joined, flat_text, snippet

from .test_writer import documents


def whoosh_snippet(markdown: str, highlight: set[str]) -> Snippet:
    flat = flat_text(markdown)
    tokens = analyzer()(flat, chars=True, mode="query", removestops=False)
    tokens = set_matched_filter(tokens, frozenset(highlight))
    fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
    best = top_fragments(fragmenter.fragment_tokens(flat, tokens), 1, BasicFragmentScorer(), FIRST, 1)
    assert best  # the sections asked about all hold one of the words
    return _joined(best)


def test_snippets_are_whooshs() -> None:
    rng = random.Random(7)
    checked = 0
    for doc in documents():
        words = doc["markdown"].split()
        if len(words) < 5:
            continue
        for _ in range(3):  # the same section again with other words: its tokens come from the cache
            highlight = {t for w in rng.sample(words, 3) for t in terms(w)} | {"deploy", "zzzz"}
            if not any(t in highlight for t in terms(flat_text(doc["markdown"]))):
                continue
            assert snippet(doc["markdown"], highlight) == whoosh_snippet(doc["markdown"], highlight)
            checked += 1
    assert checked > 100


def test_a_passage_from_inside_a_section_says_the_text_goes_on() -> None:
    """A passage cut mid-sentence read as if the section ended there: "…" marks the text cut off before
    and after it, and the marks still point at the matched words."""
    before, after = "Opening words of the section. " * 10, " Closing words of the section." * 10
    middle = snippet(f"{before}The zebrafinch sings at dawn.{after}\n", {"zebrafinch"})
    assert middle.text.startswith("…") and middle.text.endswith("…")
    assert [middle.text[start:end] for start, end in middle.marks] == ["zebrafinch"]
    whole = snippet("The zebrafinch sings.\n", {"zebrafinch"})
    assert whole.text == "The zebrafinch sings."
    assert [whole.text[start:end] for start, end in whole.marks] == ["zebrafinch"]
