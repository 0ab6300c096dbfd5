"""Where a link in a page leads: another page (and anchor), the web, or nowhere (and why).

Handles what real handbooks write: relative paths with or without ``.md``, ``../x.md#y``, folder
links to landing pages, root-absolute ``/a/b/`` paths of static sites (also under a common top
folder such as ``pages/`` or ``handbook/``), front matter permalinks, and ``.html`` links of a built site.
Nothing outside the content root is ever a target.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from handbook.content.model import LANDING_NAMES, PAGE_SUFFIXES, LinkTarget, PageInfo

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_EXTERNAL_SCHEMES = {"http", "https", "mailto", "ftp", "tel", "irc", "slack"}


class LinkResolver:
    """Resolves hrefs against one catalog; build once per handbook."""

    def __init__(self, pages: list[PageInfo]) -> None:
        self.paths = {p.path for p in pages}
        self.lower = {p.path.lower(): p.path for p in pages}
        self.top_folders = sorted({p.path.split("/", 1)[0] for p in pages if "/" in p.path})
        self.permalinks: dict[str, str] = {}
        for p in pages:
            for key in ("permalink", "redirect_from", "aliases"):
                values = p.meta.get(key)
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, str) and value.strip():
                        self.permalinks.setdefault(_norm_url_path(value), p.path)

    def resolve(self, href: str, from_path: str) -> LinkTarget:
        href = href.strip()
        if not href:
            return LinkTarget("broken", reason="empty link")
        scheme = _SCHEME.match(href)
        if scheme and len(scheme.group(1)) > 1:  # "C:" would be a Windows drive, not a scheme
            name = scheme.group(1).lower()
            if name in _EXTERNAL_SCHEMES:
                return LinkTarget("external", url=href)
            return LinkTarget("broken", reason=f"unsupported link type '{name}:'")
        if href.startswith("//"):
            return LinkTarget("external", url="https:" + href)
        path_part, _, anchor = href.partition("#")
        path_part = unquote(path_part.split("?", 1)[0])
        if not path_part:
            return LinkTarget("anchor", path=from_path, anchor=anchor)
        if path_part.startswith("/"):
            found = self._absolute(path_part)
        else:
            base = posixpath.dirname(from_path)
            joined = posixpath.normpath(posixpath.join(base, path_part))
            if joined == ".." or joined.startswith("../"):
                return LinkTarget("broken", reason="points outside the handbook")
            found = self._page_for(joined if joined != "." else "", trailing=path_part.endswith("/"))
        if found is None:
            return LinkTarget("broken", reason=f"no page {path_part}")
        return LinkTarget("page", path=found, anchor=anchor)

    def _absolute(self, path: str) -> str | None:
        key = _norm_url_path(path)
        if key in self.permalinks:
            return self.permalinks[key]
        rel = path.strip("/")
        found = self._page_for(rel, trailing=True)
        if found is not None:
            return found
        for top in self.top_folders:
            found = self._page_for(f"{top}/{rel}" if rel else top, trailing=True)
            if found is not None:
                return found
        return None

    def _page_for(self, rel: str, trailing: bool = False) -> str | None:
        rel = rel.strip("/")
        candidates: list[str] = []
        if rel:
            lower = rel.lower()
            if lower.endswith(PAGE_SUFFIXES) and not trailing:
                candidates.append(rel)
            for ext in (".html", ".htm"):
                if lower.endswith(ext):
                    rel = rel[: -len(ext)]
                    if rel.lower().rsplit("/", 1)[-1] == "index":
                        rel = rel[: -len("index")].rstrip("/")
                    break
            if not trailing:
                candidates += [rel + ext for ext in PAGE_SUFFIXES]
        prefix = f"{rel}/" if rel else ""
        candidates += [f"{prefix}{name}{ext}" for name in LANDING_NAMES for ext in PAGE_SUFFIXES]
        candidates += [f"{prefix}{name.upper()}{ext}" for name in LANDING_NAMES for ext in PAGE_SUFFIXES]
        if rel and trailing:
            candidates += [rel + ext for ext in PAGE_SUFFIXES]
        for cand in candidates:
            if cand in self.paths:
                return cand
        for cand in candidates:
            hit = self.lower.get(cand.lower())
            if hit:
                return hit
        return None


def _norm_url_path(value: str) -> str:
    value = value.strip().split("#", 1)[0].split("?", 1)[0]
    return "/" + value.strip("/").lower()
