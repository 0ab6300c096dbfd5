"""Turn the bytes of a real-world handbook page into clean Markdown.

Each step is a small pure function so it can be tested alone; :func:`normalise` runs them in order.
Steps that rewrite markup (comments, shortcodes, HTML, entities) never touch code: fenced blocks and
inline code spans are masked first, so a page that *documents* HTML or Liquid still shows it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ftfy
import yaml

# --------------------------------------------------------------------------------------------------
# decoding and mojibake


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); else cp1252, which never fails, with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, [f"not valid UTF-8 (byte {exc.start}); read as Windows-1252"]


# Characters that cp1252/cp1254 (and sloppy decoders, as C1 controls) produce for bytes 0x80-0xBF:
# the continuation bytes of UTF-8. A lead byte char followed by one of these is the mojibake signature.
_CONT_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = "\u0080-\u00bf" + _CONT_EXTRA
_LEAD = "\u00c2-\u00f4\u011e\u011f\u015e\u015f\u0130\u0131"
_MOJIBAKE_HINT = re.compile(f"[{_LEAD}][{_CONT}]|‚Ä|Ô∏|√[©¢≠]|\uf8ff")
# Mac Roman reads a 4-byte UTF-8 lead (F0) as the Apple logo (U+F8FF): that is proof enough to re-decode
# the three characters after it even when they look like German ("üöÄ" is 🚀), which ftfy will not.
_MAC_ROMAN_EMOJI = re.compile("\uf8ff([^\\s\uf8ff]{3})((?:Ô∏è)?)")


def _fix_mac_roman(match: re.Match[str]) -> str:
    try:
        return (b"\xf0" + (match.group(1) + match.group(2)).encode("mac_roman")).decode("utf-8")
    except UnicodeError:
        return match.group(0)


# A UTF-8 sequence read as cp1252/cp1254 ('ð', 'ğ', 'â', 'Ã' ... then continuation characters), maybe
# with a byte lost (decoders drop bytes they have no character for), maybe followed by a broken
# variation selector ('ï¸'). Bytes lost from an emoji cannot be guessed back, so such an emoji goes.
_SEQUENCE_MOJIBAKE = re.compile(
    f"(?:[ðğñòóô][{_CONT}]{{2,3}}|[à-ï][{_CONT}]{{2}}|[\u00c2-\u00dfĞİŞ][{_CONT}])(?:ï¸[\u0080-\u009f]?)?"
    f"|ï¸[\u0080-\u009f]?"
)


def _as_bytes(chars: str) -> bytes | None:
    out = bytearray()
    for ch in chars:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
            continue
        for enc in ("cp1252", "cp1254"):
            try:
                out += ch.encode(enc)
                break
            except UnicodeEncodeError:
                continue
        else:
            return None
    return bytes(out)


def _fix_sequence(match: re.Match[str]) -> str:
    chars = match.group(0)
    raw = _as_bytes(chars)
    if raw:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    head = _as_bytes(chars.split("ï¸")[0]) or b""
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if head[:2] == b"\xf0\x9f" or chars.startswith("ï¸"):
        return "\ue020"  # a lost emoji: removed below together with the space after it
    return chars


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded with the wrong code page (cp1252, cp1254, Mac Roman).

    A cheap regex decides whether to call ftfy at all: ftfy costs ~0.1 s per 500 KB even on clean text.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    if "\uf8ff" in text:
        text = _MAC_ROMAN_EMOJI.sub(_fix_mac_roman, text)
    text = _SEQUENCE_MOJIBAKE.sub(_fix_sequence, text)
    if "\ue020" in text:
        text = re.sub("\ue020+ ?", "", text)
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------------------------------
# front matter

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n")


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    lines: int = 0  # how many lines it took, so positions can be mapped back to the file
    warnings: list[str] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """YAML (``---``) front matter out of the body. Bad YAML is a warning: the page still opens."""
    if not _FRONT_MATTER.match(text):
        return FrontMatter(), text
    fence = text[:3]
    end = re.search(rf"^(?:{re.escape(fence)}|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        return FrontMatter(), text
    raw = text[4 : 4 + end.start()]
    body = text[4 + end.end() :]
    if body.startswith("\n"):
        body = body[1:]
    lines = raw.count("\n") + 2
    if fence == "+++":
        return FrontMatter(_parse_toml(raw), lines), body
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return FrontMatter({}, lines, [f"front matter is not valid YAML{where}; ignored"]), body
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter({}, lines, ["front matter is not a mapping; ignored"]), body
    return FrontMatter({str(k): v for k, v in data.items()}, lines), body


def _parse_toml(raw: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError:
        return {}


# --------------------------------------------------------------------------------------------------
# code masking: transformations below must not touch code

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n\s*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
_MASK = re.compile("\ue000(\\d+)\ue001")


def split_code_blocks(text: str) -> list[tuple[bool, str]]:
    """Split into (is_code, chunk) pieces along fenced code blocks (CommonMark fence rules)."""
    pieces: list[tuple[bool, str]] = []
    lines = text.splitlines(keepends=True)
    buf: list[str] = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            m = _FENCE_OPEN.match(line)
            if m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
                if buf:
                    pieces.append((False, "".join(buf)))
                buf = [line]
                fence = m.group(1)
            else:
                buf.append(line)
        else:
            buf.append(line)
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence) and line[:4].strip():
                pieces.append((True, "".join(buf)))
                buf = []
                fence = None
    if buf:
        pieces.append((fence is not None, "".join(buf)))
    return pieces


def outside_code(text: str, transform: Callable[[str], str]) -> str:
    """Apply ``transform`` to the prose of ``text`` only: fenced blocks and `code spans` stay as they are."""
    return "".join(
        chunk if is_code else _with_spans_masked(chunk, transform)
        for is_code, chunk in split_code_blocks(text)
    )


def _with_spans_masked(chunk: str, transform: Callable[[str], str]) -> str:
    """Swap `code spans` for placeholders while ``transform`` runs, then put them back."""
    if "`" not in chunk:
        return transform(chunk)
    spans: list[str] = []

    def keep(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return f"\ue000{len(spans) - 1}\ue001"

    done = transform(_CODE_SPAN.sub(keep, chunk))
    return _MASK.sub(lambda m: spans[int(m.group(1))], done) if spans else done


# --------------------------------------------------------------------------------------------------
# HTML comments and static-site shortcodes

_COMMENT_LINE = re.compile(r"^[ \t]*<!--.*?-->[ \t]*\n", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def strip_comments(text: str) -> str:
    """HTML comments out; a line that held only a comment goes entirely (no blank-line pile-up)."""
    if "<!--" not in text:
        return text
    return _COMMENT.sub("", _COMMENT_LINE.sub("", text))


_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_KV = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))")


def _args(inner: str) -> tuple[str, list[str], dict[str, str]]:
    """Split ``name "a" 'b' key="v"`` into its name, quoted positional args and key=value args."""
    inner = inner.strip().strip("-").strip()
    name, _, rest = inner.partition(" ")
    kwargs = {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _KV.finditer(rest)}
    positional_src = _KV.sub("", rest)
    positional = [
        m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED.finditer(positional_src)
    ]
    if not positional:
        positional = [tok for tok in positional_src.split() if tok]
    return name.lower(), positional, kwargs


_ADMONITIONS = {
    "alert",
    "hint",
    "notice",
    "note",
    "tip",
    "warning",
    "caution",
    "danger",
    "info",
    "callout",
    "important",
    "admonition",
    "aside",
}
_LINKISH = {"page", "link", "ref", "relref", "download", "post_url", "asset", "url", "static"}
_DROP_BLOCKS = re.compile(
    r"\{%-?\s*comment\s*-?%\}(?:[^{]|\{(?!%-?\s*(?:end)?comment\b))*?\{%-?\s*endcomment\s*-?%\}"
    r"|\{\{<\s*/?\*[^{}]*?\*/?\s*>\}\}"
)
# Tag and element bodies are bounded (no braces in a tag, no nested same element), so a page full of
# unclosed tags costs linear time rather than a scan to the end of the page for every opening.
_LIQUID_TAG = re.compile(r"\{%-?([^{}]*?)-?%\}")
_HUGO_TAG = re.compile(r"\{\{([<%])([^{}]*?)[>%]\}\}")
_LIQUID_VAR = re.compile(r"\{\{-?\s*[\w.\[\]'\" |:-]*?-?\}\}")


def _shortcode(name: str, args: list[str], kwargs: dict[str, str], closing: bool) -> str:
    if closing or name.startswith("end"):
        return ""
    if name in _LINKISH:
        target = args[0] if args else kwargs.get("url", kwargs.get("path", ""))
        if name == "page" and target and not target.startswith(("/", "#")) and "://" not in target:
            target = "/" + target  # Eleventy's page shortcode takes site paths, with or without the slash
        return target
    if name in {"slack_channel", "slack"}:
        label = args[1] if len(args) > 1 else f"#{args[0]}" if args else ""
        return label
    if name in {"image", "image_with_class", "figure", "img"}:
        src = kwargs.get("src", args[0] if args else "")
        alt = (
            kwargs.get("alt")
            or kwargs.get("caption")
            or kwargs.get("title")
            or (args[-1] if len(args) > 1 else "")
        )
        return f"![{alt}]({src})" if src else alt
    if name in {"youtube", "vimeo", "video"}:
        return f"[video: {kwargs.get('id', args[0] if args else '')}]"
    if name in {"embed", "content-ref"}:
        url = kwargs.get("url", args[0] if args else "")
        return f"<{url}>" if url.startswith(("http://", "https://")) else url
    if name in {"mermaid"}:
        return "\n```mermaid\n"
    if name in _ADMONITIONS:
        title = kwargs.get("title") or (args[0] if args else "") or kwargs.get("style", "") or name
        return f"**{title.strip().capitalize() if title == name else title.strip()}:** "
    if name in {"tab", "details", "expand", "collapse", "summary"}:
        title = kwargs.get("title") or (args[0] if args else "")
        return f"**{title}**\n" if title else ""
    return ""


def reduce_shortcodes(text: str) -> str:
    """Hugo ``{{< >}}``/``{{% %}}`` and Liquid/Eleventy/GitBook ``{% %}`` tags to their text or link."""
    if "{%" not in text and "{{" not in text:
        return text
    text = _DROP_BLOCKS.sub("", text)

    def liquid(m: re.Match[str]) -> str:
        name, args, kwargs = _args(m.group(1))
        return _shortcode(name, args, kwargs, closing=False)

    def hugo(m: re.Match[str]) -> str:
        inner = m.group(2).strip()
        closing = inner.startswith("/")
        name, args, kwargs = _args(inner.lstrip("/"))
        if closing and name == "mermaid":
            return "\n```\n"
        return _shortcode(name, args, kwargs, closing)

    text = _LIQUID_TAG.sub(liquid, text)
    text = _HUGO_TAG.sub(hugo, text)
    return _LIQUID_VAR.sub("", text)


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
_TAG_NAMES = "|".join(sorted(_HTML_ELEMENTS, key=len, reverse=True))
_ANY_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?=[\s/>])[^<>]*>", re.IGNORECASE)
_HAS_TAG = re.compile(rf"</?(?:{_TAG_NAMES})[\s/>]", re.IGNORECASE)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
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


# --------------------------------------------------------------------------------------------------
# entities, control characters, tidy-up

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)).replace("\xa0", " "), text)


_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (titles, hyperlinks)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """Nothing from a page may reach the terminal as an escape sequence or a bidi override."""
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def squeeze_blank_lines(text: str) -> str:
    return _BLANKS.sub("\n\n", text)


def _prose_steps(text: str) -> str:
    text = strip_comments(text)
    text = reduce_shortcodes(text)
    text = html_to_markdown(text)
    return decode_entities(text)


# --------------------------------------------------------------------------------------------------
# the pipeline


@dataclass
class Normalised:
    text: str  # the Markdown body, front matter removed
    front_matter: dict[str, Any]
    front_matter_lines: int
    warnings: list[str]


def normalise(data: bytes | str) -> Normalised:
    """decode → mojibake → newlines → front matter → comments, shortcodes, HTML, entities → controls."""
    warnings: list[str] = []
    if isinstance(data, bytes):
        text, warnings = decode(data)
    else:
        text = data
    text = normalise_newlines(repair_mojibake(text))
    fm, body = split_front_matter(text)
    warnings += fm.warnings
    body = outside_code(body, _prose_steps)
    body = squeeze_blank_lines(strip_controls(body))
    return Normalised(body.strip("\n") + "\n", _clean_front_matter(fm.data), fm.lines, warnings)


def _clean_front_matter(data: dict[str, Any]) -> dict[str, Any]:
    """Front matter values fixed for mojibake and control characters (titles reach the screen too)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str):
            value = strip_controls(repair_mojibake(value))
        out[key] = value
    return out
