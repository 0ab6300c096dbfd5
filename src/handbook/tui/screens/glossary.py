"""Every term the handbook defines, A–Z, filtered as you type; a term's definitions, where they come
from and the pages that use it. Enter on a source opens it in the reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.fuzzy import Matcher
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from handbook.content import Handbook, HandbookError
from handbook.glossary import Term
from handbook.search.searcher import IndexDamaged
from handbook.tui.screens.base import HandbookAppAccess
from handbook.tui.widgets.footer import FittedFooter


def place_name(handbook: Handbook, location: str) -> str:
    """``path#anchor`` as the reader knows it, "Page title › Section" (a long path broke mid-word on
    80 columns); a place that is not a page (a data file) keeps its path."""
    path, _, anchor = location.partition("#")
    info = handbook.info(path)
    if info is None:
        return location
    heading = ""
    if anchor:
        try:
            section = handbook.page(path).section(anchor)
        except HandbookError:
            section = None
        heading = section.title if section is not None else ""
    return f"{info.title} › {heading}" if heading and heading != info.title else info.title


def definition_text(term: Term, name: Callable[[str], str] = str) -> Text:
    """A term as plain Text: the handbook's words are data, never markup. ``name``: how a source is
    shown (see ``place_name``)."""
    text = Text.assemble((term.term, "bold"))
    if term.aliases:
        text.append(f" {term.aka}", style="italic")
    if term.deprecated:
        text.append("  deprecated", style="bold red")
    for definition in term.definitions:
        text.append("\n\n")
        text.append(definition.text)
        if definition.kind == "spelled out":
            text.append(f"\n— spelled out in {name(definition.source)}", style="dim")
        else:
            category = f" ({definition.category})" if definition.category else ""
            text.append(f"\n— {name(definition.source)}{category}", style="dim")
    return text


class TermOption(Option):
    """A term in the A–Z list; it carries its term."""

    def __init__(self, term: Term) -> None:
        super().__init__(Text(term.term))
        self.term = term


class PlaceOption(Option):
    """A section to open: where the term is defined or spelled out, or a page that uses it."""

    def __init__(self, label: str, place: str, *, source: bool) -> None:
        super().__init__(Text(label))
        self.place = place  # "path#anchor" or "path"
        self.source = source  # defined or spelled out there, not only used


class GlossaryScreen(HandbookAppAccess, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to reading", id="glossary.back"),
        Binding("down", "move(1)", "Next term", show=False, id="glossary.next"),
        Binding("up", "move(-1)", "Previous term", show=False, id="glossary.previous"),
        Binding("tab", "focus_links", "Sources", id="glossary.links"),
    ]

    def __init__(self, start: str = "") -> None:
        super().__init__()
        self.start = start
        self.shown: list[Term] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(value=self.start, placeholder="Filter terms (fuzzy)", id="glossary-filter")
        with Horizontal(id="glossary-body"):
            yield OptionList(id="glossary-terms")
            with Vertical(id="glossary-detail"):
                yield Static(id="glossary-definition", markup=False)
                yield OptionList(id="glossary-links")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = "Glossary"
        self.query_one(Input).focus()
        if self.handbook_app.glossary_ready:
            self.fill(self.start)
        else:
            self.query_one("#glossary-definition", Static).update("Loading the glossary…")
            self.handbook_app.when_glossary_ready(lambda: self.fill(self.query_one(Input).value))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.handbook_app.glossary_ready:
            self.fill(event.value)

    def fill(self, text: str) -> None:
        terms = self.handbook_app.glossary.terms
        if text.strip():
            matcher = Matcher(text.strip())
            scored = [(max(matcher.match(n) for n in t.names), t) for t in terms]
            self.shown = [t for score, t in sorted(scored, key=lambda p: -p[0]) if score > 0]
        else:
            self.shown = list(terms)
        options = self.query_one("#glossary-terms", OptionList)
        options.clear_options()
        options.add_options([TermOption(t) for t in self.shown])
        if self.shown:
            options.highlighted = 0
        else:
            self.query_one("#glossary-definition", Static).update(
                "No term matches."
                if terms
                else "This handbook defines no terms: add glossary.yaml or a glossary page."
            )
            self.query_one("#glossary-links", OptionList).clear_options()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option, TermOption):
            self.show_term(event.option.term)

    def show_term(self, term: Term) -> None:
        handbook = self.handbook_app.handbook
        self.query_one("#glossary-definition", Static).update(definition_text(term, self.place_name))
        links = self.query_one("#glossary-links", OptionList)
        links.clear_options()
        places: dict[str, str] = {}  # only sources that are pages can be opened
        for d in term.definitions:
            if handbook.info(d.source.partition("#")[0]) is not None:
                verb = "Spelled out in" if d.kind == "spelled out" else "Defined in"
                places.setdefault(d.source, f"{verb} {self.place_name(d.source)}")
        links.add_options([PlaceOption(label, source, source=True) for source, label in places.items()])
        self.used_in(term)

    @work(thread=True, exclusive=True, group="glossary-used-in")
    def used_in(self, term: Term) -> None:
        """Pages that use the term, from the search index (off the UI thread)."""
        index = self.handbook_app.search_index
        try:
            hits = index.search(term.term, 20).hits if index.available else []
        except IndexDamaged as exc:
            self.app.call_from_thread(self.handbook_app.index_damaged, str(exc))
            return
        if get_current_worker().is_cancelled:
            return
        pages: dict[str, tuple[str, str]] = {}
        for hit in hits:
            pages.setdefault(hit.path, (hit.location, hit.where))
        self.app.call_from_thread(self._add_used_in, term, list(pages.values())[:8])

    def place_name(self, location: str) -> str:
        return place_name(self.handbook_app.handbook, location)

    def _add_used_in(self, term: Term, places: list[tuple[str, str]]) -> None:
        if not self.is_current:
            return  # the screen was closed while the search ran
        links = self.query_one("#glossary-links", OptionList)
        options = (links.get_option_at_index(n) for n in range(links.option_count))
        known = {o.place for o in options if isinstance(o, PlaceOption)}
        links.add_options(
            [PlaceOption(f"Used in {where}", p, source=False) for p, where in places if p not in known]
        )

    def action_move(self, step: int) -> None:
        options = self.query_one("#glossary-terms", OptionList)
        if self.shown:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_focus_links()

    def action_focus_links(self) -> None:
        links = self.query_one("#glossary-links", OptionList)
        if links.option_count:
            links.focus()
            links.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, TermOption):
            self.action_focus_links()
        elif isinstance(event.option, PlaceOption):
            self.app.pop_screen()
            self.handbook_app.open_page(*event.option.place.partition("#")[::2])

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id == "glossary-links":
            self.query_one(Input).focus()
            return
        self.app.pop_screen()
