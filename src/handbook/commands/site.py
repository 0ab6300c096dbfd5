"""`handbook pages`, `handbook info` and `handbook show --json`: the handbook as its site shows it."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from handbook.commands.common import EXIT_OK, console, open_handbook
from handbook.content import Handbook, Page
from handbook.content.sites import TocNode, toc_rows

if TYPE_CHECKING:
    from rich.console import Console


def configure_pages(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print [{path, title, depth, parent}] as JSON")


def configure_info(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the site's description as JSON")


def run_pages(args: argparse.Namespace) -> int:
    hb = open_handbook(args)
    if args.json:
        print(json.dumps([row.as_json() for row in toc_rows(hb.toc)], indent=2, ensure_ascii=False))
        return EXIT_OK
    _print_tree(console(), hb.toc, 0)
    return EXIT_OK


def _print_tree(out: Console, nodes: list[TocNode], depth: int) -> None:
    """Groups in bold on a terminal, with a colon after them elsewhere; pages with their paths."""
    from rich.text import Text

    for node in nodes:
        indent = "  " * depth
        if node.path is None:
            colon = "" if out.is_terminal else ":"
            out.print(Text.assemble(indent, (_safe(node.title), "bold"), colon))
        else:
            out.print(Text(f"{indent}{_safe(node.title)}  ({_safe(node.path)})"))
        _print_tree(out, node.children, depth + 1)


def site_info(hb: Handbook) -> dict[str, Any]:
    """What ``handbook info`` reports: the site kind, where its pages are, its URLs and problems."""
    site = hb.site
    return {
        "kind": site.kind,
        "title": hb.title,
        "source": str(hb.location),
        "content_root": str(hb.root),
        "config_files": list(site.config_files),
        "site_urls": [f"https://{host}{path}" for host, path in hb.resolver.site_bases()],
        "repository_urls": hb.resolver.site_repos(),
        "landing": hb.landing.path,
        "pages": len(hb.pages),
        "redirects": len(site.redirects) + len(hb.catalog.redirect_pages),
        "data_dirs": list(site.data_dirs),
        "language": site.language,
        # Languages not shown: their folder under the repository ("" when translations sit by name)
        "other_languages": dict(site.other_languages),
        "problems": list(hb.catalog.problems),
    }


def run_info(args: argparse.Namespace) -> int:
    info = site_info(open_handbook(args))
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return EXIT_OK
    labels = {
        "kind": "site",
        "title": "title",
        "source": "opened",
        "content_root": "content root",
        "landing": "landing page",
        "pages": "pages",
        "redirects": "redirects",
    }
    for key, label in labels.items():
        print(f"{label + ':':<16}{_safe(str(info[key]))}")
    for key, label in (
        ("config_files", "config files"),
        ("site_urls", "site URLs"),
        ("repository_urls", "repository"),
        ("data_dirs", "data"),
    ):
        print(f"{label + ':':<16}{_safe(', '.join(info[key])) or '-'}")
    if info["language"]:
        others = [f"{code} ({folder or 'by file name'})" for code, folder in info["other_languages"].items()]
        shown = f"{info['language']}" + (f"; not shown: {', '.join(others)}" if others else "")
        print(f"{'language:':<16}{_safe(shown)}")
    for problem in info["problems"]:
        print(f"problem:        {_safe(problem)}")
    return EXIT_OK


def page_json(page: Page) -> dict[str, Any]:
    """``handbook show PAGE --json``: the page's sections and where each of its links leads."""
    links = []
    for link in page.links:
        target = link.target
        resolved = None
        if target.kind in ("page", "anchor"):
            resolved = f"{target.path}#{target.anchor}" if target.anchor else target.path
        links.append({"text": link.text, "target": link.href, "resolved": resolved, "kind": target.kind})
    return {
        "path": page.path,
        "title": page.title,
        "sections": [
            {"anchor": s.anchor, "title": s.title, "level": s.level} for s in page.sections if s.anchor
        ],
        "links": links,
    }


def _safe(text: str) -> str:
    """Handbook text printed to a terminal: no control characters (they could be escape sequences)."""
    return "".join(ch if ch.isprintable() else " " for ch in text)
