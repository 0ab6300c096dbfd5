"""Discovered plans kept in the handbook's cache folder, so a warm ``handbook progress`` reads no page.

Two files. ``plans.json`` is small: the ranked candidates and a fingerprint of the catalog (every
page's path, title, size and mtime); when the fingerprint matches, it is all that is read.
``plans-pages.json`` holds each page's candidates (most pages: none) with the size, mtime and title
the catalog reported, so after an edit only the changed pages are read again. Links are resolved
against the set of pages, so a page added or removed anywhere invalidates everything. Both files are
caches: rebuilt when missing, damaged or of another version, and never worth an error.

Discovery itself (markdown-it, the page walk) is imported only when some page must be read.

A handbook's own plan file is kept too (``plan-file.json``): validating it checks that each item's
link leads to a page and section, which parses those pages. It is read again only when the file,
any page or the site's config changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from handbook import paths
from handbook.cancel import StopCheck, check, never
from handbook.content import Handbook, HandbookError, PageInfo
from handbook.files import write_atomic
from handbook.onboarding.plan import Item, Phase, Plan, load_plan
from handbook.onboarding.ranking import Candidate, rank

CACHE_VERSION = 3  # bump when discovery changes what it finds
CACHE_FILE = "plans.json"
PAGES_FILE = "plans-pages.json"
PLAN_FILE_CACHE = "plan-file.json"


def cache_path(handbook: Handbook) -> Path:
    return paths.handbook_cache_dir(handbook.location) / CACHE_FILE


def discover_cached(handbook: Handbook, stop: StopCheck = never) -> list[Candidate]:
    """Every candidate plan, best first: pages unchanged since the last run are not read.

    ``stop`` is asked before each page that must be read (the app quitting mid-way).
    """
    path = cache_path(handbook)
    pages = handbook.pages
    fingerprint = _fingerprint(pages)
    summary = _read(path)
    if summary is not None and summary.get("fingerprint") == fingerprint:
        try:
            return [_candidate(c) for c in summary["found"]]
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # damaged: found again below
    pages_key = hashlib.sha1("\n".join(sorted(p.path for p in pages)).encode("utf-8")).hexdigest()
    stored = _read(path.with_name(PAGES_FILE))
    old_pages = stored.get("pages") if stored is not None and stored.get("pages_key") == pages_key else None
    if not isinstance(old_pages, dict):
        old_pages = {}
    entries: dict[str, Any] = {}
    found: list[Candidate] = []
    for info in pages:
        entry = old_pages.get(info.path)
        plans: list[Candidate] | None = None
        if isinstance(entry, dict) and entry.get("key") == [info.size, info.mtime_ns, info.title]:
            try:
                plans = [_candidate(c) for c in entry.get("plans", [])]
            except (KeyError, TypeError, ValueError, IndexError):  # a damaged entry: read the page again
                plans = None
        if plans is None:
            check(stop)
            entry = {"key": [info.size, info.mtime_ns, info.title]}
            raw_plans = _page_plans(handbook, info)
            if raw_plans:
                entry["plans"] = raw_plans
            plans = [_candidate(c) for c in raw_plans]
        entries[info.path] = entry
        found.extend(plans)
    ranked = rank(found)
    _write(path.with_name(PAGES_FILE), {"version": CACHE_VERSION, "pages_key": pages_key, "pages": entries})
    _write(path, {"version": CACHE_VERSION, "fingerprint": fingerprint, "found": [_json(c) for c in ranked]})
    return ranked


def plan_file_cached(handbook: Handbook, plan_file: Path, link_exists: Callable[[str], bool]) -> Plan:
    """``load_plan`` of the handbook's plan file, from the cache while it and every page are as they were."""
    cache = cache_path(handbook).with_name(PLAN_FILE_CACHE)
    try:
        st = plan_file.stat()
    except OSError:
        return load_plan(plan_file, link_exists)  # it says why
    site = json.dumps(handbook.site.to_json(), sort_keys=True)
    key = f"{plan_file}\0{st.st_size}\0{st.st_mtime_ns}\0{site}\0{_fingerprint(handbook.pages)}"
    key = hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()
    stored = _read(cache)
    if stored is not None and stored.get("key") == key:
        try:
            return _plan(stored["plan"])
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # damaged: read the file again
    plan = load_plan(plan_file, link_exists)
    _write(cache, {"version": CACHE_VERSION, "key": key, "plan": _plan_json(plan)})
    return plan


def _plan_json(plan: Plan) -> dict[str, Any]:
    phases = [
        {
            "id": phase.id,
            "title": phase.title,
            "days": list(phase.days),
            "items": [[i.id, i.title, i.due, i.link, i.details, list(i.roles)] for i in phase.items],
        }
        for phase in plan.phases
    ]
    return {
        "title": plan.title,
        "source": plan.source,
        "problems": plan.problems,
        "origin": plan.origin,
        "phases": phases,
    }


def _plan(data: dict[str, Any]) -> Plan:
    phases = [
        Phase(
            str(p["id"]),
            str(p["title"]),
            (int(p["days"][0]), int(p["days"][1])),
            tuple(
                Item(
                    str(i[0]), str(i[1]), int(i[2]), str(p["id"]), str(i[3]), str(i[4]), tuple(map(str, i[5]))
                )
                for i in p["items"]
            ),
        )
        for p in data["phases"]
    ]
    problems = [str(problem) for problem in data["problems"]]
    return Plan(str(data["title"]), phases, str(data["source"]), problems, origin=str(data["origin"]))


def _fingerprint(pages: list[PageInfo]) -> str:
    lines = "\n".join(f"{i.path}\0{i.title}\0{i.size}\0{i.mtime_ns}" for i in pages)
    return hashlib.sha1(f"{CACHE_VERSION}\n{lines}".encode("utf-8", "replace")).hexdigest()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return None
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass  # a read-only cache folder: discovery still works, it is just not kept


def _page_plans(handbook: Handbook, info: PageInfo) -> list[dict[str, Any]]:
    """This page's candidates as JSON; a look at its structure first, since most pages hold none."""
    try:
        raw = (handbook.root / info.path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    from handbook.onboarding.prefilter import may_hold_a_plan  # its vocabulary: only when reading

    if not may_hold_a_plan(raw, info.path, info.title):
        return []
    from handbook.onboarding.discover import discover_page  # markdown-it and the page walk: only now

    try:
        return [_json(c) for c in discover_page(handbook, info.path)]
    except HandbookError:
        return []


def _json(candidate: Candidate) -> dict[str, Any]:
    plan = candidate.plan
    return {
        "score": candidate.score,
        "for_others": candidate.for_others,
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
    return Candidate(plan, float(data["score"]), bool(data.get("for_others", False)))
