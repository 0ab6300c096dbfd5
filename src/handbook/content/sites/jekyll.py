"""Jekyll: ``_config.yml`` (``url``, ``baseurl``, ``collections`` in ``collections_dir``, ``exclude``).

``_layouts``, ``_includes``, ``_sass``, ``_site``, ``_data`` and every other ``_name`` are not pages,
except the folders of collections that are output. Collections keep the config's order and names.
"""

from __future__ import annotations

from pathlib import Path

from handbook.content.sites.common import as_str, read_data, repo_from_url, web_url
from handbook.content.sites.model import FolderNav, Site

DEFAULT_EXCLUDE = ["Gemfile", "Gemfile.lock", "node_modules", "vendor", "CHANGELOG.md", "LICENSE.md"]


def detect(source: Path) -> bool:
    return (source / "_config.yml").is_file() or (source / "_config.yaml").is_file()


def build(source: Path) -> Site:
    site = Site("jekyll", str(source), str(source), skip_underscore=True)
    path = source / "_config.yml" if (source / "_config.yml").is_file() else source / "_config.yaml"
    config = read_data(site, path)
    config = config if isinstance(config, dict) else {}
    site.title = as_str(config.get("title"))
    url = web_url(config.get("url"))
    if url:
        baseurl = as_str(config.get("baseurl")) or ""
        site.base_urls.append(url + ("/" + baseurl.strip("/") if baseurl.strip("/") else ""))
    for key in ("github_repository", "repository", "repo_url", "github"):
        repo = repo_from_url(config.get(key))
        if repo is None and isinstance(config.get(key), str) and config[key].count("/") == 1:
            repo = f"https://github.com/{config[key].strip()}"
        if repo:
            site.repo_urls.append(repo)
            break
    for entry in [*DEFAULT_EXCLUDE, *(config.get("exclude") or [])]:
        if isinstance(entry, str) and entry.strip("/"):
            name = entry.strip("/")
            (site.exclude_dirs if (source / name).is_dir() else site.exclude_files).append(name)
    collections_dir = (as_str(config.get("collections_dir")) or "").strip("/")
    collections = config.get("collections")
    names: list[tuple[str, dict[str, object]]] = []
    if isinstance(collections, dict):
        names = [(str(k), v if isinstance(v, dict) else {}) for k, v in collections.items()]
    elif isinstance(collections, list):
        names = [(str(k), {}) for k in collections]
    order: list[str] = []
    for name, options in names:
        folder = f"{collections_dir}/_{name}" if collections_dir else f"_{name}"
        output = options.get("output", name != "posts")
        if not output or not (source / folder).is_dir():
            continue
        site.keep_dirs.append(folder)
        order.append(f"_{name}")
        title = options.get("name") or options.get("title")
        site.folders[folder] = FolderNav(title=title if isinstance(title, str) else None)
        site.url_prefixes["/" + name] = folder
    if collections_dir and order:
        site.folders[collections_dir] = FolderNav(order=[*order, "..."], inline=True)
    elif order:
        site.folders[""] = FolderNav(order=["...", *order])
    if (source / "_data").is_dir():
        site.data_dirs.append(str(source / "_data"))
    return site
