"""The page's warnings above it: a page that could not be parsed says so at once; w lists them all."""

from __future__ import annotations

from textual.widgets import Static

from handbook.content import Page

SHOWN = 12  # warnings listed; the count says how many there are


class PageWarnings(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # paths and link targets are the handbook's words

    def show_for(self, page: Page | None, render_failures: list[str], *, auto: bool) -> bool:
        """``auto``: on opening, show only a page that could not be parsed (cheap: no link checking).
        Otherwise list everything, broken links included (which parses every section's links).
        False (and hidden) when there is nothing to show."""
        if page is None:
            return False
        if auto:
            shown = [w for w in page.load_warnings if "could not parse" in w]
        else:
            shown = page.warnings + render_failures
        if not shown:
            self.display = False
            return False
        total = len(shown)
        head = f"{total} warning{'s' if total != 1 else ''} on this page (w shows all, w again hides):"
        self.update("\n".join([head, *(f"  • {w}" for w in shown[:SHOWN])]))
        self.display = True
        return True
