"""A page as plain readable Markdown: what ``handbook show`` prints when piped."""

from __future__ import annotations

import re

from handbook.content.model import Page


def page_markdown(page: Page, anchor: str = "") -> str | None:
    """The whole page (titled), or one section with its subsections; ``None`` for an unknown anchor.

    Built from the sections, whose Markdown is what the reader shows (heading attribute blocks out).
    """
    if anchor:
        return page.section_markdown(anchor)
    text = "".join(s.markdown for s in page.sections)
    first = next((s for s in page.sections if s.level or s.markdown.strip()), None)
    if first is None or first.level != 1:
        text = f"# {page.title}\n\n{text}"
    return text


_FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,}).*$", re.MULTILINE)
_HEADING_MARK = re.compile(
    r"^ {0,3}#{1,6}[ \t]+|(?<![ \t])[ \t]++#++[ \t]*+$|^ {0,3}(?:=++|-++)[ \t]*+$", re.MULTILINE
)
# Every scan below stops at the character its pattern starts with (`[`, `<`, the emphasis mark),
# so the scans from successive starts never overlap: linear on `[a](` or `_a ` repeated 100,000
# times (scanning to the end of the line from each start was quadratic: 20 KB took 1.7 s).
# The price: a link text with brackets inside (`[a [b] c](x)`) keeps its target here.
_IMAGE = re.compile(r"!\[([^\[\]\n]*+)\]\([^)\[\n]*+\)")
_LINK = re.compile(r"\[([^\[\]\n]*+)\]\((?:[^()\[\n]|\([^()\[\n]*+\))*+\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]++)\]\[[^\[\]\n]*+\]")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]++)>")
# Underscores are emphasis only at word edges (CommonMark): `ops_heartbeat (noted_at` keeps its words.
_EMPHASIS = re.compile(
    r"(\*{1,3})(?=[^\s*])([^*\n]+?)(?<=\S)\1|~~(?=[^\s~])([^~\n]+?)(?<=\S)~~"
    r"|(?<!\w)(_{1,3})(?=[^\s_])((?:[^_\n]|(?<=\w)_+(?=\w))+?)(?<=\S)\4(?!\w)"
)
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", re.MULTILINE)
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_TABLE_RULE = re.compile(
    r"^[ \t]*+\|?[ \t]*+:?-{2,}+:?[ \t]*+(?:\|[ \t]*+:?-{2,}+:?[ \t]*+)*+\|?[ \t]*+$", re.MULTILINE
)
_HR = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """Markdown reduced to its words with a few regexes: what quoted phrases are checked against.

    Much cheaper than a full inline parse (a phrase query checks up to a few hundred sections), and
    exact enough for matching words: link targets, emphasis marks, list and quote markers and table
    rules go; code stays (people search for commands). Snippets, which people read, use
    :func:`readable_text`.
    """
    text = _FENCE_LINE.sub("", markdown)
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TABLE_RULE.sub("", text)
    text = _HR.sub("", text)
    text = _HEADING_MARK.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(5), text)
    text = text.replace("`", "").replace("|", " ")
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()


_BOX_DRAWING = re.compile(r"[\u2500-\u259f]+")  # box drawing and block elements: │ ├── ─── ┌┐ ▀▄
# ASCII drawings as whole words: +-----+  ---->  ====  and the | sides of boxes
_ASCII_ART = re.compile(r"(?<!\S)(?:[-=+|*_~<>^]{3,}|\|{1,2})(?!\S)")


def readable_text(markdown: str) -> str:
    """A section as the words a reader sees, on one line: what search snippets are cut from.

    The real Markdown parse (the reader's): link text without brackets or URLs, emphasis marks gone,
    underscores inside identifiers kept (``ops_heartbeat``), code kept (people search for commands).
    The heading is left out (a hit shows it), and so are the lines and boxes of diagrams drawn in code
    blocks: they are not words, and they filled the snippets of diagram sections.
    """
    from handbook.content.parse import analyse  # markdown-it: plain_text (search clauses) needs none

    text = analyse(markdown, 0, "", {}).text
    if not text.isascii():
        text = _BOX_DRAWING.sub(" ", text)
    return " ".join(_ASCII_ART.sub(" ", text).split())
