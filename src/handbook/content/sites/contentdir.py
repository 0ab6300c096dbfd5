"""A repository whose ``content/``, ``contents/`` or ``docs/`` folder holds most of the Markdown (a
Gatsby site, or a Next.js site its adapter finds no pages for).

That folder is the content root; the rest of the repository (app code, ``data/``, templates) is not.
A README that lists the pages as links gives their order.
"""

from __future__ import annotations

from pathlib import Path

from handbook.content.sites.common import count_pages, declare_js_site_urls, parse_list_nav, read_text
from handbook.content.sites.model import NavNode, Site

FOLDERS = ["content", "contents", "docs", "src/content", "handbook"]


def content_folder(source: Path) -> Path | None:
    """The folder holding most Markdown, judged on counts capped to keep detection cheap."""
    total = None
    for name in FOLDERS:
        folder = source / name
        if not folder.is_dir():
            continue
        inside = count_pages(folder)
        if inside < 2:
            continue
        if total is None:
            total = count_pages(source, limit=2000)
        if inside * 2 > total or inside >= 400:
            return folder
    return None


def build(source: Path) -> Site:
    folder = content_folder(source) or source
    site = Site("content-folder", str(source), str(folder))
    sub = folder.relative_to(source).as_posix()
    site.repo_subdir = sub if folder != source else ""
    declare_js_site_urls(site, source)
    for data in ("data", "_data", "src/data"):
        if (source / data).is_dir():
            site.data_dirs.append(str(source / data))
    site.nav = readme_nav(site, source, sub)
    return site


def readme_nav(site: Site, source: Path, sub: str) -> list[NavNode] | None:
    """The repository README's list of links into the content folder ``sub``, when it lists 3 or more."""
    readme = next((source / n for n in ("README.md", "readme.md") if (source / n).is_file()), None)
    text = read_text(site, readme) if readme else None
    if text:
        nav = _under(parse_list_nav(text), sub)
        if _count(nav) >= 3:
            return nav
    return None


def _under(nodes: list[NavNode], sub: str) -> list[NavNode]:
    """README links written from the repository root, kept when they lead into the content folder."""
    out: list[NavNode] = []
    for node in nodes:
        children = _under(node.children, sub)
        path = node.path
        if path is not None:
            path = path[len(sub) + 1 :] if path.startswith(sub + "/") else None
        if path is not None or children:
            out.append(NavNode(node.title, path, children))
    return out


def _count(nodes: list[NavNode]) -> int:
    return sum((1 if n.path else 0) + _count(n.children) for n in nodes)
