"""A cheap look at a page's raw text: could discovery find a plan in it? (Most pages: no.)

Parsing a page costs tens of milliseconds; a handbook has thousands. A plan is only kept when it is
about someone's start (see ``discover._about_a_start``): onboarding words in the page's path, title or
headings, a "Welcome" heading over text naming a newcomer, or at least two phases counted from the
first day ("First 30 days", "Before you start"). All of these are read off the page's structure lines
— headings, table rows, bold labels, list labels — never its prose, so the look stays cheap and never
misses a page discovery would keep.
"""

from __future__ import annotations

import re

from handbook.onboarding.vocabulary import clean, patterns, time_span

_TAGS = re.compile(r"<[^<>]*>")
# A line that may name a phase or the page's subject: a heading, a table row, an HTML line, the front
# matter title, a bold start, a list item; and a setext heading's text. Prose lines are never read.
_STRUCTURE = re.compile(
    r"^[ \t]*(?:(?P<heading>#+|title:)|(?P<row>\|)|(?P<tag><)|[*_]{2}|(?:[-+*]|\d+[.)])[ \t]+)(?P<rest>.*)$"
    r"|^(?P<setext>[^\n]+)\n[ \t]*(?:=+|-+)[ \t]*$",
    re.MULTILINE,
)
_LABEL_LIMIT = 60  # a list label ("- Week 1: …", "- **Days 2-5**") is short; the rest of a line is its item


def structure_lines(text: str) -> tuple[list[str], list[str]]:
    """(headings and titles, labels that may name a phase): headings (ATX, setext, HTML), the front
    matter title; table cells, bold paragraph starts, list labels."""
    headings: list[str] = []
    labels: list[str] = []
    for m in _STRUCTURE.finditer(text):
        heading, row, tag, rest, setext = m.group("heading", "row", "tag", "rest", "setext")
        if setext is not None:
            headings.append(setext)
        elif heading:
            headings.append(rest)
        elif row:
            labels.extend(c.strip() for c in rest.split("|"))
        elif tag:
            headings.append(_TAGS.sub(" ", "<" + rest))
        else:
            labels.append(rest[:_LABEL_LIMIT].replace("*", "").replace("__", "").partition(":")[0])
    return headings, labels


def may_hold_a_plan(text: str, path: str = "", title: str = "", language: str = "en") -> bool:
    """Could :func:`handbook.onboarding.discover.discover_page` keep a plan from this page?"""
    pats = patterns(language)
    headings, labels = structure_lines(text)
    about = clean(" ".join([path.replace("/", " ").replace("-", " ").replace("_", " "), title, *headings]))
    if pats.onboarding.search(about):
        return True
    if pats.welcome.search(about) and pats.newcomer.search(clean(text)):
        return True
    lines = [*headings, *labels]
    if not pats.relative_hint.search("\n".join(lines).lower()):
        return False
    lines = [line for line in lines if pats.relative_hint.search(line.lower())]
    relative = 0
    for line in lines:
        span = time_span(line, language)
        if span is not None and span.relative:
            relative += 1
            if relative >= 2:
                return True
    return False
