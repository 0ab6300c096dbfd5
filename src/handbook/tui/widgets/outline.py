"""The current page's headings; choosing one scrolls the page there."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from handbook.content.model import Page, Section


class SectionOption(Option):
    """A heading of the page; it carries its section (its id, ``#anchor``, finds it to mark it)."""

    def __init__(self, section: Section, prompt: Text) -> None:
        super().__init__(prompt, id=f"#{section.anchor}")
        self.section = section


class Outline(OptionList):
    class Jump(Message):
        def __init__(self, anchor: str) -> None:
            super().__init__()
            self.anchor = anchor

    def show_page(self, page: Page) -> None:
        self.clear_options()
        top = min((s.level for s in page.sections if s.level), default=1)
        options = []
        for section in page.sections:
            indent = "  " * max(0, section.level - top) if section.level else ""
            label = Text(
                indent + (section.title or "(untitled)"), style="bold" if section.level == top else ""
            )
            options.append(SectionOption(section, label))
        self.add_options(options)

    def mark(self, anchor: str) -> None:
        """Highlight the section being read, without moving focus."""
        try:
            self.highlighted = self.get_option_index(f"#{anchor}")
        except OptionDoesNotExist:  # the page changed under us
            return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, SectionOption):
            self.post_message(self.Jump(event.option.section.anchor))
