"""Which discovered plan is the new hire's: scores and the order of the candidates.

Kept apart from discovery so that reading the cached candidates (every run of ``handbook progress``)
needs neither markdown-it nor the page walk.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.onboarding.plan import Plan


@dataclass(frozen=True)
class Candidate:
    """A plan found in a page and how likely it is to be the handbook's onboarding plan."""

    plan: Plan
    score: float
    for_others: bool = False  # written for those onboarding someone (supervisors, buddies, managers)


def score(plan: Plan, kind: str, context: list[str], path: str) -> float:
    """Higher for what a new hire would call their plan: onboarding words in the page's path or title
    (most) or its headings, phases counted from the first day, a span of about 90 days, more items
    and phases, a page near the top; lower for a bare list, one phase, or a plan for managers."""
    from handbook.onboarding.vocabulary import clean, patterns  # scoring runs only when discovering

    pats = patterns()
    page_words = clean(" ".join([path.replace("/", " ").replace("-", " ").replace("_", " "), context[0]]))
    # The page's title counts once, as the page's (its H1 and a plan named after it repeat it).
    page_title = clean(context[0])
    heading_words = " ".join(t for t in map(clean, [*context[1:], plan.title]) if t != page_title)
    value = 0.0
    value += 3.0 if pats.onboarding.search(page_words) else 0.0
    value += 2.0 if pats.onboarding.search(heading_words) else 0.0
    last = plan.last_day
    value += 2.0 if 21 <= last <= 120 else 1.0 if last > 120 else 0.5
    value += min(len(plan.phases), 4) * 0.5
    value += min(len(plan.items), 24) / 8
    value -= 0.3 * path.count("/")
    if kind == "list":
        value -= 2.0
    elif len(plan.phases) == 1:
        value -= 1.0
    if for_others(plan, context):
        value -= 1.0
    return round(value, 2)


def for_others(plan: Plan, context: list[str]) -> bool:
    """A plan for the person onboarding someone else ("Guidance for supervisors › Tasks to complete",
    "for onboarding buddies"): its page title, the headings above it or its own title say so."""
    from handbook.onboarding.vocabulary import clean, patterns

    pats = patterns()
    return any(pats.for_managers.search(clean(text)) for text in [*context, plan.title])


def rank(candidates: list[Candidate]) -> list[Candidate]:
    """The new hire's own plans first, best first; then those written for the people onboarding
    them (a supervisor's list is never chosen while the new hire has one). Ties in the order of
    their sources, so the choice never flips between runs."""
    return sorted(candidates, key=lambda c: (c.for_others, -c.score, c.plan.source))
