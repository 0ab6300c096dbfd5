"""The Whoosh query for what was typed: its content words, their other names, phrases and filters."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from whoosh.query import And, Or, Query, Term

from handbook.content.text import plain_text
from handbook.search.analysis import compound_term, surface_words, word_terms
from handbook.search.query import ParsedQuery
from handbook.search.schema import TERMS_FIELD

Expander = Callable[[str], Sequence[str]]  # a word or the whole query → other ways to say it

EXPANSION_BOOST = 0.8  # weight of another name of a word (glossary, synonyms) against the word itself
N_GRAMS = 3  # word runs of up to this many words are looked up as phrases (glossary, synonyms)


def word_clause(word_terms: list[str]) -> Query:
    """One typed word: any of its terms (an identifier's forms)."""
    unique = list(dict.fromkeys(word_terms))
    return Term(TERMS_FIELD, unique[0]) if len(unique) == 1 else Or([Term(TERMS_FIELD, t) for t in unique])


# Words that make a question a question but say nothing about the answer. Dropped from queries
# (only while other words remain), never from the index.
QUESTION_WORDS = frozenset(
    """
    how what where when who whom whose why which do does did done doing can could should would will
    shall may might must i me my mine we our us you your need needs want wants get got there here any
    anything something someone somebody way ways please
    """.split()
)


def content_words(words: list[str]) -> list[str]:
    """A question's content words: its frame (how do I, where can we…) out, while anything is left."""
    kept = [w for w in words if w.lower().strip("?!.,;:") not in QUESTION_WORDS]
    return kept or words


def expansions(
    query: ParsedQuery, words: list[str], expand: Expander, by_word: list[list[frozenset[str]]]
) -> list[Query]:
    """Other ways to say the query, its words or its runs of words (glossary: acronym ↔ expansion;
    synonyms; acronyms that titles spell out), at a lower weight. Each also covers the words it stands
    for (added to ``by_word``). A run of words that has other names of its own is a phrase: its words'
    names alone are not added ("parental leave" is maternity leave, not vacation, though "leave" is)."""
    asked: list[tuple[str, int, int]] = []
    whole = query.text.strip()
    if len(query.words) > 1 and whole:
        asked.append((whole, 0, len(words)))
    for size in range(min(N_GRAMS, len(words)), 0, -1):
        asked += [(" ".join(words[i : i + size]), i, i + size) for i in range(len(words) - size + 1)]
    clauses: list[Query] = []
    seen: set[str] = set()
    in_phrase: set[int] = set()  # positions of words inside a run that had other names
    for text, start, end in asked:
        if not text or text.lower() in seen or all(p in in_phrase for p in range(start, end)):
            continue
        seen.add(text.lower())
        for alternative in expand(text):
            clause, covers = alternative_clause(alternative)
            if clause is None:
                continue
            clauses.append(clause)
            if end - start > 1:
                in_phrase.update(range(start, end))
            for position in range(start, end):
                by_word[position] += covers
    return clauses


def compound_alternatives(
    words: list[str], has_term: Callable[[str], bool], by_word: list[list[frozenset[str]]]
) -> list[Query]:
    """Two typed words that are also written as one ("set up" → setup, "sign in" → signin, "on call"
    → on-call): the joined term, when the index holds it. Pages saying a verb and its particle apart
    are indexed under the joined term too (``analysis.add_compounds``)."""
    clauses: list[Query] = []
    for position in range(len(words) - 1):
        first, second = words[position], words[position + 1]
        if not (first.isalpha() and second.isalpha()):
            continue
        joined = compound_term(first, second)
        if has_term(joined):
            clauses.append(Term(TERMS_FIELD, joined, boost=EXPANSION_BOOST))
            for covered in (position, position + 1):
                if by_word[covered]:  # a stop word ("in") is not asked for; it stays so
                    by_word[covered].append(frozenset([joined]))
    return clauses


def alternative_clause(alternative: str) -> tuple[Query | None, list[frozenset[str]]]:
    """Another name as a query — each of its words in any of its forms, so "Test-Driven Development"
    finds "test driven development" too — and the sets of terms that count as covering it."""
    forms = [found for found in (word_terms(w) for w in surface_words(alternative)) if found]
    if not forms:
        return None, []
    clause = And([word_clause(list(f)) for f in forms], boost=EXPANSION_BOOST)
    every = frozenset(t for f in forms for t in f)  # a title that says it every way (is it, whole)
    return clause, list(
        dict.fromkeys([frozenset(f[0] for f in forms), frozenset(f[-1] for f in forms), every])
    )


def filters(query: ParsedQuery) -> Query | None:
    parts: list[Query] = []
    if query.chapters:
        parts.append(Or([Term("chapter", c) for c in query.chapters]))
    if query.tags:
        parts.append(Or([Term("tags", t) for t in query.tags]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def _squash(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def has_phrases(markdown: str, phrases: list[str]) -> bool:
    haystack = _squash(plain_text(markdown))
    return all(_squash(p) in haystack for p in phrases)
