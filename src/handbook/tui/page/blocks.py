"""The page as the reader holds it: one block of rendered lines per section, and the links in them."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from rich.cells import cell_len
from textual.strip import Strip

from handbook.content.model import Section
from handbook.tui.page.caps import cap_block
from handbook.tui.page.render import LinkSpot

LinkKey = tuple[int, int]  # (block index, link index within the block)


@dataclass
class Block:
    """One section's lines, or (before it is rendered) an estimate of how many there will be."""

    section: Section
    estimate: int
    strips: list[Strip] | None = None
    links: list[LinkSpot] = field(default_factory=list)
    tail: int = 0  # lines after the section's own text (the page's end: "Next: …")

    @property
    def height(self) -> int:
        return len(self.strips) if self.strips is not None else self.estimate

    def find_lines(self) -> Iterator[tuple[int, str]]:
        """The rendered lines find searches: without the page's end ("Next: …") after the last one."""
        strips = self.strips or []
        return enumerate(strip.text for strip in strips[: len(strips) - self.tail])

    def link_text(self, index: int) -> str | None:
        """The words a link is drawn with."""
        if self.strips is None or index >= len(self.links):
            return None
        spot = self.links[index]
        return self.strips[spot.line].crop(spot.start, spot.end).text.strip()


def estimate_height(section: Section, width: int) -> int:
    width = max(width, 10)
    lines = cap_block(section.markdown).splitlines() or [""]
    # An estimate, corrected when the section is rendered: ASCII lines skip cell_len (a 200 KB page
    # has thousands of lines, estimated before the first paint).
    cells = (len(line) if line.isascii() else cell_len(line) for line in lines)
    return sum(max(1, math.ceil(n / width)) for n in cells) + 1


def render_order(blocks: list[Block], first: int, last: int) -> list[int]:
    """The blocks not rendered yet, in the order idle rendering takes them: those on screen (``first``
    to ``last``), then the ones below, then the ones above, nearest first."""
    order = [*range(first, last + 1), *range(last + 1, len(blocks)), *range(first - 1, -1, -1)]
    return [i for i in order if blocks[i].strips is None]


def reading_anchor(
    blocks: list[Block], offsets: list[int], top: int, first: int, last: int
) -> tuple[int, int, int]:
    """What the reader sees, to hold still while heights change: (block, line in it, screen row).

    The first rendered line on screen (blocks ``first`` to ``last``, page line ``top`` at the top):
    after ``k`` into a section not rendered yet, the text below the blank row is what was read, and
    must stay on its row. When nothing on screen is rendered, the line at the top, counted in the top
    section's estimate."""
    for index in range(first, last + 1):
        if blocks[index].strips is not None:
            line = max(top, offsets[index])
            return index, line - offsets[index], line - top
    return first, top - offsets[first], 0


def link_line(blocks: list[Block], offsets: list[int], key: LinkKey) -> int:
    """The page line a link is drawn on."""
    block_index, link_index = key
    return offsets[block_index] + blocks[block_index].links[link_index].line


def step_link(
    blocks: list[Block], offsets: list[int], selected: LinkKey | None, top: int, bottom: int, step: int
) -> LinkKey | None:
    """The link Tab (step 1) or Shift+Tab (-1) moves to among the rendered ones.

    From the chosen link while it is on screen (lines ``top``..``bottom``); otherwise the first link on
    screen (Shift+Tab: the last), so a link the reader can see is chosen at the first press, not one
    screens away. With no link on screen: the next one below (Shift+Tab: above), wrapping around."""
    links = [
        (b, i) for b, block in enumerate(blocks) if block.strips is not None for i in range(len(block.links))
    ]
    if not links:
        return None
    lines = [link_line(blocks, offsets, key) for key in links]
    if selected in links and top <= lines[links.index(selected)] <= bottom:
        return links[(links.index(selected) + step) % len(links)]
    on_screen = [key for key, line in zip(links, lines, strict=True) if top <= line <= bottom]
    if on_screen:
        return on_screen[0] if step > 0 else on_screen[-1]
    if step > 0:
        return next((key for key, line in zip(links, lines, strict=True) if line > bottom), links[0])
    above = [key for key, line in zip(links, lines, strict=True) if line < top]
    return above[-1] if above else links[-1]
