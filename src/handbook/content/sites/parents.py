"""Jekyll's just-the-docs nav: pages nest under the page whose *title* their front matter names.

A page's ``parent`` is another page's title (``grand_parent`` tells same-titled parents apart), not
its folder: a page without ``parent`` is top level wherever its file is. Siblings are ordered by
numeric ``nav_order``, then string ``nav_order``, then title (as just-the-docs sorts them).
Collections keep their own section, after the site's own pages, as the config lists them.
"""

from __future__ import annotations

from typing import Any

from handbook.content.model import PageInfo
from handbook.content.sites.model import FolderNav, Site
from handbook.content.sites.toc import TocNode, nav_title, title_from_name


def uses_parents(site: Site, pages: list[PageInfo]) -> bool:
    """Whether the site builds its nav from ``parent`` front matter (a just-the-docs Jekyll site)."""
    return site.kind == "jekyll" and any(_text(p.meta.get("parent")) for p in pages)


def parent_toc(site: Site, pages: list[PageInfo]) -> tuple[list[TocNode], list[str]]:
    """The table of contents by ``parent`` titles, and the parents that name no page."""
    groups: dict[str, list[PageInfo]] = {}
    for info in pages:
        group = next((d for d in site.keep_dirs if info.path.startswith(d + "/")), "")
        groups.setdefault(group, []).append(info)
    problems: list[str] = []
    top = _tree(groups.get("", []), problems)
    for folder in site.keep_dirs:
        if folder in groups:
            nav = site.folders.get(folder, FolderNav())
            title = nav.title or title_from_name(folder.rpartition("/")[2])
            top.append(TocNode(title, None, _tree(groups[folder], problems), folder=True))
    return top, problems


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _order(info: PageInfo) -> tuple[Any, ...]:
    raw = info.meta.get("nav_order")
    if info.weight is not None:
        return (0, info.weight, "", info.title, info.path)
    if _text(raw):
        return (1, 0, str(raw), info.title, info.path)
    return (2, 0, "", info.title, info.path)


def _parent_of(info: PageInfo, by_title: dict[str, list[PageInfo]], problems: list[str]) -> str | None:
    wanted = _text(info.meta.get("parent"))
    if wanted is None:
        return None
    candidates = [p for p in by_title.get(wanted, []) if p.path != info.path]
    grand = _text(info.meta.get("grand_parent"))
    if grand is not None and len(candidates) > 1:
        candidates = [p for p in candidates if _text(p.meta.get("parent")) == grand] or candidates
    if not candidates:
        problems.append(f"{info.path}: parent {wanted!r} is not the title of a page")
        return None
    # Same-titled parents left: the one whose folder holds this page, closest first.
    near = [p for p in candidates if info.path.startswith(p.folder + "/" if p.folder else "")]
    chosen = max(near, key=lambda p: len(p.folder)) if near else candidates[0]
    return chosen.path


def _tree(pages: list[PageInfo], problems: list[str]) -> list[TocNode]:
    by_title: dict[str, list[PageInfo]] = {}
    for info in pages:
        by_title.setdefault(info.title, []).append(info)
    children: dict[str | None, list[PageInfo]] = {}
    for info in pages:
        children.setdefault(_parent_of(info, by_title, problems), []).append(info)
    placed: set[str] = set()

    def attach(key: str | None, into: list[TocNode]) -> None:
        for info in sorted(children.get(key, []), key=_order):
            if info.path in placed:
                continue
            placed.add(info.path)
            node = TocNode(nav_title(info), info.path)
            into.append(node)
            attach(info.path, node.children)

    top: list[TocNode] = []
    attach(None, top)
    cycle = [info for info in pages if info.path not in placed]
    for info in sorted(cycle, key=_order):  # parents naming each other: shown at the top level
        if info.path not in placed:
            problems.append(f"{info.path}: its parent {info.meta.get('parent')!r} is also its child")
            placed.add(info.path)
            node = TocNode(nav_title(info), info.path)
            top.append(node)
            attach(info.path, node.children)
    return top
