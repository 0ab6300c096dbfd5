"""The catalog: every page of a handbook with its title and order, without parsing the pages.

Building it reads only the head of each file (front matter and first heading). The result is cached
in the cache dir keyed by (path, size, mtime), so re-opening a 4,000-page handbook is a stat per file.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
import stat
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from handbook.cancel import StopCheck, check, never
from handbook.content.catalog_cache import (
    cached_toc,
    cached_web,
    load_cache,
    save_cache,
    valid_entry,
)
from handbook.content.fences import code_lines
from handbook.content.links import LinkResolver
from handbook.content.model import LANDING_NAMES, PAGE_SUFFIXES, PageInfo
from handbook.content.normalise import normalise, split_heading_attributes
from handbook.content.sites import (
    Site,
    TocNode,
    build_toc,
    detect,
    probe,
    read_folder_navs,
    stamps_current,
    walk,
)
from handbook.content.sites.toc import toc_to_json

HEAD_BYTES = 16 * 1024
SKIP_DIRS = {"node_modules", "__pycache__", "_site", "site-packages", "venv"}
SKIP_FILES = {"robots.txt", "cmakelists.txt", "license.txt", "requirements.txt"}
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
# Scans stop at the next `[` (where the next try starts): linear on `[a](` repeated, not quadratic.
_MD_IMAGE = re.compile(r"!\[[^\[\]]*+\]\([^)\[]*+\)")
_MD_LINK = re.compile(r"\[([^\[\]]*+)\]\([^)\[]*+\)")
_NUMBER_PREFIX = re.compile(r"^(\d+)[-_. ]")
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
    previous = ""
    for is_code, line in code_lines(markdown.splitlines()):
        if is_code:
            continue
        h = _ATX.match(line)
        if h:
            return clean_title(h.group(2)) or None
        if previous.strip() and _SETEXT.match(line):
            return clean_title(previous) or None
        previous = line
    return None


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
    if stem.lower() in LANDING_NAMES and len(parts) > 1:
        stem = parts[-2]
    stem = _NUMBER_PREFIX.sub("", stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else path


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


def _is_page(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(PAGE_SUFFIXES) and lower not in SKIP_FILES and not lower.startswith("requirements")


def scan(
    root: Path, site: Site | None = None, nav_files: dict[str, list[int]] | None = None
) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of every page under ``root``: no hidden folders, no symlink out.

    With a ``site``, its scaffolding is skipped, and the per-folder nav files it names (``.pages``,
    ``_category_.json``) are collected into ``nav_files`` with their size and mtime.
    """
    found: list[tuple[str, int, int]] = []
    nav_names = set(site.nav_file_names) if site is not None else set()
    root_real = os.path.realpath(root)
    stack = [root_real]
    while stack:
        folder = stack.pop()
        try:
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
    by_path: dict[str, PageInfo] = field(init=False)
    toc: list[TocNode] = field(init=False)
    redirect_pages: list[PageInfo] = field(init=False)
    problems: list[str] = field(init=False)
    nav_problems: list[str] = field(init=False)

    def __post_init__(self, known_toc: tuple[list[TocNode], list[str]] | None) -> None:
        if self.site is None:
            self.site = Site("plain", str(self.root), str(self.root))
        self.redirect_pages = [p for p in self.pages if isinstance(p.meta.get("redirect_to"), str)]
        if len(self.redirect_pages) < len(self.pages):
            self.pages = [p for p in self.pages if not isinstance(p.meta.get("redirect_to"), str)]
        else:
            self.redirect_pages = []
        self.by_path = {p.path: p for p in self.pages}
        if known_toc is not None and any(
            n.path is not None and n.path not in self.by_path for n, _, _ in walk(known_toc[0])
        ):
            known_toc = None  # not the toc of these pages after all
        self.toc, self.nav_problems = known_toc or build_toc(self.site, self.pages)
        self.problems = [*self.site.problems, *self.nav_problems]
        ordered = [self.by_path[n.path] for n, _, _ in walk(self.toc) if n.path is not None]
        seen = {p.path for p in ordered}
        self.pages = ordered + [p for p in self.pages if p.path not in seen]

    @cached_property
    def resolver(self) -> LinkResolver:
        """Resolves links against these pages; built once (its lookups cost a pass over every page)."""
        return LinkResolver(self.pages, self.site, self.redirect_pages, self.web)


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
    """Detect the site, then scan its content root, reusing cached entries whose size and mtime match.

    ``site`` names an adapter to use instead of detection (the config file's ``site = "mkdocs"``).
    """
    data = load_cache(cache_file) if cache_file is not None else {}
    site_probe = probe(source, site) if detect_site else {}
    found_site: Site | None = None
    changed = False
    if detect_site and data.get("probe") == site_probe and isinstance(data.get("site"), dict):
        try:
            found_site = Site.from_json(data["site"])
        except (TypeError, ValueError):
            found_site = None
        if found_site is not None and not stamps_current(found_site):
            found_site = None
    if found_site is None:
        found_site = detect(source, site) if detect_site else Site("plain", str(source), str(source))
        changed = True
    root = Path(found_site.root)
    cached: dict[str, list[Any]] = {}
    if data.get("root") == str(root) and isinstance(data.get("pages"), dict):
        cached = data["pages"]
    nav_files: dict[str, list[int]] = {}
    found = scan(root, found_site, nav_files)
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
    fresh: dict[str, list[Any]] = {}
    changed = changed or len(found) != len(cached)
    for rel, size, mtime_ns in found:
        entry = cached.get(rel)
        if entry is not None and valid_entry(entry) and entry[1] == size and entry[2] == mtime_ns:
            info = PageInfo(rel, entry[0], size, mtime_ns, entry[3], entry[4])
        else:
            check(stop)
            changed = True
            try:
                info = read_info(root, rel, size, mtime_ns)
            except OSError:
                continue
        pages.append(info)
        fresh[rel] = [info.title, info.size, info.mtime_ns, info.weight, info.meta]
    toc_read = None if changed else cached_toc(data)
    web = None if changed else cached_web(data)
    catalog = Catalog(root, pages, found_site, toc_read, web)
    if web is None:  # the resolver works them out; the handbook then resolves links with the same one
        catalog.web = (catalog.resolver.site_bases(), catalog.resolver.site_repos())
    if cache_file is not None and (changed or toc_read is None or web is None):
        toc = {"nodes": toc_to_json(catalog.toc), "problems": catalog.nav_problems}
        bases, repos = catalog.web or ([], [])
        extra = {"toc": toc, "web": {"bases": [list(b) for b in bases], "repos": repos}}
        save_cache(cache_file, root, fresh, found_site, site_probe, extra)
    return catalog
