"""Merging entries from every source into terms: one term per name, case-insensitively.

An acronym and its expansion are one term; a definition keeps where it came from; the same text
found twice is kept once; acronyms only spelled out in running text come after real definitions.
"""

from __future__ import annotations

import re

from handbook.glossary.model import Entry, Term, name_key, term_sort_key
from handbook.glossary.terms import spells

MAX_SPELLED_OUT = 3  # places an acronym is spelled out that are worth listing


class Merger:
    """Collects entries; ``result()`` gives the terms A–Z."""

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.by_name: dict[str, Term] = {}

    def add(self, entry: Entry) -> None:
        term = entry.term.strip()
        aliases = [a.strip() for a in entry.aliases if a.strip()]
        definition = entry.definition.strip()
        if not term or not definition:
            return
        first = re.split(r"[.:;]\s", definition + " ", maxsplit=1)[0].strip().rstrip(".")
        if entry.kind == "defined" and spells(term, first) and len(first.split()) <= 8:
            aliases.append(first)  # "SLO: Service Level Objective. …": the expansion is another name
        names = [term, *aliases]
        found = next((self.by_name[name_key(n)] for n in names if name_key(n) in self.by_name), None)
        if found is None:
            found = Term(term)
            self.terms.append(found)
        elif entry.kind == "spelled out" and found.aliases:
            names = [term]  # its expansion is known: "SLOs (service level objectives)" adds no name
        known = {name_key(n) for n in found.names}
        # "SLOs (service level objectives)" names "service level objective": known already
        expansion_known = any(name_key(n) in known for n in [definition, *entry.aliases])
        for name in names:
            if name_key(name) not in known:
                found.aliases.append(name)
                known.add(name_key(name))
            self.by_name.setdefault(name_key(name), found)
        if name_key(definition) in {name_key(d.text) for d in found.definitions}:
            return
        if entry.kind == "spelled out":
            if sum(d.kind == "spelled out" for d in found.definitions) >= MAX_SPELLED_OUT:
                return
            if found.defined and expansion_known:
                return  # a defined term whose expansion is already known: one more place adds nothing
        found.definitions.append(entry.as_definition)

    def result(self) -> list[Term]:
        for term in self.terms:
            term.definitions.sort(key=lambda d: d.kind == "spelled out")  # stable: sources keep their order
        return sorted(self.terms, key=lambda t: term_sort_key(t.term))
