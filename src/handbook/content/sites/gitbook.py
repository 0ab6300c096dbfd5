"""GitBook: ``.gitbook.yaml`` (root, structure, redirects) and ``SUMMARY.md``, which gives order and titles.

``SUMMARY.md`` and ``GLOSSARY.md`` are the book's scaffolding, not pages.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from handbook.content.sites.common import as_str, parse_list_nav, read_data, read_text, rel_link
from handbook.content.sites.model import Site


def detect(source: Path) -> bool:
    return (source / ".gitbook.yaml").is_file() or (source / "SUMMARY.md").is_file()


def build(source: Path) -> Site:
    site = Site("gitbook", str(source), str(source))
    config = read_data(site, source / ".gitbook.yaml") if (source / ".gitbook.yaml").is_file() else None
    config = config if isinstance(config, dict) else {}
    root = source
    root_name = as_str(config.get("root"))
    if root_name:
        candidate = (source / root_name).resolve()
        if candidate.is_dir() and candidate.is_relative_to(source):
            root = candidate
        else:
            site.problems.append(f".gitbook.yaml: root {root_name!r} is not a folder of this repository")
    site.root = str(root)
    site.repo_subdir = root.relative_to(source).as_posix() if root != source else ""
    structure = config.get("structure") if isinstance(config.get("structure"), dict) else {}
    assert isinstance(structure, dict)
    summary = as_str(structure.get("summary")) or "SUMMARY.md"
    readme = as_str(structure.get("readme")) or "README.md"
    glossary = as_str(structure.get("glossary")) or "GLOSSARY.md"
    site.exclude_files = [summary, glossary]
    text = read_text(site, root / summary)
    if text is None:
        site.problems.append(f"{summary} not found: pages are in folder order")
    else:
        site.nav = parse_list_nav(text, posixpath.dirname(summary))
    if (root / readme).is_file():
        site.landing = readme
    redirects = config.get("redirects")
    if isinstance(redirects, dict):
        for old, new in redirects.items():
            target = rel_link(str(new), "") if isinstance(new, str) else None
            if target is not None and isinstance(old, str):
                site.redirects["/" + old.strip("/")] = target
    return site
