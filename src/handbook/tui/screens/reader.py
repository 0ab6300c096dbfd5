"""The reader: the handbook tree, the page, its outline, find-in-page, links and history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static, Tree

from handbook.content import HandbookError, Page
from handbook.tui.dialogs.ask import AskScreen
from handbook.tui.dialogs.external_link import ExternalLinkScreen
from handbook.tui.history import History, Place
from handbook.tui.page.end import neighbours, page_end
from handbook.tui.screens.base import HandbookAppAccess
from handbook.tui.widgets.find_bar import FindBar
from handbook.tui.widgets.footer import FittedFooter
from handbook.tui.widgets.outline import Outline
from handbook.tui.widgets.page_tree import PageTree
from handbook.tui.widgets.page_view import PageView
from handbook.tui.widgets.page_warnings import PageWarnings

if TYPE_CHECKING:  # the search screen (and Whoosh) is imported when first opened, not at start-up
    from handbook.tui.screens.search import SearchChoice

NARROW = 100  # below this many columns the page tree starts hidden


class ReaderScreen(HandbookAppAccess, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "search", "Search", id="reader.search"),
        Binding("o", "app.onboarding", "Onboarding", id="reader.onboarding"),
        Binding("ctrl+g", "app.glossary", "Glossary", id="reader.glossary"),
        Binding("d", "define", "Define", show=False, id="reader.define"),
        Binding("m", "mark_terms", "Mark terms", show=False, id="reader.mark_terms"),
        Binding("slash", "find", "Find", id="reader.find"),
        Binding("n", "find_step(1)", "Next match", show=False, id="reader.find_next"),
        Binding("N", "find_step(-1)", "Previous match", show=False, id="reader.find_previous"),
        Binding("t", "toggle_outline", "Outline", id="reader.outline"),
        Binding("p", "toggle_tree", "Pages", id="reader.toggle_tree"),
        Binding("H,backspace,alt+left", "back", "Back", id="reader.back"),
        Binding("L,alt+right", "forward", "Forward", show=False, id="reader.forward"),
        Binding("right_square_bracket", "turn_page(1)", "Next page", show=False, id="reader.next_page"),
        Binding("left_square_bracket", "turn_page(-1)", "Previous page", show=False, id="reader.prev_page"),
        Binding("w", "warnings", "Warnings", show=False, id="reader.warnings"),
        Binding("escape", "close_find", "Close find / outline", show=False, id="reader.close_find"),
    ]

    def __init__(self, start: Place) -> None:
        super().__init__()
        self.start = start
        self.history = History()
        self.page: Page | None = None
        self.last_search = ""
        self._back_from: tuple[int, Callable[[], None]] | None = None  # (history position, what back does)
        self.marking_terms = False
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="reader-body"):
            yield PageTree(self.handbook_app.handbook, id="tree")
            with Vertical(id="reader-main"):
                yield Static(id="breadcrumb", markup=False)
                yield Static(id="onboarding-summary", markup=False)
                yield PageWarnings(id="page-warnings")
                yield PageView(id="page", code_theme=self.handbook_app.code_theme)
                yield FindBar(id="find")
            yield Outline(id="outline")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#find", FindBar).hide()
        self.query_one("#outline", Outline).display = False
        self.query_one(PageWarnings).display = False
        if len(self.handbook_app.handbook.pages) == 1:
            self.query_one(PageTree).display = False  # it would only repeat the page's title
        elif self.app.size.width < NARROW:
            self.query_one(PageTree).display = False  # the page needs the room
            self.notify("The list of pages is hidden at this width: press p to show it.", timeout=6)
        self.open_place(self.start)
        self.query_one(PageView).focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual restyles a whole screen when it resumes, so a theme changed meanwhile shows. On the
        first resume every widget was styled a moment ago, as it mounted: restyling them again was a
        tenth of the first paint."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        if self.page is not None:
            self.show_onboarding_summary()

    def handbook_replaced(self, first_look_landing: str) -> None:
        """The app read the whole handbook after painting from a first look: show its tree, and the
        page again (its links now resolve against every page), where the reader is."""
        handbook = self.handbook_app.handbook
        tree = self.query_one(PageTree)
        tree.show_handbook(handbook)
        if len(handbook.pages) > 1 and (tree.display or self.app.size.width >= NARROW):
            tree.display = True
        if self.page is None:
            return
        untouched = self.history.position == 0 and self.page_view.scroll_y == 0
        if untouched and self.page.path == first_look_landing != handbook.landing.path:
            place = Place(handbook.landing.path)  # the first look guessed the front page wrong
        elif handbook.info(self.page.path) is None:
            self.notify(f"{self.page.path} is no longer in the handbook.", severity="warning")
            return
        else:
            anchor, line = self.page_view.position()
            place = Place(self.page.path, anchor, line)
        self.page = None  # shown again from the new handbook
        self.open_place(place, record=False)

    # ---------------------------------------------------------------- navigation

    @property
    def page_view(self) -> PageView:
        return self.query_one(PageView)

    def open_place(
        self, place: Place, *, record: bool = True, back: Callable[[], None] | None = None
    ) -> bool:
        """Show a page (and section); ``record`` adds it to the history. False if it could not open.

        ``back``: what Back does from this place instead of going back in the history (return to the
        screen that opened it, such as the checklist)."""
        try:
            page = self.handbook_app.handbook.page(place.path)
        except HandbookError as exc:
            self.notify(str(exc), severity="error")
            return False
        if record:
            if self.page is not None:
                self.history.remember(*self.page_view.position())
            self.history.visit(place)
        view = self.page_view
        if page is not self.page:
            self.page = page
            found = view.show(page, place.anchor, place.line)
            self.call_after_refresh(self._show_page_end, page)
            self.query_one(Outline).show_page(page)
            self.query_one(PageTree).select_path(page.path)
            self.sub_title = "" if page.title == self.app.title else page.title
            self._show_warnings(auto=True)
            self.show_onboarding_summary()
            self._close_find()
        else:  # the same page: back/forward come back to the line the reader left
            found = view.scroll_to_anchor(place.anchor, place.line) or not place.anchor
            if not found:
                view.scroll_to_anchor("", 0)
        if place.anchor and not found:
            self.notify(
                f"No section #{place.anchor} in {page.path}; showing the top of the page.", severity="warning"
            )
        if back is not None:
            self._back_from = (self.history.position, back)
        return True

    def _show_page_end(self, page: Page) -> None:
        """'Next: …' at the end of the page, once it is on screen: the same pages ``[`` and ``]`` turn to."""
        if self.page is page:
            handbook = self.handbook_app.handbook
            self.page_view.set_end(page_end(handbook.pages, handbook.toc, page.path))

    def action_turn_page(self, step: int) -> None:
        """The next or previous page in the site's reading order (its table of contents), as a book."""
        before, after = neighbours(self.handbook_app.handbook.pages, self.page.path if self.page else "")
        target = after if step > 0 else before
        if target is None:
            self.notify("This is the last page." if step > 0 else "This is the first page.", timeout=2)
            return
        self.open_place(Place(target.path, ""))

    def action_back(self) -> None:
        if self._back_from is not None and self._back_from[0] == self.history.position:
            back, self._back_from = self._back_from[1], None
            back()
            return
        if self.page is not None:
            self.history.remember(*self.page_view.position())
        place = self.history.back()
        if place is None:
            self.notify("Nothing to go back to.", timeout=2)
            return
        self.open_place(place, record=False)

    def action_forward(self) -> None:
        if self.page is not None:
            self.history.remember(*self.page_view.position())
        place = self.history.forward()
        if place is None:
            self.notify("Nothing to go forward to.", timeout=2)
            return
        self.open_place(place, record=False)

    def on_page_view_link_activated(self, event: PageView.LinkActivated) -> None:
        target = event.target
        if target.kind == "page":
            self.open_place(Place(target.path, target.anchor))
        elif target.kind == "anchor" and self.page is not None:
            self.open_place(Place(self.page.path, target.anchor))
        elif target.kind == "external":
            self.app.push_screen(ExternalLinkScreen(target.url))
        else:
            self.notify(
                f"Broken link {event.href!r}: {target.reason}.",
                title="Link leads nowhere",
                severity="warning",
            )

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        path = event.node.data
        if path and (self.page is None or path != self.page.path):
            self.open_place(Place(path))

    def on_outline_jump(self, event: Outline.Jump) -> None:
        if self.page is not None:
            self.open_place(Place(self.page.path, event.anchor))
            self.page_view.focus()

    def on_page_view_section_changed(self, event: PageView.SectionChanged) -> None:
        if self.page is None:
            return
        trail = [self.page.title, *[t for t in event.section.heading_path if t != self.page.title]]
        self.query_one("#breadcrumb", Static).update(" › ".join(trail))
        outline = self.query_one(Outline)
        if outline.display:
            outline.mark(event.section.anchor)

    # ---------------------------------------------------------------- onboarding summary

    def show_onboarding_summary(self) -> None:
        """On the landing page: 'Day 12 · 5/14 done · 2 overdue', which opens the checklist."""
        summary = self.query_one("#onboarding-summary", Static)
        app = self.handbook_app
        on_landing = self.page is not None and self.page.path == app.handbook.landing.path
        onboarding = app.onboarding  # None until the app's worker has read the plan; it calls back
        if not on_landing or onboarding is None or not onboarding.has_plan:
            summary.display = False
            return
        checklist = onboarding.checklist()
        summary.update(f"Your onboarding: {checklist.summary()}  —  press o (or click) for the checklist")
        summary.display = True

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "onboarding-summary":
            self.handbook_app.action_onboarding()

    # ---------------------------------------------------------------- glossary

    def action_mark_terms(self) -> None:
        """Mark (or unmark) every glossary term in the page; n/N move between them, d defines one."""
        view = self.page_view
        bar = self.query_one(FindBar)
        if self.marking_terms:
            self._close_find()
            return
        if not self.handbook_app.glossary_ready:
            self.notify("Loading the glossary…", timeout=2)
            self.handbook_app.when_glossary_ready(self.action_mark_terms)
            return
        pattern = self.handbook_app.glossary.pattern()
        count = view.highlight_pattern("glossary terms", pattern) if pattern is not None else 0
        if pattern is None or not (count or view.searching):
            self.notify("No glossary terms on this page.", timeout=2)
            return
        self.marking_terms = True
        bar.show_marks("Terms:", "n/N to move, d to define, m to unmark")
        bar.set_count(view.match_number, count, "terms", view.searching)
        view.focus()

    def action_define(self) -> None:
        """Look a term up without leaving the page: a marked term, a chosen link's text, or ask."""
        view = self.page_view
        selected = (view.current_match_text if self.marking_terms else None) or view.selected_text or ""
        app = self.handbook_app
        if selected and app.glossary.lookup(selected):
            app.show_definition(selected)
            return

        def answer(text: str | None) -> None:
            if text:
                app.show_definition(text)

        self.app.push_screen(
            AskScreen("Define:", selected, "a term or an acronym · Enter looks it up"), answer
        )

    # ---------------------------------------------------------------- search

    def action_search(self) -> None:
        from handbook.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.last_search), self._open_search_choice)

    def _open_search_choice(self, choice: SearchChoice | None) -> None:
        from handbook.search.analysis import terms

        if choice is None:
            return
        self.last_search = choice.query
        if self.open_place(Place(choice.path, choice.anchor)):
            view = self.page_view
            count = view.highlight_terms(choice.query, lambda word: bool(choice.stems & set(terms(word))))
            if count or view.searching:  # the query shown, not turned into a literal find
                bar = self.query_one(FindBar)
                bar.show_marks("Search:", choice.query)
                bar.set_count(view.match_number, count, choice.query, view.searching)
            view.focus()

    # ---------------------------------------------------------------- panels

    def action_toggle_tree(self) -> None:
        tree = self.query_one(PageTree)
        tree.display = not tree.display

    def action_toggle_outline(self) -> None:
        outline = self.query_one(Outline)
        outline.display = not outline.display
        if outline.display:
            section = self.page_view.current_section
            if section is not None:
                outline.mark(section.anchor)
            outline.focus()
        else:
            self.page_view.focus()

    def action_warnings(self) -> None:
        panel = self.query_one(PageWarnings)
        if panel.display:
            panel.display = False
            return
        if not self._show_warnings(auto=False):
            self.notify("No warnings on this page.", timeout=2)

    def _show_warnings(self, *, auto: bool) -> bool:
        panel = self.query_one(PageWarnings)
        return panel.show_for(self.page, self.page_view.render_failures, auto=auto)

    # ---------------------------------------------------------------- find in page

    def action_find(self) -> None:
        self.query_one(FindBar).open()

    def on_find_bar_changed(self, event: FindBar.Changed) -> None:
        view = self.page_view
        total = view.find(event.query)
        self.query_one(FindBar).set_count(view.match_number, total, event.query, view.searching)

    def on_page_view_matches_changed(self, event: PageView.MatchesChanged) -> None:
        """A long page's find counted further as its sections were rendered."""
        bar, view = self.query_one(FindBar), self.page_view
        if bar.is_open:
            bar.set_count(view.match_number, view.match_count, "x", view.searching)

    def on_find_bar_step(self, event: FindBar.Step) -> None:
        self.action_find_step(event.step)

    def on_find_bar_done(self, event: FindBar.Done) -> None:
        self.page_view.focus()

    def action_find_step(self, step: int) -> None:
        view = self.page_view
        if not view.match_count:
            self.notify("No matches: press / to find.", timeout=2)
            return
        view.next_match(step)
        self.query_one(FindBar).set_count(view.match_number, view.match_count, "x", view.searching)

    def on_find_bar_closed(self, event: FindBar.Closed) -> None:
        self._close_find()  # Esc in the bar closes only the bar, not the outline too
        self.page_view.focus()

    def action_close_find(self) -> None:
        """Esc: close the find bar (or marked terms); with none open, close the outline, which stays
        open after a jump so the reader sees where they are until they are done with it."""
        outline = self.query_one(Outline)
        if outline.display and not self.query_one(FindBar).is_open and not self.marking_terms:
            outline.display = False
        else:
            self._close_find()
        self.page_view.focus()

    def _close_find(self) -> None:
        self.marking_terms = False
        self.query_one(FindBar).hide()
        self.page_view.clear_find()
