"""The catalog: every page of a handbook with its title and order, without parsing the pages.

Building it reads only the head of each file (front matter and first heading). The result is cached
in the cache dir (see ``catalog_cache``): re-opening a 4,000-page handbook that has not changed is a
stat per folder and per page and one file read; after a change, the folders are listed again and only
the pages whose size or mtime moved are read.
"""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any

from handbook.cancel import StopCheck, check, never
from handbook.content.catalog_cache import (
    cached_pages,
    cached_site,
    cached_toc,
    cached_web,
    load_cache,
    read_links,
    save_cache,
    unchanged,
)
from handbook.content.model import LANDING_NAMES, PAGE_SUFFIXES, PageInfo
from handbook.content.sites import (
    Site,
    TocNode,
    build_toc,
    detect,
    probe,
    read_folder_navs,
    walk,
)
from handbook.content.sites.toc import toc_to_json

SKIP_DIRS = {"node_modules", "__pycache__", "_site", "site-packages", "venv"}
SKIP_FILES = {"robots.txt", "cmakelists.txt", "license.txt", "requirements.txt"}
_NUMBER_PREFIX = re.compile(r"^(\d+)[-_. ]")


def display_name(name: str) -> str:
    """A file name the OS handed back with undecodable bytes (surrogates) as readable text."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")


def title_from_name(path: str) -> str:
    parts = display_name(path).split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if stem.lower() in (*LANDING_NAMES, "page") and len(parts) > 1:  # page: Next.js's app/x/page.mdx
        stem = parts[-2]
    stem = _NUMBER_PREFIX.sub("", stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else path


def _is_page(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(PAGE_SUFFIXES) and lower not in SKIP_FILES and not lower.startswith("requirements")


def scan(
    root: Path,
    site: Site | None = None,
    nav_files: dict[str, list[int]] | None = None,
    folders: dict[str, int] | None = None,
) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of every page under ``root``: no hidden folders, no symlink out.

    With a ``site``, its scaffolding is skipped, and the per-folder nav files it names (``.pages``,
    ``_category_.json``) are collected into ``nav_files`` with their size and mtime. ``folders``
    gets the mtime of every folder listed, taken before listing it (the cache's freshness check).
    """
    found: list[tuple[str, int, int]] = []
    nav_names = set(site.nav_file_names) if site is not None else set()
    root_real = os.path.realpath(root)
    stack = [root_real]
    while stack:
        folder = stack.pop()
        try:
            if folders is not None:
                folders[folder[len(root_real) + 1 :].replace(os.sep, "/")] = os.stat(folder).st_mtime_ns
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name in nav_names and nav_files is not None and entry.is_file(follow_symlinks=False):
                rel = entry.path[len(root_real) + 1 :].replace(os.sep, "/")
                st = entry.stat()
                nav_files[rel] = [st.st_size, st.st_mtime_ns]
                continue
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if name not in SKIP_DIRS and (
                        site is None
                        or site.folder_allowed(entry.path[len(root_real) + 1 :].replace(os.sep, "/"))
                    ):
                        stack.append(entry.path)
                    continue
                if not _is_page(name):
                    continue
                path = entry.path
                if entry.is_symlink():
                    real = os.path.realpath(path)
                    if os.path.commonpath([root_real, real]) != root_real or not os.path.isfile(real):
                        continue  # a link out of the handbook is never followed
                st = entry.stat()
                if not stat.S_ISREG(st.st_mode):
                    continue  # a FIFO or device named x.md: reading it would block forever
            except OSError:
                continue
            rel = path[len(root_real) + 1 :].replace(os.sep, "/")  # entry paths start with the root
            if site is not None and not site.is_page(rel):
                continue
            found.append((rel, st.st_size, st.st_mtime_ns))
    return found


def sort_key(info: PageInfo) -> tuple[Any, ...]:
    name = info.path.rpartition("/")[2]
    prefix = _NUMBER_PREFIX.match(name)
    return (
        0 if info.is_landing else 1,
        info.weight if info.weight is not None else float("inf"),
        int(prefix.group(1)) if prefix else float("inf"),
        info.title.lower(),
        info.path,
    )


@dataclass
class Catalog:
    """All pages of a handbook in the site's reading order, with its table of contents and lookups.

    Pages that only redirect elsewhere (front matter ``redirect_to``) are not pages: they are kept in
    ``redirect_pages`` so that links to their old URLs still lead somewhere.
    """

    root: Path
    pages: list[PageInfo]
    site: Site | None = None
    # The table of contents and its problems as the cache holds them for these very pages (warm opens).
    known_toc: InitVar[tuple[list[TocNode], list[str]] | None] = None
    # The site's own URLs and repositories (configured, else inferred from every page's links: a
    # second or so on a big handbook, so worked out when the catalog changes and cached with it).
    web: tuple[list[tuple[str, str]], list[str]] | None = None
    # The pages are the cache's, already in the order of ``known_toc`` (made for these very pages).
    ordered: InitVar[bool] = False
    by_path: dict[str, PageInfo] = field(init=False)
    toc: list[TocNode] = field(init=False)
    redirect_pages: list[PageInfo] = field(init=False)
    problems: list[str] = field(init=False)
    nav_problems: list[str] = field(init=False)

    def __post_init__(self, known_toc: tuple[list[TocNode], list[str]] | None, ordered: bool) -> None:
        if self.site is None:
            self.site = Site("plain", str(self.root), str(self.root))
        self.redirect_pages = [p for p in self.pages if isinstance(p.meta.get("redirect_to"), str)]
        if len(self.redirect_pages) < len(self.pages):
            self.pages = [p for p in self.pages if not isinstance(p.meta.get("redirect_to"), str)]
        else:
            self.redirect_pages = []
        self.by_path = {p.path: p for p in self.pages}
        if known_toc is not None and ordered:
            self.toc, self.nav_problems = known_toc
            self.problems = [*self.site.problems, *self.nav_problems]
            return
        if known_toc is not None and any(
            n.path is not None and n.path not in self.by_path for n, _, _ in walk(known_toc[0])
        ):
            known_toc = None  # not the toc of these pages after all
        self.toc, self.nav_problems = known_toc or build_toc(self.site, self.pages)
        self.problems = [*self.site.problems, *self.nav_problems]
        in_toc = [self.by_path[n.path] for n, _, _ in walk(self.toc) if n.path is not None]
        seen = {p.path for p in in_toc}
        self.pages = in_toc + [p for p in self.pages if p.path not in seen]


def order_pages(pages: list[PageInfo]) -> list[PageInfo]:
    """Book order: a folder's landing page, then its pages and sub-folders by weight, number, title."""
    folders: dict[str, list[PageInfo]] = {}
    for info in pages:
        folders.setdefault(info.folder, []).append(info)
    children: dict[str, set[str]] = {}
    for folder in list(folders):
        parts = folder.split("/") if folder else []
        for i in range(len(parts)):
            parent, child = "/".join(parts[:i]), "/".join(parts[: i + 1])
            children.setdefault(parent, set()).add(child)
            folders.setdefault(child, [])

    def folder_key(folder: str) -> tuple[Any, ...]:
        own = sorted(folders.get(folder, []), key=sort_key)
        landing = own[0] if own and own[0].is_landing else None
        name = folder.rpartition("/")[2]
        prefix = _NUMBER_PREFIX.match(name)
        weight = landing.weight if landing and landing.weight is not None else float("inf")
        title = landing.title if landing else title_from_name(name)
        return (1, weight, int(prefix.group(1)) if prefix else float("inf"), title.lower(), folder)

    out: list[PageInfo] = []

    def walk(folder: str) -> None:
        own = sorted(folders.get(folder, []), key=sort_key)
        items: list[tuple[tuple[Any, ...], str, PageInfo | None]] = []
        for page in own:
            items.append((sort_key(page), "", page))
        for sub in children.get(folder, ()):
            items.append((folder_key(sub), sub, None))
        items.sort(key=lambda item: item[0])
        for _, sub, item in items:
            if item is not None:
                out.append(item)
            else:
                walk(sub)

    walk("")
    return out


def build_catalog(
    source: Path,
    cache_file: Path | None,
    *,
    site: str | None = None,
    detect_site: bool = True,
    stop: StopCheck = never,
) -> Catalog:
    """Detect the site, then scan its content root, reusing cached entries whose size and mtime match;
    the cached catalog as it is when nothing changed (see ``catalog_cache.unchanged``).

    ``site`` names an adapter to use instead of detection (the config file's ``site = "mkdocs"``).
    """
    data = load_cache(cache_file) if cache_file is not None else {}
    site_probe = probe(source, site) if detect_site else {}
    if data and detect_site and data.get("probe") == site_probe:
        warm = _warm_catalog(data)
        if warm is not None:
            return warm
    return _scanned_catalog(source, cache_file, data, site, site_probe, detect_site, stop)


def _warm_catalog(data: dict[str, Any]) -> Catalog | None:
    """The cached catalog when no page, folder or site file changed since it was saved: no folder
    listed, no page read, the table of contents and the site's URLs as saved."""
    found_site = cached_site(data)
    if found_site is None or data.get("root") != str(Path(found_site.root)):
        return None
    pages, web = cached_pages(data), cached_web(data)
    if pages is None or web is None or not unchanged(data, pages):
        return None
    toc = cached_toc(data)
    if toc is None:
        return None
    return Catalog(Path(found_site.root), pages, found_site, toc, web, ordered=True)


def _scanned_catalog(
    source: Path,
    cache_file: Path | None,
    data: dict[str, Any],
    site: str | None,
    site_probe: dict[str, Any],
    detect_site: bool,
    stop: StopCheck,
) -> Catalog:
    """List every folder; read the pages that are new or whose size or mtime moved; save the cache."""
    found_site = cached_site(data) if detect_site and data.get("probe") == site_probe else None
    changed = False
    if found_site is None:
        found_site = detect(source, site) if detect_site else Site("plain", str(source), str(source))
        changed = True
    root = Path(found_site.root)
    cached: dict[str, PageInfo] = {}
    if data.get("root") == str(root):
        cached = {p.path: p for p in cached_pages(data) or []}
    links = read_links(cache_file) if cached and cache_file is not None else {}
    nav_files: dict[str, list[int]] = {}
    folders: dict[str, int] = {}
    scanned_at = time.time_ns()
    found = scan(root, found_site, nav_files, folders)
    if found_site.nav_file_names:
        prefix = os.path.relpath(root, source).replace(os.sep, "/")
        keyed = {(f"{prefix}/{k}" if prefix != "." else k): v for k, v in nav_files.items()}
        names = found_site.nav_file_names
        known = {k: v for k, v in found_site.stamps.items() if k.rpartition("/")[2] in names}
        if changed or keyed != known:
            for key in known:
                found_site.stamps.pop(key, None)
            read_folder_navs(found_site, nav_files)
            changed = True
    pages: list[PageInfo] = []
    changed = changed or len(found) != len(cached)
    for rel, size, mtime_ns in found:
        info = cached.get(rel)
        if info is not None and info.size == size and info.mtime_ns == mtime_ns:
            if rel in links:  # the site's URLs may have to be worked out again from every page's links
                info = PageInfo(
                    rel, info.title, size, mtime_ns, info.weight, {**info.meta, "_links": links[rel]}
                )
        else:
            check(stop)
            changed = True
            from handbook.content.page_head import read_info  # the normaliser: only now

            try:
                info = read_info(root, rel, size, mtime_ns)
            except OSError:
                continue
        pages.append(info)
    toc_read = None if changed else cached_toc(data)
    web = None if changed else cached_web(data)
    catalog = Catalog(root, pages, found_site, toc_read, web)
    if web is None:
        from handbook.content.links import LinkResolver

        resolver = LinkResolver(catalog.pages, catalog.site, catalog.redirect_pages)
        bases, repos = resolver.site_bases(), resolver.site_repos()
        catalog.web = (bases, repos)
    if cache_file is not None:  # the warm check failed: something changed, or its stamps were too new
        toc = {"nodes": toc_to_json(catalog.toc), "problems": catalog.nav_problems}
        bases, repos = catalog.web or ([], [])
        extra = {
            "toc": toc,
            "web": {"bases": [list(b) for b in bases], "repos": repos},
            "folders": folders,
            "scanned_at": scanned_at,
        }
        everything = catalog.pages + catalog.redirect_pages
        save_cache(cache_file, root, everything, found_site, site_probe, extra)
    return catalog
