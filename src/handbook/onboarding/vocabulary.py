"""The words of time and of onboarding that plan discovery reads, in one table per language.

Headings such as ``Day 1``, ``Days 2-5``, ``Week 1``, ``Weeks 2-4``, ``Month 1``, ``First 30 days``,
``Within the first two weeks``, ``Days 31-60``, ``Before you start`` name a span of a new hire's first
days; :func:`time_span` turns one into day numbers (day 1 is the first day at work; day 0 is "before
you start"). Everything a language needs is in its :class:`Language` entry: add one to ``LANGUAGES``
and the patterns are built from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Language:
    units: Mapping[str, int]  # a unit of time (singular and plural) → its length in days
    numbers: Mapping[str, int]  # number words ("two weeks")
    ordinals: Mapping[str, int]  # "second week"
    first: tuple[str, ...]  # "first 30 days" counts from the first day
    lead: tuple[str, ...]  # words a time heading may start with: "Within the first week"
    by: tuple[str, ...]  # "By day 30", "By the end of week 2": from the start up to then
    joiners: tuple[str, ...]  # "Days 2-5", "Weeks 2 to 4"
    prefixes: tuple[str, ...]  # numbered parts before the time: "Phase 1: Weeks 1-2"
    before_start: tuple[str, ...]  # day 0
    after_start: tuple[str, ...]  # from day 1, open-ended
    due_words: tuple[str, ...]  # "by the end of your second week", "on day 3": an item's own due day
    onboarding: tuple[str, ...]  # regexes: a page or section about a new hire's start
    welcome: tuple[str, ...]  # weaker: only with a newcomer named in the text
    newcomer: tuple[str, ...]  # regexes naming the new person
    not_a_plan: tuple[str, ...]  # regexes: schedules that name days but are no one's onboarding
    for_managers: tuple[str, ...]  # regexes: a plan for the person onboarding someone else


ENGLISH = Language(
    units={
        "day": 1,
        "days": 1,
        "week": 7,
        "weeks": 7,
        "month": 30,
        "months": 30,
        "quarter": 90,
        "quarters": 90,
        "year": 365,
        "years": 365,
    },
    numbers={
        "a": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirty": 30,
        "sixty": 60,
        "ninety": 90,
    },
    ordinals={
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "fifth": 5,
        "5th": 5,
        "sixth": 6,
        "6th": 6,
    },
    first=("first", "initial"),
    lead=("within", "in", "during", "over", "for", "the", "your", "our", "after", "until", "through"),
    by=("by", "by the end of", "before the end of", "end of"),
    joiners=("-", "to", "through", "and", "/"),
    prefixes=("phase", "stage", "part", "step", "milestone", "chapter"),
    before_start=(
        "before you start",
        "before starting",
        "before you begin",
        "before your first day",
        "before day one",
        "before day 1",
        "before you join",
        "before they start",
        "before they join",
        "before their first day",
        "before the start date",
        "before joining",
        "pre-join",
        "prejoin",
        "pre-boarding",
        "preboarding",
        "pre-arrival",
        "pre-start",
        "day 0",
        "day zero",
    ),
    after_start=("after joining", "after you join", "once you join", "after you start", "once you start"),
    due_words=("by", "before", "in", "during", "within", "on", "at", "over"),
    onboarding=(
        r"on-?boarding",
        r"onboard(?:s|ed)?",
        r"new[- ]hires?",
        r"new (?:joiner|starter|employee|team member|engineer|colleague|staff|member|teammate)s?",
        r"newcomers?",
        r"first (?:day|week|month|few (?:days|weeks))s?",
        r"first (?:\d+|two|three|thirty|sixty|ninety) (?:days|weeks|months)",
        r"30[-/ ]60[-/ ]90",
        r"welcome aboard",
        r"joining (?:the|us|our)",
    ),
    welcome=(r"getting started", r"welcome", r"start here", r"first steps"),
    newcomer=(
        r"new[- ]hires?",
        r"new (?:joiner|starter|employee|team member|engineer|colleague|staff|member|teammate)s?",
        r"newcomers?",
        r"when you join",
        r"you(?:'|’)ve just joined",
    ),
    not_a_plan=(
        r"releases?",
        r"sprints?",
        r"retreats?",
        r"off-?sites?",
        r"conferences?",
        r"summits?",
        r"agendas?",
        r"schedules?",
        r"cadences?",
        r"meetings?",
        r"ceremon(?:y|ies)",
        r"rotations?",
        r"on-?call",
        r"incidents?",
        r"roadmaps?",
        r"change-?logs?",
        r"hackathons?",
        r"workshops?",
        r"events?",
        r"timesheets?",
        r"totals?",
        r"freeze",
    ),
    for_managers=(r"managers?", r"supervisors?", r"buddies", r"buddy's", r"mentors?", r"hiring manager"),
)

LANGUAGES: dict[str, Language] = {"en": ENGLISH}


@dataclass(frozen=True)
class Span:
    """Days ``start``-``end`` of a new hire's first days; ``end`` None: open-ended ("After joining").

    ``relative``: the words count from the first day ("First 30 days", "Before you start"): a schedule
    of someone's start, where a bare "Day 1" could be the first day of anything.
    """

    start: int
    end: int | None
    relative: bool


@dataclass(frozen=True)
class _Patterns:
    before: re.Pattern[str]
    after: re.Pattern[str]
    first: re.Pattern[str]
    ordinal: re.Pattern[str]
    unit_number: re.Pattern[str]
    number_unit: re.Pattern[str]
    prefix: re.Pattern[str]
    parenthesis: re.Pattern[str]
    onboarding: re.Pattern[str]
    welcome: re.Pattern[str]
    newcomer: re.Pattern[str]
    not_a_plan: re.Pattern[str]
    for_managers: re.Pattern[str]
    due_nth: re.Pattern[str]
    due_unit: re.Pattern[str]
    due_within: re.Pattern[str]
    relative_hint: re.Pattern[str]  # a word without which no span counts from the first day


def _words(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first (so "days" is tried before "day")."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: -len(w)))


def _any(regexes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(regexes) + r")\b")


@cache
def patterns(language: str = "en") -> _Patterns:
    lang = LANGUAGES[language]
    number = rf"(\d+|{_words(lang.numbers)})"
    unit = rf"({_words(lang.units)})"
    lead = rf"(?:(?:{_words(lang.lead)})\s+)*"
    by = rf"(?:({_words(lang.by)})\s+(?:(?:the|your)\s+)?)?"
    joiner = rf"\s*(?:{_words(lang.joiners)})\s*"
    return _Patterns(
        before=re.compile(rf"^{lead}(?:{_words(lang.before_start)})\b"),
        after=re.compile(rf"^{lead}(?:{_words(lang.after_start)})\b"),
        first=re.compile(rf"^{lead}{by}(?:{_words(lang.first)})\s+(?:{number}[\s-]+)?{unit}\b"),
        ordinal=re.compile(rf"^{lead}{by}({_words(lang.ordinals)})\s+{unit}\b"),
        unit_number=re.compile(rf"^{lead}{by}{unit}\s*#?{number}(?:{joiner}(?:{unit}\s*)?{number})?\b"),
        number_unit=re.compile(rf"^{lead}{by}{number}(?:{joiner}{number})?[\s-]+{unit}\b"),
        prefix=re.compile(rf"^(?:{_words(lang.prefixes)})\s*(?:\d+|[ivx]+|[a-z])\b\s*[:.)\-]?\s*"),
        parenthesis=re.compile(r"\(([^()]*)\)"),
        onboarding=_any(lang.onboarding),
        welcome=_any(lang.welcome),
        newcomer=_any(lang.newcomer),
        not_a_plan=_any(lang.not_a_plan),
        for_managers=_any(lang.for_managers),
        due_nth=re.compile(
            rf"\b(?:{_words(lang.due_words)})\s+(?:the\s+end\s+of\s+)?(?:(?:your|the)\s+)?"
            rf"({_words(lang.ordinals)})\s+(?:{number}[\s-]+)?{unit}\b"
        ),
        due_unit=re.compile(rf"\b(?:{_words(lang.due_words)})\s+(?:the\s+end\s+of\s+)?{unit}\s+{number}\b"),
        due_within=re.compile(rf"\bwithin\s+{number}\s+{unit}\b"),
        relative_hint=re.compile(
            rf"\b(?:{_words((*lang.first, *lang.ordinals, *lang.by))}|"
            rf"{_words((*lang.before_start, *lang.after_start))})\b"
        ),
    )


def clean(text: str) -> str:
    """Lowercase, dashes as ``-``, no emoji or symbols around, single spaces: what patterns read."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2012", "-").replace("\u2212", "-")
    text = " ".join(text.lower().split())
    return strip_symbols(text)


def strip_symbols(text: str) -> str:
    """Text without the emoji, icons and punctuation it starts or ends with ("📅 First 30 Days" → ...)."""
    start, end = 0, len(text)
    while start < end and _decorative(text[start]):
        start += 1
    while end > start and _decorative(text[end - 1]) and text[end - 1] not in ")]":
        end -= 1
    return text[start:end]


def _decorative(char: str) -> bool:
    if char.isspace():
        return True
    category = unicodedata.category(char)
    return category[0] in "SZC" or (category in ("Po", "Pd", "Mn") and char not in "#'\"([)]")


def _number(word: str, language: Language) -> int:
    return int(word) if word.isdigit() else language.numbers.get(word, 0)


def time_span(heading: str, language: str = "en") -> Span | None:
    """The days a heading names, or None when it names no span of a new hire's start."""
    lang = LANGUAGES[language]
    pats = patterns(language)
    text = clean(heading)
    text = pats.prefix.sub("", text, count=1) if pats.prefix.match(text) else text
    span = _span(text, lang, pats)
    if span is None:
        inner = pats.parenthesis.search(text)  # "Phase 1: Discovery (Weeks 1-2)"
        if inner is not None:
            span = _span(clean(inner.group(1)), lang, pats)
    if span is None or (span.end is not None and (span.end < span.start or span.end > 3660)):
        return None
    return span


def _span(text: str, lang: Language, pats: _Patterns) -> Span | None:
    if pats.before.match(text):
        return Span(0, 0, True)
    if pats.after.match(text):
        return Span(1, None, True)
    m = pats.first.match(text)
    if m:
        count = _number(m.group(2), lang) if m.group(2) else 1
        return Span(1, count * lang.units[m.group(3)], True) if count else None
    m = pats.ordinal.match(text)
    if m:
        nth, size = lang.ordinals[m.group(2)], lang.units[m.group(3)]
        return Span(1 if m.group(1) else (nth - 1) * size + 1, nth * size, True)
    m = pats.unit_number.match(text)
    if m:
        size = lang.units[m.group(2)]
        low = _number(m.group(3), lang)
        high = _number(m.group(5), lang) if m.group(5) else low
        if size == 1 and low == 0 and high == 0:
            return Span(0, 0, True)
        if low < 1 or high < low:
            return None
        return Span(1 if m.group(1) else (low - 1) * size + 1, high * size, bool(m.group(1)))
    m = pats.number_unit.match(text)
    if m:
        size = lang.units[m.group(4)]
        low = _number(m.group(2), lang)
        if low < 1:
            return None
        if not m.group(3):  # "30 days", "60-day": up to then (the phase before says from when)
            return Span(1, low * size, bool(m.group(1)))
        upto = _number(m.group(3), lang)
        return Span((low - 1) * size + 1, upto * size, bool(m.group(1))) if upto >= low else None
    return None


def due_day(text: str, start: int, end: int, language: str = "en") -> int | None:
    """A day the item's own words give ("by the end of your second week", "on day 3"), if inside
    its phase (``start``-``end``); otherwise None and the item is due at the end of its phase."""
    lang = LANGUAGES[language]
    pats = patterns(language)
    text = clean(text)
    days: list[tuple[int, int]] = []  # (position in the text, day)
    for m in pats.due_nth.finditer(text):
        nth, size = lang.ordinals[m.group(1)], lang.units[m.group(3)]
        count = _number(m.group(2), lang) if m.group(2) and nth == 1 else nth
        days.append((m.start(), count * size))
    for m in pats.due_unit.finditer(text):
        days.append((m.start(), _number(m.group(2), lang) * lang.units[m.group(1)]))
    for m in pats.due_within.finditer(text):
        days.append((m.start(), _number(m.group(1), lang) * lang.units[m.group(2)]))
    return next((day for _, day in sorted(days) if start <= day <= end), None)
