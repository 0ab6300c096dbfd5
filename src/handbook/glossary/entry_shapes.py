"""The shapes a glossary entry takes in a section: ``- **T**: d``, ``- T: d``, ``**T** — d``,
``**T**`` then a paragraph, definition lists, and tables whose first column is the term.

Read from the section's tokens (the reader's Markdown parse), so emphasis, links and code in a term or
a definition come out as their words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown_it.token import Token

from handbook.content.model import Section
from handbook.content.page_head import clean_title
from handbook.content.parse import inline_text, markdown_parser
from handbook.glossary.terms import (
    SMALL_WORDS,
    is_numeric_text,
    is_term_like,
    looks_like_definition,
    split_acronym,
)

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


def section_entries(
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
            term = clean_term(inline_text(tokens[i + 1]))
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
        term = clean_term(raw_term)
        rest = Token("inline", "", 0, children=children[rest_start:])
        remainder = inline_text(rest)
        m = _SEPARATOR.match(remainder)
        if m is None and not raw_term.endswith((":", "-", "—", "–")):
            return None  # "**Bold** words run on": emphasis in a sentence, not an entry
        alias = m.group("alias") if m else None
        definition = clean_text(remainder[m.end() :] if m else remainder)
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
    term = clean_term(m.group("term"))
    definition = clean_text(m.group("definition"))
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
        term = clean_term(first)
        definition = clean_text(rest)
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
    term = clean_term(inline_text(tok))
    if not term or term[-1] in ".:;!?," or not is_term_like(term, strict):
        return None
    definition = clean_text(inline_text(tokens[i + 3]))
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
    return clean_text(" ".join(parts))


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
        term = clean_term(cells_of_row[0])
        definition = clean_text(" — ".join(c for c in cells_of_row[1:] if c))
        if term and looks_like_definition(definition) and is_term_like(term, strict):
            main, aliases = split_acronym(term)
            yield main, aliases, definition


def clean_term(text: str) -> str:
    return clean_title(text.strip().strip("*:").strip()).rstrip(":").strip()


def clean_text(text: str) -> str:
    return " ".join(text.replace("**", "").split()).strip(" -–—:")
