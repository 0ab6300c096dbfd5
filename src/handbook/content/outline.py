"""A page's ATX headings and reference definitions by a line scan, when a scan is sure to agree with
markdown-it; ``None`` when it might not.

Splitting a page into sections ran markdown-it's block parser over every page (a third of indexing a
big handbook, and most of opening a long page). Headings only need fences and HTML blocks tracked, so
most pages are scanned line by line at a sixth of the cost. Anything where a scan could be wrong —
setext underlines, headings or fences inside list items or quotes, structure indented inside lists,
tables whose header looks like a heading, HTML blocks that cannot interrupt a paragraph, reference
definitions that are not one plain line — makes the scan give up, and the caller parses the page.
A test holds both ways equal on every page of the sample handbooks and on hand-written cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.html_block import HTML_SEQUENCES

# A line's containers: list items (bullets, ordered), block quotes and definition-list markers.
_CONTAINER = re.compile(r"[ \t]*(?:(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)]|[:~])(?=[ \t]|$))[ \t]*)+")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_DELIMITER_ROW = re.compile(r"[ \t]*[-:|][-:| \t]*$")
# One plain definition on one line: [label]: destination, optionally a one-line title.
_DEFINITION = re.compile(
    r"\[[^\[\]\\\n]+\]:[ \t]*(?:<[^<>\n\\]*>|[^\s<>\\]+)"
    r"(?:[ \t]+(?:\"[^\"\n\\]*\"|'[^'\n\\]*'|\([^()\n\\]*\)))?[ \t]*$"
)


@dataclass(frozen=True)
class Outline:
    headings: list[tuple[int, int, str]]  # (0-based line, level, the heading's inline Markdown)
    definitions: list[tuple[int, str]]  # (line, its text) of each reference definition, in order


def _indent(line: str) -> tuple[int, int]:
    """(characters of leading spaces and tabs, their width in columns with tabs to multiples of 4)."""
    width = 0
    count = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
        count += 1
    return count, width


def _atx_content(rest: str) -> tuple[int, str]:
    """Level and content of an ATX heading line (after its indent), as markdown-it's heading rule."""
    level = len(rest) - len(rest.lstrip("#"))
    end = len(rest.rstrip(" \t"))
    if end < level:
        end = level
    hashes = end
    while hashes > level and rest[hashes - 1] == "#":
        hashes -= 1
    if hashes < end and hashes > level and rest[hashes - 1] in " \t":
        end = hashes
    return level, mdTrim(rest[level:end])


def _html_kind(text: str) -> int:
    """Which of markdown-it's HTML block kinds ``text`` (a line after its indent) opens, or -1."""
    for number, (opening, _, _) in enumerate(HTML_SEQUENCES):
        if opening.search(text):
            return number
    return -1


def _blank(line: str) -> bool:
    return not line.strip(" \t")


def scan(body: str) -> Outline | None:
    """The headings and definitions markdown-it finds in ``body``, or None when a scan may be wrong."""
    if "\r" in body or "\0" in body:
        return None
    lines = body.split("\n")
    nested = _has_containers(body)
    headings: list[tuple[int, int, str]] = []
    definitions: list[tuple[int, str]] = []
    count = len(lines)
    previous = "blank"  # the line before: blank, code, heading, fence (closing), definition or text
    plain = -1  # the last line that began a paragraph of plain text (a setext heading's text?)
    number = 0
    while number < count:
        line = lines[number]
        first = line[:1]
        if not first:
            previous = "blank"
            number += 1
            continue
        if first not in _LOOK_AT:
            if "]:" in line and _label_end(line):
                return None
            if previous in _BLOCK_ENDS and "|" not in line:
                plain = number
            previous = "text"
            number += 1
            continue
        chars, width = _indent(line)
        rest = line[chars:]
        if not rest:
            previous = "blank"
            number += 1
            continue
        if width >= 4:
            # Indented code, or a paragraph's continuation; inside a list item, anything.
            if "]:" in line and (nested or previous not in ("blank", "code")) and _label_end(rest):
                return None
            if nested:
                fence = _FENCE.match(rest)
                if fence and _opens_fence(fence):
                    end = _fence_end(lines, number, width, fence.group(1), exact=True)
                    if end is None:
                        return None
                    number = end + 1
                    previous = "fence"
                    continue
                if _risky(_inner(rest)):
                    return None
            previous = "code" if previous in ("blank", "code") else "text"
            number += 1
            continue
        lead = rest[0]
        if lead in "=-" and _UNDERLINE.match(rest):
            if previous == "text" and plain == number - 1 and width >= _indent(lines[plain])[1]:
                text = lines[plain]
                headings.append((plain, 1 if lead == "=" else 2, mdTrim(text)))
                previous = "heading"
                number += 1
                continue
            if width == 0 and _opens_container(lines[number - 1]):
                # Under a list item or quote line, at the margin: not that item's paragraph (an
                # underline is never a lazy continuation), so a new list item or a rule, no heading.
                previous = "text"
                number += 1
                continue
            if previous not in _BLOCK_ENDS:
                return None  # a setext heading's underline under more than one line, a list, a table…
            previous = "text"
            number += 1
            continue
        if lead in _MARKERS:
            inner = _inner(rest)
            if len(inner) < len(rest):  # a list item, block quote or definition
                if _risky(inner) or ("]:" in inner and _label_end(inner, starts=True)):
                    return None
                previous = "text"
                number += 1
                continue
        if lead == "#" and _ATX.match(rest):
            if "|" in rest and number + 1 < count and _DELIMITER_ROW.match(lines[number + 1]):
                return None  # a table whose header row starts with #
            headings.append((number, *_atx_content(rest)))
            previous = "heading"
            number += 1
            continue
        if lead in "`~":
            fence = _FENCE.match(rest)
            if fence and _opens_fence(fence):
                end = _fence_end(lines, number, width, fence.group(1))
                if end is None:
                    return None
                number = end + 1
                previous = "fence"
                continue
        if lead == "<":
            kind = _html_kind(rest)
            if kind >= 0:
                if not HTML_SEQUENCES[kind][2] and previous != "blank":
                    return None  # this kind cannot interrupt a paragraph: is the line above one?
                end = _html_end(lines, number, width, kind, rest)
                if end is None:
                    return None
                number = end
                previous = "text"
                continue
        if "]:" in line and _label_end(rest, starts=True):
            if lead != "[" or not _DEFINITION.match(rest):
                end = _paragraph_end(lines, number) if previous in _PARAGRAPH_STARTS else None
                if end is None:
                    return None
                previous = "text"  # e.g. a footnote `[^1]:` and its indented text: a paragraph
                number = end
                continue
            if previous not in _PARAGRAPH_STARTS:
                return None  # a definition cannot interrupt a paragraph
            following = lines[number + 1] if number + 1 < count else ""
            if not (_blank(following) or _ATX.match(following) or "]:" in following):
                return None  # a title on the next line, or a paragraph the definition might be
            definitions.append((number, line))
            previous = "definition"
            number += 1
            continue
        if previous in _BLOCK_ENDS and lead.isalnum() and lead not in _MARKERS and "|" not in line:
            plain = number
        previous = "text"
        number += 1
    return Outline(headings, definitions)


# Lines that may matter (after which a scan looks closer); any other line is a paragraph's text.
_LOOK_AT = frozenset(" \t#`~<[=->+*_:|0123456789")
_MARKERS = frozenset(">-+*:~0123456789")
_BLOCK_ENDS = frozenset(["blank", "heading", "fence"])  # what a new paragraph may follow


def _opens_fence(fence: re.Match[str]) -> bool:
    return not (fence.group(1)[0] == "`" and "`" in fence.group(2))


def _label_end(text: str, *, starts: bool = False) -> bool:
    """Might ``]:`` in this line end a reference definition's label (begun here when ``starts``, or
    on a line above)? Its first ``]`` must be followed by ``:`` and not be in a label begun in the
    line after its start (a label holds no ``[``); a backslash, which escapes, makes it unsure."""
    close = text.find("]")
    if close < 0 or text[close + 1 : close + 2] != ":":
        return False
    if "\\" in text[: close + 1]:
        return True
    opening = text.find("[", 1 if starts else 0, close)
    return opening < 0


_PARAGRAPH_STARTS = frozenset(["blank", "heading", "fence", "definition"])


def _paragraph_end(lines: list[str], number: int) -> int | None:
    """The blank line ending the block at ``number`` when markdown-it reads that block (alone, as it
    is after a block's end) as paragraphs and nothing else; None when it holds more (a definition,
    a heading, a list…)."""
    from handbook.content.parse import block_parser  # (parse imports this module)

    end = number
    while end < len(lines) and not _blank(lines[end]):
        end += 1
    env: dict[str, object] = {}
    tokens = block_parser().parse("\n".join(lines[number:end]) + "\n", env)
    plain = all(t.type in ("paragraph_open", "inline", "paragraph_close") for t in tokens)
    return end if tokens and plain and not env.get("references") else None


def _opens_container(line: str) -> bool:
    """Does ``line`` start (within three spaces) with a list item or block quote marker? (Not a
    definition's ``:``, which is a paragraph's text when no term is above it.)"""
    chars, width = _indent(line)
    rest = line[chars:]
    return width < 4 and bool(rest) and rest[0] in ">-+*0123456789" and len(_inner(rest)) < len(rest)


def _inner(rest: str) -> str:
    """A line (after its indent) without the list, quote and definition markers it starts with."""
    prefix = _CONTAINER.match(rest)
    return rest[prefix.end() :] if prefix else rest


def _risky(inner: str) -> bool:
    """Would this, inside a list item or quote, be a heading, fence, HTML block or underline?"""
    if not inner:
        return False
    lead = inner[0]
    if lead == "#":
        return bool(_ATX.match(inner))
    if lead == "<":
        return _html_kind(inner) >= 0
    return inner.startswith(("```", "~~~")) or bool(_UNDERLINE.match(inner))


def _has_containers(body: str) -> bool:
    """Any list item, block quote or definition marker: structure may then sit deep inside one."""
    return bool(_ANY_CONTAINER.search(body))


_ANY_CONTAINER = re.compile(r"^[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)]|[:~])(?:[ \t]|$))", re.MULTILINE)


def _fence_end(lines: list[str], start: int, width: int, marker: str, *, exact: bool = False) -> int | None:
    """The line that closes the fence opened at ``start`` (the last line when none does), or None
    when the fence might belong to a list item and end with it. ``exact``: an indented opening inside
    a list page, which closes only at the same indent (a code block or fence either way)."""
    char = marker[0]
    count = len(lines)
    number = start + 1
    while number < count:
        line = lines[number]
        chars, own = _indent(line)
        rest = line[chars:]
        if rest and width and own < width:
            return None  # less indented than its opening: inside a list item, the item ends here
        if rest.startswith(marker) and not rest.lstrip(char).strip(" \t"):
            if exact:
                return number if own == width else None
            if own < 4:
                return number
            if width:
                return None  # a closing fence to a list item's indent, not to the page's

        number += 1
    return None if width else count - 1


def _html_end(lines: list[str], start: int, width: int, kind: int, text: str) -> int | None:
    """The line after the HTML block that opens at ``start``, or None when a scan cannot tell."""
    closing = HTML_SEQUENCES[kind][1]
    on_blank = bool(closing.search(""))
    count = len(lines)
    if not on_blank and closing.search(text):
        return start + 1
    number = start + 1
    while number < count:
        line = lines[number]
        chars, own = _indent(line)
        rest = line[chars:]
        if rest and width and own < width:
            return None
        if on_blank:
            if not rest:
                return number
        elif closing.search(rest):
            return number + 1
        number += 1
    return None if width else count
