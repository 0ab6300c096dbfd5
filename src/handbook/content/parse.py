"""Normalised Markdown → sections, links and task items, with markdown-it-py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from handbook.content.model import Section

_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


def slugify(text: str) -> str:
    """GitHub's heading anchor: lowercase, drop punctuation, spaces to hyphens (edges trimmed)."""
    slug = _NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")
    return slug.strip("-")


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """One configured parser: CommonMark + GFM tables, strikethrough, task lists, definition lists."""
    return (
        MarkdownIt("commonmark", {"html": True, "linkify": False})
        .enable(["table", "strikethrough"])
        .use(tasklists_plugin)
        .use(deflist_plugin)
    )


@dataclass(frozen=True)
class RawLink:
    href: str
    text: str
    line: int
    section: str


@dataclass(frozen=True)
class RawTask:
    text: str
    done: bool
    line: int
    section: str


@dataclass(frozen=True)
class Parsed:
    sections: list[Section]
    links: list[RawLink]
    tasks: list[RawTask]


_CHECKBOX = re.compile(r'<input class="task-list-item-checkbox"')
_BOX_TASK = re.compile(r"^\s*([□☐☑☒✅✓✔])\s+(.+)$")


def inline_text(token: Token) -> str:
    """Plain text of an inline token: what a reader sees, without the markup."""
    out: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append(" " if kind == "softbreak" else "\n")
        elif kind == "image":
            alt = "".join(c.content for c in child.children or []) or child.content
            if alt:
                out.append(alt)
        elif kind == "html_inline" and not _CHECKBOX.match(child.content):
            out.append(child.content)
    return "".join(out)


def parse(body: str, page_title: str) -> Parsed:
    """Split a normalised page into sections (one per heading) and collect its links and tasks."""
    tokens = markdown_parser().parse(body)
    lines = body.splitlines(keepends=True)

    starts: list[tuple[int, int, str]] = []  # (line, level, title)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map:
            title = inline_text(tokens[i + 1]).strip() if i + 1 < len(tokens) else ""
            starts.append((tok.map[0], int(tok.tag[1]), title))

    bounds: list[tuple[int, int, str]] = []  # (start line, level, title); level 0: text before any heading
    if not starts or (starts[0][0] > 0 and "".join(lines[: starts[0][0]]).strip()):
        bounds.append((0, 0, page_title))
    bounds += starts

    seen: dict[str, int] = {}
    anchors: list[str] = []
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[int, str]] = []
    for _start, level, title in bounds:
        if level == 0:
            anchors.append("")
            paths.append((title,))
            continue
        base = slugify(title) or "section"
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors.append(base if count == 0 else f"{base}-{count}")
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        paths.append(tuple(t for _, t in stack))

    texts: list[list[str]] = [[] for _ in bounds]
    links: list[RawLink] = []
    tasks: list[RawTask] = []
    starts_only = [b[0] for b in bounds]
    current = 0
    line = 0
    for i, tok in enumerate(tokens):
        if tok.map:
            line = tok.map[0]
            while current + 1 < len(starts_only) and starts_only[current + 1] <= line:
                current += 1
        anchor = anchors[current] if anchors else ""
        if tok.type == "inline":
            if i > 0 and tokens[i - 1].type == "heading_open":
                continue
            text = inline_text(tok)
            texts[current].append(text)
            _collect_links(tok, line, anchor, links)
            _collect_tasks(tok, text, line, anchor, tasks)
        elif tok.type in ("fence", "code_block", "html_block"):
            texts[current].append(tok.content)

    sections: list[Section] = []
    for idx, (start, level, title) in enumerate(bounds):
        end = bounds[idx + 1][0] if idx + 1 < len(bounds) else len(lines)
        sections.append(
            Section(
                anchor=anchors[idx],
                title=title,
                level=level,
                heading_path=paths[idx],
                start_line=start,
                end_line=end,
                markdown="".join(lines[start:end]),
                text="\n".join(t for t in texts[idx] if t.strip()),
            )
        )
    return Parsed(sections, links, tasks)


def _collect_links(tok: Token, line: int, anchor: str, out: list[RawLink]) -> None:
    children = tok.children or []
    for j, child in enumerate(children):
        if child.type != "link_open":
            continue
        href = str(child.attrs.get("href", ""))
        label: list[str] = []
        for nxt in children[j + 1 :]:
            if nxt.type == "link_close":
                break
            if nxt.type in ("text", "code_inline"):
                label.append(nxt.content)
            elif nxt.type == "image":
                label.append(nxt.content or "image")
        out.append(RawLink(href, "".join(label).strip(), line + 1, anchor))


def _collect_tasks(tok: Token, text: str, line: int, anchor: str, out: list[RawTask]) -> None:
    children = tok.children or []
    if children and children[0].type == "html_inline" and _CHECKBOX.match(children[0].content):
        out.append(RawTask(text.strip(), 'checked="checked"' in children[0].content, line + 1, anchor))
        return
    for offset, part in enumerate(tok.content.split("\n")):
        m = _BOX_TASK.match(part)
        if m:
            out.append(RawTask(m.group(2).strip(), m.group(1) not in "□☐", line + 1 + offset, anchor))
