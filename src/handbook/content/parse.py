"""Normalised Markdown → sections, then (lazily, per section) plain text, links and task items.

Opening a page needs only its sections, so that pass runs markdown-it's block rules alone (half the
cost of a full parse: ~75 ms for 500 KiB). Each section's inline content — text for search, links,
tasks — is parsed when first asked for, with the page's link reference definitions so that
``[text][ref]`` links resolve as they would in the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from handbook.content.model import Section
from handbook.content.normalise import split_heading_attributes
from handbook.content.outline import scan

_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


def slugify(text: str) -> str:
    """GitHub's heading anchor: lowercase, drop punctuation, spaces to hyphens (edges trimmed)."""
    slug = _NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")
    return slug.strip("-")


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The full parser: CommonMark + GFM tables, strikethrough, task lists, definition lists."""
    return (
        MarkdownIt("commonmark", {"html": True, "linkify": False})
        .enable(["table", "strikethrough"])
        .use(tasklists_plugin)
        .use(deflist_plugin)
    )


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """Block structure only (headings, fences, lists …): what splitting a page into sections needs."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(["table"]).use(deflist_plugin)
    md.core.ruler.disable(["inline", "text_join"])
    return md


@dataclass(frozen=True)
class RawLink:
    href: str
    text: str
    line: int  # 1-based line in the page body
    section: str


@dataclass(frozen=True)
class RawTask:
    text: str
    done: bool
    line: int
    section: str


@dataclass(frozen=True)
class SectionContent:
    text: str
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


_INLINE_MARKUP = re.compile(r"[\\`*_~\[\]!<&\n]")  # what markdown-it's inline rules act on


def heading_text(raw: str) -> str:
    """Plain text of a heading's inline Markdown (emphasis, code, links reduced to their words).

    Most headings are plain words: they are their own text, without an inline parse."""
    if not _INLINE_MARKUP.search(raw):
        return raw.strip()
    tokens = markdown_parser().parseInline(raw)
    return inline_text(tokens[0]).strip() if tokens else raw.strip()


@dataclass(frozen=True)
class Heading:
    line: int  # 0-based line in the body
    level: int
    title: str
    anchor: str = ""  # an explicit id from an attribute block (`## Title {#id}`), else ""
    attributes: str = ""  # that block as written, to take out of the Markdown shown
    attributes_line: int = -1  # the line it is on (a setext heading's last text line)


def split(body: str) -> tuple[list[Heading], dict[str, Any]]:
    """The page's headings (outside code, HTML and quotes' literal text) and its reference definitions.

    A line scan (``outline``) when it is sure to find what markdown-it finds; markdown-it otherwise."""
    found = scan(body)
    if found is not None:
        references = _definitions(found.definitions)
        if references is not None:
            headings = []
            for line, level, content in found.headings:
                raw, anchor, attributes = split_heading_attributes(content)
                headings.append(Heading(line, level, heading_text(raw), anchor, attributes.strip(), line))
            return headings, references
    return parsed_split(body)


def _definitions(lines: list[tuple[int, str]]) -> dict[str, Any] | None:
    """The reference definitions the scan found, as markdown-it reads them (label case folded, link
    normalised, the first of a label kept); None when a line is not a definition to markdown-it."""
    env: dict[str, Any] = {}
    for number, line in lines:
        known = len(env.get("references", ()))
        if block_parser().parse(line, env):
            return None
        references = env.get("references", {})
        if len(references) > known:  # a new label (a repeated one is read, then ignored)
            references[next(reversed(references))]["map"] = [number, number + 1]
    found: dict[str, Any] = env.get("references", {})
    return found


def parsed_split(body: str) -> tuple[list[Heading], dict[str, Any]]:
    """``split`` by markdown-it's block parser: right for every page, ten times slower than a scan."""
    env: dict[str, Any] = {}
    tokens = block_parser().parse(body, env)
    headings: list[Heading] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map and i + 1 < len(tokens):
            raw, anchor, attributes = split_heading_attributes(tokens[i + 1].content)
            setext = tok.markup in ("=", "-")
            headings.append(
                Heading(
                    tok.map[0],
                    int(tok.tag[1]),
                    heading_text(raw),
                    anchor,
                    attributes.strip(),
                    tok.map[1] - 2 if setext else tok.map[0],
                )
            )
    return headings, env.get("references", {})


def _drop_attributes(line: str, block: str) -> str:
    """A heading line without its attribute block (and the blanks before it); closing #s stay."""
    at = line.rfind(block)
    return line if at < 0 else line[:at].rstrip(" \t") + line[at + len(block) :]


def reference_block(references: dict[str, Any]) -> str:
    """The page's ``[label]: url`` definitions again, for parsing or rendering one section alone."""
    lines = []
    for label, ref in references.items():
        href = str(ref.get("href", "")).replace(">", "%3E")
        title = str(ref.get("title", "") or "").replace('"', "'")
        lines.append(f"[{label}]: <{href}>" + (f' "{title}"' if title else ""))
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def analyse(markdown: str, first_line: int, anchor: str, references: dict[str, Any]) -> SectionContent:
    """Text, links and task items of one section; ``first_line`` maps its lines back to the page."""
    env: dict[str, Any] = {"references": dict(references)} if references else {}
    tokens = markdown_parser().parse(markdown, env)
    texts: list[str] = []
    links: list[RawLink] = []
    tasks: list[RawTask] = []
    line = 0
    for i, tok in enumerate(tokens):
        if tok.map:
            line = tok.map[0]
        if tok.type == "inline":
            if i > 0 and tokens[i - 1].type == "heading_open":
                continue
            text = inline_text(tok)
            texts.append(text)
            _collect_links(tok, first_line + line, anchor, links)
            _collect_tasks(tok, text, first_line + line, anchor, tasks)
        elif tok.type in ("fence", "code_block", "html_block"):
            texts.append(tok.content)
    return SectionContent("\n".join(t for t in texts if t.strip()), links, tasks)


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


def build_sections(body: str, page_title: str) -> tuple[list[Section], dict[str, Any]]:
    """One section per heading (plus one for text before the first), with unique GitHub anchors.

    A heading's explicit id (``## Title {#id}``) is its anchor, as on the site the handbook comes
    from; the attribute block is taken out of the section's Markdown, so it is never shown.
    """
    headings, references = split(body)
    lines = body.splitlines(keepends=True)
    for h in headings:
        if h.attributes and 0 <= h.attributes_line < len(lines):
            lines[h.attributes_line] = _drop_attributes(lines[h.attributes_line], h.attributes)
    # (start line, level, title, explicit anchor); level 0: text before any heading
    bounds: list[tuple[int, int, str, str]] = []
    if not headings or (headings[0].line > 0 and "".join(lines[: headings[0].line]).strip()):
        bounds.append((0, 0, page_title, ""))
    bounds += [(h.line, h.level, h.title, h.anchor) for h in headings]

    seen: dict[str, int] = {}
    stack: list[tuple[int, str]] = []
    sections: list[Section] = []
    path: tuple[str, ...]
    for index, (start, level, title, explicit) in enumerate(bounds):
        end = bounds[index + 1][0] if index + 1 < len(bounds) else len(lines)
        if level == 0:
            anchor, path = "", (title,)
        else:
            base = explicit or slugify(title) or "section"
            count = seen.get(base, 0)
            seen[base] = count + 1
            anchor = base if count == 0 else f"{base}-{count}"
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            path = tuple(t for _, t in stack)
        markdown = "".join(lines[start:end])
        sections.append(Section(anchor, title, level, path, start, end, markdown, references))
    return sections, references
