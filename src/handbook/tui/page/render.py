"""Render one section of a page to terminal lines with Rich, and find where its links landed.

The reader never renders a whole page at once: it asks for one section at a time (see
``widgets/page_view.py``). Rendering is plain Rich (no widgets), so it is fast and testable alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import CodeBlock, Heading, Markdown, MarkdownElement
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.syntax import Syntax
from rich.text import Text
from rich.theme import Theme

from handbook.content.model import LinkTarget
from handbook.content.normalise import outside_code
from handbook.tui.page.caps import cap_block

LINK_STYLES: dict[str, Style] = {
    "page": Style(underline=True, color="cyan"),
    "anchor": Style(underline=True, color="cyan"),
    "external": Style(underline=True, color="blue"),
    "broken": Style(strike=True, color="red"),
}
DIAGRAM_LANGUAGES = {"mermaid", "plantuml", "graphviz", "dot", "d2"}
# Rich's defaults underline headings in colour, which reads as a link; links must be the only
# underlined cyan/blue text on the page.
MARKDOWN_THEME = Theme(
    {
        "markdown.h1": "bold",
        "markdown.h2": "bold",
        "markdown.h3": "bold",
        "markdown.h4": "bold italic",
        "markdown.h5": "italic",
        "markdown.h6": "italic dim",
        "markdown.block_quote": "italic",
        "markdown.hr": "dim",
        "markdown.link": "cyan",
        "markdown.link_url": "cyan",
    }
)


class SectionHeading(Heading):
    """Headings left-aligned (Rich centres h1), with a rule under the top two levels."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.text.copy()
        text.justify = "left"
        yield text
        if self.tag in ("h1", "h2"):
            yield Rule(
                style="dim" if self.tag == "h2" else "bold", characters="━" if self.tag == "h1" else "─"
            )


class LabelledCodeBlock(CodeBlock):
    """Code with syntax highlighting; diagrams (mermaid …) shown as a labelled block, not as noise."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        code = str(self.text).rstrip()
        if self.lexer_name.lower() in DIAGRAM_LANGUAGES:
            body = Text(code, style="dim")
            yield Panel(
                body, title=f"{self.lexer_name} diagram (source)", title_align="left", border_style="dim"
            )
            return
        yield Syntax(code, self.lexer_name, theme=self.theme, word_wrap=True, padding=(0, 1))


class SectionMarkdown(Markdown):
    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "heading_open": SectionHeading,
        "fence": LabelledCodeBlock,
        "code_block": LabelledCodeBlock,
    }


_TASK = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)\[([ xX])\]\s", re.MULTILINE)
_STRAY_TAG = re.compile(r"<(?!https?://|mailto:)(?=[A-Za-z/!?])")
# Stops at the next `[` (where the next try starts): linear on `![a](` repeated, not quadratic.
_IMAGE = re.compile(r"!\[([^\[\]\n]*+)\]\(\s*+<?([^)\s>\[]*+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")


def _image_label(match: re.Match[str]) -> str:
    alt = match.group(1).strip() or match.group(2).strip("/").rsplit("/", 1)[-1] or "image"
    alt = alt.replace("[", "").replace("]", "").replace("*", "")
    return f"*\\[image: {alt}\\]*"


def prepare(markdown: str) -> str:
    """Rewrites before Rich sees the text: images as inline labels (terminals cannot show them, and
    Rich would lift them out of their paragraph), task boxes as glyphs, a leftover '<x>' kept literal."""

    def prose(text: str) -> str:
        if "![" in text:
            text = _IMAGE.sub(_image_label, text)
        text = _TASK.sub(lambda m: f"{m.group(1)}{'☑' if m.group(2) != ' ' else '☐'} ", text)
        return _STRAY_TAG.sub(r"\\<", text) if "<" in text else text

    return outside_code(markdown, prose)


@dataclass(frozen=True)
class LinkSpot:
    """Where a link sits in the rendered lines of a section (cells, end exclusive)."""

    line: int
    start: int
    end: int
    href: str


@dataclass
class RenderedSection:
    lines: list[list[Segment]]
    links: list[LinkSpot]


def render_section(
    console: Console,
    markdown: str,
    width: int,
    resolve: Callable[[str], LinkTarget],
    code_theme: str = "monokai",
    references: str = "",
) -> RenderedSection:
    """Lines of one section at ``width`` cells; each link restyled by where it leads, and located.

    ``references`` are the page's ``[label]: url`` definitions, so reference links work per section.
    Long lines and wide tables are cut with a marker (see ``handbook.tui.page.caps``).
    """
    options = console.options.update(width=max(width, 10), height=None)
    shown = prepare(cap_block(markdown)) + references
    document = SectionMarkdown(shown, code_theme=code_theme, hyperlinks=True)
    raw_lines = console.render_lines(document, options, pad=False, new_lines=False)
    lines: list[list[Segment]] = []
    links: list[LinkSpot] = []
    for number, segments in enumerate(raw_lines):
        out: list[Segment] = []
        x = 0
        open_href: str | None = None
        open_start = 0
        for seg in segments:
            text, style, control = seg
            if control:
                continue
            length = seg.cell_length
            href = style.link if style is not None else None
            if href != open_href:
                if open_href is not None:
                    links.append(LinkSpot(number, open_start, x, open_href))
                open_href, open_start = href, x
            if href is not None and style is not None:
                kind = resolve(href).kind
                style = Style(bold=style.bold, italic=style.italic) + LINK_STYLES[kind]
                style += Style.from_meta({"href": href})
            out.append(Segment(text, style))
            x += length
        if open_href is not None:
            links.append(LinkSpot(number, open_start, x, open_href))
        lines.append(out)
    while lines and not "".join(seg.text for seg in lines[-1]).strip():
        lines.pop()
    lines.append([])  # one blank line between sections
    return RenderedSection(lines, links)


def new_console(width: int = 80) -> Console:
    """A console for rendering off-screen (tests and benchmarks); the app uses its own."""
    from io import StringIO

    return Console(
        file=StringIO(), width=width, color_system="truecolor", force_terminal=True, legacy_windows=False
    )


def render_section_or_text(
    console: Console,
    markdown: str,
    width: int,
    resolve: Callable[[str], LinkTarget],
    code_theme: str = "monokai",
    references: str = "",
) -> tuple[RenderedSection, str | None]:
    """``render_section``, or the section's raw text when rendering fails (a renderer bug must not hide
    the text): the lines, and the failure's exception name (None when it rendered)."""
    try:
        return render_section(console, markdown, width, resolve, code_theme, references), None
    except Exception as exc:
        text = Text(cap_block(markdown))
        options = console.options.update(width=width)
        lines = [list(line) for line in console.render_lines(text, options, pad=False)]
        return RenderedSection(lines, []), type(exc).__name__
