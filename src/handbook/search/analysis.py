"""How text becomes index terms: identifier-aware words, lowercased, stop words out, stemmed.

The same analyzer runs on pages (in the indexing workers) and on queries, so they always agree.
``on-call``, ``snake_case``, ``camelCase`` and ``v2.1`` are indexed whole, joined (``oncall``) and in
parts (``on``, ``call``), so any way of typing them finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
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
_STEMS: dict[str, str] = {}


def terms(text: str) -> list[str]:
    """Index terms of ``text`` in order (with repeats).

    The same terms as ``analyzer()`` (a test holds them equal) in plain Python: three times faster than
    Whoosh's token-object chain, which mattered more than anything else for indexing time.
    """
    out: list[str] = []
    stems = _STEMS
    for word in _WORD.findall(text):
        for form in identifier_forms(word) if _COMPOUND.search(word) else (word,):
            lowered = form.lower()
            if len(lowered) < 2 or lowered in _STOP:
                continue
            stemmed = stems.get(lowered)
            if stemmed is None:
                if len(stems) > 500_000:
                    stems.clear()
                stemmed = stems[lowered] = stem(lowered)
            out.append(stemmed)
    return out


def term_string(text: str) -> str:
    """Terms joined by spaces: the pre-analysed form the index stores (its fields only split on spaces)."""
    return " ".join(terms(text))
