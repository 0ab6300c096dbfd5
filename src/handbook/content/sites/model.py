"""What a site adapter answers about a cloned website repository, as plain serialisable data.

A ``Site`` is built from a few config files (never from every page) so that it can be cached beside
the catalog and rebuilt only when one of those files changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from handbook.content.model import LANDING_NAMES


@dataclass
class NavNode:
    """One entry of a site's navigation: a page (``path``) or a group heading (``path`` is None)."""

    title: str | None
    path: str | None
    children: list[NavNode] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "path": self.path, "children": [c.to_json() for c in self.children]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NavNode:
        return cls(data.get("title"), data.get("path"), [cls.from_json(c) for c in data.get("children", [])])


@dataclass
class FolderNav:
    """Per-folder order and titles (awesome-pages ``.pages``, Docusaurus ``_category_.json``).

    ``order`` holds entry names of the folder (files or sub-folders), ``"..."`` for "the rest here".
    """

    title: str | None = None
    order: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # entry name -> title shown in the nav
    position: float | None = None  # the folder's own place among its siblings
    inline: bool = False  # its entries show in the parent folder (Jekyll's collections_dir)
    hidden: list[str] = field(default_factory=list)  # entry names left out of the nav (still pages)


@dataclass
class Site:
    """A handbook folder seen as the website it builds: where the pages are, their order and URLs."""

    kind: str  # "plain", "hugo", "gitbook", "mkdocs", "mdbook", "docusaurus", "jekyll", ...
    source: str  # the folder the user opened (absolute)
    root: str  # the content root (absolute): page paths are relative to it
    config_files: list[str] = field(default_factory=list)  # relative to source: what was read
    exclude_dirs: list[str] = field(default_factory=list)  # folders under root that hold no pages
    exclude_files: list[str] = field(default_factory=list)  # files under root that are not pages
    exclude_names: list[str] = field(default_factory=list)  # file names never pages, in any folder
    exclude_suffixes: list[str] = field(default_factory=list)  # Hugo translations: ".de.md"
    skip_underscore: bool = False  # Jekyll, Next.js: `_name` files and folders are not pages...
    keep_dirs: list[str] = field(default_factory=list)  # ...except these (collections)
    nav_file_names: list[str] = field(default_factory=list)  # hidden per-folder nav files to collect
    # When set, only files of these stems are pages, each its folder's (Next.js App Router `page.mdx`).
    page_stems: list[str] = field(default_factory=list)
    nav: list[NavNode] | None = None  # the site's whole navigation, when it has one
    folders: dict[str, FolderNav] = field(default_factory=dict)  # per-folder order, by folder path
    landing: str | None = None
    base_urls: list[str] = field(default_factory=list)  # "https://handbook.example.com/sub"
    repo_urls: list[str] = field(default_factory=list)  # "https://github.com/org/handbook"
    repo_subdir: str = ""  # where the content root sits inside the repository
    redirects: dict[str, str] = field(default_factory=dict)  # old URL path -> page path or URL
    url_prefixes: dict[str, str] = field(default_factory=dict)  # URL path prefix -> folder under root
    data_dirs: list[str] = field(default_factory=list)  # absolute
    problems: list[str] = field(default_factory=list)
    title: str | None = None  # the site's name from its config
    language: str | None = None  # the language shown, when the site has several (Hugo)
    other_languages: dict[str, str] = field(default_factory=dict)  # code -> its content folder ("": by name)
    stamps: dict[str, list[int]] = field(default_factory=dict)  # file read -> [size, mtime_ns]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["nav"] = [n.to_json() for n in self.nav] if self.nav is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Site:
        data = dict(data)
        nav = data.pop("nav", None)
        folders = data.pop("folders", {}) or {}
        site = cls(**data)
        site.nav = [NavNode.from_json(n) for n in nav] if nav is not None else None
        site.folders = {k: FolderNav(**v) for k, v in folders.items()}
        return site

    def is_page(self, rel: str) -> bool:
        """Whether a file found under the content root is one of the site's pages."""
        name = rel.rpartition("/")[2]
        if name in self.exclude_names or rel in self.exclude_files:
            return False
        if self.page_stems and name.rpartition(".")[0].lower() not in self.page_stems:
            return False
        if self.exclude_suffixes and name.lower().endswith(tuple(self.exclude_suffixes)):
            return False
        folder = rel.rpartition("/")[0]
        if self.skip_underscore and name.startswith("_") and not name.startswith("_index."):
            return False
        return self.folder_allowed(folder) if folder else True

    def landing_names(self) -> tuple[str, ...]:
        """The stems that make a file its folder's page: ``index``, ``_index``, ``README`` (and ``page``)."""
        return (*LANDING_NAMES, *self.page_stems)

    def folder_allowed(self, folder: str) -> bool:
        """Whether pages may live in ``folder`` (relative to the root): not scaffolding, not excluded."""
        if any(folder == d or folder.startswith(d + "/") for d in self.exclude_dirs):
            return False
        if self.skip_underscore:
            parts = folder.split("/")
            for i, part in enumerate(parts):
                if part.startswith("_") and "/".join(parts[: i + 1]) not in self.keep_dirs:
                    return False
        return True
