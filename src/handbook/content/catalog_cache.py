"""The catalog's cache file: what a previous run found, read back only when its shape is right.

One JSON file per handbook in its cache folder, read once: the site, every page in the catalog's
order as columns (path, title, size, mtime, weight, meta), the table of contents, the site's own URLs,
and the mtime of every folder the scan went into. The web links of each page (megabytes on a big
handbook, needed only to work the site's URLs out again) are kept apart in ``catalog-links.json``.

A warm open trusts the cache without listing a folder: a page added, removed or renamed changes the
mtime of its folder, and an edit changes the page's own size or mtime, so one stat per folder and one
per page tell whether anything changed (``unchanged``). A folder stamped too close to the scan that
recorded it could have changed within the same clock tick: it is not trusted, and the next open
scans. Anything of another version or shape is ignored (and rebuilt): a cache is never worth an error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from handbook.content.model import PageInfo
from handbook.content.sites import Site, TocNode
from handbook.content.sites.toc import toc_from_json
from handbook.files import write_atomic

# Bump when title/order extraction or this file's layout changes: older caches are then read afresh.
CATALOG_VERSION = 6
LINKS_FILE = "catalog-links.json"
# A folder whose mtime is this close to the scan that recorded it is not trusted (a file added in the
# same tick of the file system's clock leaves the mtime as it was; FAT's tick is 2 s).
RACY_NS = 3_000_000_000
COLUMNS = ("path", "title", "size", "mtime_ns", "weight", "meta")


def cache_version() -> str:
    from handbook import __version__

    return f"{CATALOG_VERSION}/{__version__}"


def load_cache(cache_file: Path) -> dict[str, Any]:
    try:
        data = json.loads(cache_file.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != cache_version():
        return {}
    return data


def cached_site(data: dict[str, Any]) -> Site | None:
    """The Site the cache was made with, if every file it was read from is as it was then."""
    from handbook.content.sites import stamps_current

    if not isinstance(data.get("site"), dict):
        return None
    try:
        site = Site.from_json(data["site"])
    except (TypeError, ValueError):
        return None
    return site if stamps_current(site) else None


def cached_pages(data: dict[str, Any]) -> list[PageInfo] | None:
    """Every page as the cache holds it (in the catalog's order), or None for any other shape."""
    columns = data.get("pages")
    if not isinstance(columns, dict):
        return None
    paths, titles, sizes, mtimes, weights, metas = (columns.get(c) for c in COLUMNS)
    if not all(isinstance(c, list) for c in (paths, titles, sizes, mtimes, weights, metas)):
        return None
    assert isinstance(paths, list) and isinstance(titles, list) and isinstance(sizes, list)
    assert isinstance(mtimes, list) and isinstance(weights, list) and isinstance(metas, list)
    count = len(paths)
    if not all(len(c) == count for c in (titles, sizes, mtimes, weights, metas)):
        return None
    if not (
        all(type(p) is str for p in paths)
        and all(type(t) is str for t in titles)
        and all(type(n) is int for n in sizes)
        and all(type(n) is int for n in mtimes)
        and all(w is None or type(w) in (int, float) for w in weights)
        and all(type(m) is dict for m in metas)
    ):
        return None
    return list(map(PageInfo, paths, titles, sizes, mtimes, weights, metas))


def cached_toc(data: dict[str, Any]) -> tuple[list[TocNode], list[str]] | None:
    toc = data.get("toc")
    if not isinstance(toc, dict):
        return None
    nodes = toc_from_json(toc.get("nodes"))
    problems = toc.get("problems")
    if nodes is None or not isinstance(problems, list) or not all(isinstance(p, str) for p in problems):
        return None
    return nodes, problems


def cached_web(data: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]] | None:
    web = data.get("web")
    if not isinstance(web, dict):
        return None
    bases, repos = web.get("bases"), web.get("repos")
    if not (isinstance(bases, list) and isinstance(repos, list)):
        return None
    if not all(isinstance(b, list) and len(b) == 2 and all(isinstance(x, str) for x in b) for b in bases):
        return None
    if not all(isinstance(r, str) for r in repos):
        return None
    return [(b[0], b[1]) for b in bases], repos


def unchanged(data: dict[str, Any], pages: list[PageInfo]) -> bool:
    """Whether no page was added, removed or edited since the cache was saved: one stat per folder
    (its mtime moves when an entry is added, removed or renamed) and one per page (size and mtime)."""
    root, folders, scanned_at = data.get("root"), data.get("folders"), data.get("scanned_at")
    if not (isinstance(root, str) and isinstance(folders, dict) and type(scanned_at) is int) or not folders:
        return False
    if not all(type(m) is int and m < scanned_at - RACY_NS for m in folders.values()):
        return False  # stamped in the same moment as the scan: an entry added then would not show
    try:
        with _stat_under(root) as stat:
            for rel, mtime_ns in folders.items():
                if stat(rel or ".").st_mtime_ns != mtime_ns:
                    return False
            for info in pages:
                st = stat(info.path)
                if st.st_mtime_ns != info.mtime_ns or st.st_size != info.size:
                    return False
    except (OSError, ValueError):  # gone, unreadable, or a name the OS cannot take
        return False
    return True


@contextmanager
def _stat_under(root: str) -> Iterator[Callable[[str], os.stat_result]]:
    """``stat`` of paths relative to ``root``: through a descriptor of the root where the OS allows
    it (a third less time than absolute paths on 4,000 pages), else by joining."""
    if os.stat not in os.supports_dir_fd:
        yield lambda rel: os.stat(os.path.join(root, rel))
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        yield lambda rel: os.stat(rel, dir_fd=fd)
    finally:
        os.close(fd)


def read_links(cache_file: Path) -> dict[str, list[str]]:
    """Each page's web links as last saved (only to work the site's URLs out again)."""
    try:
        data = json.loads(cache_file.with_name(LINKS_FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    links = data.get("links") if isinstance(data, dict) and data.get("version") == cache_version() else None
    if not isinstance(links, dict):
        return {}
    return {k: v for k, v in links.items() if isinstance(v, list) and all(isinstance(u, str) for u in v)}


def save_cache(
    cache_file: Path,
    root: Path,
    pages: list[PageInfo],
    site: Site,
    site_probe: dict[str, Any],
    extra: dict[str, Any],
) -> None:
    """``pages`` in the catalog's order; their ``_links`` go to the links file. Best effort: a
    read-only cache dir only costs speed, never a failure."""
    links: dict[str, list[str]] = {}
    metas: list[dict[str, Any]] = []
    for info in pages:
        meta = info.meta
        if "_links" in meta:
            links[info.path] = meta["_links"]
            meta = {k: v for k, v in meta.items() if k != "_links"}
        metas.append(meta)
    columns = {
        "path": [p.path for p in pages],
        "title": [p.title for p in pages],
        "size": [p.size for p in pages],
        "mtime_ns": [p.mtime_ns for p in pages],
        "weight": [p.weight for p in pages],
        "meta": metas,
    }
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        version = cache_version()
        write_atomic(
            cache_file.with_name(LINKS_FILE),
            json.dumps({"version": version, "links": links}, separators=(",", ":")),
        )
        payload = {
            "version": version,
            "root": str(root),
            "probe": site_probe,
            "site": site.to_json(),
            "pages": columns,
            **extra,
        }
        write_atomic(cache_file, json.dumps(payload, separators=(",", ":")))
    except OSError:
        return
