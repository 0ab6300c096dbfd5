"""Reading glossary entries out of pages, in the shapes handbooks write them.

``- **T**: d`` (also ``**[T](url)** - d`` and ``**T** (expansion): d``), ``- T: d`` (list items only),
``**T** — d``, definition lists, tables whose first column is the term, and ``### T`` + paragraph (only
on pages that do not use bullets). Only glossary pages, and glossary sections of other pages, are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown_it.token import Token

from handbook.content.catalog import clean_title
from handbook.content.model import PageInfo, Section
from handbook.content.parse import inline_text, markdown_parser

GLOSSARY_WORDS = ("glossary", "terminology", "vocabulary", "definitions", "acronyms", "jargon")
_SEPARATOR = re.compile(r"^\s*(?:[:\-–—=]+|\((?P<alias>[^)]{2,80})\)\s*[:\-–—=]*)\s*")
_PLAIN_ENTRY = re.compile(r"^(?P<term>[^:\n]{1,60}?)\s*(?::|\s[-–—]\s)\s*(?P<definition>\S.*)$", re.DOTALL)
MAX_TERM_WORDS = 6


def is_glossary_page(info: PageInfo) -> bool:
    if info.meta.get("glossary") is True:
        return True
    names = f"{info.stem} {info.title}".lower()
    return any(word in names for word in GLOSSARY_WORDS)


def is_glossary_heading(title: str) -> bool:
    lowered = title.lower()
    return any(word in lowered for word in GLOSSARY_WORDS)


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
