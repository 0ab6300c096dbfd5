"""Building the glossary: every term the handbook defines, from ``glossary.yaml`` and its glossary pages.

Which pages count and the entry shapes they are read in: ``pages``. Here terms from every
source merge case-insensitively; an acronym and its expansion are one entry; every definition keeps
where it came from; and the result is cached until a page changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from handbook import paths
from handbook.content.handbook import Handbook
from handbook.content.model import PageInfo
from handbook.files import write_atomic
from handbook.glossary.model import Definition, Glossary, Term, name_key, term_sort_key
from handbook.glossary.pages import GLOSSARY_WORDS, is_glossary_page, page_entries

GLOSSARY_FILE = "glossary.yaml"
_SMALL_WORDS = {"of", "and", "the", "for", "to", "in", "on", "a", "an", "as", "at", "by", "with", "&"}


# ------------------------------------------------------------------------------------------ sources


GLOSSARY_CACHE_VERSION = 2  # 2: terms sorted digits first, numbers by value


def load_glossary(handbook: Handbook) -> Glossary:
    """The glossary, from the cache dir when no page (nor glossary.yaml) changed since it was built.

    Building reads every page to find glossary sections (2.5 s on a 40 MB handbook); the cache key
    needs only the catalog, which is already in memory.
    """
    cache = paths.handbook_cache_dir(handbook.location) / "glossary.json"
    key = _cache_key(handbook)
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return Glossary([Term.from_json(t) for t in data["terms"]], list(data.get("problems", [])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    glossary = build_glossary(handbook)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload = {"key": key, "terms": [t.as_json() for t in glossary.terms], "problems": glossary.problems}
        write_atomic(cache, json.dumps(payload))
    except OSError:
        pass  # a read-only cache only costs time
    return glossary


def _cache_key(handbook: Handbook) -> str:
    digest = hashlib.sha1(f"{GLOSSARY_CACHE_VERSION}".encode(), usedforsecurity=False)
    for info in handbook.pages:
        digest.update(f"{info.path}\0{info.size}\0{info.mtime_ns}\n".encode("utf-8", "surrogateescape"))
    yaml_file = handbook.root / GLOSSARY_FILE
    if handbook.single_file is None and yaml_file.is_file():
        stat = yaml_file.stat()
        digest.update(f"yaml\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def build_glossary(handbook: Handbook) -> Glossary:
    merger = _Merger()
    problems: list[str] = []
    if handbook.single_file is None:
        yaml_file = handbook.root / GLOSSARY_FILE
        if yaml_file.is_file():
            for entry in _yaml_entries(yaml_file, problems):
                merger.add(*entry)
    for info in handbook.pages:
        whole_page = is_glossary_page(info)
        if not whole_page and not _might_have_glossary_section(handbook, info):
            continue
        page = handbook.page(info.path)
        for term, aliases, definition, anchor in page_entries(page.sections, whole_page, page.references):
            merger.add(term, aliases, definition, f"{info.path}#{anchor}" if anchor else info.path)
    return Glossary(merger.result(), problems)


def _might_have_glossary_section(handbook: Handbook, info: PageInfo) -> bool:
    """Cheap pre-check before parsing a page: does a glossary word appear in it at all?"""
    try:
        with open(handbook.root / info.path, "rb") as fh:
            head = fh.read(512 * 1024).lower()
    except OSError:
        return False
    return any(word.encode() in head for word in GLOSSARY_WORDS)


def _yaml_entries(path: Path, problems: list[str]) -> Iterator[tuple[str, list[str], str, str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{path}: cannot be read ({exc})")
        return
    if isinstance(data, dict):
        data = data.get("terms", [])
    if not isinstance(data, list):
        problems.append(f"{path}: expected a list of terms")
        return
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not entry.get("term") or not entry.get("definition"):
            problems.append(f"{path}: entry {number} needs a 'term' and a 'definition'")
            continue
        aliases = entry.get("aliases") or []
        aliases = [str(a) for a in (aliases if isinstance(aliases, list) else [aliases]) if str(a).strip()]
        source = str(entry.get("see") or GLOSSARY_FILE)
        yield str(entry["term"]).strip(), aliases, " ".join(str(entry["definition"]).split()), source


def spells(acronym: str, phrase: str) -> bool:
    """Whether a definition is an acronym's expansion ('SLO' / 'Service Level Objective')."""
    letters = re.sub(r"[^A-Za-z0-9]", "", acronym)
    if not (2 <= len(letters) <= 8) or not acronym.replace("/", "").replace("-", "").isupper():
        return False
    words = [w for w in re.split(r"[\s/-]+", phrase.lower()) if w]
    content = [w for w in words if w not in _SMALL_WORDS]
    # Some acronyms keep the small words' letters (RFC: Request for Comments), some drop them (MTTR).
    return letters.lower() in ("".join(w[0] for w in content), "".join(w[0] for w in words))


# ------------------------------------------------------------------------------------------ merging


class _Merger:
    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.by_name: dict[str, Term] = {}

    def add(self, term: str, aliases: list[str], definition: str, source: str) -> None:
        term = term.strip()
        aliases = list(aliases)
        first = re.split(r"[.:;]\s", definition + " ", maxsplit=1)[0].strip().rstrip(".")
        if spells(term, first) and len(first.split()) <= 8:
            aliases.append(first)  # "SLO: Service Level Objective. …": the expansion is another name
        names = [term, *aliases]
        entry = next((self.by_name[name_key(n)] for n in names if name_key(n) in self.by_name), None)
        if entry is None:
            entry = Term(term)
            self.terms.append(entry)
        for name in names:
            if name_key(name) not in {name_key(n) for n in entry.names}:
                entry.aliases.append(name)
            self.by_name.setdefault(name_key(name), entry)
        if name_key(definition) not in {name_key(d.text) for d in entry.definitions}:
            entry.definitions.append(Definition(definition, source))

    def result(self) -> list[Term]:
        return sorted(self.terms, key=lambda t: term_sort_key(t.term))
