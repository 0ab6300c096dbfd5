"""Glossaries kept as data: ``glossary.(yaml|yml|json)``, one-file-per-term folders, ``*[ABBR]: …``.

Where a site keeps them: the content root (and its ``data/``, ``_data/``, ``glossary/``), the data
folders the site layer found (``Site.data_dirs``: Hugo's ``data/``, Jekyll's ``_data/``, a Next.js
repository's ``data/``), and the top of the repository the handbook is cloned from. Files are data,
never trusted: YAML is read through ``handbook.safe_yaml`` (size, nesting and expanded size bounded:
an alias bomb is refused, not expanded), strings lose escape sequences, and a symlink leading out of
its folder is never read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from handbook.content.normalise import normalise
from handbook.content.sites import Site
from handbook.glossary.model import Entry
from handbook.glossary.terms import split_acronym
from handbook.safe_text import safe_value
from handbook.safe_yaml import YamlRefused, load_yaml

DATA_FOLDERS = ("", "data", "_data", "glossary", "static/data", "src/data", "docs/data")
DATA_NAMES = ("glossary.yaml", "glossary.yml", "glossary.json")
TERM_FOLDERS = ("glossary", "content/glossary", "data/glossary", "_glossary", "terms")
ABBREVIATION_FILES = (
    "abbreviations.md",
    "includes/abbreviations.md",
    "_includes/abbreviations.md",
    "docs/includes/abbreviations.md",
    "snippets/abbreviations.md",
    "_snippets/abbreviations.md",
)
MAX_DATA_BYTES = 4 * 1024 * 1024
MAX_TERM_FILES = 5000
_TERM_KEYS = ("term", "name", "title", "word", "acronym", "abbreviation", "key")
_DEFINITION_KEYS = ("definition", "description", "short_description", "meaning", "text", "def", "summary")
_ALIAS_KEYS = ("aliases", "aka", "alias", "synonyms", "abbreviation", "acronym", "expansion", "also")
_ABBREVIATION = re.compile(r"^\*\[(?P<abbr>[^\]\n]{1,60})\]:[ \t]*(?P<text>\S[^\n]*)$", re.MULTILINE)


class DataFileError(ValueError):
    """A glossary file that cannot be used; the message says why, for the user."""


def data_bases(root: Path, site: Site | None) -> list[Path]:
    """The content root, and the repository the site layer found around it (never guessed here)."""
    source = Path(site.source) if site is not None else root
    return [root, source] if source != root and root.is_relative_to(source) else [root]


def inside(path: Path, base: Path) -> bool:
    """Whether a file, symlinks resolved, stays inside its folder."""
    try:
        return path.resolve().is_relative_to(base.resolve())
    except OSError:
        return False


def data_files(root: Path, site: Site | None = None) -> list[tuple[Path, str]]:
    """(file, name shown as its source) of every glossary data file of the handbook."""
    places = [(root / folder if folder else root, root) for folder in DATA_FOLDERS]
    if site is not None:
        places += [(Path(folder), Path(folder)) for folder in site.data_dirs]
    places += [(base, base) for base in data_bases(root, site)[1:]]
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for folder, base in places:
        for name in DATA_NAMES:
            path = folder / name
            if path.is_file() and inside(path, base) and path.resolve() not in seen:
                seen.add(path.resolve())
                found.append((path, _shown(path, root)))
    return found


def _shown(path: Path, root: Path) -> str:
    """How a source is named: relative to the content root (``../data/glossary.yml`` outside it)."""
    return Path(os.path.relpath(path, root)).as_posix()


def read_data(path: Path) -> Any:
    """A YAML or JSON document, refusing what could hang or exhaust memory."""
    size = path.stat().st_size
    if size > MAX_DATA_BYTES:
        raise DataFileError(f"larger than {MAX_DATA_BYTES // (1024 * 1024)} MB")
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".json":
        try:
            return safe_value(json.loads(text))
        except ValueError as exc:
            raise DataFileError(f"not valid JSON ({exc})") from exc
    try:
        return safe_value(load_yaml(text))  # YAML's \e escapes make real ESC characters
    except YamlRefused as exc:
        raise DataFileError(f"refused: {exc}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML ({exc})") from exc


def data_file_entries(path: Path, source: str, problems: list[str]) -> Iterator[Entry]:
    """Entries of one glossary data file, in any of the shapes sites write them."""
    try:
        data = read_data(path)
    except (OSError, UnicodeDecodeError, DataFileError) as exc:
        problems.append(f"{source}: cannot be read ({exc})")
        return
    found = False
    for number, (raw, category) in enumerate(_raw_entries(data, ""), 1):
        entry = _entry(raw, category, source)
        if entry is None:
            problems.append(f"{source}: entry {number} needs a term and a definition")
            continue
        found = True
        yield entry
    if not found and data:
        problems.append(f"{source}: no terms found (expected a list of {{term, definition}})")


def _raw_entries(data: Any, category: str, depth: int = 0) -> Iterator[tuple[Any, str]]:
    """Walk the shapes: a list of entries; ``{terms: [...]}``; ``{category: [entries]}``;
    ``{TERM: definition}``; ``{TERM: {definition, aliases}}``."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield item, category
    elif isinstance(data, dict):
        if _is_entry(data):
            yield data, category
            return
        for key, value in data.items():
            if key in ("terms", "glossary", "entries", "items", "words") and isinstance(value, list | dict):
                yield from _raw_entries(value, category, depth + 1)
            elif isinstance(value, list):
                yield from _raw_entries(value, str(key), depth + 1)
            elif isinstance(value, str):
                yield {"term": str(key), "definition": value}, category
            elif isinstance(value, dict):
                if _is_entry(value) or any(k in value for k in _DEFINITION_KEYS):
                    yield {"term": str(key), **value}, category
                else:
                    yield from _raw_entries(value, str(key), depth + 1)


def _is_entry(data: dict[Any, Any]) -> bool:
    return any(k in data for k in _TERM_KEYS) and any(k in data for k in _DEFINITION_KEYS)


def _first(data: dict[Any, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            return " ".join(str(value).split())
    return ""


def _entry(raw: Any, category: str, source: str) -> Entry | None:
    if not isinstance(raw, dict):
        return None
    term = _first(raw, _TERM_KEYS)
    definition = _first(raw, _DEFINITION_KEYS)
    if not term or not definition or len(term) > 120:
        return None
    aliases: list[str] = []
    for key in _ALIAS_KEYS:
        value = raw.get(key)
        values = value if isinstance(value, list) else [value]
        aliases += [" ".join(str(v).split()) for v in values if isinstance(v, str | int) and str(v).strip()]
    main, split_aliases = split_acronym(term)
    names = [a for a in dict.fromkeys([*split_aliases, *aliases]) if a.lower() != main.lower()]
    see = raw.get("see")
    group = str(raw.get("category") or raw.get("group") or category)
    deprecated = bool(raw.get("deprecated") or raw.get("tombstoned"))
    where = str(see) if isinstance(see, str) and see.strip() else source
    return Entry(main, definition, where, tuple(names), category=group, deprecated=deprecated)


# ------------------------------------------------------------------------------ one file per term


def term_folders(root: Path, site: Site | None = None) -> list[tuple[Path, Path]]:
    """(folder, base) of one-file-per-term folders: ``glossary/<id>.md`` with a title each."""
    places = [(base / name, base) for base in data_bases(root, site) for name in TERM_FOLDERS]
    if site is not None:
        places += [(Path(folder) / "glossary", Path(folder)) for folder in site.data_dirs]
    found: list[tuple[Path, Path]] = []
    seen: set[Path] = set()
    for folder, base in places:
        if folder.is_dir() and inside(folder, base) and folder.resolve() not in seen:
            seen.add(folder.resolve())
            found.append((folder, base))
    return found


def term_file_entries(folder: Path, base: Path, root: Path, problems: list[str]) -> Iterator[Entry]:
    """One entry per file: front matter ``title`` (the term), ``short_description`` (else
    ``description``, else the first paragraph), ``aka`` (other names)."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".markdown", ".mdx"))[:MAX_TERM_FILES]
    entries: list[Entry] = []
    for path in files:
        if path.stem.lower() in ("index", "_index", "readme") or not inside(path, base):
            continue
        try:
            data = path.read_bytes()[:MAX_DATA_BYTES]
        except OSError:
            continue
        norm = normalise(data)
        meta = norm.front_matter
        term = _first(meta, ("title", "term", "name"))
        definition = _first(meta, ("short_description", "description", "definition", "summary"))
        if not definition:
            definition = _first_paragraph(norm.text)
        if not term or not definition:
            continue
        aka = meta.get("aka") or meta.get("aliases") or []
        aka_list = aka if isinstance(aka, list) else [aka]
        aliases = tuple(str(a).strip() for a in aka_list if isinstance(a, str | int) and str(a).strip())
        main, split_aliases = split_acronym(term)
        names = tuple(dict.fromkeys(a for a in (*split_aliases, *aliases) if a.lower() != main.lower()))
        category = str(meta.get("category") or "")
        entries.append(Entry(main, definition, _shown(path, root), names, category=category))
    if len(entries) * 2 < len(files):
        return  # not a folder of term files after all (a docs folder that happens to be named so)
    yield from entries


def _first_paragraph(markdown: str) -> str:
    for block in re.split(r"\n\s*\n", markdown):
        text = block.strip()
        if text and not text.startswith(("#", "```", "<", "|", "-", "*", ">")):
            return " ".join(text.split())
    return ""


# ------------------------------------------------------------------------------ *[ABBR]: expansion


def abbreviation_entries(text: str, source: str) -> Iterator[Entry]:
    """Markdown abbreviations (PHP Markdown Extra, MkDocs' abbr): ``*[HTML]: Hyper Text Markup Language``."""
    for m in _ABBREVIATION.finditer(text):
        abbr, expansion = m.group("abbr").strip(), " ".join(m.group("text").split())
        if abbr and expansion:
            yield Entry(abbr, expansion, source, (expansion,) if len(expansion.split()) <= 8 else ())


def abbreviation_files(root: Path, site: Site | None = None) -> list[tuple[Path, str]]:
    """Included abbreviation lists (MkDocs snippets' ``auto_append``) that are not pages."""
    found: list[tuple[Path, str]] = []
    for base in data_bases(root, site):
        for name in ABBREVIATION_FILES:
            path = base / name
            if path.is_file() and inside(path, base) and path.stat().st_size <= MAX_DATA_BYTES:
                found.append((path, _shown(path, root)))
    return found


def has_abbreviations(raw: bytes) -> bool:
    return b"*[" in raw and bool(_ABBREVIATION.search(raw.decode("utf-8", "replace")))
