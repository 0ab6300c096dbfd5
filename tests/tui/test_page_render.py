"""Rendering one section: a renderer failure shows the section's raw text and says why."""

from __future__ import annotations

from rich.console import Console

from handbook.content.model import LinkTarget
from handbook.tui.page.render import render_section_or_text


def _fails(href: str) -> LinkTarget:
    raise ValueError(href)


def _web(href: str) -> LinkTarget:
    return LinkTarget("external", url=href)


def test_a_section_that_cannot_be_rendered_is_shown_as_its_text() -> None:
    console = Console(width=80)
    markdown = "Read **the guide** at [docs](https://example.com/docs).\n"
    rendered, failure = render_section_or_text(console, markdown, 60, _fails)
    assert failure == "ValueError" and rendered.links == []
    assert "".join(s.text for s in rendered.lines[0]).startswith("Read **the guide** at [docs]")
    rendered, failure = render_section_or_text(console, markdown, 60, _web)
    assert failure is None and len(rendered.links) == 1
    assert "".join(s.text for s in rendered.lines[0]).startswith("Read the guide at docs")
