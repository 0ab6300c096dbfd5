"""Emoji shortcode names (``warning``, ``+1``) → the emoji, as the ``emoji`` package resolves them.

Importing ``emoji`` reads its whole data file: 50-90 ms, paid by every start of the app and every
``handbook show`` whose page holds one ``:code:``. The names it resolves are written once to a small
file in the user's cache, stamped with the package's files, and read from there after; a new version
of the package writes it again.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

from handbook import paths
from handbook.files import write_atomic

CACHE_NAME = "emoji-names.json"
FORMAT = 1
_NAME = re.compile(r"[a-z0-9_+\-]+")  # the names a page's shortcodes can spell (see shortcodes.py)


def emoji_for(name: str) -> str | None:
    """The emoji ``:name:`` stands for (``name`` without its colons), or None."""
    return _table().get(name)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    stamp = _package_stamp()
    cache = paths.cache_dir() / CACHE_NAME
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        names = data.get("names") if isinstance(data, dict) else None
        if data.get("format") == FORMAT and data.get("stamp") == stamp and isinstance(names, dict):
            return names
    except (OSError, ValueError, AttributeError):
        pass  # none yet, or unreadable: made again below
    names = build_table()
    try:
        payload = {"format": FORMAT, "stamp": stamp, "names": names}
        write_atomic(cache, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass  # a read-only cache: the table is made again next time
    return names


def build_table() -> dict[str, str]:
    """Every name ``emoji.emojize(":name:", language="alias")`` turns into an emoji, in one pass over
    the package's data: a name is first looked up among the aliases (GitHub's), then among the English
    names, and the first fully qualified (or better) emoji in the data's order wins."""
    import emoji

    fully_qualified = emoji.STATUS["fully_qualified"]
    aliases: dict[str, str] = {}
    english: dict[str, str] = {}
    for character, data in emoji.EMOJI_DATA.items():
        if data["status"] > fully_qualified:
            continue
        for alias in data.get("alias", []):
            aliases.setdefault(alias.strip(":"), character)
        if data.get("en"):
            english.setdefault(data["en"].strip(":"), character)
    table = {**english, **aliases}  # an alias is looked up first
    return {name: character for name, character in table.items() if _NAME.fullmatch(name)}


def _package_stamp() -> list[int]:
    """Sizes and times of the ``emoji`` package's code and data, found without importing it."""
    spec = importlib.util.find_spec("emoji")
    if spec is None or not spec.origin:
        return []
    package = Path(spec.origin).parent
    stamp: list[int] = []
    for part in (package / "__init__.py", package / "unicode_codes" / "emoji.json"):
        try:
            st = part.stat()
        except OSError:
            continue
        stamp += [st.st_size, st.st_mtime_ns]
    return stamp
