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
from dataclasses import dataclass
from itertools import pairwise

from handbook.content import Handbook, Page, Section
from handbook.content.model import loose_anchor
from handbook.content.parse import slugify
from handbook.onboarding.blocks import Blocks, Found
from handbook.onboarding.phases import (
    FoundPhase,
    Node,
    cached_blocks,
    heading_tree,
    own_or_nested,
    phase_days,
    table_phases,
)
from handbook.onboarding.plan import Item, Phase, Plan
from handbook.onboarding.prefilter import structure_lines
from handbook.onboarding.ranking import Candidate, for_others, rank, score
from handbook.onboarding.vocabulary import Span, clean, due_day, patterns, strip_symbols, time_span

FIRST_PHASE = (1, 30)  # a plain onboarding list: its items belong to the first month
MIN_LIST_ITEMS = 2  # a single bullet under "Onboarding" is a sentence, not a checklist
TITLE_LIMIT = 120  # an item's title is one sentence; longer ones are cut at a word, the rest is details

_STEP_PREFIX = re.compile(r"^(?:(?:step|task|item)\s*\d+\s*[:.)\-–—]\s*|\d+[.)]\s+)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[“])")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")  # <em> in a front matter title


# ------------------------------------------------------------------------------------------ candidates


@dataclass
class _Raw:
    """A candidate before it is a plan: where it is, its title and phases, and what kind it is."""

    node: Node
    context: list[str]  # page title and headings down to the node, for the breadcrumb and the signals
    title: str
    phases: list[FoundPhase]
    kind: str  # "sections", "table", "labels", "single", "list"


def _candidates(page: Page) -> list[_Raw]:
    root = heading_tree(page)
    cache: dict[int, Blocks] = {}
    raws: list[_Raw] = []
    in_group: set[int] = set()

    def visit(node: Node, context: list[str]) -> None:
        timed = [c for c in node.children if c.span is not None]
        before = len(raws)
        if len(timed) >= 2 and id(node) not in in_group:
            phases = [
                FoundPhase(c.title, c.span, own_or_nested(c, page, True, cache), c.anchor)
                for c in timed
                if c.span is not None
            ]
            raws.append(_Raw(node, context, _group_title(node, timed, page, cache), phases, "sections"))
            for c in timed:
                for below in c.walk():
                    in_group.add(id(below))
        grouped = id(node) in in_group
        # A section's body is parsed only when it could hold a plan (most cannot): phases named in its
        # tables, bold labels or list labels; or a title that makes its plain list an onboarding list.
        if not grouped and _may_name_phases(node.section):
            blocks = cached_blocks(node, page, cache)
            for table in blocks.tables:
                phases = table_phases(table, node.anchor)
                if phases:
                    raws.append(_Raw(node, context, node.title, phases, "table"))
            if blocks.labelled:
                phases = [
                    FoundPhase(label, span, found, node.anchor) for label, span, found in blocks.labelled
                ]
                raws.append(_Raw(node, context, node.title, phases, "labels"))
        span = node.span
        if span is not None and node.section is not None and len(raws) == before and not grouped:
            if _mentions_onboarding(page, [*context, node.title]):  # a lone phase needs them
                found = own_or_nested(node, page, True, cache)
                raws.append(
                    _Raw(
                        node,
                        context,
                        node.title,
                        [FoundPhase(node.title, span, found, node.anchor)],
                        "single",
                    )
                )
            for below in node.walk():  # a time-named section is one phase, whatever is under it
                in_group.add(id(below))
        title = node.title if node.section is not None or node.level else page.title
        if node.span is None and not timed and not grouped and _may_be_a_list_plan(title, node):
            blocks = cached_blocks(node, page, cache)
            if blocks.items:
                raws.append(
                    _Raw(
                        node,
                        context,
                        title,
                        [FoundPhase("", Span(*FIRST_PHASE, False), blocks.items, node.anchor)],
                        "list",
                    )
                )
        for child in node.children:
            visit(child, [*context, child.title])

    visit(root, [page.title])
    return raws


def _group_title(node: Node, timed: list[Node], page: Page, cache: dict[int, Blocks]) -> str:
    """The plan's name: an empty heading just before its first phase ("30-60-90 Day Journey"), else
    the heading the phases are under."""
    index = node.children.index(timed[0])
    if index > 0:
        before = node.children[index - 1]
        blocks = cached_blocks(before, page, cache)
        if before.span is None and not before.children and not blocks.items and not blocks.paragraphs:
            return before.title
    return node.title


def discover_page(handbook: Handbook, path: str) -> list[Candidate]:
    """The plans one page holds, scored; none for most pages."""
    page = handbook.page(path)
    out: list[Candidate] = []
    targets = _Targets(page)
    for raw in _candidates(page):
        if not _about_a_start(raw, page):
            continue
        plan = _plan(raw, page, targets)
        if plan is not None:
            others = for_others(plan, raw.context)
            out.append(Candidate(plan, score(plan, raw.kind, raw.context, page.path), others))
    unique: dict[str, Candidate] = {}
    for cand in out:  # two readings of one section (its sub-sections and a table): keep the better
        kept = unique.get(cand.plan.source)
        if kept is None or cand.score > kept.score:
            unique[cand.plan.source] = cand
    return list(unique.values())


def _mentions_onboarding(page: Page, context: list[str]) -> bool:
    """Onboarding words in the page's path, or its title and the headings down to here."""
    pats = patterns()
    where = [page.path.replace("/", " ").replace("-", " ").replace("_", " "), *context]
    return any(pats.onboarding.search(clean(w)) for w in where)


def _may_be_a_list_plan(title: str, node: Node) -> bool:
    """An "Onboarding" page or section, or a "Welcome" one that names a newcomer: its plain list
    may be a plan (see :func:`_about_a_start`)."""
    pats = patterns()
    words = clean(title)
    if pats.onboarding.search(words):
        return True
    return bool(pats.welcome.search(words)) and node.section is not None


def _may_name_phases(section: Section | None) -> bool:
    """Could the section's own tables, bold labels or list labels name two phases? A look at its
    lines before parsing it."""
    if section is None:
        return False
    _, labels = structure_lines(section.markdown)
    count = 0
    for label in labels:
        if label and time_span(label) is not None:
            count += 1
            if count >= 2:
                return True
    return False


def _about_a_start(raw: _Raw, page: Page) -> bool:
    """Is this someone's start? Onboarding words around it, or phases counted from a first day;
    and not a release, sprint, agenda or meeting schedule."""
    pats = patterns()
    onboarding = _mentions_onboarding(page, [*raw.context, raw.title])
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


class _Targets:
    """Where an item's links lead inside the handbook (``path#anchor``), resolved by the content layer
    (relative paths, site URLs) one href at a time: only the links of items, not the whole page's."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.known: dict[str, str] = {}

    def __call__(self, href: str) -> str:
        if href not in self.known:
            target = self.page.resolve(href)
            path = target.path if target.kind == "page" else self.page.path if target.kind == "anchor" else ""
            self.known[href] = path + (f"#{target.anchor}" if path and target.anchor else "")
        return self.known[href]


def _plan(raw: _Raw, page: Page, targets: _Targets) -> Plan | None:
    kept = [p for p in raw.phases if p.items]
    count = sum(len(p.items) for p in kept)
    if not kept or count < MIN_LIST_ITEMS:
        return None
    if raw.kind == "list" and sum(1 for f in kept[0].items if f.link_only) * 2 > count:
        return None  # a list of links to read is a reading list, not a checklist
    ranges = phase_days(kept)
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
            link = next((t for t in map(targets, found.hrefs) if t), "")
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


def discover(handbook: Handbook, paths: list[str] | None = None) -> list[Candidate]:
    """Every candidate plan of the handbook (or of ``paths``), best first."""
    found: list[Candidate] = []
    for path in paths if paths is not None else [p.path for p in handbook.pages]:
        found.extend(discover_page(handbook, path))
    return rank(found)
