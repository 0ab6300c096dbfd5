"""The Textual application: it owns the opened handbook, the user's settings and the screens."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from traceback import format_exception
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from handbook.cancel import StopCheck, Stopped
from handbook.config import ConfigError, load_config, save_setting
from handbook.content import Handbook, HandbookError, PageRef
from handbook.log import log_details
from handbook.suggest import did_you_mean_sentence
from handbook.tui.history import Place
from handbook.tui.page.render import MARKDOWN_THEME
from handbook.tui.palette import PageCommands, TermCommands
from handbook.tui.screens.reader import ReaderScreen
from handbook.tui.search_upkeep import SearchUpkeepApp

if TYPE_CHECKING:  # imported where first used: the first paint needs none of them (a third of start-up)
    from handbook.glossary import Glossary
    from handbook.onboarding import Onboarding
    from handbook.tui.screens.onboarding import ReadAbout


DARK_CODE_THEME, LIGHT_CODE_THEME = "monokai", "friendly"


def _stop_when_cancelled() -> StopCheck:
    """For core work in a worker thread: stop (between pages) once the app cancels the worker."""
    worker = get_current_worker()
    return lambda: worker.is_cancelled


class HandbookApp(SearchUpkeepApp):
    """Owns the handbook, its search index (kept up to date in the background) and the settings."""

    CSS_PATH = "app.tcss"
    TITLE = "handbook"
    COMMANDS: ClassVar = App.COMMANDS | {PageCommands, TermCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, handbook: Handbook, start: PageRef | None = None, role: str | None = None) -> None:
        super().__init__(handbook)
        self.role = role
        self._quitting = False
        self._background_started = asyncio.Event()  # set once the start-up workers are under way
        self.start = start or PageRef(handbook.landing.path)
        self.title = handbook.title
        config = load_config(report=False)
        if self.role is None:
            self.role = config.role
        self._onboarding: Onboarding | None = None
        self._open_onboarding_when_loaded = False
        self.start_date_asked = False  # the checklist asks once a session; skipped, d sets it later
        self._glossary: Glossary | None = None  # built by the load_glossary worker
        self._glossary_waiting: list[Callable[[], None]] = []
        self.keymap_overrides = dict(config.keymap)
        self._saved_theme = config.theme

    def get_default_screen(self) -> Screen[Any]:
        """The reader is the app's first screen, not pushed over a blank one: Textual draws nothing
        while it mounts the app, so a reader pushed from ``on_mount`` had its first frame dropped and
        the page appeared a layout later."""
        self.console.push_theme(MARKDOWN_THEME)
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        if self._saved_theme and self._saved_theme in self.available_themes:
            self.theme = self._saved_theme  # before the reader is styled, not after
        return ReaderScreen(Place(self.start.path, self.start.anchor))

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.theme_changed_signal.subscribe(self, self._recolour_code)
        self.index_status = "Checking the search index…"
        # After the first paint: the workers' threads would take the GIL from it (seconds on a big
        # handbook, where each reads every page).
        self.call_after_refresh(self.start_background_work)

    def start_background_work(self) -> None:
        """Check the index, read the onboarding plan, build the glossary: each in its own worker.

        A handbook opened from a first look (``Handbook.open_quickly``) is read whole first: the index,
        the plan and the glossary are made from every page, never from the few the first look saw.
        """
        if self._quitting:
            return
        if not self.handbook.complete:
            self.read_whole_handbook()
            return
        self.update_index()
        self.load_onboarding()
        self.load_glossary()
        self._background_started.set()

    @work(thread=True, exclusive=True, group="catalog", exit_on_error=False)
    def read_whole_handbook(self) -> None:
        """The real catalog, off the UI thread: seconds on a big handbook seen for the first time."""
        try:
            fresh = Handbook.open(self.handbook.location, stop=_stop_when_cancelled())
        except Stopped:
            return  # the app is quitting
        except (HandbookError, OSError) as exc:
            message = f"The handbook could not be read: {exc}. Search, the glossary and the checklist wait."
            self.call_from_thread(self.notify, message, severity="error", timeout=20)
            return
        self.call_from_thread(self._whole_handbook_read, fresh)

    def _whole_handbook_read(self, fresh: Handbook) -> None:
        if self._quitting:
            return
        first_look = self.handbook
        self.handbook = fresh
        self._search_index = None  # made again for the whole handbook when next needed
        if not first_look.shows_the_same_as(fresh):
            self.title = fresh.title
            for screen in self.screen_stack:
                if isinstance(screen, ReaderScreen):
                    screen.handbook_replaced(first_look.landing.path)
        self.start_background_work()

    async def settled(self) -> None:
        """Once the start-up work (index, plan, glossary) is done: what a script or a test waits for."""
        await self._background_started.wait()
        await self.workers.wait_for_complete()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Messages quote page names, paths and errors: data, never markup. Widgets' ``notify`` passes
        ``markup=True`` by default; none of ours means it, so it is not honoured."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Keys typed after q are dropped: a screen mounted while the app shuts down crashed it."""
        if self._quitting:
            return True
        return await super().run_action(action, default_namespace, namespaces)

    async def action_quit(self) -> None:
        self._quitting = True
        if self._index_update is not None:
            self._index_update.stop()  # a build in progress stops at its next batch; it resumes next time
        self.exit()

    @property
    def code_theme(self) -> str:
        """The Pygments style for code blocks: one for dark app themes, one for light ones."""
        return DARK_CODE_THEME if self.current_theme.dark else LIGHT_CODE_THEME

    def _recolour_code(self, theme: object) -> None:
        from handbook.tui.widgets.page_view import PageView

        for screen in self.screen_stack:
            for view in screen.query(PageView):
                view.set_code_theme(self.code_theme)

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if not name or name == self._saved_theme:
            return
        try:
            save_setting("theme", name)
            self._saved_theme = name
        except (ConfigError, OSError) as exc:
            self.notify(f"Theme not saved: {exc}", severity="warning")

    # ---------------------------------------------------------------- used by the palette and screens

    @work(thread=True, exclusive=True, group="glossary", exit_on_error=False)
    def load_glossary(self) -> None:
        """Build (or read from its cache) the glossary off the UI thread: seconds on a big handbook."""
        from handbook.glossary import Glossary, load_glossary

        try:
            glossary = load_glossary(self.handbook, stop=_stop_when_cancelled())
        except Stopped:
            return  # the app is quitting
        except Exception as exc:  # a boundary: the glossary degrades, reading must go on
            log = log_details(f"the glossary could not be built: {exc}", format_exception(exc))
            glossary = Glossary([], [f"The glossary could not be built ({type(exc).__name__}); see {log}"])
        self.call_from_thread(self._glossary_loaded, glossary)

    def _glossary_loaded(self, glossary: Glossary) -> None:
        self._glossary = glossary
        waiting, self._glossary_waiting = self._glossary_waiting, []
        for callback in waiting:
            callback()

    @property
    def glossary_ready(self) -> bool:
        return self._glossary is not None

    @property
    def glossary(self) -> Glossary:
        """The glossary once built; empty until then, so search and the palette never wait for it."""
        if self._glossary is not None:
            return self._glossary
        from handbook.glossary.model import Glossary

        return Glossary([])

    def when_glossary_ready(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the glossary is built (now, if it is)."""
        if self._glossary is not None:
            callback()
        else:
            self._glossary_waiting.append(callback)

    def action_glossary(self) -> None:
        from handbook.tui.screens.glossary import GlossaryScreen

        if not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen())

    def show_definition(self, text: str) -> None:
        if self._glossary is None:
            self.notify("Loading the glossary…", timeout=2)
            self.when_glossary_ready(lambda: self.show_definition(text))
            return
        term = self.glossary.lookup(text)
        if term is None:
            self._explain_miss(text)
            return
        from handbook.tui.dialogs.definition import DefinitionScreen

        self.push_screen(DefinitionScreen(term))

    @work(thread=True, group="glossary-miss", exit_on_error=False)
    def _explain_miss(self, text: str) -> None:
        """Say the word is not defined, where the handbook talks about it (the search index, if one
        exists — never built for this), and the closest terms."""
        from handbook.search.searcher import IndexDamaged

        lines = [f"No glossary entry for {text!r}."]
        try:
            hits = self.search_index.search(text, 1).hits if self.search_index.available else []
        except (IndexDamaged, OSError):
            hits = []
        if hits:
            lines.append(f"{text}: see {hits[0].where}")
        suggestions = self.glossary.suggest(text)
        if suggestions:
            lines.append(did_you_mean_sentence(suggestions))
        self.call_from_thread(self.notify, "\n".join(lines), severity="warning", markup=False)

    @property
    def onboarding(self) -> Onboarding | None:
        """The checklist once loaded (a worker loads it after the first paint), else None."""
        return self._onboarding

    @work(thread=True, exclusive=True, group="onboarding", exit_on_error=False)
    def load_onboarding(self) -> None:
        """The plan may be discovered by reading many pages: never on the UI thread."""
        from handbook.onboarding import Onboarding

        try:
            onboarding = Onboarding(self.handbook, role=self.role, stop=_stop_when_cancelled())
        except Stopped:
            return  # the app is quitting
        except Exception as exc:  # a boundary: the checklist degrades, reading goes on
            log = log_details("the onboarding checklist could not be loaded", format_exception(exc))
            message = f"The onboarding checklist could not be loaded: {exc}"
            message += f" (details: {log})" if log else ""
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.call_from_thread(self._onboarding_loaded, onboarding)

    def _onboarding_loaded(self, onboarding: Onboarding) -> None:
        self._onboarding = onboarding
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.show_onboarding_summary()
        if self._open_onboarding_when_loaded:
            self._open_onboarding_when_loaded = False
            self.action_onboarding()

    def action_onboarding(self, at: str | None = None) -> None:
        """The checklist (its cursor on item ``at``); Enter on an item reads about it in the reader."""
        from handbook.tui.screens.onboarding import OnboardingScreen

        if isinstance(self.screen, OnboardingScreen):
            return
        if self._onboarding is None:
            self._open_onboarding_when_loaded = True  # opens as soon as the plan is read
            self.notify("Reading the onboarding plan…", timeout=3)
            return
        self.push_screen(OnboardingScreen(self._onboarding, at), self._read_about)

    def _read_about(self, choice: ReadAbout | None) -> None:
        """The checklist closed on an item: show its section; back from there returns to the checklist,
        on that item."""
        reader = self.screen
        if choice is not None and isinstance(reader, ReaderScreen):
            back = partial(self.action_onboarding, choice.item_id)
            reader.open_place(Place(choice.path, choice.anchor), back=back)

    def open_page(self, path: str, anchor: str = "") -> None:
        screen = self.screen
        if isinstance(screen, ReaderScreen):
            screen.open_place(Place(path, anchor))

    def action_help(self) -> None:
        from handbook.tui.dialogs.help import HelpScreen
        from handbook.tui.screens.glossary import GlossaryScreen
        from handbook.tui.screens.onboarding import OnboardingScreen
        from handbook.tui.screens.search import SearchScreen
        from handbook.tui.widgets.find_bar import FindBar
        from handbook.tui.widgets.page_view import PageView

        groups = [
            ("Page", PageView.BINDINGS),
            ("Reader", ReaderScreen.BINDINGS),
            ("Search", SearchScreen.BINDINGS),
            ("Onboarding", OnboardingScreen.BINDINGS),
            ("Glossary", GlossaryScreen.BINDINGS),
            ("Find bar", FindBar.BINDINGS),
            ("App", self.BINDINGS),
        ]
        self.push_screen(HelpScreen(groups, self.keymap_overrides))  # type: ignore[arg-type]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand(
                "Search the handbook", "Search every page as you type (s)", screen.action_search
            )
            yield SystemCommand("Find in page", "Highlight text in this page (/)", screen.action_find)
            yield SystemCommand(
                "Outline", "Show or hide this page's headings (t)", screen.action_toggle_outline
            )
            yield SystemCommand("Page tree", "Show or hide the list of pages (p)", screen.action_toggle_tree)
            yield SystemCommand("Back", "Go back to where you were (H)", screen.action_back)
            yield SystemCommand("Forward", "Go forward again (L)", screen.action_forward)
            yield SystemCommand(
                "Page warnings", "Broken links and other problems on this page (w)", screen.action_warnings
            )
        yield SystemCommand("Help", "Every key of the app (?)", self.action_help)


def run_app(handbook: Handbook, start: PageRef | None = None, role: str | None = None) -> int:
    app = HandbookApp(handbook, start, role)
    app.run()
    return app.return_code or 0
