"""``Handbook``: one opened handbook: its catalog, its pages (parsed lazily) and lookups."""

from __future__ import annotations

import posixpath
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from handbook import paths
from handbook.cancel import StopCheck, never
from handbook.content.catalog import Catalog, build_catalog, title_from_name
from handbook.content.model import (
    PAGE_SUFFIXES,
    Link,
    LinkTarget,
    Page,
    PageInfo,
    Section,
)
from handbook.content.sites import Site, TocNode
from handbook.content.sites.landing import choose_landing
from handbook.suggest import close_matches, did_you_mean

if TYPE_CHECKING:
    from handbook.content.links import LinkResolver


def _configured_site() -> str | None:
    """The config file's ``site = "mkdocs"``: the user knows better than detection."""
    from handbook.config import load_config

    return load_config(report=False).site


def _catalog_cache(target: Path) -> Path:
    return paths.handbook_cache_dir(target) / "catalog.json"


def _target(path: str | Path | None) -> Path:
    target = Path(path).expanduser() if path is not None else paths.bundled_content()
    if not target.exists():
        raise HandbookError(f"no such file or folder: {target}")
    return target.resolve()


class HandbookError(Exception):
    """A problem the user can fix (a wrong path, an empty folder): shown as a message, not a traceback."""


class PageNotFound(HandbookError):
    def __init__(self, ref: str, suggestions: list[str], ambiguous: bool = False) -> None:
        self.ref = ref
        self.suggestions = suggestions
        listed = ", ".join(repr(s) for s in suggestions)
        if ambiguous:
            super().__init__(f"{ref!r} matches several pages: {listed}")
        else:
            super().__init__(f"no page {ref!r}{did_you_mean(suggestions)}")


@dataclass(frozen=True)
class PageRef:
    """A page and an optional anchor, as in ``PAGE#anchor``."""

    path: str
    anchor: str = ""


PARSE_CACHE_SIZE = 64


class Handbook:
    """A handbook folder (or a single file) opened for reading."""

    def __init__(
        self,
        root: Path,
        catalog: Catalog,
        single_file: Path | None = None,
        source: Path | None = None,
        *,
        complete: bool = True,
    ) -> None:
        self.root = root  # the content root: page paths are relative to it
        self.source = source or root  # the folder the user opened (a site's repository)
        self.single_file = single_file
        # False for ``open_quickly``'s first look (the cached or front-page catalog): not to be
        # searched, indexed or counted until ``open`` has been called.
        self.complete = complete
        self.catalog = catalog
        self._cache: OrderedDict[str, tuple[int, int, Page]] = OrderedDict()

    @property
    def resolver(self) -> LinkResolver:
        """Where links lead: the catalog's resolver, built on first use (a checklist or a search from
        the cache needs none) and once (the catalog's own use, working out the site's URLs, built it)."""
        return self.catalog.resolver

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        use_cache: bool = True,
        site: str | None = None,
        stop: StopCheck = never,
    ) -> Handbook:
        """Open a folder of Markdown or one file; ``None`` opens the bundled handbook.

        A folder is seen as the website it builds (see ``handbook.content.sites``); ``site`` names the
        generator instead of detecting it, else the config file's ``site`` does.
        """
        target = _target(path)
        if target.is_file():
            from handbook.content.page_head import read_info

            try:
                st = target.stat()
                info = read_info(target.parent, target.name, st.st_size, st.st_mtime_ns)
            except OSError as exc:
                raise HandbookError(f"cannot read {target}: {exc.strerror}") from exc
            return cls(target.parent, Catalog(target.parent, [info]), single_file=target)
        if not target.is_dir():
            raise HandbookError(f"not a file or folder: {target}")
        cache_file = _catalog_cache(target) if use_cache else None
        if site is None:
            site = _configured_site()
        catalog = build_catalog(target, cache_file, site=site, stop=stop)
        if not catalog.pages:
            kinds = ", ".join(PAGE_SUFFIXES)
            raise HandbookError(f"no handbook pages ({kinds}) in {target}")
        return cls(catalog.root, catalog, source=target)

    @classmethod
    def open_quickly(
        cls, path: str | Path | None = None, *, wanted: str | None = None, site: str | None = None
    ) -> Handbook:
        """For a first paint that must not wait for a big handbook's catalog: the handbook as its
        catalog cache last saw it, else its front pages (and the page ``wanted``). ``complete`` is then
        False: the caller calls ``open`` when it can wait, and takes what it finds."""
        from handbook.content.first_look import cached_catalog, front_pages

        target = _target(path)
        if not target.is_dir():
            return cls.open(path, site=site)
        if site is None:
            site = _configured_site()
        catalog = cached_catalog(target, _catalog_cache(target), site) or front_pages(target, site, wanted)
        if catalog is None:
            return cls.open(path, site=site)
        return cls(catalog.root, catalog, source=target, complete=False)

    def shows_the_same_as(self, other: Handbook) -> bool:
        """Whether ``other`` has the same pages, titles, order and front page: a first look that was
        right needs nothing redrawn."""

        def seen(hb: Handbook) -> tuple[object, ...]:
            pages = [(p.path, p.title, p.size, p.mtime_ns) for p in hb.pages]
            return hb.root, pages, hb.toc, hb.catalog.web, hb.landing.path, hb.title

        return seen(self) == seen(other)

    # ---------------------------------------------------------------- catalog views

    @property
    def pages(self) -> list[PageInfo]:
        return self.catalog.pages

    @property
    def location(self) -> Path:
        """What the user opened: the folder, or the single file."""
        return self.single_file or self.source

    @property
    def site(self) -> Site:
        """The site the folder builds: its kind, URLs, nav and the problems found in its config."""
        assert self.catalog.site is not None
        return self.catalog.site

    @property
    def toc(self) -> list[TocNode]:
        """The table of contents in the site's order, a folder and its landing page as one node."""
        return self.catalog.toc

    @cached_property
    def landing(self) -> PageInfo:
        """The site's home: its configured home page, the root's index/README, else a page named like one."""
        return choose_landing(self.site, self.pages)

    @property
    def title(self) -> str:
        if self.single_file is not None:
            return self.pages[0].title
        if self.site.title:
            return self.site.title
        landing = self.landing
        if landing.stem.lower() in self.site.landing_names() and "/" not in landing.path:
            return landing.title
        return title_from_name(self.root.name) or "Handbook"

    def info(self, path: str) -> PageInfo | None:
        return self.catalog.by_path.get(path)

    # ---------------------------------------------------------------- finding pages

    def find(self, ref: str) -> PageRef:
        """``PAGE[#anchor]`` → a page: a path (with or without extension), folder, permalink or title."""
        ref = ref.strip()
        page_part, _, anchor = ref.partition("#")
        page_part = page_part.strip()
        if not page_part:
            if anchor:
                return PageRef(self.landing.path, anchor)
            raise PageNotFound(ref, [])
        direct = self._plain_path(page_part)
        if direct is not None:
            return PageRef(direct, anchor)
        target = self.resolver.resolve(page_part, "")
        if target.kind == "page":
            return PageRef(target.path, anchor)
        lowered = page_part.lower()
        by_title = [p for p in self.pages if p.title.lower() == lowered]
        if len(by_title) == 1:
            return PageRef(by_title[0].path, anchor)
        if by_title:
            raise PageNotFound(ref, [p.path for p in by_title[:5]], ambiguous=True)
        by_stem = [p for p in self.pages if p.stem.lower() == lowered]
        if len(by_stem) == 1:
            return PageRef(by_stem[0].path, anchor)
        if by_stem:
            raise PageNotFound(ref, [p.path for p in by_stem[:5]], ambiguous=True)
        raise PageNotFound(ref, self.suggest(page_part))

    def _plain_path(self, ref: str) -> str | None:
        """The page a plain relative path names exactly (``ops/deploys``, ``ops/deploys.md``), as the
        resolver answers it, without building the resolver (a ``handbook show`` of a big handbook)."""
        if ref.startswith(("/", ".")) or ref.endswith("/") or any(c in ref for c in ":?%\\"):
            return None  # URLs, absolute and folder paths, escapes: the resolver's to answer
        if posixpath.normpath(ref) != ref or ref.lower().endswith((".html", ".htm")):
            return None
        by_path = self.catalog.by_path
        if ref.lower().endswith(PAGE_SUFFIXES):
            return ref if ref in by_path else None
        return next((ref + suffix for suffix in PAGE_SUFFIXES if ref + suffix in by_path), None)

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Closest page titles (and paths) to what the user typed."""

        lowered = text.lower()
        titles = {p.title.lower(): p.title for p in self.pages}
        names = {p.path.lower().rsplit(".", 1)[0]: p.path for p in self.pages}
        found = close_matches(lowered, titles, limit=limit, cutoff=0.55)
        found += close_matches(lowered, names, limit=limit, cutoff=0.6)
        if len(found) < limit:
            found += [p.title for p in self.pages if lowered in p.title.lower()]
        unique = list(dict.fromkeys(found))
        return unique[:limit]

    # ---------------------------------------------------------------- pages

    def page(self, path: str) -> Page:
        """Parse a page (cached until its file changes)."""
        info = self.catalog.by_path.get(path)
        if info is None:
            raise PageNotFound(path, self.suggest(path))
        full = self.root / path
        try:
            st = full.stat()
            cached = self._cache.get(path)
            if cached and cached[0] == st.st_size and cached[1] == st.st_mtime_ns:
                self._cache.move_to_end(path)
                return cached[2]
            data = full.read_bytes()
        except OSError as exc:
            raise HandbookError(f"cannot read {path}: {exc.strerror}") from exc
        page = self._build_page(info, data)
        self._cache[path] = (st.st_size, st.st_mtime_ns, page)
        if len(self._cache) > PARSE_CACHE_SIZE:
            self._cache.popitem(last=False)
        return page

    def _build_page(self, info: PageInfo, data: bytes) -> Page:
        # The normaliser and markdown-it: only for a page shown (progress and search never parse one).
        from handbook.content.normalise import normalise
        from handbook.content.parse import build_sections

        norm = normalise(data)
        warnings = list(norm.warnings)

        def resolve(href: str) -> LinkTarget:
            return self.resolver.resolve(href, info.path)

        try:
            sections, references = build_sections(norm.text, info.title)
        except Exception as exc:  # a parser bug must not hide the page: show it as one raw section
            warnings.append(f"could not parse this page ({type(exc).__name__}); showing its text")
            lines = norm.text.count("\n")
            raw = Section("", info.title, 0, (info.title,), 0, lines, norm.text)
            return Page(info, norm.text, norm.front_matter, [raw], warnings, resolve)
        return Page(info, norm.text, norm.front_matter, sections, warnings, resolve, references)

    def broken_links(self) -> list[tuple[str, Link]]:
        """Every link in the handbook that leads nowhere, anchors into other pages included."""
        out: list[tuple[str, Link]] = []
        for info in self.pages:
            page = self.page(info.path)
            for link in page.links:
                target = link.target
                if target.kind == "broken" or (
                    target.kind == "page"
                    and target.anchor
                    and self.page(target.path).section(target.anchor) is None
                ):
                    out.append((info.path, link))
        return out
