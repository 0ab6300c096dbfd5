"""What one block of the reader renders at most: a line's first characters, a table's first columns.

A section is rendered whole, on the UI thread, when it comes on screen. One 5 MB line took 45 s to
wrap and a 10,000-column table 16 s: the reader froze. Nobody reads 4.9 MB of one line or column 9,000
of a table in a terminal, so the reader shows the start and says, in the text, how much is left
(``… 4.9 MB more on this line not shown``, ``… 9,970 more columns not shown``). Only the rendering is cut:
search, ``handbook show`` and the glossary still read the whole page.
"""

from __future__ import annotations

import re

from handbook.content.fences import split_code_blocks

MAX_LINE_CHARS = 10_000  # ~100 wrapped lines at 100 columns: more than two screens of one line
MAX_COLUMNS = 30  # already 4 cells a column at 120 columns

_DELIMITER_ROW = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def size_text(chars: str) -> str:
    """The size of some text as people say it: ``870 bytes``, ``12 KB``, ``4.9 MB``."""
    size = len(chars.encode("utf-8", "surrogatepass"))
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def cap_line(line: str) -> str:
    """The first ``MAX_LINE_CHARS`` characters of a line, and how much more there is."""
    if len(line) <= MAX_LINE_CHARS:
        return line
    return f"{line[:MAX_LINE_CHARS]} … {size_text(line[MAX_LINE_CHARS:])} more on this line not shown"


def _cap_row(line: str, kind: str) -> str:
    """One table row cut to ``MAX_COLUMNS`` cells; a header row gets a line above it saying how many
    columns were left out (a last column saying so would be squeezed to two cells wide)."""
    cells = _CELL_SPLIT.split(line.strip().strip("|"))
    if len(cells) <= MAX_COLUMNS:
        return line
    row = "|" + "|".join(cells[:MAX_COLUMNS]) + "|"
    if kind != "header":
        return row
    return f"*… {len(cells) - MAX_COLUMNS:,} more columns not shown*\n\n{row}"


def _cap_table_rows(prose: str) -> str:
    """Rows of tables cut; other lines with many ``|`` are not table rows and stay whole."""
    lines = prose.split("\n")
    in_table = False
    for i, line in enumerate(lines):
        if not line.strip():
            in_table = False
        elif _DELIMITER_ROW.match(line):
            in_table = True
            if line.count("|") > MAX_COLUMNS:
                lines[i] = _cap_row(line, "delimiter")
        elif line.count("|") > MAX_COLUMNS:
            if i + 1 < len(lines) and _DELIMITER_ROW.match(lines[i + 1]):
                lines[i] = _cap_row(line, "header")
            elif in_table:
                lines[i] = _cap_row(line, "body")
    return "\n".join(lines)


def cap_block(markdown: str) -> str:
    """A section's Markdown as the reader renders it: long lines and wide tables cut, with a marker.

    Tables are cut outside code only (a diagram's ``|`` are not columns); long lines everywhere.
    """
    if len(markdown) <= MAX_LINE_CHARS and markdown.count("|") <= MAX_COLUMNS:
        return markdown
    if markdown.count("|") > MAX_COLUMNS:
        markdown = "".join(
            chunk if is_code else _cap_table_rows(chunk) for is_code, chunk in split_code_blocks(markdown)
        )
    if len(markdown) <= MAX_LINE_CHARS:
        return markdown
    return "\n".join(cap_line(line) for line in markdown.split("\n"))
