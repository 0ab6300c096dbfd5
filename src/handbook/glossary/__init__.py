"""The glossary: terms from glossary pages and sections, data files and inline acronyms, merged and
cached. Never imports Textual: the TUI and the CLI are clients."""

from handbook.glossary.build import build_glossary, load_glossary, spells
from handbook.glossary.model import Definition, Glossary, Term, term_sort_key

__all__ = ["Definition", "Glossary", "Term", "build_glossary", "load_glossary", "spells", "term_sort_key"]
