"""Search the whole handbook as you type; Enter opens the section, Esc goes back to reading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from handbook.search import Hit, SearchResult
from handbook.search.analysis import terms
from handbook.search.searcher import IndexDamaged
from handbook.tui.screens.base import HandbookAppAccess
from handbook.tui.widgets.footer import FittedFooter

RESULTS = 30


@dataclass(frozen=True)
class SearchChoice:
    """What the reader needs to show a chosen hit: where, and which words to mark there."""

    path: str
    anchor: str
    query: str
    stems: frozenset[str]


def hit_label(hit: Hit, mark: Style) -> Text:
    """Where the hit is, then its snippet with the matched words in ``mark`` (spans, not markup)."""
    label = Text.assemble((hit.where, "bold"), "\n", (hit.location, "dim"))
    if not hit.snippet.text:  # a title found before its page's body is indexed: no empty line
        return label
    label.append("\n")
    start = len(label)
    label.append(hit.snippet.text)
    for mark_start, mark_end in hit.snippet.marks:
        label.stylize(mark, start + mark_start, start + mark_end)
    return label


class HitOption(Option):
    """A result in the list: it carries its hit, so choosing it needs no index into a list."""

    def __init__(self, hit: Hit, prompt: Text) -> None:
        super().__init__(prompt)
        self.hit = hit


class SearchResults(OptionList):
    """The hits of a search; themes (and a user's CSS) restyle the matched words."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"search-results--mark"}
    DEFAULT_CSS = """
    SearchResults > .search-results--mark { text-style: bold reverse; }
    """

    def show_hits(self, hits: list[Hit], keep: tuple[str, str] | None) -> None:
        """Replace the results (a separator line between them); the hit at ``keep`` (path, anchor)
        stays highlighted, else the first."""
        mark = self.get_component_rich_style("search-results--mark", partial=True)
        self.clear_options()
        options: list[Option | None] = []
        for number, hit in enumerate(hits):
            if number:
                options.append(None)
            options.append(HitOption(hit, hit_label(hit, mark)))
        self.add_options(options)
        if hits:
            at = [n for n, hit in enumerate(hits) if place(hit) == keep]  # (separators are no options)
            self.highlighted = at[0] if at else 0
            if not at:
                self.scroll_home(animate=False)

    @property
    def highlighted_hit(self) -> Hit | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.hit if isinstance(option, HitOption) else None


def place(hit: Hit) -> tuple[str, str]:
    return hit.path, hit.anchor


class SearchScreen(HandbookAppAccess, Screen["SearchChoice | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to reading", id="search.back"),
        Binding("down", "move(1)", "Next result", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.previous"),
        Binding("pagedown", "move(5)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "move(-5)", "Page up", show=False, id="search.page_up"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.hits: list[Hit] = []
        self.result: SearchResult | None = None
        self.last_query = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            value=self.initial_query,
            placeholder='Search the handbook: words, "a phrase", in:chapter',
            id="search-input",
        )
        yield Static(id="search-status", markup=False)
        yield Static(id="search-definition", markup=False)
        yield SearchResults(id="search-results")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = "Search"
        self.query_one(Input).focus()
        self.watch(self.app, "index_status", self._index_changed)
        self.run_query(self.initial_query)

    # ---------------------------------------------------------------- querying

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_query(self, query: str) -> None:
        """Runs off the UI thread; a newer keystroke makes this result stale and it is dropped."""
        app = self.handbook_app
        index = app.search_index
        expand = app.glossary.expansions
        result = None
        try:
            if query.strip() and index.available:
                result = index.search(query, RESULTS, expand=expand, prefix=True)
        except IndexDamaged as exc:
            self.app.call_from_thread(app.index_damaged, str(exc))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, query, result)

    def show_results(self, query: str, result: SearchResult | None) -> None:
        if not self.is_current:
            return  # the screen was closed while the search ran
        if query != self.query_one(Input).value:
            return  # typed on since: a newer search is coming
        results = self.query_one(SearchResults)
        # New results of the same query (the index grew) keep the hit the user moved to; a user who
        # has not moved stays on the first result, at the top of the list.
        moved = bool(results.highlighted)
        chosen = results.highlighted_hit if query == self.last_query and moved else None
        self.last_query = query
        self.result = result
        self.hits = result.hits if result else []
        results.show_hits(self.hits, place(chosen) if chosen is not None else None)
        self._update_status(result)
        self._show_definition(query)

    def _show_definition(self, query: str) -> None:
        """A query that is a glossary term gets its definition above the results."""
        card = self.query_one("#search-definition", Static)
        term = self.handbook_app.glossary.lookup(query) if query.strip() else None
        if term is None:
            card.display = False
            return
        card.update(Text.assemble((term.term, "bold"), term.aka, "\n", term.summary))
        card.display = True

    def _update_status(self, result: SearchResult | None) -> None:
        parts = []
        building = self.handbook_app.index_status
        if building:
            parts.append(building)
        if result is not None and result.notice:
            parts.append(result.notice[:1].upper() + result.notice[1:])
        if result is not None:
            count = len(result.hits)
            parts.append(
                f"{count}{'+' if count == RESULTS else ''} result{'s' if count != 1 else ''}"
                if count
                else ("No results yet" if building else "No results")  # pages are still coming
            )
        elif not self.query_one(Input).value.strip():
            parts.append(f"Type to search {len(self.handbook_app.handbook.pages)} pages")
        elif not self.handbook_app.index_failed:
            parts.append("results will show as soon as the first pages are indexed")
        self.query_one("#search-status", Static).update(" · ".join(parts))

    def _index_changed(self, status: str) -> None:
        """While the index is built, each committed batch can add results: search again."""
        if self.query_one(Input).value.strip():
            self.run_query(self.query_one(Input).value)
        else:
            self._update_status(self.result)

    # ---------------------------------------------------------------- choosing

    def action_move(self, step: int) -> None:
        results = self.query_one(SearchResults)
        if not self.hits:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(SearchResults).highlighted_hit)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, HitOption):
            self._choose(event.option.hit)

    def _choose(self, hit: Hit | None) -> None:
        if hit is None:
            return
        query = self.last_query
        self.dismiss(SearchChoice(hit.path, hit.anchor, query, frozenset(terms(query))))

    def action_back(self) -> None:
        self.dismiss(None)
