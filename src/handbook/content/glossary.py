"""The glossary: every term the handbook defines, from ``glossary.yaml`` and its glossary pages.

Glossary pages are found by file name, title (glossary, terminology, vocabulary, definitions, acronyms)
or front matter ``glossary: true``; a section with such a heading in any other page counts too. Inside
them, entries are read in the shapes handbooks use: ``- **T**: d`` (also ``**[T](url)** - d``), ``- T: d``,
``**T** — d``, definition lists, tables whose first column is the term, and ``### T`` + paragraph. Bullets
elsewhere are never terms. Terms merge case-insensitively across sources; an acronym and its expansion
are one entry; every definition keeps where it came from.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from handbook import paths
from handbook.content.catalog import clean_title
from handbook.content.handbook import Handbook
from handbook.content.model import PageInfo, Section
from handbook.content.parse import inline_text, markdown_parser
from handbook.files import write_atomic

GLOSSARY_FILE = "glossary.yaml"
GLOSSARY_WORDS = ("glossary", "terminology", "vocabulary", "definitions", "acronyms", "jargon")
_SEPARATOR = re.compile(r"^\s*(?:[:\-–—=]+|\((?P<alias>[^)]{2,80})\)\s*[:\-–—=]*)\s*")
_PLAIN_ENTRY = re.compile(r"^(?P<term>[^:\n]{1,60}?)\s*(?::|\s[-–—]\s)\s*(?P<definition>\S.*)$", re.DOTALL)
_SMALL_WORDS = {"of", "and", "the", "for", "to", "in", "on", "a", "an", "as", "at", "by", "with", "&"}
MAX_TERM_WORDS = 6


@dataclass(frozen=True)
class Definition:
    text: str
    source: str  # "glossary.yaml", or "path#anchor" of the page section it came from


@dataclass
class Term:
    term: str
    aliases: list[str] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]

    def as_json(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "aliases": self.aliases,
            "definitions": [{"text": d.text, "source": d.source} for d in self.definitions],
        }


@dataclass
class Glossary:
    terms: list[Term]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_name = {name.lower(): term for term in self.terms for name in term.names}

    def lookup(self, text: str) -> Term | None:
        """Exact (case-insensitive) match on a term or one of its aliases."""
        return self._by_name.get(_key(text))

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        names = {name.lower(): term.term for term in self.terms for name in term.names}
        close = difflib.get_close_matches(_key(text), list(names), n=limit, cutoff=0.6)
        starts = [n for n in names if n.startswith(_key(text))] if len(text) > 1 else []
        return list(dict.fromkeys(names[n] for n in close + starts))[:limit]

    def pattern(self) -> re.Pattern[str] | None:
        """A regex for any term or alias as a whole word, longest first. Acronyms (capitals) match only
        in capitals — the word "at" is not AT — other names in any case."""
        names = sorted({n for t in self.terms for n in t.names if len(n) > 1}, key=len, reverse=True)
        if not names:
            return None
        alternatives = [re.escape(n) if _is_acronym(n) else f"(?i:{re.escape(n)})" for n in names]
        return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")

    def expansions(self, text: str) -> list[str]:
        """Search hook: the other names of a term (an acronym ↔ its expansion)."""
        term = self.lookup(text)
        if term is None:
            return []
        return [name for name in term.names if name.lower() != _key(text)]


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _key(text: str) -> str:
    return " ".join(text.strip().lower().split())


# ------------------------------------------------------------------------------------------ sources


def is_glossary_page(info: PageInfo) -> bool:
    if info.meta.get("glossary") is True:
        return True
    names = f"{info.stem} {info.title}".lower()
    return any(word in names for word in GLOSSARY_WORDS)


def is_glossary_heading(title: str) -> bool:
    lowered = title.lower()
    return any(word in lowered for word in GLOSSARY_WORDS)


GLOSSARY_CACHE_VERSION = 1


def load_glossary(handbook: Handbook) -> Glossary:
    """The glossary, from the cache dir when no page (nor glossary.yaml) changed since it was built.

    Building reads every page to find glossary sections (2.5 s on a 40 MB handbook); the cache key
    needs only the catalog, which is already in memory.
    """
    cache = paths.handbook_cache_dir(handbook.location) / "glossary.json"
    key = _cache_key(handbook)
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return Glossary([_term_from_json(t) for t in data["terms"]], list(data.get("problems", [])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    glossary = build_glossary(handbook)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload = {"key": key, "terms": [t.as_json() for t in glossary.terms], "problems": glossary.problems}
        write_atomic(cache, json.dumps(payload))
    except OSError:
        pass  # a read-only cache only costs time
    return glossary


def _cache_key(handbook: Handbook) -> str:
    digest = hashlib.sha1(f"{GLOSSARY_CACHE_VERSION}".encode(), usedforsecurity=False)
    for info in handbook.pages:
        digest.update(f"{info.path}\0{info.size}\0{info.mtime_ns}\n".encode("utf-8", "surrogateescape"))
    yaml_file = handbook.root / GLOSSARY_FILE
    if handbook.single_file is None and yaml_file.is_file():
        stat = yaml_file.stat()
        digest.update(f"yaml\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _term_from_json(data: dict[str, Any]) -> Term:
    return Term(
        str(data["term"]),
        [str(a) for a in data.get("aliases", [])],
        [Definition(str(d["text"]), str(d["source"])) for d in data.get("definitions", [])],
    )


def build_glossary(handbook: Handbook) -> Glossary:
    merger = _Merger()
    problems: list[str] = []
    if handbook.single_file is None:
        yaml_file = handbook.root / GLOSSARY_FILE
        if yaml_file.is_file():
            for entry in _yaml_entries(yaml_file, problems):
                merger.add(*entry)
    for info in handbook.pages:
        whole_page = is_glossary_page(info)
        if not whole_page and not _might_have_glossary_section(handbook, info):
            continue
        page = handbook.page(info.path)
        for term, aliases, definition, anchor in page_entries(page.sections, whole_page, page.references):
            merger.add(term, aliases, definition, f"{info.path}#{anchor}" if anchor else info.path)
    return Glossary(merger.result(), problems)


def _might_have_glossary_section(handbook: Handbook, info: PageInfo) -> bool:
    """Cheap pre-check before parsing a page: does a glossary word appear in it at all?"""
    try:
        with open(handbook.root / info.path, "rb") as fh:
            head = fh.read(512 * 1024).lower()
    except OSError:
        return False
    return any(word.encode() in head for word in GLOSSARY_WORDS)


def _yaml_entries(path: Path, problems: list[str]) -> Iterator[tuple[str, list[str], str, str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{path}: cannot be read ({exc})")
        return
    if isinstance(data, dict):
        data = data.get("terms", [])
    if not isinstance(data, list):
        problems.append(f"{path}: expected a list of terms")
        return
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not entry.get("term") or not entry.get("definition"):
            problems.append(f"{path}: entry {number} needs a 'term' and a 'definition'")
            continue
        aliases = entry.get("aliases") or []
        aliases = [str(a) for a in (aliases if isinstance(aliases, list) else [aliases]) if str(a).strip()]
        source = str(entry.get("see") or GLOSSARY_FILE)
        yield str(entry["term"]).strip(), aliases, " ".join(str(entry["definition"]).split()), source


# ------------------------------------------------------------------------------------------ page shapes


def page_entries(
    sections: list[Section], whole_page: bool, references: dict[str, Any]
) -> Iterator[tuple[str, list[str], str, str]]:
    """(term, aliases, definition, anchor) from a glossary page, or its glossary sections."""
    in_glossary_level: int | None = None
    entries: list[tuple[str, list[str], str, str]] = []
    headings: list[tuple[str, list[str], str, str]] = []
    for section in sections:
        if not whole_page:
            if in_glossary_level is not None and section.level and section.level <= in_glossary_level:
                in_glossary_level = None
            if in_glossary_level is None and section.level and is_glossary_heading(section.title):
                in_glossary_level = section.level
            if in_glossary_level is None:
                continue
        found = list(_section_entries(section, references))
        entries += found
        if whole_page and not found and section.level >= 2 and _term_like(section.title):
            definition = _first_paragraph(section, references)
            if definition:
                headings.append((section.title, [], definition, section.anchor))
    yield from entries
    if len(entries) < 3:  # a page written as "### Term" + paragraph, not as bullets
        yield from headings


def _section_entries(
    section: Section, references: dict[str, Any]
) -> Iterator[tuple[str, list[str], str, str]]:
    env = {"references": dict(references)} if references else {}
    tokens = markdown_parser().parse(section.markdown, env)
    for i, tok in enumerate(tokens):
        if tok.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open":
            in_list = i > 1 and tokens[i - 2].type == "list_item_open"
            entry = _inline_entry(tok, in_list)
            if entry:
                yield (*entry, section.anchor)
        elif tok.type == "dt_open" and i + 1 < len(tokens):
            term = inline_text(tokens[i + 1]).strip()
            definition = _following_dd(tokens, i)
            if term and definition and _term_like(term):
                yield (*_split_alias(term), definition, section.anchor)
        elif tok.type == "table_open":
            yield from ((*row, section.anchor) for row in _table_entries(tokens, i))


def _inline_entry(tok: Token, in_list: bool) -> tuple[str, list[str], str] | None:
    """``**T**: d`` anywhere; ``T: d`` only as a list item (in prose it is just a sentence)."""
    children = [c for c in tok.children or [] if not (c.type == "text" and not c.content.strip())]
    if children and children[0].type == "strong_open":
        term_parts: list[str] = []
        rest_start = len(children)
        for j, child in enumerate(children[1:], 1):
            if child.type == "strong_close":
                rest_start = j + 1
                break
            if child.type in ("text", "code_inline"):
                term_parts.append(child.content)
        term = clean_title("".join(term_parts).strip().strip("*:").strip())
        rest = Token("inline", "", 0, children=children[rest_start:])
        remainder = inline_text(rest)
        m = _SEPARATOR.match(remainder)
        alias = m.group("alias") if m and m.group("alias") else None
        definition = _clean(remainder[m.end() :] if m else remainder)
        if not term or not definition or not _term_like(term):
            return None
        aliases = [alias.strip()] if alias else []
        return (*_merge_aliases(term, aliases), definition)
    if not in_list:
        return None
    text = inline_text(tok).strip()
    m = _PLAIN_ENTRY.match(text)
    if not m or not _term_like(m.group("term")):
        return None
    definition = _clean(m.group("definition"))
    if len(definition.split()) < 2:  # "Acronyms: Defined" (a badge's words) is no definition
        return None
    term, aliases = _split_alias(clean_title(m.group("term").strip()))
    return term, aliases, definition


def _following_dd(tokens: list[Token], start: int) -> str:
    parts: list[str] = []
    depth = 0
    for tok in tokens[start + 1 :]:
        if tok.type == "dd_open":
            depth += 1
        elif tok.type == "dd_close":
            depth -= 1
            if depth == 0:
                break
        elif tok.type == "dt_open" and depth == 0 and parts:
            break
        elif tok.type == "inline" and depth > 0:
            parts.append(inline_text(tok))
    return _clean(" ".join(parts))


def _table_entries(tokens: list[Token], start: int) -> Iterator[tuple[str, list[str], str]]:
    rows: list[list[str]] = []
    row: list[str] = []
    for tok in tokens[start + 1 :]:
        if tok.type == "table_close":
            break
        if tok.type == "tr_open":
            row = []
        elif tok.type == "inline":
            row.append(inline_text(tok).strip())
        elif tok.type == "tr_close":
            rows.append(row)
    if len(rows) < 2 or len(rows[0]) < 2:
        return
    for cells in rows[1:]:
        term, definition = cells[0].strip("*").strip(), _clean(" — ".join(c for c in cells[1:] if c))
        if term and definition and _term_like(term):
            yield (*_split_alias(term), definition)


def _first_paragraph(section: Section, references: dict[str, Any]) -> str:
    tokens = markdown_parser().parse(section.markdown, {"references": dict(references)} if references else {})
    for i, tok in enumerate(tokens):
        if tok.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open":
            return _clean(inline_text(tok))
    return ""


def _term_like(text: str) -> bool:
    words = text.split()
    balanced = text.count("(") == text.count(")")
    return (
        0 < len(words) <= MAX_TERM_WORDS
        and len(text) <= 60
        and balanced
        and not (len(text) == 1 and text.isalpha())
    )


def _split_alias(term: str) -> tuple[str, list[str]]:
    """``SLO (service level objective)`` → (SLO, [service level objective]), either way round."""
    m = re.match(r"^(?P<main>[^()]+?)\s*\((?P<alias>[^()]+)\)\s*$", term)
    if not m:
        return term, []
    return _merge_aliases(m.group("main").strip(), [m.group("alias").strip()])


def _merge_aliases(term: str, aliases: list[str]) -> tuple[str, list[str]]:
    return term, [a for a in aliases if a and a.lower() != term.lower()]


def _clean(text: str) -> str:
    return " ".join(text.replace("**", "").split()).strip(" -–—:")


def spells(acronym: str, phrase: str) -> bool:
    """Whether a definition is an acronym's expansion ('SLO' / 'Service Level Objective')."""
    letters = re.sub(r"[^A-Za-z0-9]", "", acronym)
    if not (2 <= len(letters) <= 8) or not acronym.replace("/", "").replace("-", "").isupper():
        return False
    words = [w for w in re.split(r"[\s/-]+", phrase.lower()) if w]
    content = [w for w in words if w not in _SMALL_WORDS]
    # Some acronyms keep the small words' letters (RFC: Request for Comments), some drop them (MTTR).
    return letters.lower() in ("".join(w[0] for w in content), "".join(w[0] for w in words))


# ------------------------------------------------------------------------------------------ merging


class _Merger:
    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.by_name: dict[str, Term] = {}

    def add(self, term: str, aliases: list[str], definition: str, source: str) -> None:
        term = term.strip()
        aliases = list(aliases)
        first = re.split(r"[.:;]\s", definition + " ", maxsplit=1)[0].strip().rstrip(".")
        if spells(term, first) and len(first.split()) <= 8:
            aliases.append(first)  # "SLO: Service Level Objective. …": the expansion is another name
        names = [term, *aliases]
        entry = next((self.by_name[_key(n)] for n in names if _key(n) in self.by_name), None)
        if entry is None:
            entry = Term(term)
            self.terms.append(entry)
        for name in names:
            if _key(name) not in {_key(n) for n in entry.names}:
                entry.aliases.append(name)
            self.by_name.setdefault(_key(name), entry)
        if _key(definition) not in {_key(d.text) for d in entry.definitions}:
            entry.definitions.append(Definition(definition, source))

    def result(self) -> list[Term]:
        return sorted(self.terms, key=lambda t: (t.term.lower().lstrip("0123456789"), t.term.lower()))
