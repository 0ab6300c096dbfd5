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

from handbook.content.fences import split_code_blocks
from handbook.content.html_text import html_to_markdown
from handbook.content.mojibake import decode, repair_mojibake
from handbook.content.shortcodes import emojize_shortcodes, reduce_shortcodes
from handbook.safe_text import safe_value, strip_controls


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
    import yaml  # here, not at the top: a page without front matter never pays for it

    from handbook.safe_yaml import YamlRefused, load_yaml

    try:
        data = load_yaml(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return FrontMatter({}, lines, [f"front matter is not valid YAML{where}; ignored"]), body
    except YamlRefused as exc:
        return FrontMatter({}, lines, [f"front matter refused ({exc}); ignored"]), body
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

# A run of backticks not after another (the lookbehind comes after the first backtick, so the pattern
# starts with a literal and is searched for that character alone, not tried at every position).
_CODE_SPAN = re.compile(r"(`(?<!``)`*)(?!`)(?:(?!\n\s*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
_MASK = re.compile("\ue000(\\d+)\ue001")


def outside_code(text: str, transform: Callable[[str], str]) -> str:
    """Apply ``transform`` to the prose of ``text`` only: fenced blocks and `code spans` stay as they are."""
    return "".join(
        chunk if is_code else with_spans_masked(chunk, transform)
        for is_code, chunk in split_code_blocks(text)
    )


def with_spans_masked(chunk: str, transform: Callable[[str], str]) -> str:
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
# HTML comments

_COMMENT_LINE = re.compile(r"^[ \t]*<!--.*?-->[ \t]*\n", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def strip_comments(text: str) -> str:
    """HTML comments out; a line that held only a comment goes entirely (no blank-line pile-up)."""
    if "<!--" not in text:
        return text
    return _COMMENT.sub("", _COMMENT_LINE.sub("", text))


# --------------------------------------------------------------------------------------------------
# entities, control characters, tidy-up

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)).replace("\xa0", " "), text)


_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def squeeze_blank_lines(text: str) -> str:
    return _BLANKS.sub("\n\n", text)


def _prose_steps(text: str) -> str:
    text = strip_comments(text)
    text = reduce_shortcodes(text)
    text = html_to_markdown(text)
    return defuse_link_openers(emojize_shortcodes(decode_entities(text)))


# --------------------------------------------------------------------------------------------------
# link openers no parser should try

MAX_UNCLOSED_LINKS = 32  # markdown-it's own cap on nested parentheses in a link destination


def defuse_link_openers(text: str) -> str:
    """A line with more than 32 unclosed ``](`` is shown as written: its ``](`` become ``]\\(``.

    markdown-it tries every ``](`` as a link destination and scans up to 32 nested ``(`` ahead
    before giving up (its fix for quadratic time, markdown-it#732/#734): linear, but ~30 µs a byte on
    ``![a](`` repeated, against ~0.3 for prose, and every reader of a page parses it again (reader,
    search, glossary, onboarding). No real line leaves that many links open; one that does is not
    links. Lines of real links (``[a](x)`` closed) are left alone, however many.
    """
    if text.count("](") <= MAX_UNCLOSED_LINKS:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        openers = line.count("](")
        if openers > MAX_UNCLOSED_LINKS and openers - line.count(")") > MAX_UNCLOSED_LINKS:
            lines[i] = line.replace("](", "]\\(")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# heading attributes: `## Title {#id .class key=value}` (kramdown, Pandoc, Hugo, MkDocs attr_list)

_ATTR_TOKEN = r"(?:#[^\s{}]+|\.[^\s{}]+|[A-Za-z_][\w.:-]*=(?:\"[^\"]*\"|'[^']*'|[^\s{}\"']*)|-)"
# From the start of a run of blanks only: a long run before a non-`}` was rescanned from each blank.
_HEADING_ATTRS = re.compile(
    rf"(?<![ \t])[ \t]*+\{{:?[ \t]*({_ATTR_TOKEN}(?:[ \t]+{_ATTR_TOKEN})*)[ \t]*\}}[ \t]*\Z"
)
_ATTR_ID = re.compile(r"(?:^|[ \t])#+([^\s{}]+)")


def split_heading_attributes(text: str) -> tuple[str, str, str]:
    """``Title {#id .class}`` → (``Title``, ``id``, `` {#id .class}``); no attribute block → (text, "", "").

    Static-site generators take such a block as the heading's anchor and never show it. Only a block
    of ``#id``, ``.class``, ``key=value`` (or Pandoc's ``-``) counts, so ``source{d}`` and
    ``{Name and Surname}`` stay titles. The id is what links use; a stray extra ``#`` is dropped.
    """
    if not text.endswith("}"):
        return text, "", ""
    m = _HEADING_ATTRS.search(text)
    if m is None or not text[: m.start()].strip():
        return text, "", ""
    found = _ATTR_ID.search(m.group(1))
    return text[: m.start()], found.group(1) if found else "", m.group(0)


# --------------------------------------------------------------------------------------------------
# the pipeline


@dataclass
class Normalised:
    text: str  # the Markdown body, front matter removed
    front_matter: dict[str, Any]
    front_matter_lines: int
    warnings: list[str]


def normalise(data: bytes | str) -> Normalised:
    """decode → mojibake → newlines → front matter → MDX → comments, shortcodes, HTML, entities → controls."""
    warnings: list[str] = []
    if isinstance(data, bytes):
        text, warnings = decode(data)
    else:
        text = data
    text = normalise_newlines(repair_mojibake(text))
    fm, body = split_front_matter(text)
    warnings += fm.warnings
    from handbook.content import mdx  # here: it imports this module's code masking

    if mdx.looks_like_mdx(body):
        body, exported = mdx.mdx_to_markdown(body)
        for key, value in exported.items():
            fm.data.setdefault(key, value)
    body = outside_code(body, _prose_steps)
    body = squeeze_blank_lines(strip_controls(body))
    return Normalised(body.strip("\n") + "\n", _clean_front_matter(fm.data), fm.lines, warnings)


def _clean_front_matter(data: dict[str, Any]) -> dict[str, Any]:
    """Front matter values fixed for mojibake and control characters (titles reach the screen too)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str):
            value = strip_controls(repair_mojibake(value))
        out[key] = safe_value(value)  # tags, aliases and redirects are shown too
    return out
