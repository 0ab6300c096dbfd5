"""The corrector's shortcut (no word frequent enough nearby: no candidate search) changes no correction,
on the bundled handbook's vocabulary, its words typed right, mistyped and with a wrong first letter."""

from __future__ import annotations

import random
import re
from collections import Counter
from itertools import product

from handbook.search.typos import Corrector, _levenshtein

from .test_writer import documents


def vocabulary() -> Counter[str]:
    words: Counter[str] = Counter()
    for doc in documents():
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", doc["markdown"]))
    return words


def reference_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        above, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            above, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, above + (ca != cb))
    return row[-1]


def test_bounded_levenshtein() -> None:
    for a, b in product(["", "a", "ab", "deploy", "deplyo", "dpeloy", "deploys"], repeat=2):
        distance = reference_distance(a, b)
        assert _levenshtein(a, b, 2) == (distance if distance <= 2 else 3), (a, b)


def test_the_shortcut_changes_no_correction() -> None:
    counts = vocabulary()
    fast, full = Corrector(counts), Corrector(counts)
    full._may_correct = lambda typed, needed, budget: True  # type: ignore[method-assign]
    rng = random.Random(3)
    typed: list[str] = []
    for word in rng.sample([w for w in counts if len(w) >= 5], 150):
        cut = rng.randrange(1, len(word))
        typed += [
            word,
            word[:cut] + word[cut + 1 :],
            word[:cut] + rng.choice("aeiou") + word[cut:],
            rng.choice("bdst") + word[1:],
            word[:cut] + word[cut:][::-1][:1] + word[cut + 1 :],
            word[:cut] + word[cut + 2 :],  # two letters dropped: two edits, corrected from 9 letters
        ]
    corrected = 0
    for word in typed:
        assert fast.correct(word) == full.correct(word), word
        corrected += full.correct(word) is not None
    assert corrected > 20  # the comparison covers words that are corrected, not only ones left alone
