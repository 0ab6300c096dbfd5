"""MDX's ESM: the ``import``/``export`` statements at the top level of an MDX page, out of its text.

MDX reads a line that starts a block with ``import``/``export`` as JavaScript up to where the statement
ends (a blank line, or its balanced end); a paragraph that happens to start with "import" is prose.
``export const metadata = {…}`` (Next.js App Router, Nextra) holds the page's title: it is kept.
"""

from __future__ import annotations

import re
from typing import Any

from handbook.content.js_literal import object_at

_ESM_START = re.compile(r"(?:import|export)(?=[\s{*'\"])")
_IMPORT = re.compile(r"import\s*['\"]|import\s*[\w$*{]")
_FROM = re.compile(r"\bfrom\s*['\"]")
_EXPORT = re.compile(
    r"export\s+(?:default|const|let|var|function|async|class|type|interface|enum)\b|export\s*[{*]"
)
_META_EXPORT = re.compile(r"export\s+const\s+(?:meta|metadata|frontMatter|frontmatter)\b[^=\n]*=\s*\{")
_CONTINUED = ("=", ",", "(", "[", "{", "=>", "+", "&&", "||", "?", ":", ".")
_PAIRS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def strip_esm(text: str, exported: dict[str, Any]) -> str:
    """Top-level ``import``/``export`` statements that start a block, out."""
    if "import" not in text and "export" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    at_block_start = True
    i = 0
    while i < len(lines):
        line = lines[i]
        if at_block_start and _ESM_START.match(line):
            end = _statement_end(lines, i)
            if end is not None:
                statement = "\n".join(lines[i : end + 1])
                _read_metadata(statement, exported)
                i = end + 1
                continue
        out.append(line)
        at_block_start = not line.strip()
        i += 1
    return "\n".join(out)


def _statement_end(lines: list[str], start: int) -> int | None:
    """The last line of the ESM statement starting at ``lines[start]``, or None when it is not one."""
    first = lines[start]
    is_import = first.startswith("import")
    if not (_IMPORT.match(first) if is_import else _EXPORT.match(first)):
        return None
    complete = not is_import or first.lstrip()[6:].lstrip()[:1] in ("'", '"')
    depth, template = 0, False
    for j in range(start, len(lines)):
        line = lines[j]
        if j > start and not line.strip() and depth <= 0 and not template:
            return j - 1 if complete else None
        depth, template = _scan(line, depth, template)
        complete = complete or bool(_FROM.search(line))
        if depth <= 0 and not template and complete and not line.rstrip().endswith(_CONTINUED):
            return j
    # never balanced: MDX reads ESM up to a blank line, so that is where it ends
    for j in range(start + 1, len(lines)):
        if not lines[j].strip():
            return j - 1 if complete else None
    return len(lines) - 1 if complete else None


def _scan(line: str, depth: int, template: bool) -> tuple[int, bool]:
    """Bracket depth after ``line`` (strings and ``//`` comments skipped); whether a template is open."""
    quote = "`" if template else ""
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch == "/" and line.startswith("//", i):
            break
        else:
            depth += _PAIRS.get(ch, 0)
        i += 1
    return depth, quote == "`"


def _read_metadata(statement: str, exported: dict[str, Any]) -> None:
    """``export const metadata = { title: 'Setup' }`` (Next.js App Router, Nextra): the page's title."""
    m = _META_EXPORT.match(statement)
    if m is None:
        return
    for key, value in object_at(statement, m.end() - 1).items():
        if isinstance(value, (str, int, float, list)) and not isinstance(value, bool):
            exported.setdefault(key, value)
