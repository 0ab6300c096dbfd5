"""A new hire's progress: one JSON file per user per handbook, never corrupted, never silently lost.

    {"version": 1, "start_date": "YYYY-MM-DD", "items": {ID: {"done_at": ISO or null, "note": str}}}

Every change is applied under a file lock to the file as it is on disk *now* (so two terminals, or the app
and the CLI, never overwrite each other's changes), written to a temporary file in the same folder,
flushed to disk, and moved over the old one with ``os.replace``: a crash at any moment leaves the old
file or the new one, never half of either. A file that cannot be read, or was written by a newer
version, is kept aside as ``progress.json.corrupt-TIMESTAMP`` and the user is told; nothing is reset
silently.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock

from handbook import paths
from handbook.files import write_atomic

STATE_VERSION = 1
PROGRESS_FILE = "progress.json"


class ProgressError(Exception):
    """Progress cannot be saved (e.g. the data folder is read-only)."""


def today() -> dt.date:
    """The clock's date, or ``HANDBOOK_TODAY`` (YYYY-MM-DD) so tests and demos can fix it."""
    fixed = os.environ.get("HANDBOOK_TODAY", "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return dt.date.today()


def now() -> str:
    """A timestamp for done_at: the real time, on the fixed day when ``HANDBOOK_TODAY`` is set."""
    moment = dt.datetime.now().replace(microsecond=0)
    if os.environ.get("HANDBOOK_TODAY", "").strip():
        moment = dt.datetime.combine(today(), dt.time(9, 0))
    return moment.isoformat()


@dataclass
class Progress:
    start_date: dt.date | None = None
    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    def is_done(self, item_id: str) -> bool:
        return bool(self.items.get(item_id, {}).get("done_at"))

    def done_at(self, item_id: str) -> str | None:
        value = self.items.get(item_id, {}).get("done_at")
        return str(value) if value else None

    def note(self, item_id: str) -> str:
        return str(self.items.get(item_id, {}).get("note") or "")

    # Changes: each is applied to the state as re-read under the lock.

    def check(self, item_id: str, when: str | None = None) -> None:
        entry = self.items.setdefault(item_id, {"done_at": None, "note": ""})
        if not entry.get("done_at"):
            entry["done_at"] = when or now()

    def uncheck(self, item_id: str) -> None:
        entry = self.items.get(item_id)
        if entry is None:
            return
        entry["done_at"] = None
        if not entry.get("note"):
            del self.items[item_id]

    def set_note(self, item_id: str, text: str) -> None:
        entry = self.items.setdefault(item_id, {"done_at": None, "note": ""})
        entry["note"] = text.strip()
        if not entry["note"] and not entry.get("done_at"):
            del self.items[item_id]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "items": self.items,
        }


class UnreadableProgress(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse(text: str) -> Progress:
    """The file's content → Progress; UnreadableProgress if it is damaged or from a newer version."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UnreadableProgress(f"it is not valid JSON ({exc.args[0] if exc.args else exc})") from exc
    if not isinstance(data, dict):
        raise UnreadableProgress("it is not a JSON object")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise UnreadableProgress("it has no valid version")
    if version > STATE_VERSION:
        raise UnreadableProgress(f"it was written by a newer handbook (format version {version})")
    start: dt.date | None = None
    if data.get("start_date"):
        try:
            start = dt.date.fromisoformat(str(data["start_date"]))
        except ValueError as exc:
            raise UnreadableProgress(f"its start_date {data['start_date']!r} is not a date") from exc
    raw_items = data.get("items", {})
    if not isinstance(raw_items, dict):
        raise UnreadableProgress("its items are not a JSON object")
    items: dict[str, dict[str, Any]] = {}
    for key, value in raw_items.items():
        if not isinstance(value, dict):
            raise UnreadableProgress(f"item {key!r} is not a JSON object")
        items[str(key)] = {"done_at": value.get("done_at") or None, "note": str(value.get("note") or "")}
    return Progress(start, items)


def progress_path(handbook_location: Path) -> Path:
    return paths.handbook_data_dir(handbook_location) / PROGRESS_FILE


class ProgressStore:
    """Loads and saves one progress file safely; ``notices`` tells the user what had to be done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = FileLock(str(path.with_name(path.name + ".lock")), timeout=30)
        self.notices: list[str] = []

    def load(self) -> Progress:
        """The current progress. A damaged file is set aside (under the lock) and reported."""
        if not self.path.exists():
            return Progress()
        try:
            return parse(self.path.read_text(encoding="utf-8"))
        except (UnreadableProgress, OSError, UnicodeDecodeError):
            pass
        try:
            with self.lock:
                return self._read_locked()
        except OSError as exc:
            self.notices.append(f"your progress file {self.path} cannot be read: {exc}")
            return Progress()

    def update(self, change: Callable[[Progress], None]) -> Progress:
        """Apply ``change`` to the progress on disk now, and save it atomically."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.lock:
                current = self._read_locked()
                change(current)
                self._write_locked(current)
        except OSError as exc:
            raise ProgressError(f"cannot save your progress in {self.path}: {exc.strerror or exc}") from exc
        return current

    def _read_locked(self) -> Progress:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Progress()
        except UnicodeDecodeError:
            return self._set_aside("it is not text")
        try:
            return parse(text)
        except UnreadableProgress as exc:
            return self._set_aside(exc.reason)

    def _set_aside(self, reason: str) -> Progress:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
            counter += 1
        os.replace(self.path, aside)
        self.notices.append(
            f"your progress file could not be used because {reason}; it was kept as {aside} "
            "and a new one was started (nothing was deleted)"
        )
        return Progress()

    def _write_locked(self, progress: Progress) -> None:
        write_atomic(self.path, json.dumps(progress.to_json(), indent=2, sort_keys=True) + "\n", durable=True)
