"""A catalog for the first paint, made without looking at every file of the handbook.

Building a catalog stats every page (a warm open) or reads the head of every page (a cold one: seconds
on a 4,000-page handbook). The app shows its first page before that: from the catalog cache as it was
last saved, else from the few pages at the content root (and the page asked for). The app then opens
the handbook properly in the background and takes the real catalog when it differs.
"""

from __future__ import annotations

import os
from pathlib import Path

from handbook.content.catalog import Catalog, _is_page
from handbook.content.catalog_cache import cached_pages, cached_toc, cached_web, load_cache
from handbook.content.model import LANDING_NAMES, PAGE_SUFFIXES, PageInfo
from handbook.content.sites import Site, detect, probe

MAX_ROOT_PAGES = 50  # a content root with more pages than this is read by the real catalog only


def cached_catalog(source: Path, cache_file: Path, site: str | None) -> Catalog | None:
    """The catalog as the cache last saw it (no page looked at), or None without a usable cache."""
    data = load_cache(cache_file)
    if not data or data.get("probe") != probe(source, site) or not isinstance(data.get("site"), dict):
        return None
    try:
        found_site = Site.from_json(data["site"])
    except (TypeError, ValueError):
        return None
    root, pages = data.get("root"), cached_pages(data)
    toc, web = cached_toc(data), cached_web(data)
    if not isinstance(root, str) or not pages or toc is None or web is None:
        return None
    return Catalog(Path(root), pages, found_site, toc, web, ordered=True)


def front_pages(source: Path, site: str | None, wanted: str | None) -> Catalog | None:
    """The pages at the content root, and the page ``wanted`` if it names a file: enough to show the
    front page (or that page) while the real catalog is built. None when there is nothing to show."""
    found_site = detect(source, site)
    root = Path(found_site.root)
    try:
        with os.scandir(root) as entries:
            names = [e.name for e in entries if _is_page(e.name) and not e.name.startswith(".")]
    except OSError:
        return None
    names = [n for n in sorted(names) if _inside(root, n)][:MAX_ROOT_PAGES]
    if wanted:
        names += [n for n in _wanted_files(root, wanted) if n not in names]
    from handbook.content.page_head import read_info  # the normaliser: not for a cached first look

    pages: list[PageInfo] = []
    for rel in names:
        if not found_site.is_page(rel):
            continue
        try:
            st = (root / rel).stat()
            pages.append(read_info(root, rel, st.st_size, st.st_mtime_ns))
        except OSError:
            continue
    if not pages:
        return None
    return Catalog(root, pages, found_site, None, ([], []))


def _wanted_files(root: Path, wanted: str) -> list[str]:
    """The file a page argument names directly (``ops/deploys``, ``ops/deploys.md``, ``ops/``)."""
    rel = wanted.partition("#")[0].strip().strip("/")
    if not rel or ".." in rel.split("/"):
        return []
    candidates = [rel] if rel.lower().endswith(PAGE_SUFFIXES) else []
    candidates += [rel + suffix for suffix in PAGE_SUFFIXES]
    candidates += [f"{rel}/{name}{suffix}" for name in LANDING_NAMES for suffix in PAGE_SUFFIXES]
    return [c for c in candidates if _inside(root, c)][:1]


def _inside(root: Path, rel: str) -> bool:
    """A regular file of the handbook: never one linked from outside it, never a FIFO."""
    real_root, real = os.path.realpath(root), os.path.realpath(root / rel)
    return os.path.commonpath([real_root, real]) == real_root and os.path.isfile(real)
