"""What the user chose among discovered plans, and the words of the items they have seen.

One small JSON file per user per handbook, beside the progress file (the user's own data, saved the
same durable way: lock, re-read, merge, temporary file, fsync, ``os.replace``)::

    {"version": 1, "chosen": "page.md#anchor" or null,
     "seen": {ITEM_ID: {"title": str, "phase": str, "phase_index": int, "plan": "page.md#anchor"}}}

``seen`` is why progress survives edits of a page: a discovered item's id comes from its words, so
rewording it changes the id; the old words are what the new item is compared with. ``plan`` says
which discovered plan the item was last seen in: progress kept for another plan is neither matched
to this plan's items nor shown as having left it (a user may switch plans and back).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handbook import paths
from handbook.files import write_atomic

if TYPE_CHECKING:
    from filelock import FileLock

CHOICES_VERSION = 1
CHOICES_FILE = "plans.json"


@dataclass(frozen=True)
class Seen:
    title: str
    phase: str
    phase_index: int
    plan: str = ""  # the source of the plan it was seen in ("" when written before plans were told apart)


@dataclass
class Choices:
    chosen: str | None = None
    seen: dict[str, Seen] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": CHOICES_VERSION,
            "chosen": self.chosen,
            "seen": {
                k: {"title": v.title, "phase": v.phase, "phase_index": v.phase_index, "plan": v.plan}
                for k, v in self.seen.items()
            },
        }


def choices_path(handbook_location: Path) -> Path:
    return paths.handbook_data_dir(handbook_location) / CHOICES_FILE


class ChoiceStore:
    """Loads and saves one choices file. A damaged one is read as empty: the worst that happens is
    that the best plan is shown again; it is replaced on the next save."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def lock(self) -> FileLock:
        """Taken to save (filelock is imported then: a read needs no lock)."""
        from filelock import FileLock

        return FileLock(str(self.path.with_name(self.path.name + ".lock")), timeout=30)

    def load(self) -> Choices:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Choices()
        if not isinstance(data, dict) or data.get("version") != CHOICES_VERSION:
            return Choices()
        chosen = data.get("chosen")
        seen: dict[str, Seen] = {}
        raw = data.get("seen")
        for key, value in (raw if isinstance(raw, dict) else {}).items():
            if isinstance(value, dict):
                seen[str(key)] = Seen(
                    str(value.get("title", "")),
                    str(value.get("phase", "")),
                    _int(value.get("phase_index")),
                    str(value.get("plan", "") or ""),
                )
        return Choices(chosen if isinstance(chosen, str) and chosen else None, seen)

    def save(
        self, chosen: str | None = None, seen: dict[str, Seen] | None = None, *, choose: bool = False
    ) -> None:
        """Merge into the file as it is now: set the choice (``choose``), add ``seen`` items."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock:
            current = self.load()
            if choose:
                current.chosen = chosen
            current.seen.update(seen or {})
            write_atomic(
                self.path, json.dumps(current.to_json(), indent=1, sort_keys=True) + "\n", durable=True
            )


def _int(value: object) -> int:
    """A number from a file that may have been edited by hand: 0 when it is none."""
    try:
        return int(str(value or 0))
    except ValueError:
        return 0
