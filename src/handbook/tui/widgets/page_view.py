"""The page as the reader uses it: keys and the mouse wheel, links (Tab, Enter, click), a redraw at a
new width or code theme, and matches drawn on the lines.

How a page is shown, rendered section by section and scrolled without moving the text being read is
``page_core``'s; find-in-page is ``page_find``'s.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from handbook.content.model import LinkTarget
from handbook.tui.page.blocks import link_line, step_link
from handbook.tui.page.find import highlight
from handbook.tui.widgets.page_find import PageFind


class PageView(PageFind, can_focus=True):
    """Shows one page; posts messages when a link is activated or the section at the top changes.

    Built in layers: ``PageCore`` shows, renders and scrolls; ``PageFind`` finds; this adds the keys,
    the links and the styles themes can change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="page.down"),
        Binding("k", "scroll_up", "Up", show=False, id="page.up"),
        Binding("space", "page_down", "Page down", show=False, id="page.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="page.page_up"),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False, id="page.half_down"),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False, id="page.half_up"),
        Binding("g", "scroll_home", "Top", show=False, id="page.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="page.bottom"),
        Binding("tab", "next_link", "Next link", id="page.next_link"),
        Binding("shift+tab", "previous_link", "Previous link", show=False, id="page.previous_link"),
        Binding("enter", "follow_link", "Follow", id="page.follow_link"),
    ]

    # Themes (and a user's CSS) restyle these; the defaults are what the page always drew.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "page-view--match",
        "page-view--current-match",
        "page-view--selected-link",
    }
    DEFAULT_CSS = """
    PageView > .page-view--match { background: ansi_yellow; color: ansi_black; }
    PageView > .page-view--current-match { background: #ff8700; color: ansi_black; text-style: bold; }
    PageView > .page-view--selected-link { text-style: reverse; }
    """

    class LinkActivated(Message):
        def __init__(self, href: str, target: LinkTarget) -> None:
            super().__init__()
            self.href = href
            self.target = target

    def on_resize(self, event: events.Resize) -> None:
        width = self._content_width()
        if self.page is None or width == self._width or self._width == 0:  # 0: its first show is pending
            return
        self._redraw(width)

    def set_code_theme(self, theme: str) -> None:
        """Code blocks in colours that read on the app's theme (a dark code theme on a light app did not)."""
        if theme == self.code_theme:
            return
        self.code_theme = theme
        if self.page is not None:
            self._redraw(self._width)

    def _redraw(self, width: int) -> None:
        """Render the page again (at ``width``), keeping the place, the chosen link and the matches."""
        anchor, line = self.position()
        index = self.block_index(anchor) or 0
        chosen = (self._selected_link[0], self.selected_href) if self._selected_link is not None else None
        self._selected_link = None
        for block in self.blocks:
            block.strips = None
            block.links = []
        self._estimate_all(width)
        label, spans = self.matches.label, self.matches.spans
        self.matches.clear()
        self._show_block(index, line)
        if chosen is not None:  # the links were drawn again at the new width: choose the same one
            self._reselect(*chosen)
        if spans is not None:  # the same matcher again: a find, search terms or marked glossary terms
            self._collect(label, spans, reveal=False)

    def _decorate(self, line: int, strip: Strip) -> Strip:
        spans: list[tuple[int, int, Style]] = []
        block = self._block_at(line)
        for match, current in self.matches.on_line(block, line - self._offsets[block]):
            name = "page-view--current-match" if current else "page-view--match"
            spans.append((match.start, match.end, self.get_component_rich_style(name, partial=True)))
        if self._selected_link is not None:
            block_index, link_index = self._selected_link
            links = self.blocks[block_index].links
            spot = links[link_index] if link_index < len(links) else None
            if spot is not None and self._offsets[block_index] + spot.line == line:
                style = self.get_component_rich_style("page-view--selected-link", partial=True)
                spans.append((spot.start, spot.end, style))
        for start, end, style in spans:
            strip = highlight(strip, start, end, style)
        return strip

    # ---------------------------------------------------------------- scrolling

    def action_scroll_down(self) -> None:
        self._move_by(1)

    def action_scroll_up(self) -> None:
        self._move_by(-1)

    def action_page_down(self) -> None:
        self._move_by(max(1, self.scrollable_content_region.height))

    def action_page_up(self) -> None:
        self._move_by(-max(1, self.scrollable_content_region.height))

    def action_half_page_down(self) -> None:
        self._move_by(max(1, self.scrollable_content_region.height // 2))

    def action_half_page_up(self) -> None:
        self._move_by(-max(1, self.scrollable_content_region.height // 2))

    def action_scroll_home(self) -> None:
        """The top of the page, rendered before it is shown."""
        if self.blocks:
            self._show_block(0, 0)

    def action_scroll_end(self) -> None:
        """Render the last screenful (not the whole page), then go there; the rest fills in behind."""
        if not self.blocks:
            return
        height, filled = self.scrollable_content_region.height, 0
        for index in range(len(self.blocks) - 1, -1, -1):
            self._render_block(index)
            filled += self.blocks[index].height
            if filled >= height:
                break
        self._recompute()
        self._pinned = None
        self._scroll_to_line(self._max_scroll_y())
        self._stick_to_end = True
        self._found_more()
        self._after_scroll()
        self.refresh()
        self._schedule_rendering()

    # ---------------------------------------------------------------- links

    def action_next_link(self) -> None:
        self._step_link(+1)

    def action_previous_link(self) -> None:
        self._step_link(-1)

    def _step_link(self, step: int) -> None:
        self._render_visible()
        top, bottom = int(self.scroll_y), int(self.scroll_y) + self.scrollable_content_region.height - 1
        chosen = step_link(self.blocks, self._offsets, self._selected_link, top, bottom, step)
        if chosen is None:
            self.notify("No links on this page.", timeout=2)
            return
        self._selected_link = chosen
        line = link_line(self.blocks, self._offsets, chosen)
        if not top <= line <= bottom:
            self._scroll_to_line(line - self.size.height // 3)
        self.refresh()

    @property
    def selected_text(self) -> str | None:
        """The words of the link chosen with Tab."""
        if self._selected_link is None:
            return None
        block_index, link_index = self._selected_link
        return self.blocks[block_index].link_text(link_index)

    @property
    def selected_href(self) -> str | None:
        if self._selected_link is None:
            return None
        block_index, link_index = self._selected_link
        links = self.blocks[block_index].links
        return links[link_index].href if link_index < len(links) else None

    def _reselect(self, block_index: int, href: str | None) -> None:
        self._render_one_in_place(block_index)
        hrefs = [spot.href for spot in self.blocks[block_index].links]
        if href in hrefs:
            self._selected_link = (block_index, hrefs.index(href))

    def action_follow_link(self) -> None:
        href = self.selected_href
        if href is None:
            self.notify("Press Tab to choose a link first.", timeout=2)
            return
        self.post_message(self.LinkActivated(href, self.resolve(href)))

    def on_click(self, event: events.Click) -> None:
        href = event.style.meta.get("href") if event.style else None
        if href:
            event.stop()
            self.post_message(self.LinkActivated(href, self.resolve(href)))
