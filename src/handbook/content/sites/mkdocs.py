"""MkDocs: ``mkdocs.yml`` (``docs_dir``, ``nav``, ``site_url``, ``repo_url``) and awesome-pages ``.pages``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handbook.content.sites.common import as_str, read_data, repo_from_url, web_url
from handbook.content.sites.model import FolderNav, NavNode, Site

CONFIG_NAMES = ["mkdocs.yml", "mkdocs.yaml"]
FOLDER_NAV_NAMES = [".pages", ".pages.yml", ".pages.yaml", ".nav.yml", ".nav.yaml"]


def detect(source: Path) -> bool:
    return any((source / n).is_file() for n in CONFIG_NAMES)


def build(source: Path) -> Site:
    site = Site("mkdocs", str(source), str(source))
    config_path = next(source / n for n in CONFIG_NAMES if (source / n).is_file())
    config = read_data(site, config_path)
    config = config if isinstance(config, dict) else {}
    docs_dir = as_str(config.get("docs_dir")) or "docs"
    root = (source / docs_dir).resolve()
    if not root.is_dir() or not root.is_relative_to(source):
        site.problems.append(f"mkdocs.yml: docs_dir {docs_dir!r} is not a folder of this repository")
        root = source
    site.root = str(root)
    site.repo_subdir = root.relative_to(source).as_posix() if root != source else ""
    site.title = as_str(config.get("site_name"))
    base = web_url(config.get("site_url"))
    if base:
        site.base_urls.append(base)
    repo = repo_from_url(config.get("repo_url"))
    if repo:
        site.repo_urls.append(repo)
    if config.get("nav") is not None:
        site.nav = _nav(config.get("nav"), site)
    site.nav_file_names = list(FOLDER_NAV_NAMES)
    for plugin in config.get("plugins") or []:
        name = (
            plugin if isinstance(plugin, str) else next(iter(plugin), "") if isinstance(plugin, dict) else ""
        )
        options = plugin.get(name) if isinstance(plugin, dict) else None
        if name == "redirects" and isinstance(options, dict):
            maps = options.get("redirect_maps")
            for old, new in maps.items() if isinstance(maps, dict) else []:
                if isinstance(old, str) and isinstance(new, str):
                    site.redirects["/" + _url_of(old)] = new
    return site


def _url_of(path: str) -> str:
    """The directory URL MkDocs gives a page path: ``a/b.md`` → ``a/b``, ``a/index.md`` → ``a``."""
    stem = path.rsplit(".", 1)[0]
    if stem.rpartition("/")[2].lower() in ("index", "readme"):
        stem = stem.rpartition("/")[0]
    return stem.strip("/")


def _nav(items: Any, site: Site) -> list[NavNode]:
    out: list[NavNode] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            out.append(NavNode(None, item.strip("/")))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    external = value.startswith(("http://", "https://", "//"))
                    if not external:
                        out.append(NavNode(str(title), value.strip("/")))
                elif isinstance(value, list):
                    out.append(NavNode(str(title), None, _nav(value, site)))
        else:
            site.problems.append(f"mkdocs.yml: nav entry {item!r} is not understood")
    return out


def read_folder_navs(site: Site, files: dict[str, list[int]]) -> None:
    """awesome-pages: each ``.pages`` orders its folder (``...`` = the rest) and may title it."""
    site.folders = {}
    for rel in sorted(files):
        folder = rel.rpartition("/")[0]
        data = read_data(site, Path(site.root) / rel)
        if not isinstance(data, dict):
            continue
        nav = FolderNav(title=as_str(data.get("title")))
        entries = data.get("nav") or data.get("arrange") or []
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, str):
                nav.order.append(entry.strip("/") if entry.strip() != "..." else "...")
            elif isinstance(entry, dict) and len(entry) == 1:
                title, value = next(iter(entry.items()))
                if isinstance(value, str) and not value.startswith(("http://", "https://")):
                    nav.order.append(value.strip("/"))
                    nav.titles[value.strip("/")] = str(title)
            elif entry is not None:
                site.problems.append(f"{rel}: nav entry {entry!r} is not understood")
        site.folders[folder] = nav
