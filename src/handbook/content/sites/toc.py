"""The table of contents: the site's nav (or its folders) over the catalog's pages, as one tree.

A folder and its landing page are one node (also ``legal.md`` beside ``legal/``). Pages a nav file
does not list are kept: they go under the nav entry of their folder, else at the end, in folder order.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from handbook.content.model import PAGE_SUFFIXES, PageInfo
from handbook.content.sites.model import FolderNav, NavNode, Site

# Names a site without an index page gives its front page (checked at the top level only).
HOME_STEMS = ("home", "welcome", "about", "introduction", "intro", "overview", "start-here", "start")

_NUMBER_PREFIX = re.compile(r"^(\d+)[-_. ]")


@dataclass
class TocNode:
    """One entry of the table of contents: a page, or a group/folder without a page (``path`` None)."""

    title: str
    path: str | None
    children: list[TocNode] = field(default_factory=list)
    folder: bool = False  # a folder of the site (shown as a section even when it holds one page)


@dataclass(frozen=True)
class TocRow:
    """A page in reading order, as ``handbook pages --json`` prints it."""

    path: str
    title: str
    depth: int
    parent: str | None

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "title": self.title, "depth": self.depth, "parent": self.parent}


def nav_title(info: PageInfo) -> str:
    """The title a nav shows for a page: Hugo ``linkTitle``, Docusaurus ``sidebar_label``, Nextra
    ``sidebarTitle``, else its title."""
    for key in ("linkTitle", "sidebar_label", "sidebarTitle", "nav_title"):
        value = info.meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return info.title


def title_from_name(name: str) -> str:
    words = re.sub(r"[-_]+", " ", _NUMBER_PREFIX.sub("", name.lstrip("_"))).strip()
    return words[:1].upper() + words[1:] if words else name


def _page_key(info: PageInfo) -> tuple[Any, ...]:
    name = info.path.rpartition("/")[2]
    prefix = _NUMBER_PREFIX.match(name)
    return (
        info.weight if info.weight is not None else float("inf"),
        int(prefix.group(1)) if prefix else float("inf"),
        nav_title(info).lower(),
        info.path,
    )


class _Builder:
    def __init__(self, site: Site, pages: list[PageInfo]) -> None:
        self.site = site
        self.by_path = {p.path: p for p in pages}
        self.lower = {p.path.lower(): p.path for p in pages}
        self.used: set[str] = set()
        self.problems: list[str] = []
        self._ids: dict[str, str] | None = None
        self.landing_names = site.landing_names()
        self.landings: dict[str, PageInfo] = {}  # each folder's index/_index/README, found once
        for info in pages:
            if self.is_landing(info):
                rank = self.landing_names.index(info.stem.lower())
                best = self.landings.get(info.folder)
                if best is None or rank < self.landing_names.index(best.stem.lower()):
                    self.landings[info.folder] = info
        self.keys = {info.path: _page_key(info) for info in pages}

    def is_landing(self, info: PageInfo) -> bool:
        """Its folder's page: ``index``, ``README`` … (and ``page`` on a Next.js App Router site)."""
        return info.stem.lower() in self.landing_names

    # ------------------------------------------------------------------ folder order

    def folder_nodes(self, pages: list[PageInfo], base: str) -> list[TocNode]:
        """The contents of folder ``base`` (its landing page excluded) as nodes, in site order."""
        own: list[PageInfo] = []
        subs: dict[str, list[PageInfo]] = {}
        prefix = f"{base}/" if base else ""
        for info in pages:
            rest = info.path[len(prefix) :]
            head, sep, _ = rest.partition("/")
            if sep:
                subs.setdefault(head, []).append(info)
            else:
                own.append(info)
        # `legal.md` beside `legal/` (which has no landing page of its own) is that folder's page
        adopted: dict[str, PageInfo] = {}
        for info in list(own):
            stem = info.stem
            if stem in subs and self._landing(subs[stem], f"{prefix}{stem}") is None:
                adopted[stem] = info
                own.remove(info)
        nav = self.site.folders.get(base, FolderNav())
        items: list[tuple[tuple[Any, ...], str, list[TocNode]]] = []
        for info in own:
            if (self.is_landing(info) and info.folder == base) or info.path in self.used:
                continue
            if nav.hidden and (info.path.rpartition("/")[2] in nav.hidden or info.stem in nav.hidden):
                continue  # a page the site keeps out of its nav (still a page: links and search)
            title = (
                nav.titles.get(info.path.rpartition("/")[2]) or nav.titles.get(info.stem) or nav_title(info)
            )
            self.used.add(info.path)
            items.append(
                ((1, *self.keys[info.path]), info.path.rpartition("/")[2], [TocNode(title, info.path)])
            )
        for name, sub_pages in subs.items():
            if name in nav.hidden:
                continue
            folder = f"{prefix}{name}"
            key = self._folder_key(sub_pages, folder, adopted.get(name))  # before its landing is used
            nodes = self.folder_node(sub_pages, folder, nav.titles.get(name), adopted.get(name))
            items.append((key, name, nodes))
        items.sort(key=lambda item: item[0])
        if nav.order:
            items = _arrange(items, nav.order)
        return [node for _, _, nodes in items for node in nodes]

    def _landing(self, pages: list[PageInfo], folder: str) -> PageInfo | None:
        """The folder's landing page, unless the nav already placed it elsewhere."""
        landing = self.landings.get(folder)
        return landing if landing is not None and landing.path not in self.used else None

    def _folder_key(self, pages: list[PageInfo], folder: str, adopted: PageInfo | None) -> tuple[Any, ...]:
        landing = self._landing(pages, folder) or adopted
        nav = self.site.folders.get(folder)
        name = folder.rpartition("/")[2]
        prefix = _NUMBER_PREFIX.match(name)
        weight = nav.position if nav and nav.position is not None else None
        if weight is None and landing is not None:
            weight = landing.weight
        title = nav_title(landing) if landing else title_from_name(name)
        number = int(prefix.group(1)) if prefix else float("inf")
        return (1, weight if weight is not None else float("inf"), number, title.lower(), folder)

    def folder_node(
        self, pages: list[PageInfo], folder: str, given_title: str | None, adopted: PageInfo | None = None
    ) -> list[TocNode]:
        """A folder as one node (its landing page's), or its entries inline when the site says so."""
        nav = self.site.folders.get(folder, FolderNav())
        name = folder.rpartition("/")[2]
        if self.site.page_stems and name.startswith("(") and name.endswith(")"):
            return self.route_group(pages, folder)
        children = self.folder_nodes(pages, folder)
        if nav.inline:
            return children
        landing = self._landing(pages, folder) or adopted
        if landing is not None:
            self.used.add(landing.path)
        title = nav.title or given_title or (nav_title(landing) if landing else title_from_name(name))
        # On the App Router every page is a folder (app/about/page.mdx): only one with pages in it is one.
        folder_like = bool(children) or not self.site.page_stems
        return [TocNode(title, landing.path if landing else None, children, folder=folder_like)]

    def route_group(self, pages: list[PageInfo], folder: str) -> list[TocNode]:
        """An App Router route group, ``app/(docs)/``: not part of the URL, not a level of the nav."""
        landing = self._landing(pages, folder)
        if landing is not None:
            self.used.add(landing.path)
        children = self.folder_nodes(pages, folder)
        return [TocNode(nav_title(landing), landing.path), *children] if landing else children

    # ------------------------------------------------------------------ an explicit nav

    def resolve(self, ref: str) -> str | None:
        """A nav entry's page: exact path, without extension, a folder's landing, a Docusaurus doc id."""
        if ref.startswith("doc:"):
            return self._doc_id(ref[4:])
        ref = ref.strip("/")
        stem = ref
        for ext in (".html", ".htm", *PAGE_SUFFIXES):
            if stem.lower().endswith(ext):
                stem = stem[: -len(ext)]
                break
        candidates = [ref] if ref.lower().endswith(PAGE_SUFFIXES) else []
        candidates += [stem + ext for ext in PAGE_SUFFIXES]
        folder = f"{stem}/" if stem and stem.rpartition("/")[2].lower() not in self.landing_names else ""
        if not folder and stem.rpartition("/")[2].lower() in self.landing_names:
            folder = stem.rpartition("/")[0] + "/" if "/" in stem else ""
        candidates += [
            f"{folder}{n}{ext}" for n in ("index", "_index", "README", "readme") for ext in PAGE_SUFFIXES
        ]
        for cand in candidates:
            if cand in self.by_path:
                return cand
            hit = self.lower.get(cand.lower())
            if hit:
                return hit
        return None

    def _doc_id(self, doc_id: str) -> str | None:
        if self._ids is None:
            self._ids = {}
            for info in self.by_path.values():
                parts = info.path.rsplit(".", 1)[0].split("/")
                plain = "/".join(_NUMBER_PREFIX.sub("", p) for p in parts)
                own_id = info.meta.get("id")
                if isinstance(own_id, str):
                    self._ids.setdefault("/".join([*plain.split("/")[:-1], own_id]), info.path)
                self._ids.setdefault(plain, info.path)
                if plain.rpartition("/")[2].lower() in ("index", "readme"):
                    self._ids.setdefault(plain.rpartition("/")[0], info.path)
        return self._ids.get(doc_id.strip("/"))

    def nav_nodes(self, nodes: list[NavNode]) -> list[TocNode]:
        out: list[TocNode] = []
        for node in nodes:
            if node.path is not None and node.path.startswith("dir:"):
                folder = node.path[4:].strip(".").strip("/")
                pages = [
                    p for p in self.by_path.values() if p.path.startswith(f"{folder}/" if folder else "")
                ]
                out += self.folder_nodes([p for p in pages if p.path not in self.used], folder)
                continue
            children = self.nav_nodes(node.children)
            path = self.resolve(node.path) if node.path else None
            if node.path and path is None:
                self.problems.append(f"nav entry {node.title or node.path!r}: no page {node.path}")
            if path is not None and path in self.used:
                path = None  # listed twice: the first place wins
            if path is not None:
                self.used.add(path)
            title = node.title or (nav_title(self.by_path[path]) if path else "")
            if path is None and not children:
                continue
            out.append(
                TocNode(title or title_from_name(posixpath.basename(node.path or "")), path, children)
            )
        return out

    def attach_rest(self, top: list[TocNode]) -> None:
        """Pages the nav leaves out: under the nav entry of their folder, else at the end."""
        rest = [p for p in self.by_path.values() if p.path not in self.used]
        if not rest:
            return
        anchors: dict[str, TocNode] = {}
        for node, _, _ in walk(top):
            if node.path is None:
                continue
            info = self.by_path[node.path]
            folder = info.folder if self.is_landing(info) else info.path.rsplit(".", 1)[0]
            anchors.setdefault(folder, node)
        groups: dict[str, list[PageInfo]] = {}
        for info in rest:
            folder = info.folder
            while folder and folder not in anchors:
                folder = folder.rpartition("/")[0]
            groups.setdefault(folder if folder in anchors else "", []).append(info)
        for folder, pages in groups.items():
            target = anchors.get(folder) if folder else None
            landing = self._landing(pages, folder)
            nodes = self.folder_nodes(pages, folder)
            if landing is not None and landing.path not in self.used:
                self.used.add(landing.path)
                nodes.insert(0, TocNode(nav_title(landing), landing.path))
            (target.children if target is not None else top).extend(nodes)


def _arrange(items: list[Any], order: list[str]) -> list[Any]:
    """awesome-pages order: listed entries first as listed, ``...`` where the others go (else last)."""
    by_name: dict[str, Any] = {}
    for item in items:
        name = item[1]
        by_name.setdefault(name, item)
        by_name.setdefault(name.rsplit(".", 1)[0], item)
    placed: list[Any] = []
    seen: set[int] = set()
    rest_at: int | None = None
    for entry in order:
        if entry == "...":
            rest_at = len(placed)
            continue
        item = by_name.get(entry)
        if item is not None and id(item) not in seen:
            placed.append(item)
            seen.add(id(item))
    rest = [item for item in items if id(item) not in seen]
    at = len(placed) if rest_at is None else rest_at
    return placed[:at] + rest + placed[at:]


def build_toc(site: Site, pages: list[PageInfo]) -> tuple[list[TocNode], list[str]]:
    """The site's table of contents over ``pages``, and the nav problems found (missing pages)."""
    builder = _Builder(site, pages)
    if site.nav:
        top = builder.nav_nodes(site.nav)
        builder.attach_rest(top)
        return top, builder.problems
    root_landing = builder._landing(pages, "") or _home_like(pages)
    top = []
    if root_landing is not None:
        builder.used.add(root_landing.path)
        title = site.folders.get("", FolderNav()).title or nav_title(root_landing)
        top.append(TocNode(title, root_landing.path))
    top += builder.folder_nodes(pages, "")
    return top, builder.problems


def _home_like(pages: list[PageInfo]) -> PageInfo | None:
    """A top-level page named like a front page, for a site without an index page."""
    top = {p.stem.lower(): p for p in pages if "/" not in p.path}
    return next((top[stem] for stem in HOME_STEMS if stem in top), None)


def walk(
    nodes: list[TocNode], depth: int = 0, parent: str | None = None
) -> Iterator[tuple[TocNode, int, str | None]]:
    """Every node in reading order with its page depth and the path of the nearest page above it."""
    for node in nodes:
        yield node, depth, parent
        if node.path is not None:
            yield from walk(node.children, depth + 1, node.path)
        else:
            yield from walk(node.children, depth, parent)


def toc_to_json(nodes: list[TocNode]) -> list[Any]:
    """The table of contents as nested lists, for the catalog cache: rebuilding it costs a warm start."""
    return [[n.title, n.path, n.folder, toc_to_json(n.children)] for n in nodes]


def toc_from_json(data: Any, depth: int = 0) -> list[TocNode] | None:
    """What ``toc_to_json`` wrote, or None when the cache holds anything else (it is then rebuilt)."""
    if not isinstance(data, list) or depth > 100:
        return None
    nodes: list[TocNode] = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 4 and isinstance(item[0], str)):
            return None
        title, path, folder, children = item
        if not (path is None or isinstance(path, str)) or not isinstance(folder, bool):
            return None
        kids = toc_from_json(children, depth + 1)
        if kids is None:
            return None
        nodes.append(TocNode(title, path, kids, folder))
    return nodes


def toc_rows(nodes: list[TocNode]) -> list[TocRow]:
    """The pages of a table of contents in reading order (groups without a page are left out)."""
    return [TocRow(n.path, n.title, d, p) for n, d, p in walk(nodes) if n.path is not None]
