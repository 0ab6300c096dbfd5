"""What a term looks like: the precision rules every source shares.

A handbook's tables and bold labels are full of things that are not terms — dates, amounts, codes,
field names, sentences, "Note" — and a glossary that lists them is worse than a short one. Each rule
here is a small pure function so the sources stay thin.
"""

from __future__ import annotations

import re

SMALL_WORDS = frozenset(
    {"of", "and", "the", "for", "to", "in", "on", "a", "an", "as", "at", "by", "with", "&", "or", "via"}
)
MAX_TERM_WORDS = 6
MAX_TERM_CHARS = 60

# Labels writers put in bold or in headings that never name a concept of the handbook.
NOT_TERMS = frozenset(
    """note notes nb warning warnings tip tips hint example examples important caution danger info
    information attention update updated edit edited reminder remember disclaimer summary overview
    tl;dr tldr yes no n/a na none other others misc miscellaneous more see also see also references
    links resources contents table of contents introduction intro background context purpose scope
    description details definition definitions glossary terms terminology acronyms abbreviations
    deprecated tombstoned retired obsolete question answer q a faq status owner date total""".split()
) | {"see also", "table of contents", "q&a"}

_NOT_TERM_STARTS = frozenset("if when how why what where who do don't please use".split())
_NUMBERED_LABEL = re.compile(
    r"^(?:step|phase|stage|day|week|month|year|part|option|example|level|tier|round|sprint|"
    r"milestone|chapter|section|appendix|question|q|item|task|version|v|release)\s*[\divxlc.]+\b",
    re.IGNORECASE,
)
_NUMBERISH = re.compile(r"^[\s\d.,:;/%+\-–—=<>≥≤~$€£¥()#*xX×kKmMbB]*$")
_DATE = re.compile(
    r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b|\b(?:19|20)\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b",
    re.IGNORECASE,
)
_CODE = re.compile(r"[_{}\[\]<>\\`|@$]|::|\(\)|^\.|\.\w+\(|^[a-z]+[A-Z]|^--?\w")
_CAMEL_HUMP = re.compile(r"[a-z][A-Z]")
_SENTENCE_END = re.compile(r"[.!?;]\s*$|[.!?]\s+\S")
_ACRONYM_TOKEN = re.compile(r"^[A-Z0-9][A-Za-z0-9&/.+-]{0,11}$")


def is_term_like(text: str, strict: bool = True) -> bool:
    """A short noun-phrase-like name: not a number, date, code, field name, sentence or label.

    ``strict=False`` on a page that is a glossary by name: there "508" and "18F" are entries someone
    wrote on purpose; in a "Definitions" section of a metrics page they are cells.
    """
    text = text.strip()
    words = text.split()
    if not (0 < len(words) <= MAX_TERM_WORDS) or len(text) > MAX_TERM_CHARS:
        return False
    if text.count("(") != text.count(")") or text.count('"') % 2:
        return False
    if len(text) == 1:
        return False
    if strict and (_NUMBERISH.match(text) or _DATE.search(text)):
        return False
    if text.lower().rstrip(":") in NOT_TERMS or text.endswith((",", ":", "-")):
        return False
    if _SENTENCE_END.search(text) and not _is_abbreviated(text):
        return False
    if len(words) == 1 and (_CODE.search(text) or len(_CAMEL_HUMP.findall(text)) >= 2):
        return False  # snake_case, camelCase, WorkItemWidgetNotes, `code`, --flags
    if any(_CODE.search(w) and not w.startswith("(") for w in words if "_" in w or "`" in w or "{" in w):
        return False
    digits = sum(c.isdigit() for c in text)
    letters = sum(c.isalpha() for c in text)
    if strict and (letters < 2 or digits > letters):
        return False  # "A1", "Q3 2021", expense codes like "6010-200"
    if strict and _NUMBERED_LABEL.match(text):
        return False  # "Step 2", "Week 1", "Phase III": places in a sequence, not concepts
    return words[0].lower() not in _NOT_TERM_STARTS


def _is_abbreviated(text: str) -> bool:
    """ "e.g.", "U.S. Digital Service", "Inc." end in a dot without being sentences."""
    return bool(re.fullmatch(r"(?:[A-Za-z]{1,4}\.)+(?:\s+\S+)*", text)) and "  " not in text


def is_acronym(text: str) -> bool:
    """SLO, CI/CD, IaC, 2FA, a11y-free: mostly capitals, short, one token."""
    if not _ACRONYM_TOKEN.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= 2 and upper >= 2 and upper * 2 >= len(letters)


def acronym_letters(acronym: str) -> str:
    """The letters an expansion must spell: "RFCs" → "rfc", "CI/CD" → "cicd", "IaC" → "iac"."""
    core = acronym[:-1] if len(acronym) > 2 and acronym.endswith("s") and acronym[:-1].isupper() else acronym
    return re.sub(r"[^A-Za-z0-9]", "", core).lower()


def expansion_words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s/\-–—,]+", phrase.strip().lower()) if w and w[0].isalnum()]


def spells(acronym: str, phrase: str) -> bool:
    """Whether a phrase is an acronym's expansion ('SLO' / 'Service Level Objective')."""
    letters = acronym_letters(acronym)
    if not (2 <= len(letters) <= 8) or not is_acronym(acronym):
        return False
    words = expansion_words(phrase)
    if not words or words[0] in SMALL_WORDS or len(words) > len(letters) + 4:
        return False
    content = [w for w in words if w not in SMALL_WORDS]
    # Some acronyms keep the small words' letters (RFC: Request for Comments), some drop them (MTTR).
    return letters in ("".join(w[0] for w in content), "".join(w[0] for w in words))


def split_acronym(term: str) -> tuple[str, list[str]]:
    """``SLO (service level objective)`` or ``Service level objective (SLO)`` → (SLO, [expansion]).

    Only when one side spells the other: ``Code Review (PR)`` keeps its name and loses the aside.
    """
    m = re.match(r"^(?P<main>[^()]+?)\s*\((?P<aside>[^()]+)\)\s*$", term)
    if not m:
        return term, []
    main, aside = m.group("main").strip(), m.group("aside").strip()
    if spells(main, aside):
        return main, [aside]
    if spells(aside, main):
        return acronym_letters_kept(aside), [main]
    return main, []


def acronym_letters_kept(acronym: str) -> str:
    """ "RFCs" → "RFC": the singular is the term; "IaC" stays."""
    if len(acronym) > 2 and acronym.endswith("s") and acronym[:-1].isupper():
        return acronym[:-1]
    return acronym


def is_numeric_text(text: str) -> bool:
    """A cell or definition that is an amount, a score, a date or a formula rather than words."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    return bool(_NUMBERISH.match(text)) or (not words and any(c.isdigit() for c in text))


def looks_like_definition(text: str) -> bool:
    """Enough words to say something ("Acronyms: Defined" — a badge's words — is no definition)."""
    return len(re.findall(r"[^\W\d_]+", text)) >= 2 and not is_numeric_text(text)


_QUESTION = re.compile(
    r"^(?:what(?:'s| is| are| does)|define|defining)\s+(?:an?\s+|the\s+)?"
    r"[\"“'‘*]*(?P<term>[^\"”’*?]+?)[\"”’*]*(?:\s+mean)?\s*\??$",
    re.IGNORECASE,
)


def question_term(title: str) -> str | None:
    """ "What does TODO mean?", "What is a DRI?" name the term they define."""
    m = _QUESTION.match(title.strip())
    if not m:
        return None
    term = m.group("term").strip()
    return term if is_term_like(term, strict=False) else None
