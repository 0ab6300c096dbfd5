"""A discovered plan in use: ticking, editing the page, choosing, the CLI (in-process, `run_cli`)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from handbook.content import Handbook
from handbook.onboarding import Onboarding

from ..conftest import run_cli, write

GUIDE = """\
# Staff Onboarding

## Week 1
- Collect your laptop
- Set up your accounts and two-factor login
- Meet your buddy

## Month 1
- Read the security policy
- Ship a first small change
"""

EDITED = """\
# Staff Onboarding

## Week 1
- Collect your new laptop from IT
- Set up your accounts and two-factor login
- Join the team chat

## Month 1
- Read the security policy
- Ship a first small change
"""


def by_title(ob: Onboarding) -> dict[str, str]:
    return {i.title: i.id for i in ob.plan.items}


def test_ticks_and_notes_survive_rewording_adding_and_removing(tmp_path: Path) -> None:
    write(tmp_path, "staff-onboarding.md", GUIDE)
    ob = Onboarding(Handbook.open(tmp_path))
    ids = by_title(ob)
    ob.check(ids["Collect your laptop"], ids["Meet your buddy"], ids["Read the security policy"])
    ob.note(ids["Collect your laptop"], "asset tag 4411")
    ob.note(ids["Meet your buddy"], "Sam, Tuesdays")

    write(tmp_path, "staff-onboarding.md", EDITED)  # reworded, removed, added
    ob = Onboarding(Handbook.open(tmp_path))
    new = by_title(ob)
    progress = ob.store.load()
    reworded = new["Collect your new laptop from IT"]
    assert progress.is_done(reworded) and progress.note(reworded) == "asset tag 4411"
    assert ob.moved == [(ids["Collect your laptop"], reworded)]
    assert progress.is_done(new["Read the security policy"])  # unchanged: same id
    assert not progress.is_done(new["Join the team chat"])  # added: nothing carried to it
    checklist = ob.checklist()
    (orphan,) = checklist.orphans  # removed: kept, shown as no longer in the plan
    assert orphan[0] == ids["Meet your buddy"] and orphan[1].done and orphan[1].note == "Sam, Tuesdays"
    assert checklist.done == 2


def test_choosing_a_plan_is_remembered(tmp_path: Path) -> None:
    write(tmp_path, "staff-onboarding.md", GUIDE)
    write(
        tmp_path,
        "managers/onboarding-for-managers.md",
        "# Onboarding for managers\n\n## Before they start\n- Order a laptop\n"
        "## Week 1\n- Set goals\n- Intro\n",
    )
    listed = run_cli("--content", str(tmp_path), "plans", "--json")
    assert listed.returncode == 0
    rows = json.loads(listed.stdout)
    assert [r["source"] for r in rows] == [
        "staff-onboarding.md#staff-onboarding",
        "managers/onboarding-for-managers.md#onboarding-for-managers",
    ]
    assert rows[0]["chosen"] and not rows[1]["chosen"]
    assert [r["for_others"] for r in rows] == [False, True]  # a plan for managers: offered after
    assert rows[0]["phases"] == [{"title": "Week 1", "days": [1, 7]}, {"title": "Month 1", "days": [8, 30]}]
    assert rows[0]["items"] == 5 and rows[0]["score"] > rows[1]["score"]

    picked = run_cli("--content", str(tmp_path), "progress", "--json", "--plan", rows[1]["source"])
    assert picked.returncode == 0
    assert json.loads(picked.stdout)["plan"] == {
        "title": "Onboarding for managers",
        "source": "managers/onboarding-for-managers.md#onboarding-for-managers",
    }
    again = json.loads(run_cli("--content", str(tmp_path), "progress", "--json").stdout)
    assert again["plan"]["source"] == rows[1]["source"]  # remembered
    assert [p["days"] for p in again["phases"]] == [[0, 0], [1, 7]]
    unknown = run_cli("--content", str(tmp_path), "progress", "--plan", "staff-onbording.md#staff")
    assert unknown.returncode == 1 and "did you mean 'staff-onboarding.md#staff-onboarding'" in unknown.stderr


def test_progress_json_keeps_its_shape_and_names_the_plan(tmp_path: Path) -> None:
    write(tmp_path, "staff-onboarding.md", GUIDE)
    data = json.loads(run_cli("--content", str(tmp_path), "progress", "--json").stdout)
    assert {"start_date", "today", "day", "phases", "orphans", "plan"} <= set(data)
    assert data["plan"] == {"title": "Staff Onboarding", "source": "staff-onboarding.md#staff-onboarding"}
    item = data["phases"][0]["items"][0]
    assert set(item) == {"id", "title", "due", "link", "done", "done_at", "note", "overdue"}
    assert item["link"] == "staff-onboarding.md#week-1"
    checked = run_cli("--content", str(tmp_path), "check", item["id"])
    assert checked.returncode == 0


def test_plan_file_wins_and_init_plan_writes_what_was_found(tmp_path: Path) -> None:
    write(tmp_path, "staff-onboarding.md", GUIDE)
    made = run_cli("progress", "--init-plan", str(tmp_path))
    assert made.returncode == 0 and "the plan found in staff-onboarding.md#staff-onboarding" in made.stdout
    text = (tmp_path / "onboarding.yaml").read_text()
    written = yaml.safe_load(text)
    assert [p["days"] for p in written["phases"]] == [[1, 7], [8, 30]]
    assert written["phases"][0]["items"][0]["title"] == "Collect your laptop"
    (tmp_path / "onboarding.yaml").write_text(text.replace("Collect your laptop", "Pick up your laptop"))
    data = json.loads(run_cli("--content", str(tmp_path), "progress", "--json").stdout)
    assert data["plan"]["source"] == "onboarding.yaml"
    assert data["phases"][0]["items"][0]["title"] == "Pick up your laptop"
    plans = run_cli("--content", str(tmp_path), "plans")
    assert "the plans found in its pages are not used" in plans.stderr


def test_starter_plan_links_exist(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# Home\n")
    made = run_cli("progress", "--init-plan", str(tmp_path))
    assert made.returncode == 0 and "a starter plan" in made.stdout
    shown = run_cli("--content", str(tmp_path), "progress", "--json")
    assert shown.returncode == 0 and shown.stderr == ""  # no "leads to no page" problems
    links = {i["link"] for p in json.loads(shown.stdout)["phases"] for i in p["items"]}
    assert links == {"README.md"}


def test_no_plan_found(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n\nNothing about anyone's first days.\n")
    listed = run_cli("--content", str(tmp_path), "plans")
    assert listed.returncode == 1 and "no onboarding plan was found" in listed.stderr
    progress = run_cli("--content", str(tmp_path), "progress")
    assert (
        progress.returncode == 1 and "--init-plan" in progress.stderr and "Traceback" not in progress.stderr
    )


def test_discovery_is_cached_and_follows_a_changed_page(tmp_path: Path, isolated_locations: Path) -> None:
    write(tmp_path, "staff-onboarding.md", GUIDE)
    first = Onboarding(Handbook.open(tmp_path))
    (cache,) = (isolated_locations / "cache").glob("*/plans.json")
    stamp = cache.stat().st_mtime_ns
    again = Onboarding(Handbook.open(tmp_path))
    assert [i.id for i in again.plan.items] == [i.id for i in first.plan.items]
    assert cache.stat().st_mtime_ns == stamp  # nothing changed: nothing rewritten
    write(tmp_path, "staff-onboarding.md", GUIDE + "- Pair with a teammate\n")
    changed = Onboarding(Handbook.open(tmp_path))
    assert changed.plan.items[-1].title == "Pair with a teammate"


ENGINEERS = """\
# Engineer onboarding

## Week 1
- Collect a laptop
- Clone the monorepo

## Month 1
- Ship a first change to production
- Read the security policy
"""


def test_switching_plans_keeps_the_progress_of_both(tmp_path: Path) -> None:
    """Ticks of one plan are neither carried to the other's similar items (Collect your laptop /
    Collect a laptop) nor shown there as having left it; switching back shows them again."""
    write(tmp_path, "staff-onboarding.md", GUIDE)
    write(tmp_path, "engineering/engineer-onboarding.md", ENGINEERS)
    ob = Onboarding(Handbook.open(tmp_path))
    staff = ob.plan.source
    assert staff == "staff-onboarding.md#staff-onboarding"
    staff_ids = by_title(ob)
    ob.check(
        staff_ids["Collect your laptop"], staff_ids["Meet your buddy"], staff_ids["Read the security policy"]
    )
    ob.note(staff_ids["Meet your buddy"], "Sam")

    ob.choose("engineering/engineer-onboarding.md")
    assert ob.plan.source == "engineering/engineer-onboarding.md#engineer-onboarding"
    assert ob.moved == []  # "Collect your laptop" was not carried to "Collect a laptop"
    checklist = ob.checklist()
    assert checklist.done == 1 and checklist.orphans == []  # the shared item: same words, same id
    eng_ids = by_title(ob)
    ob.check(eng_ids["Clone the monorepo"])

    again = Onboarding(Handbook.open(tmp_path))  # the choice is remembered
    assert again.plan.source == ob.plan.source and again.checklist().done == 2
    again.choose(staff)
    back = Onboarding(Handbook.open(tmp_path))
    assert back.plan.source == staff and back.moved == []
    checklist = back.checklist()
    done = {s.item.title for s in checklist.items if s.done}
    assert done == {"Collect your laptop", "Meet your buddy", "Read the security policy"}
    assert checklist.orphans == [] and back.store.load().note(staff_ids["Meet your buddy"]) == "Sam"
    assert back.store.load().is_done(eng_ids["Clone the monorepo"])  # kept for the other plan
