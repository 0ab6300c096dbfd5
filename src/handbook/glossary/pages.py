"""Glossary entries in pages: which pages and sections are glossaries, and the shapes entries take.

A page is a glossary by name (Glossary, List of terms, Terminology, Jargon, Acronyms, Definitions…,
GitBook's ``GLOSSARY.md``), by front matter (``glossary: true``; ``glossary: false`` excludes it), or
by shape (most sub-headings are short terms each followed by a defining paragraph). Inside one, entries
are ``- **T**: d``, ``- T: d``, ``**T** — d``, definition lists, tables whose first column is the term,
and ``### T`` + paragraph — where lists and sub-headings inside an entry belong to the entry. Sections
named "Deprecated" or "Tombstoned" mark their terms.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it.token import Token

from handbook.content.model import Page, PageInfo, Section
from handbook.content.page_head import clean_title
from handbook.content.parse import inline_text, markdown_parser
from handbook.glossary.model import Entry
from handbook.glossary.terms import (
    SMALL_WORDS,
    is_numeric_text,
    is_term_like,
    looks_like_definition,
    question_term,
    split_acronym,
)

# Bytes that must appear in a page for it to hold a glossary section (a cheap test before parsing).
GLOSSARY_WORDS = (
    b"glossar",
    b"terminolog",
    b"vocabular",
    b"definitions",
    b"acronyms",
    b"abbreviations",
    b"jargon",
    b"lexicon",
    b"terms",
)
_HEAD = (
    r"glossary|glossaries|lexicon|jargon|lingo|terminology|terminologies|vocabulary|acronyms|abbreviations"
    r"|definitions|terms|words we use|list of (?:terms|acronyms|abbreviations)"
)
_GLOSSARY_NAME = re.compile(
    rf"^(?:[\w'’&.-]+\s+){{0,3}}(?:{_HEAD})(?:\s+(?:and|&|or)\s+(?:[\w'’-]+\s+)?(?:{_HEAD}))?$"
    rf"|^(?:glossary|lexicon|jargon|terminology|list of (?:terms|acronyms|abbreviations))\b"
    rf"|^(?:[\w'’-]+\s+)?(?:terms|words|acronyms|jargon|lingo|phrases)\s+"
    rf"(?:to know|we use|you(?:'ll| will) hear)$",
    re.IGNORECASE,
)
_NOT_GLOSSARY = re.compile(
    r"\bterms (?:of|and conditions)\b|\b(?:payment|legal|contract|search) terms$", re.IGNORECASE
)
_DEPRECATED = re.compile(
    r"\b(?:tombstoned|deprecated|retired|obsolete|no longer used|archived terms)\b", re.IGNORECASE
)
_STEMS = {
    "glossary",
    "terms",
    "terminology",
    "lexicon",
    "jargon",
    "acronyms",
    "abbreviations",
    "definitions",
    "vocabulary",
    "list-of-terms",
    "key-terms",
    "list_of_terms",
}
_SEPARATOR = re.compile(r"^\s*(?:[:\-–—=]+|\((?P<alias>[^)]{2,80})\)\s*[:\-–—=]*)\s*")
_PLAIN_ENTRY = re.compile(r"^(?P<term>[^:\n]{1,60}?)\s*(?::|\s[-–—]\s)\s*(?P<definition>\S.*)$", re.DOTALL)
_TERM_HEADERS = re.compile(
    r"^(?:term|terms|acronym|acronyms|abbreviation|abbr\.?|word|phrase|name|jargon|concept|expression|"
    r"column|state|role|short ?form|initialism)s?$",
    re.I,
)
_DEFINITION_HEADERS = re.compile(
    r"^(?:definition|definitions|meaning|means|description|stands for|expansion|explanation|"
    r"what it means|full (?:name|form)|long form)$",
    re.I,
)
_DEFINITIONAL_START = re.compile(
    r"^(?:an?|refers to|means|short for|stands for|abbreviation (?:for|of)|acronym for|"
    r"also (?:known|called)|a term|(?:the )?(?:act|process|practice|state|set|period|name) of)\b",
    re.IGNORECASE,
)
MIN_SHAPE_ENTRIES = 5


def names_glossary(title: str) -> bool:
    """Whether a page or heading title names a glossary ("Key terms", "Acronyms", "Terminology")."""
    text = clean_title(title).strip(" :*").lower()
    text = re.sub(r"^(?:(?:chapter|part|section|appendix)\s+)?[\divxlc.]+\s*[:.)-]?\s+", "", text)
    text = text.rpartition(": ")[2] if ": " in text else text  # "Chapter 7: Glossary", "Reference: Terms"
    return bool(_GLOSSARY_NAME.match(text)) and not _NOT_GLOSSARY.search(text)


def is_glossary_page(info: PageInfo) -> bool:
    """A glossary by front matter, by file name (GitBook's GLOSSARY.md) or by title."""
    flag = info.meta.get("glossary")
    if isinstance(flag, bool):
        return flag
    return info.stem.lower() in _STEMS or names_glossary(info.title)


def is_excluded(info: PageInfo) -> bool:
    """``glossary: false`` in front matter: the owner says this page defines nothing."""
    return info.meta.get("glossary") is False


@dataclass(frozen=True)
class _Region:
    start: int  # index of the first section in it
    end: int  # one past the last
    strict: bool  # a named section of an ordinary page, or found by shape: precision rules in full
    base: int = 0  # the level of the heading that opens it (0: the whole page)
    headings_only: bool = False  # found by its shape: only its heading entries count


def page_entries(page: Page, whole_page: bool) -> Iterator[Entry]:
    """Every entry of a glossary page, or of the glossary sections of any other page."""
    sections = page.sections
    regions = [_Region(0, len(sections), strict=False)] if whole_page else _regions(sections)
    for region in regions:
        yield from _region_entries(page, sections[region.start : region.end], region)


def _regions(sections: Sequence[Section]) -> list[_Region]:
    """Glossary sections by name, then by shape, of a page that is not a glossary as a whole."""
    regions: list[_Region] = []
    i = 0
    while i < len(sections):
        section = sections[i]
        if section.level and names_glossary(section.title):
            end = _section_end(sections, i)
            regions.append(_Region(i, end, strict=True, base=section.level))
            i = end
            continue
        i += 1
    covered = {n for r in regions for n in range(r.start, r.end)}
    parents = [-1, *(n for n, s in enumerate(sections) if s.level)]
    for parent in parents:
        if parent in covered:
            continue
        end = len(sections) if parent < 0 else _section_end(sections, parent)
        if end - parent - 1 < MIN_SHAPE_ENTRIES or any(n in covered for n in range(parent + 1, end)):
            continue
        base = sections[parent].level if parent >= 0 else 0
        if _has_glossary_shape(sections[parent + 1 : end], base):
            regions.append(_Region(max(parent, 0), end, strict=True, base=base, headings_only=True))
            covered.update(range(max(parent, 0), end))
    return sorted(regions, key=lambda r: r.start)


def _section_end(sections: Sequence[Section], index: int) -> int:
    level = sections[index].level
    for n in range(index + 1, len(sections)):
        if sections[n].level and sections[n].level <= level:
            return n
    return len(sections)


def _has_glossary_shape(children: Sequence[Section], parent_level: int) -> bool:
    """Most sub-headings at one level are terms each followed by a defining paragraph, and the
    entries are in A–Z order or mostly read as definitions ("A …", "Refers to …")."""
    levels = [s.level for s in children if s.level > parent_level]
    if not levels:
        return False
    level = min(levels)
    heads = [s for s in children if s.level == level]
    titled = [s for s in heads if question_term(s.title) or is_term_like(s.title)]
    if len(titled) < MIN_SHAPE_ENTRIES or len(titled) < 0.8 * len(heads):
        return False  # decided on the titles alone, before any paragraph is parsed
    entries = [(s, _heading_entry(s, strict=True)) for s in heads]
    found = [(s, e) for s, e in entries if e is not None]
    if len(found) < MIN_SHAPE_ENTRIES or len(found) < 0.8 * len(heads):
        return False
    names = [e[0].casefold() for _, e in found]
    in_order = sum(a <= b for a, b in itertools.pairwise(names)) / (len(names) - 1)
    definitional = sum(bool(_DEFINITIONAL_START.match(e[1])) or _restates(e[0], e[1]) for _, e in found)
    return definitional >= 0.6 * len(found) or (in_order >= 0.9 and definitional >= 0.4 * len(found))


def _restates(term: str, definition: str) -> bool:
    """ "Toil is …", "A runbook refers to …": the paragraph starts by naming its term."""
    verbs = r"(?:is an?|is the|are|means|refers to|stands for|describes)"
    pattern = rf"^(?:an?\s+|the\s+)?{re.escape(term)}s?\s+{verbs}\b"
    return bool(re.match(pattern, definition, re.IGNORECASE))


def _entry_level(sections: Sequence[Section], base: int, strict: bool) -> int | None:
    """The heading level whose headings are entries, chosen per page: the one with most of them."""
    best: tuple[int, int] | None = None
    for level in sorted({s.level for s in sections if s.level > base}):
        heads = [s for s in sections if s.level == level]
        count = sum(_heading_entry(s, strict) is not None for s in heads)
        if count and count * 2 >= len(heads) and (best is None or count > best[0]):
            best = (count, level)
    return best[1] if best else None


def _heading_entry(section: Section, strict: bool) -> tuple[str, str] | None:
    """(term, first paragraph) when a heading names a term and a paragraph defines it."""
    title = section.title.strip()
    term = question_term(title) or (title if is_term_like(title, strict) else None)
    if term is None or _DEPRECATED.search(term):
        return None
    first = _first_block(section)
    if first is None or not looks_like_definition(first):
        return None
    return term, first


def _first_block(section: Section) -> str | None:
    """The paragraph right under a heading; None when a list, table or code comes first."""
    # The heading and the block after it are enough: a long entry's lists need not be parsed.
    head, _, body = section.markdown.partition("\n")
    blocks = [b for b in re.split(r"\n[ \t]*\n", body, maxsplit=3) if b.strip()]
    return _first_block_of(head + "\n" + (blocks[0] if blocks else "") + "\n")


@lru_cache(maxsize=2048)
def _first_block_of(markdown: str) -> str | None:
    tokens = markdown_parser().parse(markdown)
    in_heading = False
    for i, tok in enumerate(tokens):
        if tok.type in ("heading_open", "heading_close"):
            in_heading = tok.type == "heading_open"
            continue
        if in_heading:
            continue
        if tok.type == "paragraph_open" and i + 1 < len(tokens):
            return _clean(inline_text(tokens[i + 1]))
        if tok.type == "html_block":
            continue  # an anchor or a comment left over
        if tok.type.endswith("_open") or tok.type in ("fence", "code_block", "html_block", "hr"):
            return None
    return None


def _region_entries(page: Page, sections: Sequence[Section], region: _Region) -> Iterator[Entry]:
    level = _entry_level(sections, region.base, region.strict)
    deprecated_at: int | None = None
    inside_entry = False
    for section in sections:
        if deprecated_at is not None and section.level and section.level <= deprecated_at:
            deprecated_at = None
        if section.level and _DEPRECATED.search(section.title):
            deprecated_at = section.level
        deprecated = deprecated_at is not None
        if level is not None and section.level == level:
            entry = _heading_entry(section, region.strict)
            inside_entry = entry is not None
            if entry is not None:
                term, aliases = _names(entry[0])
                yield Entry(term, entry[1], _source(page, section), aliases, deprecated=deprecated)
                continue
        elif level is not None and section.level > level and inside_entry:
            continue  # a list or sub-heading inside an entry belongs to it
        elif level is not None and section.level and section.level < level:
            inside_entry = False
        if region.headings_only:
            continue
        for found in _section_entries(section, page.references, region.strict):
            name, other_names, definition = found
            yield Entry(name, definition, _source(page, section), tuple(other_names), deprecated=deprecated)


def _source(page: Page, section: Section) -> str:
    return f"{page.path}#{section.anchor}" if section.anchor else page.path


def _names(term: str) -> tuple[str, tuple[str, ...]]:
    main, aliases = split_acronym(term)
    return main, tuple(aliases)


def _section_entries(
    section: Section, references: dict[str, Any], strict: bool
) -> Iterator[tuple[str, list[str], str]]:
    env = {"references": dict(references)} if references else {}
    tokens = markdown_parser().parse(section.markdown, env)
    for i, tok in enumerate(tokens):
        if tok.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open":
            in_list = i > 1 and tokens[i - 2].type == "list_item_open"
            entry = _inline_entry(tok, in_list, strict) or _paragraph_pair(tokens, i, strict)
            if entry:
                yield entry
        elif tok.type == "dt_open" and i + 1 < len(tokens):
            term = _clean_term(inline_text(tokens[i + 1]))
            definition = _following_dd(tokens, i)
            if term and looks_like_definition(definition) and is_term_like(term, strict):
                main, aliases = split_acronym(term)
                yield main, aliases, definition
        elif tok.type == "table_open":
            yield from _table_entries(tokens, i, strict)


def _inline_entry(tok: Token, in_list: bool, strict: bool) -> tuple[str, list[str], str] | None:
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
        raw_term = "".join(term_parts).strip()
        term = _clean_term(raw_term)
        rest = Token("inline", "", 0, children=children[rest_start:])
        remainder = inline_text(rest)
        m = _SEPARATOR.match(remainder)
        if m is None and not raw_term.endswith((":", "-", "—", "–")):
            return None  # "**Bold** words run on": emphasis in a sentence, not an entry
        alias = m.group("alias") if m else None
        definition = _clean(remainder[m.end() :] if m else remainder)
        said = looks_like_definition(definition) or (not strict and definition[:1].isupper())
        if not term or not said or not is_term_like(term, strict):
            return None  # on a glossary page "**Proc** - Procurement." is enough
        if alias:
            return term, [alias.strip()] if alias.strip().lower() != term.lower() else [], definition
        main, aliases = split_acronym(term)
        return main, aliases, definition
    if not in_list:
        return None
    text = inline_text(tok).strip()
    m = _PLAIN_ENTRY.match(text)
    if not m:
        return None
    term = _clean_term(m.group("term"))
    definition = _clean(m.group("definition"))
    if not is_term_like(term, strict) or not looks_like_definition(definition):
        return None
    main, aliases = split_acronym(term)
    return main, aliases, definition


def _paragraph_pair(tokens: list[Token], i: int, strict: bool) -> tuple[str, list[str], str] | None:
    """A one-line term paragraph, then its definition paragraph: how an HTML ``<dl>`` reads once
    made plain, and how some glossaries are typed."""
    tok = tokens[i]
    if tok.level != 1:
        return None
    first, _, rest = tok.content.strip().partition("\n")
    if rest:  # "Consumer\nAn application that reads a stream.": the term on a line of its own
        words = first.split()
        if len(words) > 4 or words[-1].lower() in SMALL_WORDS or not rest.lstrip()[:1].isupper():
            return None
        term = _clean_term(first)
        definition = _clean(rest)
        if not term or term[-1] in ".:;!?," or not is_term_like(term, strict):
            return None
        if not looks_like_definition(definition) or len(definition.split()) < 4:
            return None
        main, aliases = split_acronym(term)
        return main, aliases, definition
    if i + 4 >= len(tokens):
        return None
    if tokens[i + 1].type != "paragraph_close" or tokens[i + 2].type != "paragraph_open":
        return None
    term = _clean_term(inline_text(tok))
    if not term or term[-1] in ".:;!?," or not is_term_like(term, strict):
        return None
    definition = _clean(inline_text(tokens[i + 3]))
    if not looks_like_definition(definition) or len(definition.split()) < 4:
        return None
    main, aliases = split_acronym(term)
    return main, aliases, definition


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


def _table_entries(tokens: list[Token], start: int, strict: bool) -> Iterator[tuple[str, list[str], str]]:
    """Rows of a table whose first column is the term; never a table of numbers, and in an ordinary
    page's "Definitions" section only a table whose headers say it holds terms."""
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
    header, body = rows[0], rows[1:]
    cells = [c for r in body for c in r[1:] if c]
    if not cells or sum(is_numeric_text(c) for c in cells) * 3 >= len(cells):
        return  # a table of amounts, scores or dates
    if strict and not (
        _TERM_HEADERS.match(clean_title(header[0])) or _DEFINITION_HEADERS.match(clean_title(header[1]))
    ):
        return
    for cells_of_row in body:
        if not cells_of_row:
            continue
        term = _clean_term(cells_of_row[0])
        definition = _clean(" — ".join(c for c in cells_of_row[1:] if c))
        if term and looks_like_definition(definition) and is_term_like(term, strict):
            main, aliases = split_acronym(term)
            yield main, aliases, definition


def _clean_term(text: str) -> str:
    return clean_title(text.strip().strip("*:").strip()).rstrip(":").strip()


def _clean(text: str) -> str:
    return " ".join(text.replace("**", "").split()).strip(" -–—:")
