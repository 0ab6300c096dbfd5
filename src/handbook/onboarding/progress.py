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
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handbook import paths
from handbook.files import write_atomic
from handbook.safe_text import strip_controls

if TYPE_CHECKING:
    from filelock import FileLock

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


def now() -> dt.datetime:
    """A timestamp for done_at: the real time, on the fixed day when ``HANDBOOK_TODAY`` is set."""
    moment = dt.datetime.now().replace(microsecond=0)
    if os.environ.get("HANDBOOK_TODAY", "").strip():
        moment = dt.datetime.combine(today(), dt.time(9, 0))
    return moment


@dataclass
class ItemProgress:
    """One item's state in the file: when it was done (None: not done) and the user's note."""

    done_at: dt.datetime | None = None
    note: str = ""

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def empty(self) -> bool:
        """Nothing worth keeping: such entries are left out of the file."""
        return self.done_at is None and not self.note

    def to_json(self) -> dict[str, Any]:
        return {"done_at": self.done_at.isoformat() if self.done_at else None, "note": self.note}


@dataclass
class Progress:
    start_date: dt.date | None = None
    items: dict[str, ItemProgress] = field(default_factory=dict)

    def is_done(self, item_id: str) -> bool:
        entry = self.items.get(item_id)
        return entry is not None and entry.done

    def done_at(self, item_id: str) -> dt.datetime | None:
        entry = self.items.get(item_id)
        return entry.done_at if entry else None

    def note(self, item_id: str) -> str:
        entry = self.items.get(item_id)
        return entry.note if entry else ""

    # Changes: each is applied to the state as re-read under the lock.

    def check(self, item_id: str, when: dt.datetime | None = None) -> None:
        entry = self.items.setdefault(item_id, ItemProgress())
        if entry.done_at is None:
            entry.done_at = when or now()

    def uncheck(self, item_id: str) -> None:
        entry = self.items.get(item_id)
        if entry is None:
            return
        entry.done_at = None
        if entry.empty:
            del self.items[item_id]

    def set_note(self, item_id: str, text: str) -> None:
        entry = self.items.setdefault(item_id, ItemProgress())
        entry.note = strip_controls(text).strip()
        if entry.empty:
            del self.items[item_id]

    def move(self, old_id: str, new_id: str) -> None:
        """Carry an item's state over to its new id (the item was reworded in the page).

        If the new id has a state already (ticked meanwhile in another terminal), both are kept: the
        earlier done time wins and the notes are joined, so nothing the user wrote is lost.
        """
        entry = self.items.pop(old_id, None)
        if entry is None or old_id == new_id:
            if entry is not None:
                self.items[old_id] = entry
            return
        there = self.items.get(new_id)
        if there is None:
            self.items[new_id] = entry
            return
        times = [t for t in (there.done_at, entry.done_at) if t is not None]
        there.done_at = min(times) if times else None
        notes = [n for n in (there.note, entry.note) if n]
        there.note = " / ".join(dict.fromkeys(notes))

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "items": {item_id: entry.to_json() for item_id, entry in self.items.items()},
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
    items: dict[str, ItemProgress] = {}
    for key, value in raw_items.items():
        if not isinstance(value, dict):
            raise UnreadableProgress(f"item {key!r} is not a JSON object")
        note = strip_controls(str(value.get("note") or ""))  # the file may have been edited by hand
        items[str(key)] = ItemProgress(_done_at(key, value.get("done_at")), note)
    return Progress(start, items)


def _done_at(item_id: object, value: object) -> dt.datetime | None:
    """``done_at`` as written (ISO date-time; a bare date, as a hand edit might leave, is accepted)."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise UnreadableProgress(f"item {item_id!r} has a done_at {value!r} that is not a date") from exc


def progress_path(handbook_location: Path) -> Path:
    return paths.handbook_data_dir(handbook_location) / PROGRESS_FILE


class ProgressStore:
    """Loads and saves one progress file safely; ``notices`` tells the user what had to be done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notices: list[str] = []

    @cached_property
    def lock(self) -> FileLock:
        """Taken to write (and to set a damaged file aside): reading the file needs no lock."""
        from filelock import FileLock

        return FileLock(str(self.path.with_name(self.path.name + ".lock")), timeout=30)

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
