"""The catalog's cache file: what a previous run found, read back only when its shape is right.

One JSON file per handbook in its cache folder: the site, each page's title/size/mtime/weight/meta,
the table of contents and the site's own URLs. Anything of another version or shape is ignored (and
rebuilt): a cache is never worth an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from handbook.content.sites import Site, TocNode
from handbook.content.sites.toc import toc_from_json
from handbook.files import write_atomic

# Bump when title/order extraction changes: entries cached by older code are then re-read.
CATALOG_VERSION = 5


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


def valid_entry(entry: Any) -> bool:
    """[title, size, mtime_ns, weight, meta], as save_cache writes it: anything else is read afresh."""
    return (
        isinstance(entry, list)
        and len(entry) == 5
        and isinstance(entry[0], str)
        and all(isinstance(n, int) and not isinstance(n, bool) for n in entry[1:3])
        and (entry[3] is None or isinstance(entry[3], (int, float)))
        and isinstance(entry[4], dict)
    )


def cache_version() -> str:
    from handbook import __version__

    return f"{CATALOG_VERSION}/{__version__}"


def load_cache(cache_file: Path) -> dict[str, Any]:
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != cache_version():
        return {}
    return data


def save_cache(
    cache_file: Path,
    root: Path,
    pages: dict[str, list[Any]],
    site: Site,
    site_probe: dict[str, Any],
    extra: dict[str, Any],
) -> None:
    """Best effort: a read-only cache dir only costs speed, never a failure."""
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {
                "version": cache_version(),
                "root": str(root),
                "probe": site_probe,
                "site": site.to_json(),
                "pages": pages,
                **extra,
            }
        )
        write_atomic(cache_file, payload)
    except OSError:
        return
