"""The app's search index: made when first needed, kept up to date by a worker, rebuilt when damaged."""

from __future__ import annotations

from traceback import format_exception
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.reactive import reactive

from handbook.content import Handbook
from handbook.log import log_details

if TYPE_CHECKING:  # imported where first used: Whoosh is not needed for the first paint
    from handbook.search import SearchIndex
    from handbook.search.background import BackgroundUpdate, UpdateOutcome


class SearchUpkeepApp(App[None]):
    """The part of the app that keeps the search index; ``index_status`` says what it is doing."""

    index_status: reactive[str] = reactive("")  # "" once the index is up to date

    def __init__(self, handbook: Handbook) -> None:
        super().__init__()
        self.handbook = handbook
        self._search_index: SearchIndex | None = None
        self._index_update: BackgroundUpdate | None = None
        self.index_failed = False  # the background build gave up; the search screen says how to retry
        self._repairing = False  # a damaged index is being set aside and rebuilt

    @property
    def search_index(self) -> SearchIndex:
        """Made when first needed (after the first paint): importing search brings in Whoosh."""
        if self._search_index is None:
            from handbook.search import SearchIndex

            self._search_index = SearchIndex(self.handbook)
        return self._search_index

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def update_index(self, *, set_aside_first: bool = False) -> None:
        """Bring the index up to date off the UI thread; the reader works meanwhile."""

        def progress(done: int, total: int) -> None:
            self.call_from_thread(self._set_index_status, f"Indexing {done}/{total} pages…")

        from handbook.search import IndexBusy
        from handbook.search.background import BackgroundUpdate, UpdateOutcome

        update = BackgroundUpdate(self.search_index)
        self._index_update = update
        try:
            if set_aside_first:
                self.search_index.set_aside()
            outcome = update.run(progress)
        except IndexBusy as exc:
            outcome = UpdateOutcome(busy=str(exc))
        except Exception as exc:  # a boundary: search degrades, reading must go on
            outcome = UpdateOutcome(error=f"{type(exc).__name__}: {exc}", details=format_exception(exc))
        self.call_from_thread(self._index_finished, outcome)

    def _index_finished(self, outcome: UpdateOutcome) -> None:
        self._repairing = False
        if outcome.cancelled:
            return
        if outcome.busy:
            self.index_status = (
                "Another handbook window is indexing; results may be incomplete until it finishes."
            )
            return
        if outcome.error or outcome.stats is None:
            self._index_failed(outcome)
            return
        if outcome.stats.rebuilt_because:
            self.notify(
                f"The search index was rebuilt because {outcome.stats.rebuilt_because}.",
                severity="warning",
                markup=False,
            )
        self.index_status = ""

    def _index_failed(self, outcome: UpdateOutcome) -> None:
        """Said once, in words, with the way out; the details go to the log; the next start retries."""
        error = outcome.error or "the indexing process gave no answer"
        log = log_details(f"the search index could not be built: {error}", outcome.details)
        from handbook.search.background import index_command_for

        command = index_command_for(self.handbook.location)
        self.index_failed = True
        self.index_status = f"Search is unavailable: the index could not be built. Run: {command}"
        self.notify(
            f"Search could not build its index: {error}.\nIt will be tried again when you next start "
            f"handbook, or run: {command}" + (f"\nDetails: {log}" if log else ""),
            title="Search unavailable",
            severity="error",
            timeout=20,
            markup=False,
        )

    def index_damaged(self, error: str) -> None:
        """A search found the index damaged: say so once, set it aside and build it again."""
        if self._repairing:
            return
        self._repairing = True
        self.notify(
            f"The search index was damaged ({error}); rebuilding it.", severity="warning", markup=False
        )
        self.index_status = "Rebuilding the damaged search index…"
        self.update_index(set_aside_first=True)

    def _set_index_status(self, status: str) -> None:
        self.index_status = status
