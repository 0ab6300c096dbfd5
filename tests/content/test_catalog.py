"""The catalog: titles without parsing, book order, skipped folders, symlinks, the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from handbook import paths
from handbook.content import Handbook, HandbookError
from handbook.content.catalog import build_catalog, title_from_name
from handbook.content.page_head import first_heading
from handbook.content.text import page_markdown

from ..conftest import run_handbook, write


def test_title_sources_in_order(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: From Front Matter\n---\n# Heading\n")
    write(tmp_path, "b.md", "Intro\n\n## First **Heading** [link](x.md)\n")
    write(tmp_path, "c-file_name.md", "no heading at all\n")
    write(tmp_path, "d.md", "Setext Title\n============\n")
    write(tmp_path, "e.md", "```\n# not this\n```\n# This one\n")
    write(tmp_path, "f.md", "# :rocket: Deploys {#deploys}\n")
    titles = {p.path: p.title for p in Handbook.open(tmp_path).pages}
    assert titles == {
        "a.md": "From Front Matter",
        "b.md": "First Heading link",
        "c-file_name.md": "C file name",
        "d.md": "Setext Title",
        "e.md": "This one",
        "f.md": "Deploys",
    }


def test_title_helpers() -> None:
    assert first_heading("# 🚀 **Launch** `now`\n") == "Launch now"
    assert first_heading("# Team handbook {#top .title}\n") == "Team handbook"
    assert title_from_name("ops/runbooks/README.md") == "Runbooks"
    assert title_from_name("02-getting_started.md") == "Getting started"


def test_book_order_landing_weight_number_title(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# Home\n")
    write(tmp_path, "zeta.md", "# Zeta\n")
    write(tmp_path, "alpha.md", "---\nweight: 5\n---\n# Alpha\n")
    write(tmp_path, "02-second.md", "# Second\n")
    write(tmp_path, "01-first.md", "# First\n")
    write(tmp_path, "guide/index.md", "---\nweight: 1\n---\n# Guide\n")
    write(tmp_path, "guide/b.md", "# B\n")
    write(tmp_path, "guide/a.md", "# A\n")
    order = [p.path for p in Handbook.open(tmp_path).pages]
    assert order == [
        "README.md",
        "guide/index.md",
        "guide/a.md",
        "guide/b.md",
        "alpha.md",
        "01-first.md",
        "02-second.md",
        "zeta.md",
    ]


def test_skips_hidden_folders_node_modules_and_non_pages(tmp_path: Path) -> None:
    write(tmp_path, "keep.md", "# Keep\n")
    write(tmp_path, "notes.txt", "# Notes\n")
    write(tmp_path, ".git/x.md", "# no\n")
    write(tmp_path, ".github/y.md", "# no\n")
    write(tmp_path, "node_modules/pkg/README.md", "# no\n")
    write(tmp_path, "image.png", b"\x89PNG")
    write(tmp_path, "requirements.txt", "pytest\n")
    assert sorted(p.path for p in Handbook.open(tmp_path).pages) == ["keep.md", "notes.txt"]


def test_symlinks_out_of_the_root_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.md", "# Secret\n")
    root = tmp_path / "root"
    write(root, "page.md", "# Page\n")
    os.symlink(outside / "secret.md", root / "linked.md")
    os.symlink(outside, root / "linked-dir")
    os.symlink(root / "page.md", root / "alias.md")
    assert sorted(p.path for p in Handbook.open(root).pages) == ["alias.md", "page.md"]


def test_catalog_cache_reused_and_refreshed(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    write(root, "a.md", "# One\n")
    cache = paths.handbook_cache_dir(root.resolve()) / "catalog.json"
    build_catalog(root.resolve(), cache)
    data = json.loads(cache.read_text())
    # A cached entry is trusted while size and mtime match: prove it by editing the cache alone.
    data["pages"]["title"][data["pages"]["path"].index("a.md")] = "Cached Title"
    cache.write_text(json.dumps(data))
    assert build_catalog(root.resolve(), cache).pages[0].title == "Cached Title"
    write(root, "a.md", "# Changed heading\n")
    assert build_catalog(root.resolve(), cache).pages[0].title == "Changed heading"


def test_table_of_contents_cached_with_the_pages(tmp_path: Path) -> None:
    """A warm open reads the table of contents back instead of rebuilding it (a 4,000-page nav)."""
    root = (tmp_path / "hb").resolve()
    write(root, "index.md", "# Home\n")
    write(root, "ops/index.md", "# Operations\n")
    write(root, "ops/deploys.md", "# Deploys\n")
    cache = paths.handbook_cache_dir(root) / "catalog.json"
    first = build_catalog(root, cache)
    data = json.loads(cache.read_text())
    assert data["toc"]["nodes"][1][:2] == ["Operations", "ops/index.md"]
    data["toc"]["nodes"][1][0] = "Ops (from the cache)"  # prove the cached one is used
    cache.write_text(json.dumps(data))
    assert build_catalog(root, cache).toc[1].title == "Ops (from the cache)"
    data["toc"]["nodes"][1] = ["Ops", 7, False, []]  # a wrong shape: rebuilt, and saved again
    cache.write_text(json.dumps(data))
    again = build_catalog(root, cache)
    assert again.toc == first.toc and [p.path for p in again.pages] == [p.path for p in first.pages]
    assert json.loads(cache.read_text())["toc"]["nodes"][1][0] == "Operations"
    write(root, "ops/rollbacks.md", "# Rollbacks\n")  # a new page: the toc is built afresh
    titles = [n.title for n in build_catalog(root, cache).toc[1].children]
    assert titles == ["Deploys", "Rollbacks"]


def test_the_sites_own_urls_are_worked_out_once_and_cached(tmp_path: Path) -> None:
    root = (tmp_path / "hb").resolve()
    links = "[a](https://hb.example.com/alpha/) [b](https://hb.example.com/beta/)"
    write(root, "index.md", f"# Home\n\n{links}\n")
    write(root, "alpha.md", "# Alpha\n")
    write(root, "beta.md", "# Beta\n")
    cache = paths.handbook_cache_dir(root) / "catalog.json"
    assert build_catalog(root, cache).web == ([("hb.example.com", "")], [])
    data = json.loads(cache.read_text())
    assert data["web"] == {"bases": [["hb.example.com", ""]], "repos": []}
    data["web"]["bases"] = []  # prove a warm open reads them back rather than inferring again
    cache.write_text(json.dumps(data))
    hb = Handbook.open(root)
    assert hb.resolver.resolve("https://hb.example.com/alpha/", "index.md").kind == "external"
    data["web"] = {"bases": [["hb.example.com"]], "repos": []}  # a wrong shape: worked out again
    cache.write_text(json.dumps(data))
    hb = Handbook.open(root)
    assert hb.resolver.resolve("https://hb.example.com/alpha/", "index.md").path == "alpha.md"


def test_corrupt_catalog_cache_is_ignored(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    write(root, "a.md", "# One\n")
    cache = paths.handbook_cache_dir(root.resolve()) / "catalog.json"
    cache.parent.mkdir(parents=True)
    cache.write_text("{not json")
    assert build_catalog(root.resolve(), cache).pages[0].title == "One"
    assert json.loads(cache.read_text())["pages"]["title"] == ["One"]


def test_single_file_and_errors(tmp_path: Path) -> None:
    page = write(tmp_path, "notes.txt", "# My Notes\n")
    hb = Handbook.open(page)
    assert [p.path for p in hb.pages] == ["notes.txt"] and hb.title == "My Notes"
    with pytest.raises(HandbookError, match="no such file"):
        Handbook.open(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(HandbookError, match="no handbook pages"):
        Handbook.open(empty)


def test_undecodable_file_names_get_readable_titles(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Home\n")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.md"), "wb") as fh:
        fh.write(b"no heading\n")
    hb = Handbook.open(tmp_path)
    odd = next(p for p in hb.pages if p.path != "index.md")
    assert odd.title == "Café"
    assert page_markdown(hb.page(odd.path)).startswith("# Café\n")  # printable: no surrogates left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_like_a_page_is_not_a_page(tmp_path: Path) -> None:
    """Reading a FIFO blocks until someone writes to it: every command hung on one named x.md."""
    write(tmp_path, "index.md", "# Home\n\nHello.\n")
    os.mkfifo(tmp_path / "x.md")
    for command in (["pages"], ["search", "hello"], ["show", "index"]):
        result = run_handbook(command[0], "--content", str(tmp_path), *command[1:])  # bounded: 120 s
        assert result.returncode == 0, result.stderr
        assert "/x.md" not in result.stdout and "(x.md)" not in result.stdout
