"""The glossary: terms from glossary pages and sections, data files and inline acronyms, merged and
cached. Never imports Textual: the TUI and the CLI are clients."""

from handbook.glossary.build import build_glossary
from handbook.glossary.cache import load_glossary
from handbook.glossary.model import Definition, Entry, Glossary, Term, term_sort_key
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
