"""Which page a handbook opens on: the site's home, never an arbitrary page."""

from __future__ import annotations

from handbook.content.model import PageInfo
from handbook.content.sites.model import Site
from handbook.content.sites.toc import HOME_STEMS


def choose_landing(site: Site, pages: list[PageInfo]) -> PageInfo:
    """The configured home, else the root's index/README, else a top-level home-like page, else the first."""
    by_path = {p.path: p for p in pages}
    if site.landing:
        for cand in (
            site.landing,
            *(site.landing.rsplit(".", 1)[0] + e for e in (".md", ".mdx", ".markdown")),
        ):
            if cand in by_path:
                return by_path[cand]
    for info in pages:
        if info.is_landing and "/" not in info.path:
            return info
    if site.nav:
        return pages[0]
    for info in pages:  # a site whose content holds the handbook beside other sections (docs, blog)
        if info.is_landing and info.folder.lower() == "handbook":
            return info
    top = {p.stem.lower(): p for p in pages if "/" not in p.path and not is_theme_boilerplate(p)}
    for stem in HOME_STEMS:
        if stem in top:
            return top[stem]
    return next((p for p in pages if not is_theme_boilerplate(p)), pages[0])


def is_theme_boilerplate(info: PageInfo) -> bool:
    """The "About" page ``jekyll new`` writes ("This is the base Jekyll theme…", linking jekyllrb.com),
    left in many handbooks' repositories: it says nothing about the handbook, so it is never the front
    page, though its name is home-like."""
    links = info.meta.get("_links")
    return (
        info.stem.lower() == "about"
        and isinstance(links, list)
        and any(isinstance(link, str) and "jekyllrb.com" in link for link in links)
    )
