"""A section's own body as plan discovery reads it: its lists, tables, ``□`` lines, bold labels.

Kept apart from :mod:`handbook.onboarding.discover` (which walks a page's headings and builds plans)
because it is the part that knows markdown-it's tokens: list items with their nesting and task
boxes, table cells with ``<br>`` breaks, ``**Week 1**`` labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from handbook.content import Page, Section
from handbook.content.parse import inline_text, markdown_parser
from handbook.onboarding.vocabulary import Span, time_span

BOX_LINE = re.compile(r"^\s*[□☐☑☒]\s+(.+)$")
# From the start of a run of spaces only: trying from each space of a long run was quadratic.
CELL_BREAK = re.compile(r"(?<!\s)\s*(?:<br\s*/?>|\n|\s•\s)\s*", re.IGNORECASE)


@dataclass
class Found:
    """An item as read from the page, before its due day and id are known."""

    text: str
    details: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    anchor: str = ""  # the section it came from
    heading: bool = False  # a sub-heading taken as an item (its section has no list)

    @property
    def link_only(self) -> bool:
        """Just a link ("- [Benefits](benefits.md)"): a list of resources rather than of tasks."""
        return bool(self.hrefs) and self.heading is False and len(self.text.split()) <= 6


def _tokens(section: Section | None, page: Page) -> list[Token]:
    if section is None:
        return []
    env: dict[str, Any] = {"references": dict(page.references)} if page.references else {}
    return list(markdown_parser().parse(section.markdown, env))


def _inline(token: Token) -> tuple[str, list[str]]:
    """The words of an inline token (links reduced to their text) and its link targets."""
    hrefs = [str(c.attrs.get("href", "")) for c in token.children or [] if c.type == "link_open"]
    return " ".join(inline_text(token).split()), [h for h in hrefs if h]


def _is_task(token: Token) -> bool:
    children = token.children or []
    first = children[0] if children else None
    return first is not None and first.type == "html_inline" and "task-list-item-checkbox" in first.content


@dataclass
class _ListEntry:
    text: str
    hrefs: list[str]
    task: bool
    depth: int


def _list_entries(tokens: list[Token], start: int) -> tuple[list[_ListEntry], int]:
    """The entries of the list opening at ``start`` (nested ones too, with their depth); the index
    after it."""
    entries: list[_ListEntry] = []
    depth = 0
    i = start
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                return entries, i + 1
        elif tok.type == "list_item_open":
            j = i + 1
            while j < len(tokens) and tokens[j].type not in ("inline", "list_item_close", "bullet_list_open"):
                j += 1
            if j < len(tokens) and tokens[j].type == "inline":
                text, hrefs = _inline(tokens[j])
                entries.append(_ListEntry(text, hrefs, _is_task(tokens[j]), depth))
            else:
                entries.append(_ListEntry("", [], False, depth))
        i += 1
    return entries, i


def _items_of_list(entries: list[_ListEntry], anchor: str) -> list[Found]:
    """Task items if the list has any (at any depth: nesting is often a slip), else its top-level
    items; what is nested under an item is its details."""
    tasks = any(e.task for e in entries)
    found: list[Found] = []
    for entry in entries:
        is_item = entry.task if tasks else entry.depth == 1
        if is_item and entry.text:
            found.append(Found(entry.text, [], list(entry.hrefs), anchor))
        elif found and entry.text:
            found[-1].details.append(entry.text)
            found[-1].hrefs.extend(entry.hrefs)
    return found


@dataclass
class Table:
    header: list[tuple[str, list[str]]]
    rows: list[list[tuple[str, list[str]]]]


def _table(tokens: list[Token], start: int) -> tuple[Table, int]:
    header: list[tuple[str, list[str]]] = []
    rows: list[list[tuple[str, list[str]]]] = []
    in_head = False
    i = start
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open" and not in_head:
            rows.append([])
        elif tok.type == "inline":
            cell = _inline_cell(tok)
            (header if in_head else rows[-1] if rows else header).append(cell)
        i += 1
    return Table(header, rows), i + 1


def _inline_cell(token: Token) -> tuple[str, list[str]]:
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "html_inline" and re.match(r"<br\s*/?>", child.content, re.IGNORECASE):
            parts.append("\n")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "image":
            parts.append("".join(c.content for c in child.children or []) or child.content)
    hrefs = [str(c.attrs.get("href", "")) for c in token.children or [] if c.type == "link_open"]
    return "".join(parts).strip(), [h for h in hrefs if h]


@dataclass
class Blocks:
    """A section's own body, read once: its lists, tables, ``□`` lines and paragraphs, in order."""

    items: list[Found]  # list items, table rows, □ lines
    tables: list[Table]
    labelled: list[tuple[str, Span, list[Found]]]  # bold-labelled groups: label, span, items
    paragraphs: list[str]


def read_blocks(section: Section | None, page: Page) -> Blocks:
    """The section's own body (not its sub-sections'), parsed once."""
    anchor = section.anchor if section else ""
    tokens = _tokens(section, page)
    out = Blocks([], [], [], [])
    label: tuple[str, Span, list[Found]] | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in ("bullet_list_open", "ordered_list_open") and tok.level == 0:
            entries, i = _list_entries(tokens, i)
            found = _items_of_list(entries, anchor)
            labelled = _labelled_list(entries, anchor)
            if len(labelled) >= 2:
                out.labelled.extend(labelled)
            elif label is not None:
                label[2].extend(found)
            else:
                out.items.extend(found)
            continue
        if tok.type == "table_open" and tok.level == 0:
            table, i = _table(tokens, i)
            out.tables.append(table)
            rows = _table_items(table, anchor)
            (label[2] if label is not None else out.items).extend(rows)
            continue
        if tok.type == "inline" and tok.level == 1 and i > 0 and tokens[i - 1].type == "paragraph_open":
            boxes = [m.group(1) for m in map(BOX_LINE.match, tok.content.split("\n")) if m]
            if boxes:
                target = label[2] if label is not None else out.items
                target.extend(Found(" ".join(b.split()), [], [], anchor) for b in boxes)
            else:
                strong = _bold_label(tok)
                if strong is not None:
                    label = (strong[0], strong[1], [])
                    out.labelled.append(label)
                    if strong[2]:
                        label[2].append(Found(strong[2], [], _inline(tok)[1], anchor))
                else:
                    out.paragraphs.append(_inline(tok)[0])
        i += 1
    if len(out.labelled) < 2:  # one bold label is emphasis, not a plan: its items are the section's
        for _, _, found in out.labelled:
            out.items.extend(found)
        out.labelled = []
    return out


def _bold_label(token: Token) -> tuple[str, Span, str] | None:
    """``**Week 1**`` or ``**Day 1:** set up`` at the start of a paragraph: (label, span, rest)."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open":
        return None
    close = next((n for n, c in enumerate(children) if c.type == "strong_close"), None)
    if close is None:
        return None
    label = "".join(c.content for c in children[1:close] if c.type in ("text", "code_inline")).strip()
    span = time_span(label)
    if span is None:
        return None
    rest = "".join(
        c.content if c.type in ("text", "code_inline") else " " if c.type == "softbreak" else ""
        for c in children[close + 1 :]
    )
    return label.rstrip(":"), span, " ".join(rest.strip(" :—–-").split())


def _labelled_list(entries: list[_ListEntry], anchor: str) -> list[tuple[str, Span, list[Found]]]:
    """A list whose top-level items are time labels ("- **Week 1**: …" or "- Week 1" with a nested
    list): each is a phase."""
    groups: list[tuple[str, Span, list[Found]]] = []
    for entry in entries:
        if entry.depth == 1:
            label, _, rest = entry.text.partition(":")
            span = time_span(label) if len(label.split()) <= 6 else None
            if span is None:
                return []
            groups.append((label.strip(), span, []))
            if rest.strip():
                groups[-1][2].append(Found(rest.strip(), [], list(entry.hrefs), anchor))
        elif groups and entry.text:
            groups[-1][2].append(Found(entry.text, [], list(entry.hrefs), anchor))
    return groups


def _table_items(table: Table, anchor: str) -> list[Found]:
    """Each row an item: its first cell the title, the others its details ("Owner: Sam")."""
    found: list[Found] = []
    names = [h[0] for h in table.header]
    for row in table.rows:
        cells = [(text, hrefs) for text, hrefs in row]
        filled = [(n, c) for n, c in enumerate(cells) if c[0]]
        if not filled:
            continue
        first = filled[0][1]
        details = [
            f"{names[n]}: {text}" if n < len(names) and names[n] else text
            for n, (text, _) in filled[1:]
            if text
        ]
        hrefs = [h for _, (_, hs) in filled for h in hs]
        found.append(Found(" ".join(first[0].split()), [" ".join(d.split()) for d in details], hrefs, anchor))
    return found
