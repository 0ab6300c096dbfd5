"""Re-ranking of BM25 candidates: coverage of the query's words, a page's other sections, page priors.

Constants chosen on the `tune` split of tests/relevance/queries.yaml (see benchmarks/relevance.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from handbook.content.model import is_landing
from handbook.search.analysis import terms
from handbook.search.priors import PagePriors, depth, title_similarity

COVERAGE_FLOOR = 0.5  # the share of its score a section keeps when it has few of the query words
SIBLINGS = 0.15  # how much a page's other matching sections add to its best one
PER_PAGE = 2  # sections of one page before every page has shown its best
TITLE_WEIGHT = 2.0  # a page title naming the query (similarity 1.0) triples its score; tune: flat from 1 to 3
HEADING_WEIGHT = 0.5  # the same for a section heading (or its heading path), on the section
EXACT_TITLE_BONUS = 1.0  # and a title or heading that *is* the query, whole, wins on top
AUTHORITY_WEIGHT = 0.3  # the most linked-to page of the handbook gets this much more
LANDING_BONUS = 0.05  # a folder's landing page (index, _index, README)
DEPTH_PENALTY = 0.02  # per folder level, at most MAX_DEPTH levels
MAX_DEPTH = 6


@dataclass
class Candidate:
    result: Any
    score: float
    matched: set[str]
    final: float = 0.0


def rank(
    candidates: list[Candidate],
    wanted: list[list[frozenset[str]]],
    priors: PagePriors | None = None,
    title_terms: Callable[[str], frozenset[str]] = lambda title: frozenset(terms(title)),
) -> list[Candidate]:
    """Re-rank BM25 candidates: sections that cover more of the query's words rise, and a page whose
    other sections also match lifts its best one (the words of a question are often spread over a
    page's sections); then the page priors. At most two sections of a page come before every page
    has had its best one."""
    if not candidates:
        return []
    priors = priors or PagePriors()

    def coverage(matched: set[str]) -> float:
        if not wanted:
            return 1.0
        return sum(1 for alternatives in wanted if any(t <= matched for t in alternatives)) / len(wanted)

    pages: dict[str, list[Candidate]] = {}
    exact: set[str] = set()  # pages with a title or heading that is the query
    for c in candidates:
        heading = heading_similarity(
            wanted, c.result.get("heading", ""), c.result.get("trail", ""), title_terms
        )
        if heading >= 1.0:
            exact.add(c.result["path"])
        c.final = (
            c.score
            * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(c.matched))
            * (1 + HEADING_WEIGHT * heading)
        )
        pages.setdefault(c.result["path"], []).append(c)
    page_scores: dict[str, float] = {}
    for path, sections in pages.items():
        sections.sort(key=lambda c: c.final, reverse=True)
        page_matched = set().union(*(c.matched for c in sections))
        best = sections[0].final
        title = title_similarity(wanted, sorted(title_terms(sections[0].result.get("title", ""))))
        if title >= 1.0:
            exact.add(path)
        page_scores[path] = (
            best * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(page_matched))
            + SIBLINGS * sum(c.final for c in sections[1:])
        ) * page_prior(path, title, path in exact, priors)
    order = sorted(pages, key=lambda p: page_scores[p], reverse=True)
    for path in order:
        for c in pages[path]:
            c.final *= page_scores[path] / (pages[path][0].final or 1.0)
    first = [c for p in order for c in pages[p][:PER_PAGE]]
    rest = sorted((c for p in order for c in pages[p][PER_PAGE:]), key=lambda c: c.final, reverse=True)
    return first + rest


def heading_similarity(
    wanted: list[list[frozenset[str]]],
    heading: str,
    trail: str,
    title_terms: Callable[[str], frozenset[str]],
) -> float:
    """How nearly a section's heading (alone, or with the headings above it) names the query."""
    if not heading:
        return 0.0
    alone = title_similarity(wanted, sorted(title_terms(heading)))
    if not trail or trail == heading:
        return alone
    return max(alone, title_similarity(wanted, sorted(title_terms(trail))))


def page_prior(path: str, title: float, exact: bool, priors: PagePriors) -> float:
    """A page's multiplier: its title naming the query, an exact title or heading, its authority,
    and, to break ties, shallow pages and landing pages first."""
    return (
        (1 + TITLE_WEIGHT * title)
        * (1 + (EXACT_TITLE_BONUS if exact else 0.0))
        * (1 + AUTHORITY_WEIGHT * priors.authority.get(path, 0.0))
        * (1 + (LANDING_BONUS if is_landing(path) else 0.0))
        * (1 - DEPTH_PENALTY * min(depth(path), MAX_DEPTH))
    )
