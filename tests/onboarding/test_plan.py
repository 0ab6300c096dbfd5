"""Plan loading and validation: clear messages with file, line and field; the rest still loads."""

from __future__ import annotations

import json
from pathlib import Path

from handbook import paths
from handbook.content import Handbook
from handbook.onboarding import Onboarding, load_plan
from handbook.onboarding.cache import PLAN_FILE_CACHE

from ..conftest import write

GOOD_AND_BAD = """\
version: 1
title: Plan
phases:
  - id: first-30
    title: First
    days: [1, 30]
    items:
      - id: a
        title: Item A
        due: 3
        link: guide.md#install
      - id: a
        title: Duplicate
        due: 4
      - id: late
        title: Due too late
        due: 45
      - id: lost
        title: Links nowhere
        due: 5
        link: nowhere.md
      - id: nodue
        title: No due day
        due: soon
      - title: no id
"""


def test_bundled_plan_is_valid() -> None:
    ob = Onboarding(Handbook.open())
    assert ob.plan.problems == []
    assert len(ob.plan.items) >= 12 and [p.id for p in ob.plan.phases] == ["first-30", "first-60", "first-90"]


def test_problems_name_file_line_and_field(tmp_path: Path) -> None:
    write(tmp_path, "guide.md", "# Guide\n## Install\n")
    write(tmp_path, "onboarding.yaml", GOOD_AND_BAD)
    ob = Onboarding(Handbook.open(tmp_path))
    problems = "\n".join(ob.plan.problems)
    plan_file = str(tmp_path / "onboarding.yaml")
    assert f"{plan_file} line 12: item id 'a' is used twice (first on line 8)" in problems
    assert "line 17: item late: due day 45 is outside its phase (1-30)" in problems
    assert "line 21: item lost: link 'nowhere.md' leads to no page or section" in problems
    assert "item nodue: 'due' must be a day number" in problems
    assert "an item needs an 'id' and a 'title'" in problems
    assert [i.id for i in ob.plan.items] == ["a", "late", "lost", "nodue"]  # the usable ones still load


def test_a_checked_plan_file_is_kept_until_it_or_a_page_changes(tmp_path: Path) -> None:
    """Checking each link parses pages: a warm ``handbook progress`` reads the result from the cache."""
    write(tmp_path, "guide.md", "# Guide\n## Install\n")
    plan = write(tmp_path, "onboarding.yaml", GOOD_AND_BAD)
    first = Onboarding(Handbook.open(tmp_path)).plan
    cached = paths.handbook_cache_dir(tmp_path) / PLAN_FILE_CACHE
    data = json.loads(cached.read_text())
    data["plan"]["title"] = "From the cache"  # prove that a second run reads it back
    cached.write_text(json.dumps(data))
    again = Onboarding(Handbook.open(tmp_path)).plan
    assert again.title == "From the cache"
    assert (again.items, again.problems, again.source) == (first.items, first.problems, first.source)
    write(tmp_path, "nowhere.md", "# Now it exists\n")  # a page added: the links are checked again
    fresh = Onboarding(Handbook.open(tmp_path)).plan
    assert fresh.title == "Plan" and not any("leads to no page" in p for p in fresh.problems)
    plan.write_text(GOOD_AND_BAD.replace("title: Plan", "title: Edited plan"))
    assert Onboarding(Handbook.open(tmp_path)).plan.title == "Edited plan"
    cached.write_text('{"version": 3, "key": 7, "plan": []}')  # damaged: read the file again
    assert Onboarding(Handbook.open(tmp_path)).plan.title == "Edited plan"


def test_unreadable_plans(tmp_path: Path) -> None:
    bad_yaml = write(tmp_path, "a.yaml", "phases: [\n  - id: x\n")
    assert "not valid YAML" in load_plan(bad_yaml).problems[0]
    newer = write(tmp_path, "b.yaml", "version: 2\nphases: []\n")
    assert "version 2 is not supported" in load_plan(newer).problems[0]
    not_a_map = write(tmp_path, "c.yaml", "- just\n- a list\n")
    assert "must be a mapping" in load_plan(not_a_map).problems[0]
    assert "cannot be read" in load_plan(tmp_path / "missing.yaml").problems[0]


def test_roles_filter_items() -> None:
    ob = Onboarding(Handbook.open(), role="manager")
    items = [s.item for s in ob.checklist().items]
    assert all(not i.roles or "manager" in i.roles for i in items)
    assert any(i.roles == ("manager",) for i in items)
    assert not any(i.roles == ("engineer",) for i in items)


def test_plan_from_pages_marked_in_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n")
    write(
        tmp_path,
        "week-one.md",
        "---\nonboarding: first-30\n---\n# Week one\n- [ ] Get a laptop\n- [ ] Meet the team\n",
    )
    write(tmp_path, "later.md", "---\nonboarding: first-90\n---\n# Later\n- [ ] Lead a retro\n")
    ob = Onboarding(Handbook.open(tmp_path))
    assert ob.has_plan
    by_phase = {p.id: [i.title for i in p.items] for p in ob.plan.phases}
    assert by_phase == {
        "first-30": ["Get a laptop", "Meet the team"],
        "first-60": [],
        "first-90": ["Lead a retro"],
    }
    assert ob.plan.item("week-one-1") is not None and ob.plan.item("week-one-1").due == 30


def test_no_plan_at_all(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n")
    assert not Onboarding(Handbook.open(tmp_path)).has_plan
