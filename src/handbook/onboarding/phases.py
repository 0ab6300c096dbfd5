"""A page as plan discovery reads it: its heading tree, and the phases that groups of sections or a
table's header cells name ("Week 1", "Days 2-5", "First 30 days")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from handbook.content import Page, Section
from handbook.onboarding.blocks import CELL_BREAK, Blocks, Found, Table, read_blocks
from handbook.onboarding.vocabulary import Span, time_span

OPEN_PHASE_DAYS = 30  # "After joining" with nothing after it: a month


# ------------------------------------------------------------------------------------------ headings


@dataclass
class Node:
    """One heading of a page (or the page itself, at the root) and the headings under it."""

    title: str
    anchor: str
    level: int
    section: Section | None
    children: list[Node] = field(default_factory=list)
    span: Span | None = None

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def heading_tree(page: Page) -> Node:
    root = Node(page.title, "", 0, None, span=time_span(page.title))
    stack = [root]
    for section in page.sections:
        if section.level == 0:
            root.section = section
            continue
        node = Node(section.title, section.anchor, section.level, section, span=time_span(section.title))
        while len(stack) > 1 and stack[-1].level >= section.level:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


# ------------------------------------------------------------------------------------------ phases


@dataclass
class FoundPhase:
    title: str
    span: Span
    items: list[Found]
    anchor: str


def own_or_nested(node: Node, page: Page, headings: bool, cache: dict[int, Blocks]) -> list[Found]:
    """A phase's items: its own list/table items; else those of the sections under it; else the
    sub-headings themselves, each with its first paragraph ("Your first two weeks" over "TTS
    overview", "Onboarding classes" written as prose)."""
    own = cached_blocks(node, page, cache)
    if own.items:
        return own.items
    nested = [
        f for child in node.walk() if child is not node for f in cached_blocks(child, page, cache).items
    ]
    if nested or not headings:
        return nested
    found = []
    for child in node.children:
        blocks = cached_blocks(child, page, cache)
        found.append(
            Found(child.title, blocks.paragraphs[:1], [], child.anchor, heading=True),
        )
    return found


def cached_blocks(node: Node, page: Page, cache: dict[int, Blocks]) -> Blocks:
    key = id(node)
    if key not in cache:
        cache[key] = read_blocks(node.section, page)
    return cache[key]


def table_phases(table: Table, anchor: str) -> list[FoundPhase]:
    """A table whose header cells name time (one phase a column) or whose first column does (a row)."""
    spans = [time_span(text) for text, _ in table.header]
    if sum(1 for s in spans if s) >= 2:
        phases = []
        for col, span in enumerate(spans):
            if span is None:
                continue
            items = [
                Found(part, [], row[col][1], anchor)
                for row in table.rows
                if col < len(row)
                for part in CELL_BREAK.split(row[col][0])
                if part.strip()
            ]
            phases.append(FoundPhase(table.header[col][0], span, items, anchor))
        return phases
    rows = [(row, time_span(row[0][0])) for row in table.rows if row and row[0][0]]
    if sum(1 for _, s in rows if s) < 2:
        return []
    phases = []
    for row, span in rows:
        if span is None:
            continue
        title = row[0][0]
        rest = row[1:]
        if len(rest) >= 2 and len(rest[0][0].split()) <= 5:  # "| Week 1 | Setup | laptop, accounts |"
            title, rest = f"{title}: {rest[0][0]}", rest[1:]
        items = [
            Found(part, [], hrefs, anchor)
            for text, hrefs in rest
            for part in CELL_BREAK.split(text)
            if part.strip()
        ]
        phases.append(FoundPhase(title, span, items, anchor))
    return phases


def phase_days(phases: list[FoundPhase]) -> list[tuple[int, int]]:
    """Day ranges in order: "First 60 days" after "First 30 days" means days 31-60; an open phase
    ("After joining") runs until the next one starts."""
    ranges: list[tuple[int, int]] = []
    for n, phase in enumerate(phases):
        start, end = phase.span.start, phase.span.end
        if end is None:
            following = next((p.span.start for p in phases[n + 1 :] if p.span.start > start), None)
            end = following - 1 if following else start + OPEN_PHASE_DAYS - 1
        if ranges and start <= ranges[-1][1] < end:
            start = ranges[-1][1] + 1
        ranges.append((start, end))
    return ranges
