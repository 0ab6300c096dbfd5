"""The real handbooks in ../shared/corpora open in their site's order, with their site's titles.

Expectations are read from each site's own nav files here, independently of the adapters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .conftest import run_handbook


def rows_of(root: Path) -> list[dict[str, Any]]:
    result = run_handbook("--content", str(root), "pages", "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    assert len({r["path"] for r in rows}) == len(rows), "a page listed twice"
    return rows


def info_of(root: Path) -> dict[str, Any]:
    result = run_handbook("--content", str(root), "info", "--json")
    assert result.returncode == 0, result.stderr
    info: dict[str, Any] = json.loads(result.stdout)
    return info


def test_gitbook_marsbased_follows_summary(corpora: Path) -> None:
    root = corpora / "marsbased-handbook"
    summary = (root / "SUMMARY.md").read_text(encoding="utf-8")
    expected = [
        (path.lstrip("/").replace("%20", " "), title)
        for title, path in re.findall(r"^\s*(?:\d+\.|[-*])\s+\[([^\]]+)\]\(([^)]+)\)", summary, re.M)
    ]
    rows = rows_of(root)
    listed = {path for path, _ in expected}
    assert [(r["path"], r["title"]) for r in rows if r["path"] in listed] == expected
    assert rows[0]["path"] == "README.md"
    paths = [r["path"] for r in rows]
    assert "SUMMARY.md" not in paths
    # pages SUMMARY.md leaves out sit under the entry of their folder: no "▶ Development" beside it
    cycles = next(r for r in rows if r["path"] == "sections/development/cycles.md")
    assert cycles["parent"] == "sections/development.md"
    security = next(r for r in rows if r["path"] == "guides/security/off_boarding.md")
    assert security["parent"] == "guides/security/README.md"
    info = info_of(root)
    assert info["kind"] == "gitbook" and info["landing"] == "README.md"
    assert "https://github.com/MarsBased/handbook" in info["repository_urls"]


def test_gitbook_summary_is_not_indexed(corpora: Path) -> None:
    root = str(corpora / "marsbased-handbook")
    assert run_handbook("--content", root, "index").returncode == 0
    hits = json.loads(run_handbook("--content", root, "search", "--json", "--limit", "50", "summary").stdout)
    assert hits and not any(h["path"] == "SUMMARY.md" for h in hits)


def _pages_nav(folder: Path) -> list[tuple[str, str | None]]:
    data = yaml.safe_load((folder / ".pages").read_text(encoding="utf-8"))
    out: list[tuple[str, str | None]] = []
    for entry in data["nav"]:
        if isinstance(entry, dict):
            title, name = next(iter(entry.items()))
            out.append((name, title))
        else:
            out.append((entry, None))
    return out


def test_mkdocs_playbook_follows_awesome_pages(corpora: Path) -> None:
    root = corpora / "ms-engineering-playbook"
    docs = root / "docs"
    rows = rows_of(root)
    top = [r for r in rows if r["depth"] == 0]
    nav = _pages_nav(docs)
    rest_at = [name for name, _ in nav].index("...")
    for i, (name, title) in enumerate(nav[:rest_at]):
        row = top[i]
        assert row["path"] == name or row["path"] == f"{name}/README.md", (i, name, row)
        assert row["title"] == title
    last_name, last_title = nav[-1]
    assert top[-1]["path"].startswith(last_name + "/") and top[-1]["title"] == last_title
    # a folder's own .pages orders its entries, "..." standing for the rest
    testing = [r for r in rows if r["parent"] == "automated-testing/README.md"]
    sub = _pages_nav(docs / "automated-testing")
    for row, (name, title) in [(testing[0], sub[0]), (testing[1], sub[1]), (testing[-1], sub[-1])]:
        assert row["path"].startswith(f"automated-testing/{name}/") and row["title"] == title
    info = info_of(root)
    assert info["kind"] == "mkdocs"
    assert info["content_root"] == str(docs.resolve())
    assert info["site_urls"] == ["https://microsoft.github.io/code-with-engineering-playbook"]


def test_mkdocs_site_urls_open_local_pages(corpora: Path) -> None:
    root = corpora / "ms-engineering-playbook"
    result = run_handbook("--content", str(root), "show", "README.md", "--json")
    links = json.loads(result.stdout)["links"]
    own = [link for link in links if link["target"].startswith("https://microsoft.github.io/")]
    assert all(link["kind"] in ("page", "broken") for link in own)


def test_jekyll_meltano_collections_in_config_order(corpora: Path) -> None:
    root = corpora / "meltano-handbook"
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    expected = [
        (f"src/_{name}/index.md", options["name"])
        for name, options in config["collections"].items()
        if options.get("output") and (root / "src" / f"_{name}" / "index.md").exists()
    ]
    rows = rows_of(root)
    collections = [(r["path"], r["title"]) for r in rows if r["depth"] == 0 and r["path"].startswith("src/")]
    assert collections == expected
    paths = [r["path"] for r in rows]
    assert "README.md" not in paths  # excluded in _config.yml
    assert not any(
        p.startswith("_posts/") or "/_" in p.removeprefix("src/_").split("/", 1)[-1] for p in paths
    )
    info = info_of(root)
    assert info["kind"] == "jekyll" and info["site_urls"] == ["https://handbook.meltano.com"]


def test_18f_opens_on_its_front_page_and_redirect_stubs_are_not_pages(corpora: Path) -> None:
    root = corpora / "18f" / "pages"
    info = info_of(root)
    assert info["landing"] == "about.md"
    rows = rows_of(root)
    assert rows[0]["path"] == "about.md"
    assert not any(r["path"].startswith("redirects/") for r in rows)
    shown = run_handbook("--content", str(root), "show")
    assert shown.returncode == 0 and shown.stdout.startswith("# About the TTS Handbook")


def test_plain_folders_keep_folder_order(corpora: Path) -> None:
    for name in ("srcd-guide", "thoughtbot-guides"):
        root = corpora / name
        rows = rows_of(root)
        assert rows[0]["path"] == "README.md"
        assert info_of(root)["kind"] == "plain"
        for row in rows:
            folder = row["path"].rpartition("/")[0]
            if row["path"].endswith("/README.md") and row["depth"] > 0:
                assert row["parent"] is not None
            if folder and not row["path"].endswith("README.md") and (root / folder / "README.md").exists():
                assert row["parent"] == f"{folder}/README.md", row  # the folder and its README: one node
