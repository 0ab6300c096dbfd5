"""mdBook: ``book.toml`` (``[book] src``) and ``src/SUMMARY.md`` (prefix, numbered and suffix chapters,
``# Part`` titles, drafts without a link)."""

from __future__ import annotations

from pathlib import Path

from handbook.content.sites.common import as_str, parse_list_nav, read_data, read_text, repo_from_url
from handbook.content.sites.model import NavNode, Site


def detect(source: Path) -> bool:
    return (source / "book.toml").is_file()


def build(source: Path) -> Site:
    site = Site("mdbook", str(source), str(source))
    config = read_data(site, source / "book.toml")
    config = config if isinstance(config, dict) else {}
    book = config.get("book") if isinstance(config.get("book"), dict) else {}
    assert isinstance(book, dict)
    site.title = as_str(book.get("title"))
    src = as_str(book.get("src")) or "src"
    root = (source / src).resolve()
    if not root.is_dir() or not root.is_relative_to(source):
        site.problems.append(f"book.toml: src {src!r} is not a folder of this repository")
        root = source
    site.root = str(root)
    site.repo_subdir = root.relative_to(source).as_posix() if root != source else ""
    output = config.get("output") if isinstance(config.get("output"), dict) else {}
    html = output.get("html") if isinstance(output, dict) and isinstance(output.get("html"), dict) else {}
    repo = repo_from_url(html.get("git-repository-url")) if isinstance(html, dict) else None
    if repo:
        site.repo_urls.append(repo)
    site.exclude_files = ["SUMMARY.md"]
    text = read_text(site, root / "SUMMARY.md")
    if text is None:
        site.problems.append("src/SUMMARY.md not found: pages are in folder order")
        return site
    site.nav = _with_parts(text)
    first = _first_page(site.nav)
    if first:
        site.landing = first
    return site


def _with_parts(text: str) -> list[NavNode]:
    """mdBook's ``# Part`` headings after the book's own ``# Summary`` become groups."""
    lines = text.splitlines()
    seen_title = False
    for i, line in enumerate(lines):
        if line.startswith("# "):
            if seen_title:
                lines[i] = "#" + line  # a part title: a group, as ``##`` is for GitBook
            seen_title = True
    return parse_list_nav("\n".join(lines))


def _first_page(nodes: list[NavNode]) -> str | None:
    for node in nodes:
        if node.path:
            return node.path
        found = _first_page(node.children)
        if found:
            return found
    return None
