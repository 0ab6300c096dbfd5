"""The page model: small typed records the TUI, the CLI and the search index all read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

PAGE_SUFFIXES = (".md", ".markdown", ".mdx", ".txt")
# A folder's landing page, by its file's stem in any case, best first; and as such files are spelled,
# for lookups by exact name on a case-sensitive file system.
LANDING_NAMES = ("index", "_index", "readme")
LANDING_FILE_STEMS = ("index", "_index", "README", "readme")


def file_stem(path: str) -> str:
    """The file name without its suffix: ``ops/README.md`` → ``README``."""
    name = path.rpartition("/")[2]
    return name.rsplit(".", 1)[0] if "." in name else name


def is_landing_stem(stem: str) -> bool:
    """Whether a path without its suffix (``ops/README``, ``_index``) names a landing page."""
    return stem.rpartition("/")[2].lower() in LANDING_NAMES


def is_landing(path: str) -> bool:
    """A folder's landing page (index, _index, README): it stands for the folder."""
    return is_landing_stem(file_stem(path))


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
        return file_stem(self.path)

    @property
    def is_landing(self) -> bool:
        return is_landing(self.path)

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


class Section:
    """One heading and the text under it (up to the next heading of any level).

    Its plain text, links and task items are parsed on first use: opening a page only needs the
    headings and the Markdown of each section.
    """

    __slots__ = (
        "_content",
        "_references",
        "anchor",
        "end_line",
        "heading_path",
        "level",
        "markdown",
        "start_line",
        "title",
    )

    def __init__(
        self,
        anchor: str,
        title: str,
        level: int,
        heading_path: tuple[str, ...],
        start_line: int,
        end_line: int,
        markdown: str,
        references: dict[str, Any] | None = None,
    ) -> None:
        self.anchor = anchor  # "" for text before the first heading
        self.title = title
        self.level = level  # 0 for text before the first heading
        self.heading_path = heading_path  # titles of the enclosing headings, outermost first, self last
        self.start_line = start_line  # 0-based line range in the normalised body
        self.end_line = end_line
        self.markdown = markdown
        self._references = references or {}
        self._content: Any = None

    def __repr__(self) -> str:
        return f"Section({self.anchor!r}, level={self.level}, lines={self.start_line}-{self.end_line})"

    @property
    def content(self) -> Any:
        """The parsed inline content (``parse.SectionContent``), computed once."""
        if self._content is None:
            from handbook.content.parse import analyse

            self._content = analyse(self.markdown, self.start_line, self.anchor, self._references)
        return self._content

    @property
    def text(self) -> str:
        """Plain text, for search and snippets."""
        return str(self.content.text)


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


class Page:
    """A parsed page. Built lazily and cached by :class:`handbook.content.Handbook`.

    ``links``, ``tasks`` and the broken-link ``warnings`` need every section's inline content, so
    they are computed on first use; showing a page does not pay for them.
    """

    def __init__(
        self,
        info: PageInfo,
        markdown: str,
        front_matter: dict[str, Any],
        sections: list[Section],
        warnings: list[str],
        resolve: Callable[[str], LinkTarget],
        references: dict[str, Any] | None = None,
    ) -> None:
        self.info = info
        self.markdown = markdown  # the normalised Markdown body (front matter removed)
        self.front_matter = front_matter
        self.sections = sections
        self.references = references or {}
        self._base_warnings = warnings
        self._resolve = resolve
        self._links: list[Link] | None = None

    def resolve(self, href: str) -> LinkTarget:
        """Where ``href`` written in this page leads (anchors checked against this page's sections)."""
        target = self._resolve(href)
        if target.kind == "anchor" and target.anchor and self.section(target.anchor) is None:
            return LinkTarget("broken", reason=f"no section #{target.anchor} in this page")
        return target

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = [
                Link(raw.href, raw.text, raw.line, raw.section, self.resolve(raw.href))
                for section in self.sections
                for raw in section.content.links
            ]
        return self._links

    @property
    def tasks(self) -> list[TaskItem]:
        return [TaskItem(t.text, t.done, t.line, t.section) for s in self.sections for t in s.content.tasks]

    @property
    def warnings(self) -> list[str]:
        """Problems found opening the page, then its broken links (parsing them on first use)."""
        broken = [
            f"line {link.line}: broken link {link.href!r} ({link.target.reason})"
            for link in self.links
            if link.target.kind == "broken"
        ]
        return self._base_warnings + broken

    @property
    def load_warnings(self) -> list[str]:
        """Only what opening the page found (no link checking): cheap to ask for."""
        return list(self._base_warnings)

    @property
    def path(self) -> str:
        return self.info.path

    @property
    def title(self) -> str:
        return self.info.title

    def section(self, anchor: str) -> Section | None:
        """The section with this anchor; tolerant of case and of doubled or stray hyphens."""
        index = self.section_index(anchor)
        return self.sections[index] if index is not None else None

    def section_index(self, anchor: str) -> int | None:
        """Where the section with this anchor is in ``sections``: the exact anchor, else a loose match
        (see ``loose_anchor``). The one lookup the reader and ``show PAGE#anchor`` share."""
        anchor = anchor.lstrip("#")
        for index, sec in enumerate(self.sections):
            if sec.anchor == anchor:
                return index
        loose = loose_anchor(anchor)
        for index, sec in enumerate(self.sections):
            if loose_anchor(sec.anchor) == loose:
                return index
        return None

    def section_markdown(self, anchor: str) -> str | None:
        """A section with all its subsections: what ``show PAGE#anchor`` prints."""
        index = self.section_index(anchor)
        if index is None:
            return None
        sec = self.sections[index]
        parts = [sec.markdown]
        for nxt in self.sections[index + 1 :]:
            if sec.level and nxt.level <= sec.level:
                break
            parts.append(nxt.markdown)
        return "".join(parts)


def loose_anchor(anchor: str) -> str:
    """Anchors compared loosely: links written by hand drop or double hyphens."""
    return "-".join(p for p in anchor.lower().split("-") if p)
