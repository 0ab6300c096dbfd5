"""A page's catalog entry from the head of its file: front matter, first heading, the site's links.

Only building (or refreshing) a catalog reads heads, so this module and the normaliser it needs are
imported then: a warm open reads the catalog's cache and no page.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path
from typing import Any

from handbook.content.catalog import title_from_name
from handbook.content.model import PageInfo
from handbook.content.normalise import normalise, split_heading_attributes

HEAD_BYTES = 16 * 1024
META_KEYS = (
    "title",
    "weight",
    "order",
    "tags",
    "keywords",
    "glossary",
    "onboarding",
    "permalink",
    "redirect_from",
    "aliases",
    "description",
    "draft",
    "nav_order",
    "linkTitle",
    "sidebar_label",
    "sidebar_position",
    "sidebarTitle",  # Nextra 4: the nav's title for the page
    "id",
    "url",
    "slug",
    "redirect_to",
    "parent",  # just-the-docs: the title of the page this one nests under
    "grand_parent",
)
MAX_SITE_LINKS = 30

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}=+[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Scans stop at the next `[` (where the next try starts): linear on `[a](` repeated, not quadratic.
_MD_IMAGE = re.compile(r"!\[[^\[\]]*+\]\([^)\[]*+\)")
_MD_LINK = re.compile(r"\[([^\[\]]*+)\]\([^)\[]*+\)")
_WEB_LINK = re.compile(r"https?://[^\s()<>\"'\]`]+")


def clean_title(text: str) -> str:
    """Heading markup out of a title: emphasis, links, code ticks, leading emoji and symbols."""
    text = split_heading_attributes(text.strip())[0]
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    text = html.unescape(re.sub(r"</?[a-zA-Z][^<>]*>", "", text)) if "<" in text or "&" in text else text
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"^[^\w\"'(\[¿¡]+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def first_heading(markdown: str) -> str | None:
    """The first ATX or setext (===) heading outside code fences, as plain text."""
    fence: str | None = None
    previous = ""
    for line in markdown.splitlines():
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        h = _ATX.match(line)
        if h:
            return clean_title(h.group(2)) or None
        if previous.strip() and _SETEXT.match(line):
            return clean_title(previous) or None
        previous = line
    return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value][:50]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in list(value.items())[:50]}
    return str(value)


def read_info(root: Path, rel: str, size: int, mtime_ns: int) -> PageInfo:
    """Catalog entry for one file from its head: front matter title, else first heading, else name."""
    full = root / rel
    with open(full, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        if len(head) == HEAD_BYTES:
            if head.startswith(b"---") and head.count(b"\n---") < 1:
                head += fh.read()  # front matter longer than the head: read it all
            else:
                head = head[: head.rfind(b"\n") + 1] or head
    norm = normalise(head)
    fm = norm.front_matter
    meta = {k: _jsonable(fm[k]) for k in META_KEYS if k in fm}
    links = list(dict.fromkeys(_WEB_LINK.findall(norm.text)))[:MAX_SITE_LINKS]
    if links:  # the site's own URLs are inferred from these (see handbook.content.sites.urls)
        meta["_links"] = links
    title = fm.get("title")
    title = clean_title(str(title)) if isinstance(title, (str, int, float)) and str(title).strip() else None
    title = title or first_heading(norm.text) or title_from_name(rel)
    weight = fm.get("weight", fm.get("order", fm.get("nav_order", fm.get("sidebar_position"))))
    try:
        weight_value = float(weight) if weight is not None and not isinstance(weight, bool) else None
    except (TypeError, ValueError):
        weight_value = None
    return PageInfo(rel, title, size, mtime_ns, weight_value, meta)
