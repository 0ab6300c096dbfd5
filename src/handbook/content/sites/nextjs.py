"""Next.js sites: Nextra 2/3 (``pages/``), Nextra 4 (``content/``), App Router (``app/**/page.mdx``)
and plain Next.js sites that keep their Markdown in a folder.

Config is read as text, never run: ``next.config.*`` for a plain-string ``basePath``, the Nextra theme
config (or the App Router layout) for the logo's text, the repository and the site's URL. Order and
titles come from Nextra's ``_meta`` files (JSON, or JS/TS read as literals by ``js_literal``): keys in
order, unlisted pages after them, ``display: 'hidden'`` out of the nav, separators and links skipped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from handbook.content.js_literal import default_export
from handbook.content.sites.common import (
    count_pages,
    declare_js_site_urls,
    js_string,
    read_data,
    read_text,
    repo_from_url,
    web_url,
)
from handbook.content.sites.contentdir import content_folder, readme_nav
from handbook.content.sites.model import FolderNav, Site

CONFIG_NAMES = ["next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"]
THEME_NAMES = ["theme.config.jsx", "theme.config.tsx", "theme.config.js", "theme.config.ts"]
LAYOUT_NAMES = [f"{app}/layout.{ext}" for app in ("app", "src/app") for ext in ("jsx", "tsx", "js", "ts")]
SITEMAP_NAMES = ["next-sitemap.config.js", "next-sitemap.config.cjs", "next-sitemap.config.mjs"]
META_NAMES = ["_meta.js", "_meta.jsx", "_meta.ts", "_meta.tsx", "_meta.mjs", "_meta.json", "meta.json"]
PAGE_ROOTS = ["pages", "content", "src/pages", "src/content"]  # first that holds Markdown
APP_ROOTS = ["app", "src/app"]
APP_PAGE = "page"  # the App Router's page file: app/docs/setup/page.mdx is /docs/setup
NOT_PAGES = ["api", "public", "out"]  # API routes, static files, a static export
MAX_APP_SCAN = 5000  # entries looked at to tell whether app/ holds page.mdx files

_LOGO_TEXT = re.compile(r"\blogo\s*[:=]\s*\{?\s*\(?\s*<(\w+)[^<>]*>([^<>{}]+)</\1\s*>")


def detect(source: Path) -> bool:
    return any((source / n).is_file() for n in (*CONFIG_NAMES, *THEME_NAMES))


def build(source: Path) -> Site:
    site = Site("nextjs", str(source), str(source))
    texts = [read_text(site, source / n) or "" for n in (*CONFIG_NAMES, *THEME_NAMES, *LAYOUT_NAMES)]
    texts = [t for t in texts if t]
    config = "\n".join(texts)
    root, app = _content_root(source)
    site.root = str(root)
    site.repo_subdir = root.relative_to(source).as_posix() if root != source else ""
    site.skip_underscore = True  # _app, _document, _meta, private _folders
    site.exclude_dirs = list(NOT_PAGES)
    site.nav_file_names = list(META_NAMES)
    if app:
        site.page_stems = [APP_PAGE]
    for prefix_key in ("basePath", "contentDirBasePath"):
        prefix = js_string(config, prefix_key)
        if prefix and prefix.strip("/"):
            site.url_prefixes["/" + prefix.strip("/")] = ""
    for key in ("docsRepositoryBase", "link"):
        repo = repo_from_url(js_string(config, key))
        if repo and repo not in site.repo_urls:
            site.repo_urls.append(repo)
    for text in (config, *(read_text(site, source / n) or "" for n in SITEMAP_NAMES)):
        base = web_url(js_string(text, "siteUrl") or js_string(text, "metadataBase"))
        m = re.search(r"metadataBase\s*:\s*new\s+URL\(\s*['\"`](https?://[^'\"`\s]+)", text)
        base = base or (web_url(m.group(1)) if m else None)
        if base and base not in site.base_urls:
            site.base_urls.append(base)
    declare_js_site_urls(site, source)  # CNAME, package.json homepage
    logo = _LOGO_TEXT.search(config)
    site.title = " ".join(logo.group(2).split()) if logo else js_string(config, "logo")
    if root.name != "pages" and not app and not any((root / n).is_file() for n in META_NAMES):
        site.nav = readme_nav(site, source, site.repo_subdir)  # a plain Next.js site's README contents
    for name in (f"{APP_PAGE}.mdx", f"{APP_PAGE}.md") if app else ("index.mdx", "index.md"):
        if (root / name).is_file():
            site.landing = name
            break
    return site


def _content_root(source: Path) -> tuple[Path, bool]:
    """Where the pages are, and whether that is an App Router ``app/`` folder (pages are page.mdx)."""
    for name in PAGE_ROOTS:
        folder = source / name
        if folder.is_dir() and count_pages(folder, limit=1) > 0:
            return folder, False
    for name in APP_ROOTS:
        folder = source / name
        if folder.is_dir() and _has_app_pages(folder):
            return folder, True
    return content_folder(source) or source, False


def _has_app_pages(folder: Path) -> bool:
    """Whether an ``app/`` folder has ``page.mdx``/``page.md`` files (looked for in a bounded walk)."""
    seen = 0
    stack = [folder]
    while stack and seen < MAX_APP_SCAN:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if entry.name.startswith(".") or entry.name == "node_modules":
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.lower() in (f"{APP_PAGE}.mdx", f"{APP_PAGE}.md"):
                return True
    return False


# --------------------------------------------------------------------------------------------------
# _meta files


def read_folder_navs(site: Site, files: dict[str, list[int]]) -> None:
    """Each folder's ``_meta`` file: the order of its entries, their titles, which are hidden."""
    site.folders = {}
    inline: list[str] = []
    for rel in sorted(files, key=lambda r: (r.rpartition("/")[0], META_NAMES.index(r.rpartition("/")[2]))):
        folder = rel.rpartition("/")[0]
        if folder in site.folders:
            continue  # _meta.js beside _meta.json: the first name in META_NAMES wins
        data = _read_meta(site, Path(site.root) / rel)
        if data is None:
            continue
        nav = FolderNav()
        for key, value in data.items():
            entry = _entry(key, value)
            if entry is None:
                continue
            title, hidden, children_inline = entry
            nav.order.append(key)
            if title:
                nav.titles[key] = title
            if hidden:
                nav.hidden.append(key)
            if children_inline:
                inline.append(f"{folder}/{key}" if folder else key)
        if not folder and "index" in nav.titles:
            nav.title = nav.titles["index"]  # the home page's title in the nav
        site.folders[folder] = nav
    for folder in inline:
        site.folders.setdefault(folder, FolderNav()).inline = True


def _read_meta(site: Site, path: Path) -> dict[str, Any] | None:
    if path.suffix == ".json":
        data = read_data(site, path)
        return data if isinstance(data, dict) else None
    text = read_text(site, path)
    if text is None:
        return None
    data = default_export(text)
    if data is None:
        site.problems.append(f"{path.name} in {path.parent.name or '.'}/: no plain object exported")
    return data


def _entry(key: str, value: Any) -> tuple[str | None, bool, bool] | None:
    """(title, hidden, children shown inline) of one ``_meta`` entry; None for what is not a page:
    a separator, an external link, Nextra 2's ``*`` defaults."""
    if key.startswith("*") or key.startswith("---"):
        return None
    if isinstance(value, str):
        return value.strip() or None, False, False
    if not isinstance(value, dict):
        return None, False, False
    if value.get("type") == "separator" or isinstance(value.get("href"), str):
        return None
    title = value.get("title")
    hidden = value.get("display") == "hidden" or value.get("hidden") is True
    inline = value.get("display") == "children"
    return (title.strip() or None) if isinstance(title, str) else None, hidden, inline
