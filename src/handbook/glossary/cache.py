"""The glossary cached per handbook: building reads every page, the cache key needs only the catalog.

The key is the catalog's (path, size, mtime) and the stat of every data file that feeds the glossary;
a handbook whose pages did not change loads its glossary from one JSON file.
"""

from __future__ import annotations

import hashlib
import json

from handbook import paths
from handbook.cancel import StopCheck, never
from handbook.content.handbook import Handbook
from handbook.files import write_atomic
from handbook.glossary.model import Glossary, Term

# 2: terms sorted digits first, numbers by value; 3: data files, inline acronyms, kinds and categories
GLOSSARY_CACHE_VERSION = 3


def load_glossary(handbook: Handbook, *, build: bool = True, stop: StopCheck = never) -> Glossary:
    """The glossary, from the cache dir when nothing that feeds it changed since it was built.

    ``build=False`` never reads the pages (building reads all of them: a minute on a 40 MB handbook):
    the cached glossary even if pages changed since, else an empty one. Searching uses it that way.
    """
    cache = paths.handbook_cache_dir(handbook.location) / "glossary.json"
    key = cache_key(handbook) if build else None  # without building, any cached glossary will do
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if not build or data.get("key") == key:
            return Glossary([Term.from_json(t) for t in data["terms"]], list(data.get("problems", [])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    if not build:
        return Glossary([], [])
    from handbook.glossary.build import build_glossary  # markdown-it and yaml: only to build

    glossary = build_glossary(handbook, stop)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload = {"key": key, "terms": [t.as_json() for t in glossary.terms], "problems": glossary.problems}
        write_atomic(cache, json.dumps(payload))
    except OSError:
        pass  # a read-only cache only costs time
    return glossary


def cache_key(handbook: Handbook) -> str:
    from handbook.glossary.build import source_files

    digest = hashlib.sha1(f"{GLOSSARY_CACHE_VERSION}".encode(), usedforsecurity=False)
    for info in handbook.pages:
        digest.update(f"{info.path}\0{info.size}\0{info.mtime_ns}\n".encode("utf-8", "surrogateescape"))
    for path in source_files(handbook):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
