"""Hugo: pages live in ``contentDir`` (default ``content/``); everything beside it is scaffolding.

Order is front matter ``weight`` then title (the catalog's own order), ``_index.md`` is a section's page,
``linkTitle`` is the nav title, ``aliases``/``url``/``slug`` are URLs of the page (see links.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handbook.content.sites.common import as_str, read_data, repo_from_url, web_url
from handbook.content.sites.model import Site

CONFIG_NAMES = [f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")]
SCAFFOLDING = ["layouts", "archetypes", "themes", "assets", "static", "i18n", "data", "resources", "public"]


def config_files(source: Path) -> list[Path]:
    found = [source / n for n in CONFIG_NAMES if (source / n).is_file()]
    default = source / "config" / "_default"
    if default.is_dir():
        found += sorted(p for p in default.iterdir() if p.suffix in (".toml", ".yaml", ".yml", ".json"))
    return found


def detect(source: Path) -> bool:
    if any((source / f"hugo.{ext}").is_file() for ext in ("toml", "yaml", "yml", "json")):
        return True
    scaffolding = sum((source / d).is_dir() for d in ("layouts", "archetypes", "themes", "config"))
    has_config = any((source / n).is_file() for n in CONFIG_NAMES)
    return (source / "content").is_dir() and (scaffolding >= 1 and (has_config or scaffolding >= 2))


def build(source: Path) -> Site:
    site = Site("hugo", str(source), str(source / "content"))
    config: dict[str, Any] = {}
    for path in config_files(source):
        data = read_data(site, path)
        if not isinstance(data, dict):
            continue
        stem = path.stem
        if stem in ("hugo", "config"):
            config.update(data)
        else:  # config/_default/params.toml holds what hugo.toml would hold under [params]
            section = config.setdefault(stem, {})
            if isinstance(section, dict):
                section.update(data)
    lowered = {str(k).lower(): v for k, v in config.items()}
    content_dir = as_str(lowered.get("contentdir")) or "content"
    content_dir = _languages(site, source, lowered, content_dir)
    root = (source / content_dir).resolve()
    if not root.is_dir() or not root.is_relative_to(source):
        site.problems.append(f"contentDir {content_dir!r} is not a folder of this repository")
        root = source
    site.root = str(root)
    site.repo_subdir = root.relative_to(source).as_posix() if root != source else ""
    site.title = as_str(lowered.get("title"))
    base = web_url(lowered.get("baseurl"))
    if base:
        site.base_urls.append(base)
    params = lowered.get("params")
    if isinstance(params, dict):
        for key in ("github_repo", "githubrepo", "repo", "repository", "editurl", "gitlab_repo"):
            repo = repo_from_url(params.get(key))
            if repo:
                site.repo_urls.append(repo)
                break
    if root == source:
        site.exclude_dirs = [d for d in SCAFFOLDING if (source / d).is_dir()]
    for other in site.other_languages.values():  # another language's folder inside this one's
        inside = (source / other).resolve()
        if inside != root and inside.is_relative_to(root):
            site.exclude_dirs.append(inside.relative_to(root).as_posix())
    if (source / "data").is_dir():
        site.data_dirs.append(str(source / "data"))
    return site


def _languages(site: Site, source: Path, config: dict[str, Any], content_dir: str) -> str:
    """The default language's content folder; the other languages are noted, not shown.

    ``[languages.de] contentDir = "content/de"`` (or ``config/_default/languages.toml``) gives each
    language its folder; ``defaultContentLanguage`` (default ``en``) is the one a reader gets. Without
    per-language folders, translations sit beside the pages as ``about.de.md``: those are left out."""
    languages = config.get("languages")
    if not isinstance(languages, dict) or not languages:
        return content_dir
    table = {
        str(code).lower(): {str(k).lower(): v for k, v in options.items()}
        for code, options in languages.items()
        if isinstance(options, dict)
    }
    if not table:
        return content_dir
    default = (as_str(config.get("defaultcontentlanguage")) or "en").lower()
    if default not in table:
        default = min(table, key=lambda code: _weight(table[code]))
    site.language = default
    own = as_str(table[default].get("contentdir")) or content_dir
    for code, options in table.items():
        if code == default:
            continue
        folder = as_str(options.get("contentdir"))
        if folder and folder.strip("/") != own.strip("/"):
            site.other_languages[code] = folder.strip("/")
        else:  # translation by file name: about.de.md beside about.md
            site.other_languages[code] = ""
            site.exclude_suffixes += [f".{code}{ext}" for ext in (".md", ".markdown", ".mdx", ".html")]
    return own


def _weight(options: dict[str, Any]) -> float:
    weight = options.get("weight")
    if isinstance(weight, (int, float)) and not isinstance(weight, bool):
        return float(weight)
    return float("inf")
