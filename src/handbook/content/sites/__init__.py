"""Site adapters: a cloned website repository seen as its site shows it (no Textual here).

``detect`` reads a few config files (never every page) and answers, as a :class:`Site`: the content
root, which files are pages, the nav, the landing page, the site's own URLs and redirects. The
catalog caches the result with a stamp of every file read, so a change to any of them rebuilds it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from handbook.content.model import PageInfo
from handbook.content.sites import (
    contentdir,
    docsify,
    docusaurus,
    gitbook,
    hugo,
    jekyll,
    mdbook,
    mkdocs,
    nextjs,
    parents,
    plain,
    toc,
)
from handbook.content.sites.common import repo_from_url
from handbook.content.sites.model import FolderNav, NavNode, Site
from handbook.content.sites.toc import TocNode, TocRow, toc_rows, walk

__all__ = [
    "KINDS",
    "FolderNav",
    "NavNode",
    "Site",
    "TocNode",
    "TocRow",
    "build_toc",
    "detect",
    "probe",
    "read_folder_navs",
    "stamps_current",
    "toc_rows",
    "walk",
]

SITE_VERSION = 4  # bump when an adapter reads config differently: cached Sites are rebuilt

KINDS: dict[str, Callable[[Path], Site]] = {
    "mkdocs": mkdocs.build,
    "mdbook": mdbook.build,
    "gitbook": gitbook.build,
    "docusaurus": docusaurus.build,
    "hugo": hugo.build,
    "jekyll": jekyll.build,
    "jupyterbook": docsify.build_jupyter,
    "docsify": docsify.build_docsify,
    "nextjs": nextjs.build,
    "content-folder": contentdir.build,
    "plain": plain.build,
}

# Detection looks at these names only; their stamps tell whether a cached Site is still right.
PROBE_NAMES = [
    *mkdocs.CONFIG_NAMES,
    "book.toml",
    ".gitbook.yaml",
    "SUMMARY.md",
    *docusaurus.CONFIG_NAMES,
    *docusaurus.SIDEBAR_NAMES,
    *hugo.CONFIG_NAMES,
    "config/_default",
    "_config.yml",
    "_config.yaml",
    "_toc.yml",
    "_sidebar.md",
    "docs/_sidebar.md",
    "README.md",
    ".git/config",
    *contentdir.FOLDERS,
    *nextjs.CONFIG_NAMES,
    *nextjs.THEME_NAMES,
    *nextjs.PAGE_ROOTS,
    *nextjs.APP_ROOTS,
    "layouts",
    "archetypes",
    "themes",
    "data",
    "_data",
    "src/data",
    "../data",
    "../_data",
    "../.git",
]
# Data folders (glossaries and the like) of a repository whose site names none of its own.
DATA_FOLDERS = ("data", "_data", "src/data")
# What makes the folder around an opened one a site repository (the user opened its content/).
REPO_MARKERS = (".git", "package.json", *hugo.CONFIG_NAMES, "_config.yml", "mkdocs.yml", "book.toml")


def _detect_kind(source: Path) -> str:
    if mkdocs.detect(source):
        return "mkdocs"
    if mdbook.detect(source):
        return "mdbook"
    if (source / ".gitbook.yaml").is_file():
        return "gitbook"
    if docusaurus.detect(source):
        return "docusaurus"
    if hugo.detect(source):
        return "hugo"
    if jekyll.detect(source):
        return "jekyll"
    if docsify.jupyter_root(source):
        return "jupyterbook"
    if docsify.docsify_root(source):
        return "docsify"
    if gitbook.detect(source):
        return "gitbook"
    if nextjs.detect(source):
        return "nextjs"
    if contentdir.content_folder(source):
        return "content-folder"
    return "plain"


def detect(source: Path, override: str | None = None) -> Site:
    """The site a folder builds: the adapter chosen by its config files, or the one ``override`` names."""
    source = source.resolve()
    problems: list[str] = []
    kind = override.strip().lower() if override else None
    if kind is not None and kind not in KINDS:
        problems.append(f"site = {override!r} in the config file is not one of: {', '.join(KINDS)}")
        kind = None
    site = KINDS[kind or _detect_kind(source)](source)
    site.problems[:0] = problems
    if not site.data_dirs:
        site.data_dirs = _data_dirs(source, Path(site.root))
    if not site.repo_urls:
        remote = _git_remote(source)
        if remote:
            site.repo_urls.append(remote)
    return site


def _data_dirs(source: Path, root: Path) -> list[str]:
    """The repository's data folders beside the content root; for a folder opened inside a site
    repository (its ``content/``), the repository's. Folders inside the content root are its own."""
    repo = source
    if source == root and any((source.parent / m).exists() for m in REPO_MARKERS):
        repo = source.parent
    found = [repo / name for name in DATA_FOLDERS if (repo / name).is_dir()]
    return [str(f) for f in found if not f.resolve().is_relative_to(root)]


def _git_remote(source: Path) -> str | None:
    """The ``origin`` of a clone (read from ``.git/config`` as data): links into it are links home."""
    import configparser  # only when a site is detected: a warm open reads the cached Site

    config_file = source / ".git" / "config"
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read(config_file, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return None
    for section in ('remote "origin"', *parser.sections()):
        if parser.has_option(section, "url"):
            return repo_from_url(parser.get(section, "url"))
    return None


def probe(source: Path, override: str | None) -> dict[str, object]:
    """What a cached Site depends on besides the files it read: which config names exist, and how big."""
    found: dict[str, object] = {"version": SITE_VERSION, "override": override}
    for name in PROBE_NAMES:
        try:
            st = os.stat(source / name)
        except OSError:
            continue
        found[name] = "dir" if os.path.isdir(source / name) else [st.st_size, st.st_mtime_ns]
    return found


def stamps_current(site: Site) -> bool:
    """Whether every file the Site was built from is unchanged."""
    for rel, (size, mtime_ns) in site.stamps.items():
        try:
            st = os.stat(Path(site.source) / rel)
        except OSError:
            return False
        if st.st_size != size or st.st_mtime_ns != mtime_ns:
            return False
    return True


def build_toc(site: Site, pages: list[PageInfo]) -> tuple[list[TocNode], list[str]]:
    """The site's table of contents over ``pages`` (its nav, its ``parent`` titles, else its folders),
    and the nav problems found."""
    if parents.uses_parents(site, pages):
        return parents.parent_toc(site, pages)
    return toc.build_toc(site, pages)


def read_folder_navs(site: Site, files: dict[str, list[int]]) -> None:
    """Per-folder nav files the scan found (``.pages``, ``_category_.json``), read into ``site.folders``."""
    if site.kind == "mkdocs":
        mkdocs.read_folder_navs(site, files)
    elif site.kind == "docusaurus":
        docusaurus.read_folder_navs(site, files)
    elif site.kind == "nextjs":
        nextjs.read_folder_navs(site, files)
