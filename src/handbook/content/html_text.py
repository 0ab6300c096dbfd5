"""Raw HTML made readable as Markdown: tables, images and badges, details, br, kbd, layout divs."""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------------
# HTML made readable

_HTML_ELEMENTS = [
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
]
HTML_ELEMENTS = frozenset(_HTML_ELEMENTS)  # JSX tells components from these by their capital letter
_TAG_NAMES = "|".join(sorted(_HTML_ELEMENTS, key=len, reverse=True))
_ANY_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?=[\s/>])[^<>]*>", re.IGNORECASE)
_HAS_TAG = re.compile(rf"</?(?:{_TAG_NAMES})[\s/>]", re.IGNORECASE)
# A name starts at a word's start only (else a 100 KB word without `=` is rescanned from every letter).
_ATTR = re.compile(r"(?<![\w:-])([\w:-]++)\s*+=\s*+(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_DROP_ELEMENT = re.compile(
    r"<(script|style|svg|template|head|noscript)\b[^<>]*>(?:[^<]|<(?!/?\1\b))*?</\1\s*>", re.IGNORECASE
)
_TABLE = re.compile(r"<table\b[^<>]*>((?:[^<]|<(?!/?table\b))*?)</table\s*>", re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?:</tr\s*>|(?=<tr\b)|\Z)", re.DOTALL | re.IGNORECASE)
_CELL = re.compile(r"<(t[dh])\b[^>]*>(.*?)(?:</t[dh]\s*>|(?=<t[dh]\b)|\Z)", re.DOTALL | re.IGNORECASE)
_BLOCKISH = re.compile(r"\n\s*\n|^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|```|\|)", re.MULTILINE)
_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?(https?://img\.shields\.io/[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_ANCHOR = re.compile(r"<a\b([^<>]*)>((?:[^<]|<(?!/?a\b))*?)</a\s*>", re.IGNORECASE)
_HEADING = re.compile(r"<h([1-6])\b[^<>]*>((?:[^<]|<(?!/?h\1\b))*?)</h\1\s*>", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary\b[^<>]*>((?:[^<]|<(?!/?summary\b))*?)</summary\s*>", re.IGNORECASE)
_PRE = re.compile(r"<pre\b[^<>]*>((?:[^<]|<(?!/?pre\b))*?)</pre\s*>", re.IGNORECASE)
_INLINE_WRAP = {
    "b": "**",
    "strong": "**",
    "i": "*",
    "em": "*",
    "kbd": "`",
    "code": "`",
    "tt": "`",
    "del": "~~",
    "s": "~~",
    "strike": "~~",
}
_INLINE = re.compile(
    r"<(b|strong|i|em|kbd|code|tt|del|s|strike)\b[^<>]*>((?:[^<]|<(?!/?\1\b))*?)</\1\s*>", re.IGNORECASE
)
_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HR = re.compile(r"<hr\b[^>]*>", re.IGNORECASE)
_PARA = re.compile(
    r"</?(?:p|div|section|article|header|footer|main|nav|aside|figure|center|blockquote)\b[^>]*>",
    re.IGNORECASE,
)


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag)}


def badge_words(url: str) -> str:
    """The words on a shields.io badge: ``/badge/Step_1-Account_Setup-1a472a`` → ``Step 1: Account Setup``."""
    from urllib.parse import unquote

    m = re.search(r"/badge/([^?#]+)", url)
    if not m:
        return ""
    spec = m.group(1)
    spec = re.sub(r"\.(svg|png)$", "", spec)
    # '--' is a literal dash and '__' a literal underscore; single ones separate parts / mean a space.
    spec = spec.replace("--", "\ue010").replace("__", "\ue011")
    parts = [
        unquote(p).replace("_", " ").replace("\ue010", "-").replace("\ue011", "_").strip()
        for p in spec.split("-")
    ]
    if len(parts) >= 2:
        parts = parts[:-1]  # the last part is the colour
    words = [p for p in parts if p]
    return ": ".join(words)


def _img_text(tag: str) -> str:
    attrs = _attrs(tag)
    src = attrs.get("src", "")
    if "img.shields.io/" in src:
        return badge_words(src) or attrs.get("alt", "")
    alt = attrs.get("alt", "").strip()
    return f"![{alt}]({src})" if src and alt else ""


def _cell_inline(text: str) -> str:
    text = _BR.sub(" ", text)
    text = _ANY_TAG.sub("", _inline_html(text))
    return re.sub(r"\s+", " ", text).strip().replace("|", "\\|")


def _table(m: re.Match[str]) -> str:
    rows = [[c.group(2) for c in _CELL.finditer(r.group(1))] for r in _ROW.finditer(m.group(1))]
    rows = [r for r in rows if r]
    if not rows:
        return "\n"
    if any(_BLOCKISH.search(cell.strip("\n")) for row in rows for cell in row) or max(map(len, rows)) == 1:
        # A layout table (cells hold paragraphs, headings, lists): its cells read one after another.
        return "\n\n" + "\n\n".join(cell.strip("\n") for row in rows for cell in row) + "\n\n"
    width = max(map(len, rows))
    cells = [[_cell_inline(c) for c in row] + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n\n" + "\n".join(lines) + "\n\n"


def _inline_html(text: str) -> str:
    def anchor(m: re.Match[str]) -> str:
        href = _attrs(m.group(1)).get("href", "")
        label = re.sub(r"\s+", " ", m.group(2)).strip()
        if not href:
            return label
        return f"[{label or href}]({href})"

    def inline(m: re.Match[str]) -> str:
        inner = m.group(2)
        if not inner.strip():
            return inner
        mark = _INLINE_WRAP[m.group(1).lower()]
        return f"{mark}{inner.strip()}{mark}"

    text = _IMG.sub(lambda m: _img_text(m.group(0)), text)
    text = _INLINE.sub(inline, text)
    return _ANCHOR.sub(anchor, text)


_BADGE_LINE = re.compile(
    r"^[ \t]*(?=(?:<img\b[^<>\n]*img\.shields\.io[^<>\n]*>|\[!\[[^\]]*\]\(\s*<?https?://img\.shields\.io[^)]*\)\]"
    r"\([^)]*\)|!\[[^\]]*\]\(\s*<?https?://img\.shields\.io[^)]*\))[ \t]*$)",
    re.MULTILINE,
)


def html_to_markdown(text: str) -> str:
    """Raw HTML made readable: tables, images, badges, details, br, kbd; layout divs dropped."""
    if "<" not in text and "shields.io" not in text:
        return text
    if "shields.io" in text:
        # A row of badges reads as a list of their words, not one run-on paragraph.
        text = _BADGE_LINE.sub("- ", text)
    text = _MD_IMAGE.sub(lambda m: badge_words(m.group(2)) or m.group(1), text)
    if not _HAS_TAG.search(text):
        return text
    text = _DROP_ELEMENT.sub("", text)
    text = _PRE.sub(lambda m: "\n```\n" + _ANY_TAG.sub("", m.group(1)).strip("\n") + "\n```\n", text)
    while True:
        text, n = _TABLE.subn(_table, text)
        if not n:
            break
    text = _HEADING.sub(lambda m: f"\n\n{'#' * int(m.group(1))} {_cell_inline(m.group(2))}\n\n", text)
    text = _SUMMARY.sub(lambda m: f"\n\n**{_cell_inline(m.group(1))}**\n\n", text)
    text = _inline_html(text)
    text = _LIST_ITEM.sub("\n- ", text)
    text = _BR.sub("\n", text)
    text = _HR.sub("\n\n---\n\n", text)
    text = _PARA.sub("\n\n", text)
    return _ANY_TAG.sub("", text)
