"""Discovered plans kept in the handbook's cache folder, per page, keyed by the page's size and mtime.

Discovery reads every page that might hold a plan; a warm ``handbook progress`` on a 4,000-page
handbook must not. Each page's candidates (most pages: none) are stored with the size and mtime the
catalog reports, so only changed pages are read again. Links are resolved against the set of pages,
so a page added or removed anywhere invalidates everything. The file is a cache: rebuilt when
missing, damaged or of another version, and never worth an error.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from handbook import paths
from handbook.content import Handbook, HandbookError
from handbook.files import write_atomic
from handbook.onboarding.discover import discover_page
from handbook.onboarding.plan import Item, Phase, Plan
from handbook.onboarding.ranking import Candidate, rank
from handbook.onboarding.vocabulary import may_hold_a_plan

CACHE_VERSION = 1  # bump when discovery changes what it finds
CACHE_FILE = "plans.json"


def cache_path(handbook: Handbook) -> Path:
    return paths.handbook_cache_dir(handbook.location) / CACHE_FILE


def discover_cached(handbook: Handbook) -> list[Candidate]:
    """Every candidate plan, best first: pages unchanged since the last run are not read."""
    path = cache_path(handbook)
    pages_key = hashlib.sha1("\n".join(sorted(p.path for p in handbook.pages)).encode("utf-8")).hexdigest()
    stored = _read(path, pages_key)
    entries: dict[str, Any] = {}
    changed = stored is None
    found: list[Candidate] = []
    for info in handbook.pages:
        old = (stored or {}).get(info.path)
        if old is not None and old.get("size") == info.size and old.get("mtime_ns") == info.mtime_ns:
            entry = old
        else:
            changed = True
            entry = {"size": info.size, "mtime_ns": info.mtime_ns, "plans": _page_plans(handbook, info.path)}
        try:
            plans = [_candidate(c) for c in entry["plans"]]
        except (KeyError, TypeError, ValueError, IndexError):  # a damaged entry: read the page again
            changed = True
            entry = {"size": info.size, "mtime_ns": info.mtime_ns, "plans": _page_plans(handbook, info.path)}
            plans = [_candidate(c) for c in entry["plans"]]
        entries[info.path] = entry
        found.extend(plans)
    if changed:
        data = {"version": CACHE_VERSION, "pages_key": pages_key, "pages": entries}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # a read-only cache folder: discovery still works, it is just not kept
    return rank(found)


def _read(path: Path, pages_key: str) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("version") != CACHE_VERSION
        or data.get("pages_key") != pages_key
    ):
        return None
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else None


def _page_plans(handbook: Handbook, path: str) -> list[dict[str, Any]]:
    """This page's candidates as JSON; a look at the raw text first, since most pages hold none."""
    try:
        raw = (handbook.root / path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    if not may_hold_a_plan(raw):
        return []
    try:
        return [_json(c) for c in discover_page(handbook, path)]
    except HandbookError:
        return []


def _json(candidate: Candidate) -> dict[str, Any]:
    plan = candidate.plan
    return {
        "score": candidate.score,
        "title": plan.title,
        "source": plan.source,
        "origin": plan.origin,
        "phases": [
            {
                "id": phase.id,
                "title": phase.title,
                "days": list(phase.days),
                "items": [[i.id, i.title, i.due, i.link, i.details] for i in phase.items],
            }
            for phase in plan.phases
        ],
    }


def _candidate(data: dict[str, Any]) -> Candidate:
    phases = [
        Phase(
            p["id"],
            p["title"],
            (int(p["days"][0]), int(p["days"][1])),
            tuple(Item(i[0], i[1], int(i[2]), p["id"], i[3], i[4]) for i in p["items"]),
        )
        for p in data["phases"]
    ]
    plan = Plan(data["title"], phases, data["source"], origin=data["origin"], discovered=True)
    return Candidate(plan, float(data["score"]))
