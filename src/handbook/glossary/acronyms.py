"""Acronyms spelled out in running text: "Infrastructure-as-Code (IaC)", "TMRG (Team Member Resource
Group)". Most handbooks define their jargon this way, on first use, rather than in a glossary.

Only where the capitals match the expansion's initials: "Write failing test first (TDD)" and
"CRITICAL (Page immediately)" are not expansions. Entries are of kind "spelled out", listed after real
definitions of the same term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handbook.content.fences import split_code_blocks
from handbook.glossary.model import Entry
from handbook.glossary.terms import acronym_letters, acronym_letters_kept, is_acronym, spells

_ACR = r"[A-Z][A-Za-z0-9&/.+-]{0,9}[A-Za-z0-9]"
# "Expansion (ACR)": found by the parenthesis, then the words before it are tried nearest first.
_AFTER = re.compile(rf"\s\((?P<acr>{_ACR})\)")
LOOK_BACK = 160
# "ACR (Expansion)"
_BEFORE = re.compile(rf"(?<![\w/-])(?P<acr>{_ACR})\s\((?P<expansion>[A-Za-z][^()\n]{{2,80}})\)")
_CANDIDATE = re.compile(
    rb"\([A-Z][A-Za-z0-9&/.+-]{0,9}[A-Za-z0-9]\)|[A-Z]{2}[A-Za-z0-9&/.+-]{0,8} \([A-Za-z]"
)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[([^\[\]\n]*+)\]\([^)\[\s]*+\)")  # stops at the next `[`: linear
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[\w][\w'’.&-]*")


def may_spell_out(raw: bytes) -> bool:
    """A cheap test on a page's bytes before it is parsed."""
    return bool(_CANDIDATE.search(raw))


def inline_acronyms(text: str, source: str) -> Iterator[Entry]:
    """Every acronym this text spells out, once each, with the expansion as written."""
    prose = "".join(chunk for is_code, chunk in split_code_blocks(text) if not is_code)
    text = _URL.sub(" ", _LINK.sub(r"\1", _CODE_SPAN.sub(" ", prose)))
    text = re.sub(r"[*_]{1,3}(?=\w)|(?<=[\w.)])[*_]{1,3}", "", text)  # **Bold** expansions
    seen: set[str] = set()
    for m in _AFTER.finditer(text):
        acr = m.group("acr")
        before = text[max(0, m.start() - LOOK_BACK) : m.start()]
        before = re.split(r"[\n()]", before)[-1]  # within the line, after any other parenthesis
        expansion = _expansion_before(before, acr)
        if expansion and acr.lower() not in seen:
            seen.add(acr.lower())
            yield _entry(acr, expansion, source)
    for m in _BEFORE.finditer(text):
        acr, expansion = m.group("acr"), " ".join(m.group("expansion").split()).rstrip('.,;:\\”"')
        if acr.lower() not in seen and spells(acr, expansion):
            seen.add(acr.lower())
            yield _entry(acr, expansion, source)


def _entry(acr: str, expansion: str, source: str) -> Entry:
    term = acronym_letters_kept(acr)
    name = expansion
    if term != acr and expansion.endswith("s") and not expansion.endswith("ss"):
        name = expansion[:-1]  # "ADRs (Architecture Decision Records)": the term is "…Record"
    return Entry(term, expansion, source, (name,), kind="spelled out")


def _expansion_before(before: str, acr: str) -> str | None:
    """The shortest run of words ending right before "(ACR)" whose initials spell it."""
    if not is_acronym(acr):
        return None
    letters = acronym_letters(acr)
    words = list(_WORD.finditer(before))
    if not words:
        return None
    # The expansion starts with the acronym's first letter and covers at most a few small words more.
    for count in range(1, min(len(words), len(letters) + 4) + 1):
        first = words[-count]
        if first.group(0)[0].lower() != letters[0]:
            continue
        phrase = before[first.start() :].strip()
        if spells(acr, phrase) and not re.search(r"[.!?;:]\s", phrase):
            return re.sub(r"['’]s$", "", phrase.strip(' ,\\”"“'))
    return None
