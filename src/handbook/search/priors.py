"""Page priors: what a handbook says about its pages besides their words. One small function per idea.

- a title (page or section) that *is* the query wins (Pagefind's title weight, DocSearch's levels);
- a page many other pages link to is an authority (DocSearch's page rank): log(1 + in-degree) of
  the handbook's own resolved links, computed at index time and kept in a small side file;
- shallower pages and section landing pages (``index``, ``_index``, ``README``) break ties.

Links are collected as raw hrefs by the indexing workers (a cheap scan of the Markdown they already
hold: parsing every section's inline content costs ~1.4 s per MB) and resolved here with the
handbook's own resolver, so every link the content layer learns to resolve counts.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from handbook.content.model import LinkTarget, is_landing
from handbook.files import write_atomic

PRIORS_FILE = "priors.json"
PRIORS_VERSION = 1

Resolve = Callable[[str, str], LinkTarget]  # (href, from page) → where it leads
_ANYWHERE = re.compile(r"\s*(?:[A-Za-z][A-Za-z0-9+.-]+:|/)")  # a scheme (not a drive letter), or /…


def in_degrees(links: Mapping[str, Sequence[str]], resolve: Resolve) -> Counter[str]:
    """How many *other* pages link to each page (a page linking twice counts once)."""
    cache: dict[tuple[str, str], str] = {}
    degrees: Counter[str] = Counter()
    for source, hrefs in links.items():
        folder = posixpath.dirname(source)
        targets: set[str] = set()
        for href in hrefs:
            if href.startswith("#"):
                continue  # within the page
            # Resolution depends on the page's folder only, and not at all for a URL or a site path.
            key = (href, "" if _ANYWHERE.match(href) else folder)
            target = cache.get(key)
            if target is None:
                found = resolve(href, source)
                target = cache[key] = found.path if found.kind in ("page", "anchor") else ""
            if target and target != source:
                targets.add(target)
        degrees.update(targets)
    return degrees


def authority(degrees: Mapping[str, int]) -> dict[str, float]:
    """log(1 + in-degree), scaled so the most linked page of the handbook is 1: constants then mean
    the same in a 50-page handbook and a 4,000-page one."""
    top = max(degrees.values(), default=0)
    if top <= 0:
        return {}
    scale = math.log1p(top)
    return {path: round(math.log1p(n) / scale, 4) for path, n in degrees.items() if n > 0}


def depth(path: str) -> int:
    """Folders above a page; a landing page stands for its folder, one level up."""
    levels = path.count("/")
    return max(0, levels - 1) if is_landing(path) else levels


def title_similarity(query: Sequence[Iterable[frozenset[str]]], title_terms: Sequence[str]) -> float:
    """How nearly a title *is* the query: 1.0 when they name the same things, less for each query
    word the title lacks and each title word the query did not ask for.

    ``query`` holds, per query word, its alternatives (each a set of terms that must all be in the
    title: an identifier's forms, a synonym's words). Recall × precision over distinct terms.
    """
    title = set(title_terms)
    if not query or not title:
        return 0.0
    covered: set[str] = set()
    found = 0
    for alternatives in query:
        for terms in alternatives:
            if terms and terms <= title:
                covered |= terms
                found += 1
                break
    if not found:
        return 0.0
    return (found / len(query)) * (len(covered) / len(title))


class PagePriors:
    """Authority per page, read from the index's side file; missing or damaged means no authority."""

    def __init__(self, authority: dict[str, float] | None = None) -> None:
        self.authority = authority or {}

    @classmethod
    def load(cls, directory: Path) -> PagePriors:
        try:
            data = json.loads((directory / PRIORS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != PRIORS_VERSION:
            return cls()
        values = data.get("authority")
        if not isinstance(values, dict):
            return cls()
        # A cache: entries of the wrong shape are dropped, never trusted.
        return cls(
            {
                str(k): float(v)
                for k, v in values.items()
                if isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1
            }
        )

    def save(self, directory: Path) -> None:
        write_atomic(
            directory / PRIORS_FILE, json.dumps({"version": PRIORS_VERSION, "authority": self.authority})
        )
