"""The glossary: terms from glossary pages and sections, data files and inline acronyms, merged and
cached. Never imports Textual: the TUI and the CLI are clients.

``build_glossary`` (markdown-it, yaml, every page) and ``spells`` (the term patterns) are imported on
first use: loading the cached glossary, as a search does, needs neither.
"""

from typing import TYPE_CHECKING, Any

from handbook.glossary.cache import load_glossary
from handbook.glossary.model import Definition, Entry, Glossary, Term, term_sort_key

if TYPE_CHECKING:
    from handbook.glossary.build import build_glossary
    from handbook.glossary.terms import spells

__all__ = [
    "Definition",
    "Entry",
    "Glossary",
    "Term",
    "build_glossary",
    "load_glossary",
    "spells",
    "term_sort_key",
]


def __getattr__(name: str) -> Any:
    if name == "build_glossary":
        from handbook.glossary.build import build_glossary

        return build_glossary
    if name == "spells":
        from handbook.glossary.terms import spells

        return spells
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
