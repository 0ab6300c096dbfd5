"""Every key of the app, read from the bindings themselves (so remapped keys show as remapped)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

ALSO = "↑ ↓ PgUp PgDn Home End and the mouse wheel scroll too; click a link to follow it."


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close")
    ]

    def __init__(self, groups: list[tuple[str, list[Binding]]], keymap: dict[str, str]) -> None:
        super().__init__()
        self.groups = groups
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._table(), id="help-table")

    def _table(self) -> Table:
        table = Table(title="Keys", expand=True, show_edge=False, pad_edge=False)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        table.add_column("keymap id", style="dim", no_wrap=True)
        seen: set[str] = set()
        for title, bindings in self.groups:
            rows = []
            for binding in bindings:
                if binding.id in seen or binding.id is None or not binding.description:
                    continue
                seen.add(binding.id)
                keys = self.keymap.get(binding.id, binding.key)
                # keys come from the user's config.toml: text, never markup (nor are the others)
                rows.append((Text(self._keys(keys)), Text(binding.description), Text(binding.id)))
            if rows:
                table.add_section()
                table.add_row(Text(title, style="bold"), "", "")
                for row in rows:
                    table.add_row(*row)
        table.caption = Text(
            f'{ALSO}\nRemap any key in config.toml under [keymap], by its id: "reader.find" = "ctrl+f"'
        )
        return table

    def _keys(self, keys: str) -> str:
        return " / ".join(self.app.get_key_display(Binding(key.strip(), "")) for key in keys.split(","))

    def action_close(self) -> None:
        self.dismiss(None)
