"""The page model: small typed records the TUI, the CLI and the search index all read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PAGE_SUFFIXES = (".md", ".markdown", ".mdx", ".txt")
LANDING_NAMES = ("index", "_index", "readme")


@dataclass(frozen=True)
class PageInfo:
    """One catalog entry: what is known of a page without parsing it."""

    path: str  # POSIX path relative to the content root
    title: str
    size: int
    mtime_ns: int
    weight: float | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def folder(self) -> str:
        return self.path.rpartition("/")[0]

    @property
    def stem(self) -> str:
        name = self.path.rpartition("/")[2]
        return name.rsplit(".", 1)[0] if "." in name else name

    @property
    def is_landing(self) -> bool:
        return self.stem.lower() in LANDING_NAMES

    @property
    def chapter(self) -> str:
        """The top folder: search filters and the tree group by it."""
        return self.path.split("/", 1)[0] if "/" in self.path else ""

    @property
    def tags(self) -> list[str]:
        tags = self.meta.get("tags") or self.meta.get("keywords") or []
        if isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",")]
        return [str(t) for t in tags if str(t).strip()] if isinstance(tags, list) else []


@dataclass(frozen=True)
class Section:
    """One heading and the text under it (up to the next heading of any level)."""

    anchor: str  # "" for text before the first heading
    title: str
    level: int  # 0 for text before the first heading
    heading_path: tuple[str, ...]  # titles of the enclosing headings, outermost first, self last
    start_line: int  # 0-based line range in the normalised body
    end_line: int
    markdown: str
    text: str  # plain text, for search and snippets


LinkKind = Literal["page", "anchor", "external", "broken"]


@dataclass(frozen=True)
class LinkTarget:
    kind: LinkKind
    path: str = ""  # the target page, for "page" and "anchor"
    anchor: str = ""
    url: str = ""  # for "external"
    reason: str = ""  # for "broken": why it leads nowhere


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    line: int
    section: str  # anchor of the section the link is in
    target: LinkTarget


@dataclass(frozen=True)
class TaskItem:
    text: str
    done: bool
    line: int
    section: str


@dataclass
class Page:
    """A parsed page. Built lazily and cached by :class:`handbook.content.Handbook`."""

    info: PageInfo
    markdown: str  # the normalised Markdown body (front matter removed)
    front_matter: dict[str, Any]
    sections: list[Section]
    links: list[Link]
    tasks: list[TaskItem]
    warnings: list[str]

    @property
    def path(self) -> str:
        return self.info.path

    @property
    def title(self) -> str:
        return self.info.title

    def section(self, anchor: str) -> Section | None:
        """The section with this anchor; tolerant of case and of doubled or stray hyphens."""
        anchor = anchor.lstrip("#")
        for sec in self.sections:
            if sec.anchor == anchor:
                return sec
        loose = loose_anchor(anchor)
        for sec in self.sections:
            if loose_anchor(sec.anchor) == loose:
                return sec
        return None

    def section_markdown(self, anchor: str) -> str | None:
        """A section with all its subsections: what ``show PAGE#anchor`` prints."""
        sec = self.section(anchor)
        if sec is None:
            return None
        index = self.sections.index(sec)
        parts = [sec.markdown]
        for nxt in self.sections[index + 1 :]:
            if sec.level and nxt.level <= sec.level:
                break
            parts.append(nxt.markdown)
        return "".join(parts)


def loose_anchor(anchor: str) -> str:
    """Anchors compared loosely: links written by hand drop or double hyphens."""
    return "-".join(p for p in anchor.lower().split("-") if p)
