"""Other ways a handbook says what a new hire types: a small built-in table of the words handbooks
use for the same things, plus the handbook's own ``synonyms.yaml`` (a list of groups)::

    - [laptop, computer, workstation]
    - [PTO, time off, vacation]

Words and phrases match whatever their inflection or punctuation (``laptops``, ``on-call``,
``1:1``). A group is symmetric: any member finds the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from whoosh.lang.porter import stem

SYNONYMS_FILE = "synonyms.yaml"

# Words handbooks use for the same things; each group is symmetric. Kept general on purpose: what a
# single handbook calls something belongs in its own synonyms.yaml.
BUILTIN: tuple[tuple[str, ...], ...] = (
    ("laptop", "computer"),
    ("pto", "paid time off", "time off", "vacation", "holiday", "days off", "annual leave", "leave"),
    ("expense", "reimbursement", "reimburse"),
    ("1:1", "one-on-one", "1-on-1"),
    ("on-call", "oncall", "pager", "paged"),
    ("offboarding", "off-boarding", "resign", "resignation", "leaving"),
    ("salary", "compensation", "pay", "wage"),
    ("career ladder", "career development", "career progression", "career path"),
    ("retro", "retrospective"),
    ("pr", "pull request"),
    ("mr", "merge request", "pull request"),
    ("2fa", "two-factor", "mfa", "multi-factor"),
    ("repo", "repository"),
    ("docs", "documentation"),
    ("wifi", "wi-fi", "wireless"),
    ("standup", "stand-up"),
    ("outage", "incident"),
    ("stipend", "allowance"),
    ("monitor", "screen", "display"),
    ("sick days", "sick leave"),
    ("parental leave", "maternity leave", "paternity leave"),
    ("k8s", "kubernetes"),
)

_WORD = re.compile(r"[a-z0-9]+")


def key(text: str) -> str:
    """A phrase as its stemmed words: ``On-Call`` → ``on call``, ``laptops`` → ``laptop``."""
    return " ".join(stem(word) for word in _WORD.findall(text.lower()))


class Synonyms:
    """Groups of words and phrases that mean the same; ``expand`` is a search ``Expander``."""

    def __init__(self, groups: Iterable[Sequence[str]] = BUILTIN) -> None:
        self._others: dict[str, list[str]] = {}
        for group in groups:
            members = [str(m).strip() for m in group if str(m).strip()]
            for member in members:
                known = self._others.setdefault(key(member), [])
                for other in members:
                    if key(other) != key(member) and other not in known:
                        known.append(other)
        self._others.pop("", None)

    def expand(self, text: str) -> list[str]:
        """The other names of ``text`` (a word or phrase), or nothing."""
        return list(self._others.get(key(text), []))

    @classmethod
    def for_handbook(cls, root: Path) -> Synonyms:
        """The built-in table and the handbook's ``synonyms.yaml``; a malformed file adds nothing."""
        return cls([*BUILTIN, *load_groups(root / SYNONYMS_FILE)])


def load_groups(path: Path) -> list[list[str]]:
    """The groups of a ``synonyms.yaml``: a list of lists of words or phrases (anything else ignored)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    import yaml  # only for a handbook that has the file

    from handbook.safe_yaml import YamlRefused, load_yaml

    try:
        data = load_yaml(text)
    except (yaml.YAMLError, YamlRefused):  # bounded, like every YAML read
        return []
    if not isinstance(data, list):
        return []
    return [
        [str(m) for m in group if isinstance(m, str | int | float) and not isinstance(m, bool)]
        for group in data
        if isinstance(group, list)
    ]
