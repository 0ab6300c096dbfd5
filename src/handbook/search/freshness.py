"""Is the index already up to date? Answered without opening it, so a warm ``handbook search`` is fast.

After every update the indexer records what it was built from — the handbook's pages as the catalog
saw them (path, size, mtime) — and what it left in its folders (each shard file's name, size and
mtime). When both are the same at the next update, nothing changed and nothing is opened. Anything
else (a page edited, added or removed; an index file touched, truncated, replaced or gone) takes the
full path, which checks every shard and heals a damaged one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handbook.content import PageInfo
from handbook.files import write_atomic

STATE_FILE = "state.json"
STATE_VERSION = 1


def pages_digest(pages: Iterable[PageInfo]) -> str:
    """One digest of every page's path, size and mtime: equal only when no page changed."""
    digest = hashlib.sha1(usedforsecurity=False)
    for info in pages:
        digest.update(f"{info.path}\0{info.size}\0{info.mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def files_digest(directory: Path, folders: Iterable[Path]) -> str:
    """The index's own files (names, sizes, mtimes), from a folder listing: cheap, and any write shows."""
    digest = hashlib.sha1(usedforsecurity=False)
    for folder in [directory, *folders]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            digest.update(f"missing {folder.name}\n".encode())
            continue
        for entry in entries:
            if entry.name == STATE_FILE:
                continue
            try:
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            kind = "d" if entry.is_dir(follow_symlinks=False) else "f"
            size = 0 if kind == "d" else stat.st_size
            digest.update(f"{folder.name}/{entry.name}\0{kind}\0{size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class IndexState:
    """What the last update built the index from, what it left, and how many sections it holds."""

    pages: str
    files: str
    sections: int

    def save(self, directory: Path) -> None:
        data = {"version": STATE_VERSION, "pages": self.pages, "files": self.files, "sections": self.sections}
        write_atomic(directory / STATE_FILE, json.dumps(data))

    @classmethod
    def load(cls, directory: Path) -> IndexState | None:
        """The recorded state, or None (missing, damaged or of another version: take the full path)."""
        try:
            data = json.loads((directory / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return None
        pages, files, sections = data.get("pages"), data.get("files"), data.get("sections")
        if not isinstance(pages, str) or not isinstance(files, str):
            return None
        if not isinstance(sections, int) or isinstance(sections, bool):
            return None
        return cls(pages, files, sections)
