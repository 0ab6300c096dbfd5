"""Command palette (ctrl+p): jump to any page by title or path, look up any glossary term.

Titles, paths and definitions are handbook text: the palette parses a ``str`` prompt or help as markup
(a title with ``[@click=app.screenshot(…)]`` would be an action, an unbalanced ``[/]`` an error), so
every hit is given as ``Content`` built from plain text, its help line included, and no ``help`` string.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

HELP_STYLE = "dim"


def prompt(text: str, help_text: str, matcher: Matcher | None = None) -> Content:
    """``text`` (its fuzzy-matched characters styled) over ``help_text``, both as plain text."""
    content = Content(text)
    if matcher is not None:
        _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    if not help_text:
        return content
    return Content("\n").join([content, Content(help_text).stylize_before(HELP_STYLE)])


class PageCommands(Provider):
    """Every page of the handbook, matched on its title and its path."""

    @property
    def _handbook_pages(self) -> list[tuple[str, str]]:
        handbook = getattr(self.app, "handbook", None)
        return [(info.title, info.path) for info in handbook.pages] if handbook is not None else []

    async def discover(self) -> Hits:
        for title, path in self._handbook_pages[:40]:
            yield DiscoveryHit(prompt(title, path), partial(self._open, path), text=title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, path in self._handbook_pages:
            score = max(matcher.match(title), matcher.match(path) * 0.8)
            if score > 0:
                yield Hit(score, prompt(title, path, matcher), partial(self._open, path), text=title)

    def _open(self, path: str) -> None:
        open_page = getattr(self.app, "open_page", None)
        if open_page is not None:
            open_page(path)


class TermCommands(Provider):
    """Every glossary term (and alias): choosing one shows its definition over the page."""

    def _names(self) -> list[tuple[str, str, str]]:
        glossary = getattr(self.app, "glossary", None)
        if glossary is None:
            return []
        return [(name, term.term, term.definitions[0].text) for term in glossary.terms for name in term.names]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        show = getattr(self.app, "show_definition", None)
        for name, term, definition in self._names():
            score = matcher.match(name)
            if score > 0 and show is not None:
                yield Hit(score * 0.9, prompt(name, definition[:90], matcher), partial(show, term), text=name)
