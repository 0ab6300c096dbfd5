"""The lines at a page's end: "Next: …" and "Previous: …" in the site's reading order, as links.

A reader who reaches the end of a page should not need to know ``]``: the next page is named there,
with the title the site's nav gives it, and is chosen with Tab/Enter or a click like any link. The
lines are drawn after the last section's text (the page view appends them, after the page is shown:
finding the neighbours walks the table of contents, which must not delay the first paint); their
links lead to pages directly, never through the page's own link resolution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from handbook.content.model import LinkTarget, PageInfo
from handbook.content.sites import TocNode, walk
from handbook.safe_text import strip_controls
from handbook.tui.page.render import LINK_STYLES, LinkSpot

# Never a real link's href: no page's Markdown can produce a scheme with a space in it.
NEXT_HREF = "handbook turn:next"
PREVIOUS_HREF = "handbook turn:previous"
RULE_STYLE = Style(dim=True)
LABEL_STYLE = Style(dim=True)


def neighbours(pages: list[PageInfo], path: str) -> tuple[PageInfo | None, PageInfo | None]:
    """The pages before and after ``path`` in reading order (the order ``[`` and ``]`` turn in)."""
    index = next((n for n, info in enumerate(pages) if info.path == path), None)
    if index is None:
        return None, None
    before = pages[index - 1] if index > 0 else None
    after = pages[index + 1] if index + 1 < len(pages) else None
    return before, after


@dataclass(frozen=True)
class Turn:
    """A page offered at the end of another: its title in the site's nav, and its path."""

    title: str
    path: str


def page_end(pages: list[PageInfo], toc: list[TocNode], path: str) -> PageEnd:
    """The end of ``path``: its neighbours in reading order, titled as the table of contents has them."""
    before, after = neighbours(pages, path)
    wanted = {info.path: info.title for info in (before, after) if info is not None}
    titles: dict[str, str] = {}
    for node, _, _ in walk(toc):
        if node.path in wanted and node.path not in titles:
            titles[node.path] = node.title
            if len(titles) == len(wanted):
                break

    def turn(info: PageInfo | None) -> Turn | None:
        return Turn(titles.get(info.path) or wanted[info.path], info.path) if info is not None else None

    return PageEnd(turn(before), turn(after))


@dataclass(frozen=True)
class PageEnd:
    """What the end of one page offers: the previous and the next page, either may be absent."""

    previous: Turn | None
    next: Turn | None
    targets: dict[str, LinkTarget] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        targets: dict[str, LinkTarget] = {}
        if self.next is not None:
            targets[NEXT_HREF] = LinkTarget("page", path=self.next.path)
        if self.previous is not None:
            targets[PREVIOUS_HREF] = LinkTarget("page", path=self.previous.path)
        object.__setattr__(self, "targets", targets)

    @property
    def empty(self) -> bool:
        return self.next is None and self.previous is None

    @property
    def height(self) -> int:
        """Lines it adds (before wrapping): the rule and one line per neighbour."""
        return 0 if self.empty else 1 + len(self.targets)

    def render(self, console: Console, width: int) -> tuple[list[Strip], list[LinkSpot]]:
        """The rule and the link lines at ``width`` cells, with where each link sits (line 0 first)."""
        if self.empty:
            return [], []
        width = max(width, 10)
        strips = [Strip([Segment("─" * min(width, 40), RULE_STYLE)])]
        links: list[LinkSpot] = []
        for label, info, href in (
            ("Next: ", self.next, NEXT_HREF),
            ("Previous: ", self.previous, PREVIOUS_HREF),
        ):
            if info is None:
                continue
            # A title is data, never markup: a Text holds it as it is.
            title = Text(strip_controls(info.title) or info.path)
            title.stylize(LINK_STYLES["page"] + Style.from_meta({"href": href}))
            line = Text(label, style=LABEL_STYLE) + title
            options = console.options.update(width=width, height=None)
            for segments in console.render_lines(line, options, pad=False):
                strip = Strip(segments)
                links += _spots(strip, len(strips), href)
                strips.append(strip)
        return strips, links


def _spots(strip: Strip, number: int, href: str) -> list[LinkSpot]:
    """Where ``href`` is drawn on one line (a long title wraps: each line has its part)."""
    spots: list[LinkSpot] = []
    x, start = 0, None
    for segment in strip:
        is_link = segment.style is not None and segment.style.meta.get("href") == href
        if is_link and start is None:
            start = x
        elif not is_link and start is not None:
            spots.append(LinkSpot(number, start, x, href))
            start = None
        x += segment.cell_length
    if start is not None:
        spots.append(LinkSpot(number, start, x, href))
    return spots
