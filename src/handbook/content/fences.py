"""Fenced code blocks, found one way everywhere (CommonMark's rules, line by line).

Rewriting prose, finding a page's first heading and reading a nav list all skip code; each had its own
idea of where a fence opens and closes (a ``~~~`` fence, a longer closing fence, an indented one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def fence_opening(line: str) -> str | None:
    """The fence (```` ``` ````, ``~~~~`` …) this line opens, or None. A backtick fence's info
    string cannot hold a backtick: ```` ```a` ```` is inline code, not a fence."""
    m = _OPEN.match(line)
    if m is None or (m.group(1)[0] == "`" and "`" in line[m.end() :]):
        return None
    return m.group(1)


def closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes ``fence``: the same character, at least as many, nothing else, and
    indented less than four spaces."""
    stripped = line.strip()
    return (
        bool(stripped)
        and set(stripped) == {fence[0]}
        and len(stripped) >= len(fence)
        and bool(line[:4].strip())
    )


def code_lines(lines: Iterable[str]) -> Iterator[tuple[bool, str]]:
    """Each line with whether it belongs to a fenced code block (the fence lines included)."""
    fence: str | None = None
    for line in lines:
        if fence is None:
            fence = fence_opening(line)
            yield fence is not None, line
        else:
            yield True, line
            if closes(line, fence):
                fence = None


def split_code_blocks(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is_code, chunk) pieces along its fenced code blocks; the chunks join back to it.

    What ``code_lines`` says of each line, grouped; but only lines holding ``` or ~~~ can open or
    close a fence, so only those are looked at (every page is normalised through this, and most of
    a page's lines are prose)."""
    if "```" not in text and "~~~" not in text:
        return [(False, text)] if text else []
    lines = text.splitlines(keepends=True)
    pieces: list[tuple[bool, str]] = []

    def add(is_code: bool, start: int, end: int) -> None:
        if start >= end:
            return
        chunk = "".join(lines[start:end])
        if pieces and pieces[-1][0] == is_code:  # a fence right after another: one code chunk
            chunk = pieces.pop()[1] + chunk
        pieces.append((is_code, chunk))

    start = 0  # the first line not yet in a piece
    fence: str | None = None
    for number, line in enumerate(lines):
        if "```" not in line and "~~~" not in line:
            continue
        if fence is None:
            fence = fence_opening(line)
            if fence is not None:
                add(False, start, number)
                start = number
        elif closes(line, fence):
            add(True, start, number + 1)
            start, fence = number + 1, None
    add(fence is not None, start, len(lines))
    return pieces
