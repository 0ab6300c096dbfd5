"""A warm open: the cached catalog is trusted after a stat of every folder and page, never a listing.

Folder mtimes tell additions, removals and renames; a page's size and mtime tell edits. Handbooks here
are "settled" (folder mtimes set an hour back, as in a clone made earlier), since a folder stamped in
the very moment of the scan is not trusted.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from handbook import paths
from handbook.content import Handbook
from handbook.content.catalog import build_catalog
from handbook.content.catalog_cache import LINKS_FILE

from ..conftest import write


def settle(root: Path) -> None:
    past = time.time() - 3600
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, (past, past))


def handbook(tmp_path: Path) -> tuple[Path, Path]:
    root = (tmp_path / "hb").resolve()
    write(root, "index.md", "# Home\n")
    write(root, "ops/index.md", "# Operations\n")
    write(root, "ops/deploys.md", "# Deploys\n")
    settle(root)
    return root, paths.handbook_cache_dir(root) / "catalog.json"


def titles(root: Path, cache: Path) -> dict[str, str]:
    return {p.path: p.title for p in build_catalog(root, cache).pages}


def test_a_folder_whose_mtime_stands_is_not_listed_again(tmp_path: Path) -> None:
    """What makes a warm open cheap, shown by cheating: a page slipped in with its folder's mtime put
    back is not seen; once the folder's mtime moves (as adding a file makes it), it is."""
    root, cache = handbook(tmp_path)
    build_catalog(root, cache)
    stamp = (root / "ops").stat()
    write(root, "ops/rollbacks.md", "# Rollbacks\n")
    os.utime(root / "ops", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert "ops/rollbacks.md" not in titles(root, cache)
    os.utime(root / "ops")
    assert titles(root, cache)["ops/rollbacks.md"] == "Rollbacks"


def test_pages_edited_added_and_removed_are_noticed(tmp_path: Path) -> None:
    root, cache = handbook(tmp_path)
    assert titles(root, cache)["ops/deploys.md"] == "Deploys"
    page = root / "ops" / "deploys.md"
    stamp = page.stat()
    page.write_text("# Shipped\n")  # the same size: only the mtime tells
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    assert titles(root, cache)["ops/deploys.md"] == "Shipped"
    write(root, "people/hiring.md", "# Hiring\n")  # a new folder: the root's mtime moves
    assert titles(root, cache)["people/hiring.md"] == "Hiring"
    (root / "ops" / "index.md").unlink()
    assert "ops/index.md" not in titles(root, cache)
    assert list(titles(root, cache)) == [p.path for p in Handbook.open(root, use_cache=False).pages]


def test_a_folder_stamped_during_the_scan_is_not_trusted(tmp_path: Path) -> None:
    """A file added in the same clock tick as the scan leaves the folder's mtime as it was."""
    root = (tmp_path / "hb").resolve()
    write(root, "index.md", "# Home\n")
    cache = paths.handbook_cache_dir(root) / "catalog.json"
    build_catalog(root, cache)
    stamp = root.stat()
    write(root, "late.md", "# Late\n")
    os.utime(root, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert titles(root, cache)["late.md"] == "Late"


def test_web_links_are_kept_apart_and_still_work_out_the_sites_urls(tmp_path: Path) -> None:
    root, cache = handbook(tmp_path)
    write(
        root,
        "index.md",
        "# Home\n\n[d](https://hb.example.com/ops/deploys/) [o](https://hb.example.com/ops/)\n",
    )
    assert build_catalog(root, cache).web == ([("hb.example.com", "")], [])
    saved = json.loads(cache.read_text())
    assert "_links" not in json.dumps(saved["pages"])
    assert json.loads(cache.with_name(LINKS_FILE).read_text())["links"]["index.md"][0].startswith("https://")
    write(root, "ops/deploys.md", "# Deploys, edited\n")  # the URLs are worked out again, index.md unread
    catalog = build_catalog(root, cache)
    assert catalog.web == ([("hb.example.com", "")], [])
    assert catalog.by_path["ops/deploys.md"].title == "Deploys, edited"
    hb = Handbook.open(root)
    assert hb.resolver.resolve("https://hb.example.com/ops/deploys/", "index.md").path == "ops/deploys.md"
