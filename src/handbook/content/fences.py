"""Fenced code blocks, found one way everywhere (CommonMark's rules, line by line).

Rewriting prose, finding a page's first heading and reading a nav list all skip code; each had its own
idea of where a fence opens and closes (a ``~~~`` fence, a longer closing fence, an indented one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import groupby

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
    """``text`` as (is_code, chunk) pieces along its fenced code blocks; the chunks join back to it."""
    lines = code_lines(text.splitlines(keepends=True))
    return [
        (is_code, "".join(line for _, line in group)) for is_code, group in groupby(lines, key=lambda p: p[0])
    ]
