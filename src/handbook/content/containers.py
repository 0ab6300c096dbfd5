"""``:::`` containers (Docusaurus admonitions, VitePress/markdown-it containers, Pandoc fenced divs)
and the one shape every notice takes: a blockquote that opens with a bold label.

``:::warning Title`` … ``:::`` (or ``:::tip[Title]``, ``::: details Click me``, ``::: {.callout-note}``)
would otherwise show its fences as text. Containers nest: an outer one takes more colons. Works on
masked text (code replaced by placeholders), so a ``:::`` inside a code block is never touched.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from handbook.content.shortcodes import ADMONITIONS, notice_label

NOTICE_KINDS = ADMONITIONS | {"success", "secondary", "error", "example", "question", "bug", "check"}
MAX_DEPTH = 8  # real containers nest two or three deep

_OPEN = re.compile(r"([ \t>]*+)(:{3,}+)[ \t]*+(?:([A-Za-z][\w-]*+)|\{[ \t]*+\.([\w-]++)[^}\n]*+\})?(.*)")
_CLOSE = re.compile(r"([ \t>]*+)(:{3,}+)[ \t]*+")
# A first line that can share the label's line: plain text, not a block of its own.
_BLOCK_START = re.compile("[#>|<\ue002]|[-*+][ \t]|\\d{1,9}[.)][ \t]|\\*\\*[^*\n]*\\*\\*[ \t]*$|$")
_QUOTE_PREFIX = re.compile(r"[ \t>]*")


def dedent_block(inner: str) -> str:
    """Inner content of a container or component, its common indentation removed: JSX children are
    indented two spaces or more, and four would make them a code block once the tags are gone."""
    first, newline, rest = inner.partition("\n")
    if first.strip() and newline:
        return first.strip() + "\n" + textwrap.dedent(rest)
    return textwrap.dedent(inner)


def notice(label: str, body: str) -> str:
    """``**Label:** body`` as a blockquote; a body that opens with a list, heading or code gets the
    label on a line of its own."""
    lines = body.strip("\n").split("\n") if body.strip() else []
    lead = f"**{label}:**"
    if lines and not _BLOCK_START.match(lines[0].lstrip(" \t")):
        lines[0] = f"{lead} {lines[0].strip()}"
    else:
        lines[:0] = [lead, ""] if lines else [lead]
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)


def titled(title: str, body: str) -> str:
    """A block under a bold title line (a tab, a collapsible section, a step)."""
    body = body.strip("\n")
    return f"**{title}**\n\n{body}" if body.strip() else f"**{title}**"


@dataclass
class _Frame:
    colons: int
    kind: str
    title: str
    prefix: str  # what stood before the colons: indentation, or `> ` inside a quote
    lines: list[str] = field(default_factory=list)

    def render(self) -> list[str]:
        quote = _QUOTE_PREFIX.match(self.prefix)
        keep = quote.group(0) if quote else ""
        inner = [line[len(keep) :] if line.startswith(keep) else line.lstrip(" \t>") for line in self.lines]
        body = textwrap.dedent("\n".join(inner)).strip("\n")
        if self.kind in NOTICE_KINDS:
            text = notice(notice_label(self.kind, self.title), body)
        elif self.kind == "details" or self.title:
            text = titled(self.title or "Details", body)
        else:
            text = body  # code-group, tabs, columns …: their content as is
        return ["", *(keep + line if line.strip() else keep.rstrip() for line in text.split("\n")), ""]


def reduce_containers(text: str) -> str:
    """``:::kind [title]`` … ``:::`` blocks to notices (or titled blocks); unclosed ones end with the page."""
    if ":::" not in text:
        return text
    out: list[str] = []
    stack: list[_Frame] = []
    for line in text.split("\n"):
        target = stack[-1].lines if stack else out
        if ":::" not in line:
            target.append(line)
            continue
        close = _CLOSE.fullmatch(line)
        if close is not None:
            if stack and len(close.group(2)) >= stack[-1].colons:
                frame = stack.pop()
                (stack[-1].lines if stack else out).extend(frame.render())
            else:
                target.append(line)
            continue
        opened = _OPEN.fullmatch(line)
        kind = (opened.group(3) or opened.group(4) or "") if opened else ""
        if opened is None or not kind or len(stack) >= MAX_DEPTH:
            target.append(line)
            continue
        kind = kind.lower().removeprefix("callout-")
        stack.append(_Frame(len(opened.group(2)), kind, _title(opened.group(5)), opened.group(1)))
    while stack:
        frame = stack.pop()
        (stack[-1].lines if stack else out).extend(frame.render())
    return "\n".join(out)


def _title(rest: str) -> str:
    """``[Title]``, ``{title="Title"}`` or plain words after the kind."""
    rest = rest.strip()
    if rest.startswith("[") and "]" in rest:
        return rest[1 : rest.index("]")].strip()
    if rest.startswith("{"):
        m = re.search(r"title\s*=\s*[\"']([^\"'\n]*)", rest)
        return m.group(1).strip() if m else ""
    return rest
