"""Docsify (``_sidebar.md`` beside ``index.html``) and Jupyter Book (``_toc.yml``): nav files only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handbook.content.sites.common import parse_list_nav, read_data, read_text
from handbook.content.sites.model import NavNode, Site


def docsify_root(source: Path) -> Path | None:
    for folder in (source, source / "docs"):
        if (folder / "_sidebar.md").is_file():
            return folder
    return None


def build_docsify(source: Path) -> Site:
    root = docsify_root(source) or source
    site = Site("docsify", str(source), str(root))
    site.repo_subdir = root.relative_to(source).as_posix() if root != source else ""
    site.exclude_names = ["_sidebar.md", "_navbar.md", "_coverpage.md"]
    text = read_text(site, root / "_sidebar.md")
    if text is not None:
        site.nav = parse_list_nav(text)
    if (root / "README.md").is_file():
        site.landing = "README.md"
    return site


def jupyter_root(source: Path) -> Path | None:
    for folder in (source, source / "book", source / "docs"):
        if (folder / "_toc.yml").is_file():
            return folder
    return None


def build_jupyter(source: Path) -> Site:
    root = jupyter_root(source) or source
    site = Site("jupyterbook", str(source), str(root))
    site.repo_subdir = root.relative_to(source).as_posix() if root != source else ""
    data = read_data(site, root / "_toc.yml")
    if not isinstance(data, dict):
        return site
    nav: list[NavNode] = []
    if isinstance(data.get("root"), str):
        nav.append(NavNode(None, data["root"]))
        site.landing = data["root"]
    nav += _entries(data)
    site.nav = nav
    return site


def _entries(data: dict[str, Any]) -> list[NavNode]:
    out: list[NavNode] = []
    for part in data.get("parts") or []:
        if isinstance(part, dict):
            out.append(NavNode(str(part.get("caption") or "") or None, None, _entries(part)))
    for key in ("chapters", "sections"):
        for entry in data.get(key) or []:
            if isinstance(entry, dict) and isinstance(entry.get("file"), str):
                title = entry.get("title")
                node = NavNode(title if isinstance(title, str) else None, entry["file"], _entries(entry))
                out.append(node)
    return out
