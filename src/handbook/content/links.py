"""Where a link in a page leads: another page (and anchor), the web, or nowhere (and why).

Handles what real handbooks write: relative paths with or without ``.md``, ``../x.md#y``, folder
links to landing pages, root-absolute ``/a/b/`` paths of static sites (also under a common top
folder such as ``pages/`` or ``handbook/``), front matter permalinks, and ``.html`` links of a built site.
Nothing outside the content root is ever a target.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from handbook.content.model import LANDING_NAMES, PAGE_SUFFIXES, LinkTarget, PageInfo
from handbook.content.sites import Site
from handbook.content.sites.urls import infer_bases, infer_repos, repo_file, split_base, under_base

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_EXTERNAL_SCHEMES = {"http", "https", "mailto", "ftp", "tel", "irc", "slack"}


class LinkResolver:
    """Resolves hrefs against one catalog; build once per handbook."""

    def __init__(
        self,
        pages: list[PageInfo],
        site: Site | None = None,
        redirect_pages: list[PageInfo] | None = None,
        web: tuple[list[tuple[str, str]], list[str]] | None = None,
    ) -> None:
        """``web``: the site's own (host, path prefix) bases and repositories, when already worked out."""
        self.pages = pages
        self.site = site
        self.paths = {p.path for p in pages}
        self.lower = {p.path.lower(): p.path for p in pages}
        # What a path can be asked as, lower-cased: itself, without its suffix, a landing page's folder.
        # A path not in here is no page, known without building the candidates (inferring the site's
        # URLs asks about thousands of foreign ones).
        self.landing_names = site.landing_names() if site is not None else LANDING_NAMES
        self.known: set[str] = set()
        for p in pages:
            lower = p.path.lower()
            stem = lower.rsplit(".", 1)[0]
            self.known.update((lower, stem))
            folder, _, name = stem.rpartition("/")
            if name in self.landing_names:
                self.known.add(folder)
        self.top_folders = sorted({p.path.split("/", 1)[0] for p in pages if "/" in p.path})
        self.permalinks: dict[str, str] = {}
        for p in pages:
            for key in ("permalink", "redirect_from", "aliases", "url"):
                values = p.meta.get(key)
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, str) and value.strip():
                        self.permalinks.setdefault(_norm_url_path(value), p.path)
            slug = p.meta.get("slug")
            if isinstance(slug, str) and slug.strip("/"):  # Hugo: the page's URL is its folder + slug
                self.permalinks.setdefault(_norm_url_path(f"{p.folder}/{slug}"), p.path)
            if site is not None and site.page_stems and "(" in p.folder:
                self.permalinks.setdefault(_norm_url_path(_route(p.folder)), p.path)
        # Old URLs: the site's redirects, and pages that only redirect (front matter redirect_to)
        self.redirects: dict[str, str] = {}
        self.prefixes: list[tuple[str, str]] = []
        if site is not None:
            for old, new in site.redirects.items():
                self.redirects.setdefault(_norm_url_path(old), new)
            self.prefixes = sorted(site.url_prefixes.items(), key=lambda kv: -len(kv[0]))
        for p in redirect_pages or []:
            target = str(p.meta.get("redirect_to", ""))
            olds = p.meta.get("redirect_from")
            for old in [p.path.rsplit(".", 1)[0], *(olds if isinstance(olds, list) else [olds])]:
                if isinstance(old, str) and old.strip():
                    self.redirects.setdefault(_norm_url_path(old), target)
        self._bases: list[tuple[str, str]] | None = web[0] if web else None
        self._repos: list[str] | None = web[1] if web else None

    def resolve(self, href: str, from_path: str) -> LinkTarget:
        href = href.strip()
        if not href:
            return LinkTarget("broken", reason="empty link")
        scheme = _SCHEME.match(href)
        if scheme and len(scheme.group(1)) > 1:  # "C:" would be a Windows drive, not a scheme
            name = scheme.group(1).lower()
            if name in ("http", "https"):
                return self._web(href)
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
            if found is None and _norm_url_path(path_part) in self.redirects:
                return self._follow(self.redirects[_norm_url_path(path_part)], anchor)
        else:
            base = posixpath.dirname(from_path)
            joined = posixpath.normpath(posixpath.join(base, path_part))
            if joined == ".." or joined.startswith("../"):
                return LinkTarget("broken", reason="points outside the handbook")
            found = self._page_for(joined if joined != "." else "", trailing=path_part.endswith("/"))
        if found is None:
            return LinkTarget("broken", reason=f"no page {path_part}")
        return LinkTarget("page", path=found, anchor=anchor)

    # ------------------------------------------------------------------ the site's own URLs

    def site_bases(self) -> list[tuple[str, str]]:
        """(host, path prefix) of the site's own URLs: from config, else inferred from the links."""
        if self._bases is None:
            configured = [split_base(url) for url in self.site.base_urls] if self.site else []
            local = lambda p: self._absolute(p) is not None or _norm_url_path(p) in self.redirects  # noqa: E731
            self._bases = configured or infer_bases(self._all_links(), local)
        return self._bases

    def site_repos(self) -> list[str]:
        """The handbook's repository on GitHub/GitLab: from config or the clone, else inferred."""
        if self._repos is None:
            configured = list(self.site.repo_urls) if self.site else []
            local = lambda p: self._repo_path(p) is not None  # noqa: E731
            self._repos = configured or infer_repos(self._all_links(), local)
        return self._repos

    def _all_links(self) -> list[str]:
        """Every web link of every page, once (the same link is on many pages)."""
        links = (url for p in self.pages for url in p.meta.get("_links", ()) if isinstance(url, str))
        return list(dict.fromkeys(links))

    def _web(self, href: str) -> LinkTarget:
        """An http(s) link: the local page when it is the site's own URL or a file of its repository."""
        path_part, _, anchor = href.partition("#")
        inside = repo_file(path_part, self.site_repos())
        if inside is not None:
            found = self._repo_path(inside)
            if found is None and self._in_clone(inside):
                return LinkTarget("external", url=href)  # a file of the repository that is not a page
            if found is None:
                return LinkTarget("broken", reason=f"no page {inside} in this handbook")
            return LinkTarget("page", path=found, anchor=anchor)
        path = under_base(path_part, self.site_bases())
        if path is None:
            return LinkTarget("external", url=href)
        found = self._page_for("", trailing=True) if not path.strip("/") else self._absolute(path)
        if found is None:
            redirect = self.redirects.get(_norm_url_path(path))
            if redirect is not None:
                return self._follow(redirect, anchor)
            return LinkTarget("broken", reason=f"no page {path} on this site")
        return LinkTarget("page", path=found, anchor=anchor)

    def _in_clone(self, inside: str) -> bool:
        """Whether the repository file exists in the opened clone (an image, a PDF, a data file)."""
        if self.site is None or not inside.strip("/"):
            return False
        source = Path(self.site.source)
        target = (source / inside.strip("/")).resolve()
        return target.is_relative_to(source) and target.exists()

    def _repo_path(self, inside: str) -> str | None:
        """A repository file path as a page: below the content root, or as written."""
        sub = self.site.repo_subdir if self.site else ""
        inside = inside.strip("/")
        if sub and (inside + "/").startswith(sub + "/"):
            return self._page_for(inside[len(sub) + 1 :], trailing=not inside.lower().endswith(PAGE_SUFFIXES))
        return self._page_for(inside, trailing=not inside.lower().endswith(PAGE_SUFFIXES))

    def _follow(self, target: str, anchor: str) -> LinkTarget:
        """Where a redirect leads: a page of this handbook, or the web."""
        target_path, _, target_anchor = target.partition("#")
        if _SCHEME.match(target):
            own = under_base(target_path, self.site_bases()) or repo_file(target_path, self.site_repos())
            if own is None:
                return LinkTarget("external", url=target)
            return self._web(target)
        found = self._absolute(target_path) if target_path.startswith("/") else self._page_for(target_path)
        if found is None:
            return LinkTarget("broken", reason=f"redirects to {target}, which is not here")
        return LinkTarget("page", path=found, anchor=anchor or target_anchor)

    def _absolute(self, path: str) -> str | None:
        key = _norm_url_path(path)
        if key in self.permalinks:
            return self.permalinks[key]
        for prefix, folder in self.prefixes:
            if key == prefix.lower() or key.startswith(prefix.lower().rstrip("/") + "/"):
                rest = key[len(prefix.rstrip("/")) :].strip("/")
                found = self._page_for(f"{folder}/{rest}".strip("/"), trailing=True)
                if found is not None:
                    return found
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
            if rel.lower() not in self.known:
                return None
            if not trailing:
                candidates += [rel + ext for ext in PAGE_SUFFIXES]
        prefix = f"{rel}/" if rel else ""
        names = self.landing_names
        candidates += [f"{prefix}{name}{ext}" for name in names for ext in PAGE_SUFFIXES]
        candidates += [f"{prefix}{name.upper()}{ext}" for name in names for ext in PAGE_SUFFIXES]
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


def _route(folder: str) -> str:
    """The URL of an App Router page's folder: route groups, ``(docs)``, are not part of it."""
    return "/".join(part for part in folder.split("/") if not (part.startswith("(") and part.endswith(")")))


def _norm_url_path(value: str) -> str:
    value = value.strip().split("#", 1)[0].split("?", 1)[0]
    return "/" + value.strip("/").lower()
