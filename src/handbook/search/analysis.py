"""How text becomes index terms: identifier-aware words, lowercased, stop words out, stemmed.

The same analyzer runs on pages (in the indexing workers) and on queries, so they always agree.
``on-call``, ``snake_case``, ``camelCase`` and ``v2.1`` are indexed whole, joined (``oncall``) and in
parts (``on``, ``call``), so any way of typing them finds them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import chain
from typing import Any

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.lang.porter import stem

WORD = r"\w+(?:[-_.'’/]\w+)*"
_COMPOUND = re.compile(r"[-_.'’/]|[a-z][A-Z]|[A-Z][A-Z][a-z]|[A-Za-z][0-9]|[0-9][A-Za-z]")
_SEPARATORS = re.compile(r"[-_.'’/]")
_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^\W\d_]+")


def identifier_forms(word: str) -> list[str]:
    """``on-call`` → ``[on-call, oncall, on, call]``; a plain word → ``[word]``."""
    if not _COMPOUND.search(word):
        return [word]
    forms = [word]
    joined = _SEPARATORS.sub("", word)
    if joined != word:
        forms.append(joined)
    for part in _PARTS.findall(word):
        if part not in forms:
            forms.append(part)
    return forms


class IdentifierFilter(Filter):
    """Adds the joined form and the parts of compound identifiers, at the same position."""

    def __call__(self, tokens: Iterable[Token], **kwargs: Any) -> Iterator[Token]:  # type: ignore[override]
        # Whoosh declares every Composable's __call__ as (value, **kwargs); a Filter takes tokens.
        for token in tokens:
            text = token.text
            if not _COMPOUND.search(text):
                yield token
                continue
            for form in identifier_forms(text):
                token.text = form
                yield token


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    return (
        RegexTokenizer(WORD) | IdentifierFilter() | LowercaseFilter() | StopFilter(minsize=2) | StemFilter()
    )


_WORD = re.compile(WORD)
_STOP = frozenset(STOP_WORDS)
_SPELLABLE = re.compile(r"[^\W\d_]{3,24}")


class _PerWord(dict[str, tuple[str, ...]]):
    """What each surface word gives (its terms, its spellable letter runs), computed once per word:
    a handbook repeats its words, so a section costs one regex pass and a lookup per word."""

    def __init__(self, compute: Callable[[str], tuple[str, ...]]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) > 500_000:
            self.clear()
        found = self[word] = self._compute(word)
        return found


def _word_terms(word: str) -> tuple[str, ...]:
    out = []
    for form in identifier_forms(word) if _COMPOUND.search(word) else (word,):
        lowered = form.lower()
        if len(lowered) >= 2 and lowered not in _STOP:
            out.append(stem(lowered))
    return tuple(out)


_TERMS = _PerWord(_word_terms)


def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one surface word (its identifier forms, lowercased, stop words out, stemmed)."""
    return _TERMS[word]


def terms(text: str) -> list[str]:
    """Index terms of ``text`` in order (with repeats).

    The same terms as ``analyzer()`` (a test holds them equal) in plain Python: three times faster than
    Whoosh's token-object chain, and each distinct word is analysed once (``word_terms``).
    """
    out: list[str] = []
    for word in _WORD.findall(text):
        out.extend(word_terms(word))
    return out


def term_string(text: str) -> str:
    """Terms joined by spaces (the form the index once stored; its field also accepts counts)."""
    return " ".join(terms(text))


def surface_words(text: str) -> list[str]:
    """The words of ``text`` as the tokenizer splits them, before analysis (``on-call`` is one word)."""
    return _WORD.findall(text)


def words_of(text: str) -> Counter[str]:
    """The tokenizer's words of ``text`` with their counts: what ``add_terms`` and ``add_spellable`` take."""
    return Counter(_WORD.findall(text))


def add_terms(words: Counter[str], into: Counter[str], times: int = 1) -> None:
    """Add the terms of ``words`` (from ``words_of``) to ``into``, each ``times`` over: each distinct word
    is analysed once, so a section costs one regex pass and a dictionary lookup per distinct word."""
    for word, n in words.items():
        for term in word_terms(word):
            into[term] += n * times


def add_spellable(words: Counter[str], into: Counter[str]) -> None:
    """Add ``words`` as spelling suggestions know them: letter runs of 3-24, lowercased. Every letter run
    lies inside one of the tokenizer's words, so this counts what a pass over the whole text would."""
    for word, n in words.items():
        for letters in _SPELLABLE.findall(word.lower()):
            into[letters] += n


def count_terms(words: Iterable[str], into: Counter[str]) -> None:
    """Add the terms of each of ``words`` (from ``surface_words``, repeats and all) to ``into``: the
    same counts as ``add_terms(words_of(…))``, counted in C rather than word by word in Python."""
    into.update(chain.from_iterable(map(_TERMS.__getitem__, words)))


def count_spellable(text: str, into: Counter[str]) -> None:
    """``add_spellable(words_of(text), into)`` in one regex pass, counted in C: every letter run lies
    inside one of the tokenizer's words, so the runs of the whole text are the runs of its words."""
    into.update(_SPELLABLE.findall(text.lower()))


_DOUBLED = re.compile(r"([bdgkmnprt])\1$")


@lru_cache(maxsize=65536)
def compound_term(first: str, second: str) -> str:
    """The term of two words written together: ``set up``, ``setting up`` and ``setup`` → ``setup``;
    ``logged in`` → ``login``; ``on call`` → the term ``on-call`` is also indexed under."""
    verb = _DOUBLED.sub(r"\1", stem(first.lower()))  # the stemmer leaves "setting" as "sett"
    return str(stem(verb + stem(second.lower())))


# Verb particles that make compounds written apart or together: set up / setup, log in / login,
# sign up, check in, roll back, back up, log out, hand off, shut down. A pair is what
# ``\b([^\W\d_]{2,20})[ \t]+(up|in|out|off|down|back)\b`` (ignoring case) finds; but that pattern is
# tried at every position of every page. A space or tab after two letters is where a pair can start,
# and a pattern that starts with a character class is searched for that class alone: pairs are found
# from there, and the verb read back from the space (``particle_pairs``).
_PARTICLE_AFTER = re.compile(r"[ \t](?<=[^\W\d_]{2}[ \t])[ \t]*+(up|in|out|off|down|back)\b", re.IGNORECASE)
_VERB_BEFORE = re.compile(r"(?<!\w)[^\W\d_]{2,20}\Z", re.IGNORECASE)


def particle_pairs(text: str) -> list[tuple[str, str]]:
    """(verb, particle) pairs written apart in ``text``, as the pattern above finds them (a test holds
    them equal), in about 60% of its time."""
    pairs = []
    end = 0  # where the last pair ended: its particle cannot be the next pair's verb
    verb = _VERB_BEFORE.search
    for particle in _PARTICLE_AFTER.finditer(text):
        space = particle.start()
        found = verb(text, max(end, space - 20), space)  # the whole word before the space
        if found is not None:
            pairs.append((found.group(), particle.group(1)))
            end = particle.end()
    return pairs


def add_compounds(text: str, into: Counter[str], times: int = 1) -> None:
    """Add the joined term of every verb and particle written apart in ``text`` ("set up" → setup),
    so a search for the word written together finds them."""
    for first, second in particle_pairs(text):
        if first.lower() not in _STOP:
            into[compound_term(first, second)] += times
