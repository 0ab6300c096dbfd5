"""Onboarding plans found in the handbook's own pages: no YAML for a new hire to write.

Handbooks write their plans for people: ``Week 1`` / ``Month 1`` sections with bullet lists, ``Day 1`` …
``Day 5`` task lists, ``First 30 days`` tables, a ``Chapter 1: Onboarding`` list, badges in a table.
Each page's heading tree is read for

* groups of sibling sections whose headings name time (see :mod:`handbook.onboarding.vocabulary`),
  each holding items: list and task items, table rows, ``□`` lines (numbered steps are list items,
  badges were turned into list items when the page was normalised);
* the same inside one section: a table whose header cells (or first column) name time, or
  bold-labelled groups (``**Week 1**`` and a list);
* one section whose heading names a new hire's first days ("First day at X");
* an "Onboarding" page or section with a plain list and no time headings (its items: the first 30 days).

A candidate needs to be about someone's start: onboarding words in its page's path, title or headings,
or phases that count from the first day ("First 30 days"). Schedules that only name days — releases,
sprints, agendas, meetings — are not plans. Candidates are ranked by :func:`score`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markdown_it.token import Token

from handbook.content import Handbook, Page, Section
from handbook.content.model import loose_anchor
from handbook.content.parse import inline_text, markdown_parser, slugify
from handbook.onboarding.plan import Item, Phase, Plan
from handbook.onboarding.vocabulary import Span, clean, due_day, patterns, strip_symbols, time_span

FIRST_PHASE = (1, 30)  # a plain onboarding list: its items belong to the first month
OPEN_PHASE_DAYS = 30  # "After joining" with nothing after it: a month
MIN_LIST_ITEMS = 2  # a single bullet under "Onboarding" is a sentence, not a checklist
TITLE_LIMIT = 120  # an item's title is one sentence; longer ones are cut at a word, the rest is details

_BOX_LINE = re.compile(r"^\s*[□☐☑☒]\s+(.+)$")
_STEP_PREFIX = re.compile(r"^(?:(?:step|task|item)\s*\d+\s*[:.)\-–—]\s*|\d+[.)]\s+)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[“])")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")  # <em> in a front matter title
# From the start of a run of spaces only: trying from each space of a long run was quadratic.
_CELL_BREAK = re.compile(r"(?<!\s)\s*(?:<br\s*/?>|\n|\s•\s)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A plan found in a page and how likely it is to be the handbook's onboarding plan."""

    plan: Plan
    score: float


# ------------------------------------------------------------------------------------------ items


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


@dataclass
class _Node:
    """One heading of a page (or the page itself, at the root) and the headings under it."""

    title: str
    anchor: str
    level: int
    section: Section | None
    children: list[_Node] = field(default_factory=list)
    span: Span | None = None

    def walk(self) -> Iterator[_Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _tree(page: Page) -> _Node:
    root = _Node(page.title, "", 0, None, span=time_span(page.title))
    stack = [root]
    for section in page.sections:
        if section.level == 0:
            root.section = section
            continue
        node = _Node(section.title, section.anchor, section.level, section, span=time_span(section.title))
        while len(stack) > 1 and stack[-1].level >= section.level:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


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
class _Table:
    header: list[tuple[str, list[str]]]
    rows: list[list[tuple[str, list[str]]]]


def _table(tokens: list[Token], start: int) -> tuple[_Table, int]:
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
    return _Table(header, rows), i + 1


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
class _Blocks:
    """A section's own body, read once: its lists, tables, ``□`` lines and paragraphs, in order."""

    items: list[Found]  # list items, table rows, □ lines
    tables: list[_Table]
    labelled: list[tuple[str, Span, list[Found]]]  # bold-labelled groups: label, span, items
    paragraphs: list[str]


def _blocks(section: Section | None, page: Page) -> _Blocks:
    anchor = section.anchor if section else ""
    tokens = _tokens(section, page)
    out = _Blocks([], [], [], [])
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
            boxes = [m.group(1) for m in map(_BOX_LINE.match, tok.content.split("\n")) if m]
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


def _table_items(table: _Table, anchor: str) -> list[Found]:
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


# ------------------------------------------------------------------------------------------ phases


@dataclass
class _Phase:
    title: str
    span: Span
    items: list[Found]
    anchor: str


def _own_or_nested(node: _Node, page: Page, headings: bool, cache: dict[int, _Blocks]) -> list[Found]:
    """A phase's items: its own list/table items; else those of the sections under it; else (in a
    plan of several phases) the sub-headings themselves, each with its first paragraph."""
    own = _cached_blocks(node, page, cache)
    if own.items:
        return own.items
    nested = [
        f for child in node.walk() if child is not node for f in _cached_blocks(child, page, cache).items
    ]
    if nested or not headings:
        return nested
    found = []
    for child in node.children:
        blocks = _cached_blocks(child, page, cache)
        found.append(
            Found(child.title, blocks.paragraphs[:1], [], child.anchor, heading=True),
        )
    return found


def _cached_blocks(node: _Node, page: Page, cache: dict[int, _Blocks]) -> _Blocks:
    key = id(node)
    if key not in cache:
        cache[key] = _blocks(node.section, page)
    return cache[key]


def _table_phases(table: _Table, anchor: str) -> list[_Phase]:
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
                for part in _CELL_BREAK.split(row[col][0])
                if part.strip()
            ]
            phases.append(_Phase(table.header[col][0], span, items, anchor))
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
            for part in _CELL_BREAK.split(text)
            if part.strip()
        ]
        phases.append(_Phase(title, span, items, anchor))
    return phases


def _days(phases: list[_Phase]) -> list[tuple[int, int]]:
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


# ------------------------------------------------------------------------------------------ candidates


@dataclass
class _Raw:
    """A candidate before it is a plan: where it is, its title and phases, and what kind it is."""

    node: _Node
    context: list[str]  # page title and headings down to the node, for the breadcrumb and the signals
    title: str
    phases: list[_Phase]
    kind: str  # "sections", "table", "labels", "single", "list"


def _candidates(page: Page) -> list[_Raw]:
    root = _tree(page)
    cache: dict[int, _Blocks] = {}
    raws: list[_Raw] = []
    in_group: set[int] = set()

    def visit(node: _Node, context: list[str]) -> None:
        timed = [c for c in node.children if c.span is not None]
        before = len(raws)
        if len(timed) >= 2 and id(node) not in in_group:
            phases = [
                _Phase(c.title, c.span, _own_or_nested(c, page, True, cache), c.anchor)
                for c in timed
                if c.span is not None
            ]
            raws.append(_Raw(node, context, _group_title(node, timed, page, cache), phases, "sections"))
            for c in timed:
                for below in c.walk():
                    in_group.add(id(below))
        blocks = _cached_blocks(node, page, cache)
        if id(node) not in in_group:
            for table in blocks.tables:
                phases = _table_phases(table, node.anchor)
                if phases:
                    raws.append(_Raw(node, context, node.title, phases, "table"))
            if blocks.labelled:
                phases = [_Phase(label, span, found, node.anchor) for label, span, found in blocks.labelled]
                raws.append(_Raw(node, context, node.title, phases, "labels"))
        span = node.span
        if span is not None and node.section is not None and len(raws) == before and id(node) not in in_group:
            found = _own_or_nested(node, page, False, cache)
            raws.append(
                _Raw(node, context, node.title, [_Phase(node.title, span, found, node.anchor)], "single")
            )
            for below in node.walk():
                in_group.add(id(below))
        if node.span is None and not timed and id(node) not in in_group and blocks.items:
            title = node.title if node.section is not None or node.level else page.title
            raws.append(
                _Raw(
                    node,
                    context,
                    title,
                    [_Phase("", Span(*FIRST_PHASE, False), blocks.items, node.anchor)],
                    "list",
                )
            )
        for child in node.children:
            visit(child, [*context, child.title])

    visit(root, [page.title])
    return raws


def _group_title(node: _Node, timed: list[_Node], page: Page, cache: dict[int, _Blocks]) -> str:
    """The plan's name: an empty heading just before its first phase ("30-60-90 Day Journey"), else
    the heading the phases are under."""
    index = node.children.index(timed[0])
    if index > 0:
        before = node.children[index - 1]
        blocks = _cached_blocks(before, page, cache)
        if before.span is None and not before.children and not blocks.items and not blocks.paragraphs:
            return before.title
    return node.title


def discover_page(handbook: Handbook, path: str) -> list[Candidate]:
    """The plans one page holds, scored; none for most pages."""
    page = handbook.page(path)
    out: list[Candidate] = []
    targets: dict[str, str] | None = None
    for raw in _candidates(page):
        if not _about_a_start(raw, page):
            continue
        if targets is None:
            targets = _link_targets(page)
        plan = _plan(raw, page, targets)
        if plan is not None:
            out.append(Candidate(plan, score(plan, raw.kind, raw.context, page.path)))
    unique: dict[str, Candidate] = {}
    for cand in out:  # two readings of one section (its sub-sections and a table): keep the better
        kept = unique.get(cand.plan.source)
        if kept is None or cand.score > kept.score:
            unique[cand.plan.source] = cand
    return list(unique.values())


def _about_a_start(raw: _Raw, page: Page) -> bool:
    """Is this someone's start? Onboarding words around it, or phases counted from a first day;
    and not a release, sprint, agenda or meeting schedule."""
    pats = patterns()
    where = [
        clean(t) for t in [page.path.replace("/", " ").replace("-", " ").replace("_", " "), *raw.context]
    ]
    onboarding = any(pats.onboarding.search(w) for w in where) or bool(
        pats.onboarding.search(clean(raw.title))
    )
    if raw.kind == "list":  # an "Onboarding" page or section itself, not any list near one
        title = clean(raw.title)
        newcomer = pats.welcome.search(title) and pats.newcomer.search(clean(_text_of(raw)))
        if not (pats.onboarding.search(title) or newcomer):
            return False
        onboarding = True
    relative = [p for p in raw.phases if p.span.relative]
    if not onboarding and not (
        raw.kind != "single" and len(relative) >= 2 and len(relative) == len(raw.phases)
    ):
        return False
    for text in [*raw.context[1:], raw.title, page.title, *(p.title for p in raw.phases)]:
        lowered = clean(text)
        if pats.not_a_plan.search(lowered) and not pats.onboarding.search(lowered):
            return False
    return True


def _text_of(raw: _Raw) -> str:
    section = raw.node.section
    return section.text if section is not None else ""


def _link_targets(page: Page) -> dict[str, str]:
    """Each href of the page → ``path#anchor`` inside the handbook, from the page's parsed links (so
    whatever the content layer resolves — relative paths, site URLs — counts)."""
    targets: dict[str, str] = {}
    for link in page.links:
        target = link.target
        if link.href in targets:
            continue
        if target.kind == "page":
            targets[link.href] = target.path + (f"#{target.anchor}" if target.anchor else "")
        elif target.kind == "anchor":
            targets[link.href] = page.path + (f"#{target.anchor}" if target.anchor else "")
    return targets


def _plan(raw: _Raw, page: Page, targets: dict[str, str]) -> Plan | None:
    kept = [p for p in raw.phases if p.items]
    count = sum(len(p.items) for p in kept)
    if not kept or count < MIN_LIST_ITEMS:
        return None
    if raw.kind == "list" and sum(1 for f in kept[0].items if f.link_only) * 2 > count:
        return None  # a list of links to read is a reading list, not a checklist
    ranges = _days(kept)
    if any(later[0] < earlier[0] for earlier, later in pairwise(ranges)):
        return None  # "5 days", "4 days", "3 days": a table of amounts, not a plan moving forward
    by_title = {loose_anchor(slugify(clean(s.title))): s.anchor for s in page.sections if s.level}
    phases: list[Phase] = []
    seen_items: dict[str, int] = {}
    seen_phases: dict[str, int] = {}
    for phase, (start, end) in zip(kept, ranges, strict=True):
        title = strip_symbols(phase.title) or (
            f"Days {start}-{end}" if (start, end) != FIRST_PHASE else "First 30 days"
        )
        phase_id = _unique(slugify(title) or "phase", seen_phases)
        items: list[Item] = []
        for found in phase.items:
            title_text, details = _title_and_details(found)
            if not title_text:
                continue
            due = due_day(" ".join([found.text, *found.details]), start, end) or end
            link = next((targets[h] for h in found.hrefs if h in targets), "")
            if not link:
                anchor = (
                    by_title.get(loose_anchor(slugify(clean(title_text)))) or found.anchor or phase.anchor
                )
                link = page.path + (f"#{anchor}" if anchor else "")
            item_id = _unique(item_id_for(title_text), seen_items)
            items.append(Item(item_id, title_text, due, phase_id, link, details))
        if items:
            phases.append(Phase(phase_id, title, (start, end), tuple(items)))
    if not phases:
        return None
    source = page.path + (f"#{raw.node.anchor}" if raw.node.anchor else "")
    context = [strip_symbols(c) for c in raw.context if strip_symbols(c)]
    origin = " › ".join(dict.fromkeys(context[:1] + context[-1:]))
    title = strip_symbols(_TAG.sub("", raw.title)) or page.title
    return Plan(title, phases, source, origin=_TAG.sub("", origin), discovered=True)


def _unique(base: str, seen: dict[str, int]) -> str:
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}-{count + 1}"


def _title_and_details(found: Found) -> tuple[str, str]:
    """One sentence as the title (step numbers off), the rest and the nested lines as details."""
    text = _STEP_PREFIX.sub("", " ".join(found.text.split())).strip()
    parts = _SENTENCE_END.split(text, maxsplit=1)
    title, rest = parts[0], parts[1] if len(parts) > 1 else ""
    more = ""
    if len(title) > TITLE_LIMIT:
        cut = title.rfind(" ", 0, TITLE_LIMIT)
        title, rest, more = title[: cut if cut > 0 else TITLE_LIMIT], text, "…"
    title = strip_symbols(title) + more  # no closing period, colon or emoji: a checklist line
    details = "\n".join(d for d in [rest, *found.details] if d)
    return title, details


def item_id_for(title: str) -> str:
    """A stable id from the item's words: a short slug (readable on the command line) and a short
    hash of the whole title (unique). Rewording an item changes it; progress follows by similarity."""
    words = slugify(clean(title).replace("/", " ")).split("-")
    slug = ""
    for word in words:
        if not word:
            continue
        if len(slug) + len(word) + 1 > 32:
            break
        slug = f"{slug}-{word}" if slug else word
    digest = hashlib.sha1(" ".join(clean(title).split()).encode("utf-8")).hexdigest()[:6]
    return f"{slug or 'item'}-{digest}"


# ------------------------------------------------------------------------------------------ ranking


def score(plan: Plan, kind: str, context: list[str], path: str) -> float:
    """Higher for what a new hire would call their plan: onboarding words in the page's path or title
    (most) or its headings, phases counted from the first day, a span of about 90 days, more items
    and phases, a page near the top; lower for a bare list, one phase, or a plan for managers."""
    pats = patterns()
    page_words = clean(" ".join([path.replace("/", " ").replace("-", " ").replace("_", " "), context[0]]))
    heading_words = clean(" ".join([*context[1:], plan.title]))
    value = 0.0
    value += 3.0 if pats.onboarding.search(page_words) else 0.0
    value += 2.0 if pats.onboarding.search(heading_words) else 0.0
    last = plan.last_day
    value += 2.0 if 21 <= last <= 120 else 1.0 if last > 120 else 0.5
    value += min(len(plan.phases), 4) * 0.5
    value += min(len(plan.items), 24) / 8
    value -= 0.3 * path.count("/")
    if kind == "list":
        value -= 2.0
    elif len(plan.phases) == 1:
        value -= 1.0
    if pats.for_managers.search(heading_words) or pats.for_managers.search(clean(context[0])):
        value -= 1.0
    return round(value, 2)


def discover(handbook: Handbook, paths: list[str] | None = None) -> list[Candidate]:
    """Every candidate plan of the handbook (or of ``paths``), best first."""
    found: list[Candidate] = []
    for path in paths if paths is not None else [p.path for p in handbook.pages]:
        found.extend(discover_page(handbook, path))
    return rank(found)


def rank(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.score, c.plan.source))
