"""The page's core: a virtual, section-by-section view of one handbook page.

Textual's ``Markdown`` widget costs ~70 ms per KiB (a 133 KiB page takes 9.6 s), so this widget never
builds widgets for a page. Each section is rendered by Rich into lines (``handbook.tui.page.render``)
only when needed: the sections on screen first, the rest in short idle slices. Unrendered sections stand
in with an estimated height; when one above the text on screen is rendered, the scroll position is
corrected so the text being read does not move. Lines are drawn with ``render_line`` (the Line API), so
a 500 KiB page costs the same to show as a 5 KiB one.

Every move goes through ``_scroll_to_line``, which keeps Textual's scroll target equal to the scroll
position: Textual steps keys and the mouse wheel from the target, so a target left behind by a jump
or a correction would send the next j/k back to where the reader was before. Line and page keys count
real lines: the sections they bring on screen are rendered first (see ``_move_by``).
"""

from __future__ import annotations

import bisect
import time
from dataclasses import replace

from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from handbook.content.model import LinkTarget, Page, Section
from handbook.content.parse import reference_block
from handbook.tui.page.blocks import Block, LinkKey, estimate_height, reading_anchor, render_order
from handbook.tui.page.end import PageEnd
from handbook.tui.page.find import Matches
from handbook.tui.page.render import render_section_or_text

SLICE_SECONDS = 0.012  # idle rendering works in slices this long, so keys stay responsive


class PageCore(ScrollView):
    """Showing, rendering and scrolling one page. ``PageView`` adds the keys, links and find; the
    hooks ``_decorate`` and ``_found_more`` are where they draw on lines and hear of new blocks."""

    class SectionChanged(Message, namespace="page_view"):
        def __init__(self, section: Section) -> None:
            super().__init__()
            self.section = section

    def __init__(self, *, code_theme: str = "monokai", id: str | None = None) -> None:
        super().__init__(id=id)
        self.page: Page | None = None
        self.code_theme = code_theme
        self.blocks: list[Block] = []
        self._offsets: list[int] = [0]
        self._width = 0
        self._pending_show: tuple[Page, int, int] | None = None  # (page, block, line) until laid out
        self._targets: dict[str, LinkTarget] = {}
        self._references = ""
        self._render_scheduled = False
        self._visible_pending = False
        self.matches = Matches()
        self._reveal_wanted = False  # a find waits for its first match to be rendered, to go there
        self._matches_grew = False
        self._selected_link: LinkKey | None = None
        self._top_block = -1
        # A jump to a section that cannot reach the top (near the end of the page) pins it as the
        # current section until the reader scrolls away.
        self._pinned: tuple[int, int] | None = None  # (block, scroll_y it was pinned at)
        self._stick_to_end = False  # after G: stay at the end while sections above are rendered
        self.render_failures: list[str] = []
        self.page_end: PageEnd | None = None  # "Next: …" after the last section

    # ---------------------------------------------------------------- showing a page

    def show(self, page: Page, anchor: str = "", line_in_section: int = 0) -> bool:
        """Show ``page`` at ``anchor``; returns False when the anchor is not in the page."""
        self.page = page
        self.page_end = None
        self._targets = {}
        self._references = reference_block(page.references)
        self.blocks = [Block(sec, 0) for sec in page.sections]
        self.matches.clear()
        self._selected_link = None
        self._top_block = -1
        self.render_failures = []
        index = self.block_index(anchor) if anchor else 0
        if self.scrollable_content_region.height:
            self._estimate_all(self._content_width())
            self._show_block(index or 0, line_in_section)
        else:  # not laid out yet: estimate and render once the real size is known, not twice
            self._width = 0
            self._pending_show = (page, index or 0, line_in_section)
            self.call_after_refresh(self.show_pending)
        return index is not None

    def show_pending(self) -> None:
        """The first show of a page, at the widget's real width: on its first resize (so the first
        frame has the page's text) or, when no resize comes, after the first refresh."""
        pending, self._pending_show = self._pending_show, None
        if pending is None or self.page is not pending[0]:  # done, or another page was shown meanwhile
            return
        if self._width != self._content_width():  # a find or a jump may have come first and done this
            self._estimate_all(self._content_width())
        self._show_block(pending[1], pending[2])

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual calls this in the layout pass, just before it draws the frame: a page waiting for its
        width is rendered here, so the first frame has its text (a Resize event comes after that frame,
        and the reader saw a blank page for one more frame)."""
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if self._pending_show is not None and self.scrollable_content_region.height:
            self.show_pending()
        return changed

    def _estimate_all(self, width: int) -> None:
        self._width = width
        for number, block in enumerate(self.blocks):
            block.estimate = self._estimate(number)

    def set_end(self, end: PageEnd) -> None:
        """Offer ``end`` (the next and previous pages) after the last section of the shown page."""
        if not self.blocks or self.page_end is not None:
            return
        self.page_end = end
        self._targets.update(end.targets)
        last = self.blocks[-1]
        if last.strips is None:
            last.estimate = self._estimate(len(self.blocks) - 1)
        else:
            self._append_end(last)
        self._recompute()
        if self._stick_to_end:
            self._scroll_to_line(self._max_scroll_y())
        self.refresh()

    def _append_end(self, block: Block) -> None:
        assert block.strips is not None and self.page_end is not None
        strips, links = self.page_end.render(self.app.console, self._width)
        base = len(block.strips)
        block.strips += strips
        block.links += [replace(spot, line=base + spot.line) for spot in links]
        block.tail = len(strips)

    def block_index(self, anchor: str) -> int | None:
        """The block of the section at ``anchor`` (a block per section of the page, in order)."""
        return self.page.section_index(anchor) if self.page is not None else None

    def scroll_to_anchor(self, anchor: str, line_in_section: int = 0) -> bool:
        """Go to ``anchor`` (the top of the page for ""), ``line_in_section`` lines in: back and forward
        return to the line the reader left. False when the anchor is not in the page."""
        index = self.block_index(anchor) if anchor else 0
        if index is None or not self.blocks:
            return False
        self._show_block(index, line_in_section)
        return True

    def position(self) -> tuple[str, int]:
        """(anchor of the section at the top, lines into it): enough to come back to the same place."""
        if not self.blocks:
            return "", 0
        index = self._current_block()
        return self.blocks[index].section.anchor, max(0, int(self.scroll_y) - self._offsets[index])

    @property
    def current_section(self) -> Section | None:
        if not self.blocks:
            return None
        return self.blocks[self._current_block()].section

    def _current_block(self) -> int:
        if self._pinned is not None and self._pinned[1] == int(self.scroll_y):
            return self._pinned[0]
        return self._block_at(int(self.scroll_y))

    def _show_block(self, index: int, line_in_block: int) -> None:
        # Only what fills the screen now: the rest is rendered in slices after this frame is drawn
        # (``_schedule_rendering``), and a second screenful was a third of a first paint.
        wanted = line_in_block + max(self.scrollable_content_region.height, 24)
        filled = 0
        for i in range(index, len(self.blocks)):
            self._render_block(i)
            filled += self.blocks[i].height
            if filled >= wanted:
                break
        self._recompute()
        self._stick_to_end = False
        wanted = self._offsets[index] + line_in_block
        actual = min(wanted, self._max_scroll_y())
        self._pinned = (index, actual) if wanted > actual else None
        self.set_scroll(0, None)
        self._scroll_to_line(actual)
        self._after_scroll()  # a new page at the same scroll position still has a new section
        self._found_more()
        self.refresh()
        self._schedule_rendering()

    def resolve(self, href: str) -> LinkTarget:
        """Where a link of the shown page leads (cached: the same href is drawn and followed)."""
        target = self._targets.get(href)
        if target is None:
            target = (
                self.page.resolve(href) if self.page is not None else LinkTarget("broken", reason="no page")
            )
            self._targets[href] = target
        return target

    # ---------------------------------------------------------------- geometry

    def _content_width(self) -> int:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        return width if width > 10 else 80

    def _recompute(self) -> None:
        offsets = [0]
        for block in self.blocks:
            offsets.append(offsets[-1] + block.height)
        self._offsets = offsets
        self.virtual_size = Size(self._width, offsets[-1])

    def _max_scroll_y(self) -> int:
        return max(0, self._offsets[-1] - self.scrollable_content_region.height)

    def _block_at(self, line: int) -> int:
        index = bisect.bisect_right(self._offsets, line) - 1
        return max(0, min(index, len(self.blocks) - 1))

    # ---------------------------------------------------------------- rendering

    def _estimate(self, index: int) -> int:
        height = estimate_height(self.blocks[index].section, self._width)
        last = index == len(self.blocks) - 1
        return height + (self.page_end.height if last and self.page_end is not None else 0)

    def _render_block(self, index: int) -> None:
        block = self.blocks[index]
        if block.strips is not None:
            return
        if self._width == 0:  # asked for (a find, a jump) before the first layout: the width now
            self._estimate_all(self._content_width())
        rendered, failure = render_section_or_text(
            self.app.console,
            block.section.markdown,
            self._width,
            self.resolve,
            self.code_theme,
            self._references,
        )
        if failure:
            self.render_failures.append(f"section {block.section.anchor or 'start'}: {failure}")
        block.strips = [Strip(segments) for segments in rendered.lines]
        block.links = rendered.links
        block.tail = 0
        if index == len(self.blocks) - 1 and self.page_end is not None:
            self._append_end(block)
        if index in self.matches.pending:  # a find is waiting for this block
            self.matches.add(index, block.find_lines())
            self._matches_grew = True

    def _schedule_rendering(self) -> None:
        if not self._render_scheduled and any(b.strips is None for b in self.blocks):
            self._render_scheduled = True
            self.set_timer(0.001, self._render_slice)

    def _render_slice(self) -> None:
        self._render_scheduled = False
        if not self.blocks:
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        top = int(self.scroll_y)
        first, last = self._block_at(top), self._block_at(top + self.size.height)
        for index in render_order(self.blocks, first, last):
            self._render_one_in_place(index)
            if time.perf_counter() > deadline:
                break
        self.refresh()
        self._schedule_rendering()

    def _anchor(self) -> tuple[int, int, int]:
        """What the reader sees, to hold still while heights change (see ``reading_anchor``)."""
        top = int(self.scroll_y)
        first = self._block_at(top)
        last = self._block_at(top + max(1, self.scrollable_content_region.height) - 1)
        return reading_anchor(self.blocks, self._offsets, top, first, last)

    def _render_one_in_place(self, index: int) -> None:
        """Render a block and keep the text the reader sees where it is on screen."""
        if self.blocks[index].strips is not None:
            return
        anchor, within, row = self._anchor()
        self._render_block(index)
        self._recompute()
        if self._stick_to_end:
            self._scroll_to_line(self._max_scroll_y())
        elif index <= anchor:
            within = min(within, max(0, self.blocks[anchor].height - 1))
            wanted = max(0, min(self._offsets[anchor] + within - row, self._max_scroll_y()))
            if self._pinned is not None and self._pinned[1] == int(self.scroll_y):
                self._pinned = (self._pinned[0], wanted)  # the reader did not move: still pinned
            self._scroll_to_line(wanted)
        self._found_more()

    def render_all(self) -> None:
        """Render every section now (find-in-page needs all the lines)."""
        for index in range(len(self.blocks)):
            if self.blocks[index].strips is None:
                self._render_one_in_place(index)

    def line_strip(self, line: int) -> Strip | None:
        """The rendered line ``line`` of the page, or None while its section is not rendered yet."""
        if not self.blocks or line < 0 or line >= self._offsets[-1]:
            return None
        index = self._block_at(line)
        block = self.blocks[index]
        if block.strips is None:
            return None
        within = line - self._offsets[index]
        return block.strips[within] if within < len(block.strips) else None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.scrollable_content_region.width
        strip = self.line_strip(line)
        if strip is None:
            if 0 <= line < self._offsets[-1] and not self._visible_pending:
                self._visible_pending = True  # once per frame, not once per blank line
                self.call_later(self._render_visible)
            return Strip.blank(width, self.rich_style)
        strip = self._decorate(line, strip)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style).apply_style(self.rich_style)

    def _render_visible(self) -> None:
        self._visible_pending = False
        top = self._block_at(int(self.scroll_y))
        bottom = self._block_at(int(self.scroll_y) + self.size.height)
        for index in range(top, bottom + 1):
            if self.blocks[index].strips is None:
                self._render_one_in_place(index)
        self.refresh()

    def _decorate(self, line: int, strip: Strip) -> Strip:
        """Hook: ``strip`` (page line ``line``) as drawn, with matches and the chosen link marked."""
        return strip

    def _found_more(self) -> None:
        """Hook: blocks were rendered since the last call (a find counts the matches in them)."""

    # ---------------------------------------------------------------- scrolling

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._after_scroll()
        self._schedule_rendering()

    def _scroll_to_line(self, line: int) -> None:
        """Put page line ``line`` at the top, now. Textual's scroll target moves with it (keys and the
        wheel step from the target) and the watchers run (scrollbar, breadcrumb, idle rendering)."""
        line = max(0, min(int(line), self._max_scroll_y()))
        animator = self.app.animator
        if animator.is_being_animated(self, "scroll_y"):
            animator.force_stop_animation(self, "scroll_y")
        self.scroll_target_y = line
        self.scroll_y = line

    def _move_by(self, lines: int) -> None:
        """Move ``lines`` lines from the line at the top. The sections the move brings on screen are
        rendered first, holding the current text still, so the move counts real lines: an estimated
        height of a section above cannot turn one line into a jump."""
        if not self.blocks:
            return
        if lines < 0:
            self._stick_to_end = False
        height = max(1, self.scrollable_content_region.height)
        for _ in range(len(self.blocks) + 1):  # each round renders at least one section
            target = max(0, min(int(self.scroll_y) + lines, self._max_scroll_y()))
            first, last = self._block_at(target), self._block_at(target + height - 1)
            pending = [i for i in range(first, last + 1) if self.blocks[i].strips is None]
            if not pending:
                break
            for index in pending:
                self._render_one_in_place(index)
        self._scroll_to_line(int(self.scroll_y) + lines)
        self.refresh()

    def _after_scroll(self) -> None:
        if not self.blocks:
            return
        if self._pinned is not None and self._pinned[1] != int(self.scroll_y):
            self._pinned = None
        if self._stick_to_end and int(self.scroll_y) < self._max_scroll_y():
            self._stick_to_end = False
        index = self._current_block()
        if index != self._top_block:
            self._top_block = index
            self.post_message(self.SectionChanged(self.blocks[index].section))
