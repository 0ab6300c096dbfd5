"""Typo tolerance as site search engines do it (Meilisearch, Typesense), over the handbook's own words.

A word may be corrected within an edit budget that grows with its length (none below 5 letters,
one edit from 5, two from 9; a changed first letter counts two, since people rarely mistype it),
and only to a word the handbook uses far more often: a misspelling that occurs once somewhere in
4,000 pages is still corrected, a rare but real word next to a common one is not, unless the ratio
says the common one is what was meant.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from whoosh.lang.porter import stem
from whoosh.spelling import ListCorrector
from whoosh.support.levenshtein import damerau_levenshtein

ONE_TYPO_FROM = 5  # letters
TWO_TYPOS_FROM = 9
FREQUENCY_RATIO = 20  # a correction must be this many times more frequent than the typed word
CANDIDATES = 24  # closest vocabulary words looked at per typed word
COMPLETIONS = 6  # most frequent words completing a prefix
COMPLETE_FROM = 3  # letters typed before a word is completed: two letters begin too many frequent words
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edit_budget(word: str) -> int:
    """Edits allowed for a typed word of this length."""
    if len(word) >= TWO_TYPOS_FROM:
        return 2
    return 1 if len(word) >= ONE_TYPO_FROM else 0


def correctable(word: str) -> bool:
    """Whether ``word`` may be corrected at all (letters only, long enough for an edit): if not,
    callers need no vocabulary."""
    typed = word.lower()
    return bool(edit_budget(typed)) and typed.isalpha()


def typo_cost(typed: str, candidate: str) -> int:
    """Damerau-Levenshtein distance (a swap of two letters is one edit), a first-letter change two."""
    cost = int(damerau_levenshtein(typed, candidate))
    if typed[:1] != candidate[:1]:
        cost += 1
    return cost


class Corrector:
    """Corrections and completions from the handbook's vocabulary (surface words and their counts)."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.words = sorted(counts)
        self.top = max(counts.values(), default=0)
        self._lists = ListCorrector(self.words)
        self._cache: dict[str, str | None] = {}  # as you type, the same words are asked again

    def correct(self, word: str) -> str | None:
        """The word meant by ``word``, or None when it should stand as typed."""
        if not correctable(word):
            return None
        typed = word.lower()
        budget = edit_budget(typed)
        own = self.counts.get(typed, 0)
        needed = max(1, own * FREQUENCY_RATIO)
        if needed > self.top:
            return None  # no word of the handbook is frequent enough to be what was meant
        if typed in self._cache:
            return self._cache[typed]
        found = self._candidates(typed, budget) if self._may_correct(typed, needed, budget) else []
        own_stem = stem(typed)
        best: tuple[int, int, str] | None = None
        for candidate in found:
            count = self.counts.get(candidate, 0)
            if count < needed or stem(candidate) == own_stem:
                continue  # not frequent enough, or the same word inflected
            cost = typo_cost(typed, candidate)
            if cost > budget:
                continue
            key = (cost, -count, candidate)
            if best is None or key < best:
                best = key
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[typed] = best[2] if best else None
        return self._cache[typed]

    def _may_correct(self, typed: str, needed: int, budget: int) -> bool:
        """Whether any word as frequent as a correction must be (``needed``) is near ``typed``: within
        two edits after the same first letter, or one of the first-letter variants. When none is, no
        candidate could pass and the candidate search is skipped: Whoosh's automaton over the whole
        word list costs 10-60 ms a word, while most typed words are known ones too frequent for any
        correction, and this is one pass over the words with the same first letter."""
        rest, size, first = typed[1:], len(typed), typed[:1]
        counts = self.counts
        start = bisect_left(self.words, first)
        end = bisect_left(self.words, chr(ord(first) + 1), start)
        for word in self.words[start:end]:
            near = counts[word] >= needed and abs(len(word) - size) <= 2 and word != typed
            if near and _levenshtein(rest, word[1:], 2) <= 2:
                return True
        if budget >= 2:
            variants = (rest, *(c + rest for c in _LETTERS), *(c + typed for c in _LETTERS))
            return any(counts.get(w, 0) >= needed for w in variants if w != typed)
        return False

    def _candidates(self, typed: str, budget: int) -> list[str]:
        """Vocabulary words that may be within ``budget`` of ``typed``, to be costed exactly.

        Whoosh's Levenshtein automaton, first letter kept (it is cheap that way: ~5 ms on 200,000
        words, against ~150 ms without); it counts a swap of two letters as two edits, so it looks
        two edits out. A changed first letter (cost two) is only affordable with no other edit, so
        those candidates are plain lookups."""
        found = self._lists.suggest(typed, limit=CANDIDATES, maxdist=2, prefix=1)
        if budget >= 2:
            rest = typed[1:]
            found += [
                w
                for w in (rest, *(c + rest for c in _LETTERS), *(c + typed for c in _LETTERS))
                if w in self.counts and w != typed
            ]
        return found

    def completions(self, prefix: str, limit: int = COMPLETIONS) -> list[str]:
        """The handbook's most frequent words starting with ``prefix`` (the word being typed)."""
        start = prefix.lower()
        if len(start) < COMPLETE_FROM:
            return []
        found: list[str] = []
        position = bisect_left(self.words, start)
        while position < len(self.words) and self.words[position].startswith(start):
            found.append(self.words[position])
            position += 1
            if len(found) > 2000:  # a very short prefix: the most frequent of the first few are enough
                break
        found.sort(key=lambda w: -self.counts[w])
        return found[:limit]


def _levenshtein(a: str, b: str, limit: int) -> int:
    """The Levenshtein distance of ``a`` and ``b`` (insertions, deletions, substitutions: what Whoosh's
    automaton counts), or ``limit + 1`` as soon as it must be more than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            cost = previous[j - 1] + (ca != cb)
            if previous[j] + 1 < cost:
                cost = previous[j] + 1
            if current[j - 1] + 1 < cost:
                cost = current[j - 1] + 1
            current.append(cost)
            if cost < best:
                best = cost
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1] if previous[-1] <= limit else limit + 1
