"""What the user typed → words, quoted phrases and filters. Never raises: any text is a query.

Syntax is deliberately small: ``"exact phrase"``, ``in:CHAPTER``, ``tag:TAG``; everything else is a word.
Boolean operators and stray quotes or brackets are just words (stop words drop ``and``/``or``/``not``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"(?P<key>\b(?:in|tag|chapter)):(?P<value>\"[^\"]*\"?|\S+)"
    r"|\"(?P<phrase>[^\"]*)\"?"
    r"|(?P<word>[^\s\"]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    verbatim: list[str] = field(default_factory=list)  # single words typed in quotes: never corrected

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases)

    def with_words(self, words: list[str]) -> ParsedQuery:
        return ParsedQuery(self.text, words, self.phrases, self.chapters, self.tags, self.verbatim)


def parse_query(text: str) -> ParsedQuery:
    words: list[str] = []
    phrases: list[str] = []
    chapters: list[str] = []
    tags: list[str] = []
    verbatim: list[str] = []
    for m in _TOKEN.finditer(text or ""):
        if m.group("key"):
            value = m.group("value").strip('"').strip()
            if value:
                (tags if m.group("key").lower() == "tag" else chapters).append(value.lower())
        elif m.group("phrase") is not None:
            phrase = " ".join(m.group("phrase").split())
            if len(phrase.split()) > 1:
                phrases.append(phrase)
            elif phrase:
                words.append(phrase)
                verbatim.append(phrase)
        elif m.group("word"):
            words.append(m.group("word"))
    return ParsedQuery(text or "", words, phrases, chapters, tags, verbatim)
