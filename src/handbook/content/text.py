"""A page as plain readable Markdown: what ``handbook show`` prints when piped."""

from __future__ import annotations

from handbook.content.model import Page


def page_markdown(page: Page, anchor: str = "") -> str | None:
    """The whole page (titled), or one section with its subsections; ``None`` for an unknown anchor."""
    if anchor:
        return page.section_markdown(anchor)
    text = page.markdown
    first = next((s for s in page.sections if s.level or s.markdown.strip()), None)
    if first is None or first.level != 1:
        text = f"# {page.title}\n\n{text}"
    return text
