"""The reader: the handbook tree beside the current page.

A minimal shell for now: the page is rendered with Rich, and a very long page is cut after
``PREVIEW_BYTES`` with a note. The reader issue replaces this with virtual, section-wise rendering.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree

from handbook.content import Handbook, HandbookError, PageRef
from handbook.content.text import page_markdown
from handbook.tui.widgets.page_tree import PageTree

PREVIEW_BYTES = 64 * 1024


class ReaderScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "toggle_tree", "Pages", id="reader.toggle_tree"),
        Binding("j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("g", "top", "Top", show=False, id="reader.top"),
        Binding("G", "bottom", "Bottom", show=False, id="reader.bottom"),
    ]

    def __init__(self, handbook: Handbook, start: PageRef | None = None) -> None:
        super().__init__()
        self.handbook = handbook
        self.start = start or PageRef(handbook.landing.path)
        self.current: PageRef | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield PageTree(self.handbook, id="tree")
            with VerticalScroll(id="page-scroll"):
                yield Static(id="page-warning")
                yield Static(id="page")
        yield Footer()

    def on_mount(self) -> None:
        self.show_page(self.start)

    def show_page(self, ref: PageRef) -> None:
        try:
            page = self.handbook.page(ref.path)
        except HandbookError as exc:
            self.notify(str(exc), severity="error")
            return
        text = page_markdown(page, ref.anchor) or page_markdown(page) or ""
        note = ""
        if len(text.encode("utf-8")) > PREVIEW_BYTES:
            text = text.encode("utf-8")[:PREVIEW_BYTES].decode("utf-8", errors="ignore")
            note = "This page is long: its beginning is shown."
        warning = self.query_one("#page-warning", Static)
        warning.update(note)
        warning.display = bool(note)
        self.query_one("#page", Static).update(RichMarkdown(text, hyperlinks=False))
        self.query_one("#page-scroll", VerticalScroll).scroll_home(animate=False)
        self.current = ref
        self.sub_title = "" if page.title == self.app.title else page.title
        self.query_one(PageTree).select_path(page.path)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        path = event.node.data
        if path and (self.current is None or path != self.current.path):
            self.show_page(PageRef(path))

    def action_toggle_tree(self) -> None:
        tree = self.query_one(PageTree)
        tree.display = not tree.display

    def action_scroll_down(self) -> None:
        self.query_one("#page-scroll", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#page-scroll", VerticalScroll).scroll_up(animate=False)

    def action_top(self) -> None:
        self.query_one("#page-scroll", VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one("#page-scroll", VerticalScroll).scroll_end(animate=False)
