"""The glossary's records: a term, its definitions (each with where it came from), the glossary.

Small typed records so the CLI, the TUI, the search expansion and the cache all read one shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from handbook.suggest import close_matches

DefinitionKind = Literal["defined", "spelled out"]


@dataclass(frozen=True)
class Definition:
    """One definition of a term and where it came from."""

    text: str
    source: str  # "glossary.yaml", "data/glossary.yml", or "path#anchor" of a page section
    kind: DefinitionKind = "defined"  # "spelled out": an acronym expanded in running text, not defined
    category: str = ""  # the group of a grouped data file ("technical", "business")
    deprecated: bool = False  # listed under a "Deprecated" / "Tombstoned" heading

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "source": self.source, "kind": self.kind}
        if self.category:
            data["category"] = self.category
        if self.deprecated:
            data["deprecated"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Definition:
        kind: DefinitionKind = "spelled out" if data.get("kind") == "spelled out" else "defined"
        return cls(
            str(data["text"]),
            str(data["source"]),
            kind,
            str(data.get("category", "")),
            bool(data.get("deprecated", False)),
        )


@dataclass(frozen=True)
class Entry:
    """One entry as a source wrote it, before merging: what every extractor yields."""

    term: str
    definition: str
    source: str
    aliases: tuple[str, ...] = ()
    kind: DefinitionKind = "defined"
    category: str = ""
    deprecated: bool = False

    @property
    def as_definition(self) -> Definition:
        return Definition(self.definition, self.source, self.kind, self.category, self.deprecated)


@dataclass
class Term:
    """A term, the other names it goes by (acronym ↔ expansion), and every definition found."""

    term: str
    aliases: list[str] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]

    @property
    def aka(self) -> str:
        """The other names in parentheses, " (SLO, SLOs)", or "": after the term wherever it is shown."""
        return f" ({', '.join(self.aliases)})" if self.aliases else ""

    @property
    def defined(self) -> bool:
        """False when the handbook only spells the acronym out somewhere, never defines it."""
        return any(d.kind == "defined" for d in self.definitions)

    @property
    def deprecated(self) -> bool:
        return bool(self.definitions) and all(d.deprecated for d in self.definitions)

    @property
    def summary(self) -> str:
        """The first definition's text: one line for lists and the palette."""
        return self.definitions[0].text if self.definitions else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "aliases": self.aliases,
            "definitions": [d.as_json() for d in self.definitions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Term:
        return cls(
            str(data["term"]),
            [str(a) for a in data.get("aliases", [])],
            [Definition.from_json(d) for d in data.get("definitions", [])],
        )


@dataclass
class Glossary:
    """Every term, A–Z, with a case-insensitive index over terms and aliases."""

    terms: list[Term]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_name: dict[str, Term] = {}
        for term in self.terms:
            for name in term.names:
                self._by_name.setdefault(name_key(name), term)

    def lookup(self, text: str) -> Term | None:
        """Exact (case-insensitive) match on a term or one of its aliases."""
        return self._by_name.get(name_key(text))

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Close names, then names that start with what was typed: for "did you mean"."""
        names = {name.lower(): term.term for term in self.terms for name in term.names}
        close = close_matches(name_key(text), names, limit=limit, cutoff=0.6)
        starts = [names[n] for n in names if n.startswith(name_key(text))] if len(text) > 1 else []
        return list(dict.fromkeys(close + starts))[:limit]

    def pattern(self) -> re.Pattern[str] | None:
        """A regex for any term or alias as a whole word, longest first. Acronyms (capitals) match only
        in capitals — the word "at" is not AT — other names in any case."""
        names = sorted({n for t in self.terms for n in t.names if len(n) > 1}, key=len, reverse=True)
        if not names:
            return None
        alternatives = [re.escape(n) if is_acronym(n) else f"(?i:{re.escape(n)})" for n in names]
        return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")

    def expansions(self, text: str) -> list[str]:
        """Search hook: the other names of a term (an acronym ↔ its expansion)."""
        term = self.lookup(text)
        if term is None:
            return []
        return [name for name in term.names if name.lower() != name_key(text)]


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def name_key(text: str) -> str:
    """How names compare: case and runs of spaces do not matter."""
    return " ".join(text.strip().lower().split())


_DIGIT_RUNS = re.compile(r"([0-9]+)")


def term_sort_key(name: str) -> tuple[Any, ...]:
    """A–Z as a reader expects: digits before letters and numbers by value (2FA, 10X, ADR, SEV2, SEV10).

    Comparing plain strings would put 10X before 2FA; stripping the digits put 2FA among the F's.
    """
    folded = name.casefold()
    runs = tuple(
        (0, int(run), "") if run[0].isdigit() else (1, 0, run) for run in _DIGIT_RUNS.split(folded) if run
    )
    return (runs, folded, name)
