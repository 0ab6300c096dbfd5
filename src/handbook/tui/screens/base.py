"""What every screen of the app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handbook.tui.app import HandbookApp


class HandbookAppAccess:
    """Typed access to the running HandbookApp (the handbook, its index, glossary and checklist)."""

    @property
    def handbook_app(self) -> HandbookApp:
        from handbook.tui.app import HandbookApp

        app = self.app  # type: ignore[attr-defined]
        assert isinstance(app, HandbookApp)
        return app
