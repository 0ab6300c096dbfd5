"""MDX pages (Nextra, Docusaurus, Mintlify …) as Markdown a reader can read.

An MDX page is Markdown with JavaScript in it: ``import``/``export`` statements, ``{/* comments */}``
and JSX components. A reader shown them raw sees code where the handbook has prose, so:

- ESM statements that start a block at the top level go (multi-line ones to their balanced end); a
  paragraph that happens to start with the word "import" is not one. ``export const metadata = {…}``
  gives the page its title when it has no front matter.
- Callouts (``<Callout type="warning">``, ``<Admonition>``, ``<Note>`` …) become notices, the shape
  every notice syntax gets (see :mod:`handbook.content.containers`); tabs become a bold label over
  their content; cards and ``<Link>`` become links; images their alt text; any other component is
  unwrapped (its children kept, its tags dropped) and a self-closing one is dropped.
- ``:::note`` containers become notices too.

Code is never touched: fenced blocks (at any indentation: MDX has no indented code, and JSX children
are indented) and code spans are masked first. Every scan moves forward, so hostile input stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from handbook.content.containers import (
    NOTICE_KINDS,
    dedent_block,
    notice,
    reduce_containers,
    titled,
)
from handbook.content.esm import strip_esm
from handbook.content.fences import split_code_blocks
from handbook.content.html_text import HTML_ELEMENTS
from handbook.content.js_literal import parse_value
from handbook.content.normalise import with_spans_masked
from handbook.content.shortcodes import notice_label

# Any of these means the page has something to reduce; others skip the whole step. Each is looked for
# only when a plain substring says it may be there: most pages have none, and this runs on every page.
_ESM_HINT = re.compile(r"^(?:import|export)[\s{*]", re.MULTILINE)
_TAG_HINT = re.compile(r"<(?:/?[A-Z]|>|img\b[^<>]*?=\{)")

MAX_NESTING = 100  # components nested deeper than this are left as text


def looks_like_mdx(text: str) -> bool:
    """Whether ``text`` has ESM, JSX comments, components or ``:::`` containers to reduce."""
    return (
        ":::" in text
        or ("<" in text and _TAG_HINT.search(text) is not None)
        or ("/*" in text and _COMMENT_OPEN.search(text) is not None)
        or (_may_have_esm(text) and _ESM_HINT.search(text) is not None)
    )


def _may_have_esm(text: str) -> bool:
    """``import``/``export`` at the start of a line, by substring (most pages say "important")."""
    return text.startswith(("import", "export")) or "\nimport" in text or "\nexport" in text


def mdx_to_markdown(text: str) -> tuple[str, dict[str, Any]]:
    """The page as Markdown, and what its ``export const metadata``/``meta`` object says (title …)."""
    masked, blocks = _mask_fences(text)
    exported: dict[str, Any] = {}

    def reduce(chunk: str) -> str:
        chunk = _strip_jsx_comments(chunk)
        if "{" in chunk:
            chunk = _STRING_EXPRESSION.sub(r"\2", chunk)  # {' '} and {"<"}: the text they stand for
        chunk = _render(_parse(chunk))
        return reduce_containers(chunk)

    masked = strip_esm(masked, exported)  # before code spans are masked: `strings` are JavaScript's
    return _unmask_fences(with_spans_masked(masked, reduce), blocks), exported


# --------------------------------------------------------------------------------------------------
# code out of the way: fences at any indentation become one placeholder line each

_PLACEHOLDER = re.compile("^(.*?)\ue002(\\d+)\ue003(.*)$", re.MULTILINE)


def _mask_fences(text: str) -> tuple[str, list[tuple[int, list[str]]]]:
    """Each fenced block as a placeholder line keeping its indentation; the blocks (indent, lines)."""
    lines = text.splitlines(keepends=True)
    flat = "".join(line.lstrip(" \t") for line in lines)  # the one fence detector, at any indentation
    out: list[str] = []
    blocks: list[tuple[int, list[str]]] = []
    at = 0
    for is_code, chunk in split_code_blocks(flat):
        count = len(chunk.splitlines(keepends=True))
        if is_code:
            first = lines[at]
            indent = first[: len(first) - len(first.lstrip(" \t"))]
            blocks.append((len(indent), lines[at : at + count]))
            out.append(f"{indent}\ue002{len(blocks) - 1}\ue003\n")
        else:
            out.extend(lines[at : at + count])
        at += count
    return "".join(out), blocks


def _unmask_fences(text: str, blocks: list[tuple[int, list[str]]]) -> str:
    """Blocks back in place, re-indented (and quoted) as their placeholder line now is."""
    if not blocks:
        return text

    def restore(m: re.Match[str]) -> str:
        index = int(m.group(2))
        if index >= len(blocks):
            return m.group(0)
        indent, lines = blocks[index]
        prefix = m.group(1)
        quote = prefix[: len(prefix) - len(prefix.lstrip(" \t>"))]
        head = prefix.rstrip() + "\n" if prefix.strip(" \t>") else ""  # text before it: its own line
        body = []
        for line in lines:
            line = line.rstrip("\n")
            cut = min(indent, len(line) - len(line.lstrip(" \t")))
            body.append(quote + line[cut:] if line.strip() else quote.rstrip())
        return head + "\n".join(body) + m.group(3)

    return _PLACEHOLDER.sub(restore, text)


# --------------------------------------------------------------------------------------------------
# {/* comments */}

_STRING_EXPRESSION = re.compile(r"""\{[ \t]*+(['"])([^'"\n]*+)\1[ \t]*+\}""")
_COMMENT_OPEN = re.compile(r"\{[ \t]*/\*")
_COMMENT_CLOSE = re.compile(r"\*/[ \t]*\}")
_COMMENTED_LINE = re.compile("^[ \t]*+(?:\ue004[ \t]*+)++(?:\n|\\Z)", re.MULTILINE)
_MARK_AT_END = re.compile("(?:\ue004[ \t]*+)++$", re.MULTILINE)  # no trailing blanks: a hard break


def _strip_jsx_comments(text: str) -> str:
    """``{/* … */}`` out; a line that held only comments goes entirely."""
    if "/*" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        opened = _COMMENT_OPEN.search(text, pos)
        closed = _COMMENT_CLOSE.search(text, opened.end()) if opened is not None else None
        if opened is None or closed is None:
            break
        out.append(text[pos : opened.start()] + "\ue004")  # a mark, so that an emptied line can go
        pos = closed.end()
    out.append(text[pos:])
    done = "".join(out)
    if not pos:
        return text
    return _MARK_AT_END.sub("", _COMMENTED_LINE.sub("", done)).replace("\ue004", "")


# --------------------------------------------------------------------------------------------------
# JSX components

# `<Name`, `<Name.Sub`, `</Name`, `<>`/`</>`; lowercase `img` too (its JSX attributes are not HTML).
_TAG = re.compile(r"<(/?)(?:([A-Z][\w]*+(?:\.\w++)*+|img)(?=[\s/>])|(?=>))")
# Attributes up to the tag's end: strings and {expressions} (nested twice) may hold `>`; a bare `<`
# ends the try, so a page of unclosed `<A` costs linear time.
_ATTRS = re.compile(
    r"""(?:[^<>{}"'/]++|"[^"]*+"|'[^']*+'|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\}|/(?!>))*+(/?)>"""
)
_CLOSE_END = re.compile(r"[ \t]*>")
_ATTR = re.compile(
    r"""(?<![\w.:-])([A-Za-z_][\w.:-]*+)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|"""
    r"""\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\}))?"""
)

TYPED_CALLOUTS = {"callout", "admonition", "aside", "notice"}  # their kind is in `type=`
CALLOUTS = TYPED_CALLOUTS | NOTICE_KINDS
TABS = {"tabs", "codetabs", "codegroup"}
TAB = {"tab", "tabitem", "tabs.tab", "tabs.item"}
CARDS = {"card", "cards.card", "linkcard", "cards.item"}
IMAGES = {"image", "img", "figure", "zoomimage"}
LINKS = {"link", "a"}


@dataclass
class _Node:
    name: str  # "" for a fragment (<>…</>)
    attrs: str  # the attributes as written
    written: str  # the opening tag as written: put back when it is never closed
    indent: str | None  # the whitespace before it on its line; None when text comes first
    children: list[str | _Node] = field(default_factory=list)
    closed: bool = False

    @property
    def kind(self) -> str:
        return self.name.lower()


def _parse(text: str) -> list[str | _Node]:
    """Text and components as a tree; a closing tag pairs with the nearest open tag of its name."""
    if "<" not in text:
        return [text]
    top: list[str | _Node] = []
    stack: list[_Node] = []
    pos = 0
    line_start, clean = 0, True  # where the current line starts; whether it is blank so far

    def add(item: str | _Node, start: int) -> None:
        nonlocal line_start, clean
        (stack[-1].children if stack else top).append(item)
        if isinstance(item, _Node):
            clean = False
            return
        newline = item.rfind("\n")
        if newline >= 0:
            line_start, clean = start + newline + 1, not item[newline + 1 :].strip()
        else:
            clean = clean and not item.strip()

    while True:
        m = _TAG.search(text, pos)
        if m is None:
            break
        if m.start() > pos:
            add(text[pos : m.start()], pos)
        name = m.group(2) or ""
        if name.isupper() and name.lower() in HTML_ELEMENTS:  # <BR/>, <TD>: HTML, read by html_text
            add(m.group(0), m.start())
            pos = m.end()
            continue
        if m.group(1):  # a closing tag
            end = _CLOSE_END.match(text, m.end())
            opener = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].name == name), None)
            if end is None or opener is None:
                add(m.group(0), m.start())  # not a tag after all, or one closing nothing: text
                pos = m.end()
                continue
            stack[opener].closed = True
            del stack[opener:]  # tags opened inside it and never closed stay text
            clean = False
            pos = end.end()
            continue
        attrs = _ATTRS.match(text, m.end())
        if attrs is None or len(stack) >= MAX_NESTING or (name == "img" and "={" not in attrs.group(0)):
            stop = attrs.end() if attrs is not None and name == "img" else m.end()
            add(text[m.start() : stop], m.start())  # plain HTML <img>: html_text reads it
            pos = stop
            continue
        indent = text[line_start : m.start()] if clean else None
        written = text[m.start() : attrs.end()]
        node = _Node(name, attrs.group(0)[: -len(attrs.group(1)) - 1], written, indent)
        add(node, m.start())
        pos = attrs.end()
        if attrs.group(1):
            node.closed = True
        else:
            stack.append(node)
    if pos < len(text):
        add(text[pos:], pos)
    return top


def _render(items: list[str | _Node]) -> str:
    return "".join(item if isinstance(item, str) else _element(item) for item in items)


def _element(node: _Node, tab_label: str | None = None) -> str:
    if not node.closed:
        return node.written + _render(node.children)
    kind = node.kind
    attrs = _attributes(node.attrs) if node.attrs.strip() else {}
    if kind in TABS:
        return _block(dedent_block(_tabs(node, attrs)), node.indent)
    if kind in TAB:
        label = _text(attrs, "label", "title") or tab_label or _text(attrs, "value")
        body = dedent_block(_render(node.children))
        return _block(titled(label, body) if label else body, node.indent)
    if kind in CALLOUTS:
        kind_name = _text(attrs, "type", "kind", "variant") or "note" if kind in TYPED_CALLOUTS else kind
        label = notice_label(kind_name, _text(attrs, "title") or "")
        if kind_name == "default":
            label = _text(attrs, "title") or "Note"
        return _block(notice(label, dedent_block(_render(node.children))), node.indent)
    if kind in IMAGES:
        return _image(node, attrs)
    inner = _render(node.children)
    href = _text(attrs, "href", "to", "url")
    title = _text(attrs, "title", "label", "summary")
    if kind in CARDS:
        return _card(title, href, dedent_block(inner).strip() or _text(attrs, "description") or "", node)
    if kind in LINKS and href and inner.strip() and "\n" not in inner.strip():
        return f"[{inner.strip()}]({href})"
    if not node.children:
        return ""  # a self-closing component: nothing a reader can read
    if "\n" not in inner.strip() and node.indent is None:
        return inner  # inline: <Badge>New</Badge>
    body = dedent_block(inner)
    return _block(titled(title, body) if title else body, node.indent)  # <Step title="…">, <Accordion>


def _card(title: str | None, href: str | None, desc: str, node: _Node) -> str:
    """A card as a list item: its title linked to where it leads, then what it says."""
    link = f"[{title or href}]({href})" if href else f"**{title}**" if title else ""
    if not link:
        return _block(desc, node.indent)
    if "\n" not in desc:
        return _block(f"- {link}" + (f": {desc}" if desc else ""), node.indent)
    indented = "\n".join("  " + line if line.strip() else "" for line in desc.split("\n"))
    return _block(f"- {link}\n\n{indented}", node.indent)


def _tabs(node: _Node, attrs: dict[str, Any]) -> str:
    """Each tab's content under its label: its own ``label``/``title``/``value``, else ``items``."""
    items = attrs.get("items")
    values = attrs.get("values")
    labels: list[str | None] = [str(i) if isinstance(i, (str, int, float)) else None for i in items or []]
    by_value = {
        str(v.get("value")): str(v.get("label"))
        for v in values or []
        if isinstance(v, dict) and v.get("label") is not None
    }
    out: list[str] = []
    index = 0
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
        elif child.closed and child.kind in TAB:
            label = labels[index] if index < len(labels) else None
            value = _text(_attributes(child.attrs), "value")
            out.append(_element(child, by_value.get(value or "", label)))
            index += 1
        else:
            out.append(_element(child))
    return "".join(out)


def _image(node: _Node, attrs: dict[str, Any]) -> str:
    alt = _text(attrs, "alt", "title", "caption") or ""
    src = _text(attrs, "src") or ""
    if not alt and not src:
        return ""
    image = f"![{alt}]({src})" if " " not in src else f"![{alt}](<{src}>)"
    return _block(image, node.indent) if node.indent is not None else image


def _block(body: str, indent: str | None) -> str:
    """A block in place of a component: blank lines around it, at the component's indentation."""
    body = body.strip("\n")
    if not body.strip():
        return ""
    pad = indent or ""
    lines = "\n".join(pad + line if line.strip() else "" for line in body.split("\n"))
    return ("\n" if indent is not None else "\n\n") + lines + "\n\n"


def _attributes(src: str) -> dict[str, Any]:
    """``type="warning" items={['a', 'b']} default`` → {"type": "warning", "items": […], "default": True}."""
    out: dict[str, Any] = {}
    for m in _ATTR.finditer(src):
        raw = m.group(2)
        if raw is None:
            out[m.group(1)] = True
        elif raw[0] in "'\"":
            out[m.group(1)] = raw[1:-1]
        else:
            out[m.group(1)] = parse_value(raw[1:-1])
    return out


def _text(attrs: dict[str, Any], *names: str) -> str | None:
    """The first of ``names`` that is a plain string (or number); expressions never become text."""
    for name in names:
        value = attrs.get(name)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split())
    return None
