"""Role-specific plan items: hidden without a role (and said so), shown for their role; an unknown role
is an error that names the plan's roles. The CLI is run for real and in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.cli import main
from handbook.content import Handbook
from handbook.onboarding import STARTER_PLAN, Onboarding, export_markdown

from ..conftest import run_handbook, write

PLAN = """\
version: 1
title: Plan
phases:
  - id: first-30
    title: First
    days: [1, 30]
    items:
      - {id: everyone, title: For everyone, due: 2}
      - {id: code, title: Write code, due: 3, roles: [engineer]}
      - {id: reports, title: Meet your reports, due: 4, roles: [manager]}
      - {id: both, title: Lead a review, due: 5, roles: [engineer, manager]}
"""


def handbook_with_roles(root: Path) -> Path:
    write(root, "index.md", "# Home\n")
    write(root, "onboarding.yaml", PLAN)
    return root


def ids(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [i["id"] for p in data["phases"] for i in p["items"]]


def test_without_a_role_only_the_items_for_everyone(tmp_path: Path) -> None:
    checklist = Onboarding(Handbook.open(handbook_with_roles(tmp_path))).checklist()
    assert [s.item.id for s in checklist.items] == ["everyone"]
    assert checklist.hidden == 3 and checklist.plan.roles == ["engineer", "manager"]
    hint = checklist.hidden_hint()
    assert hint is not None and hint.startswith("3 items for a role are hidden (engineer, manager)")
    assert "--role ROLE" in hint and 'role = "ROLE"' in hint and "config.toml" in hint
    assert checklist.summary().endswith("0/1 done")


def test_a_role_shows_its_items_and_says_nothing_more(tmp_path: Path) -> None:
    checklist = Onboarding(Handbook.open(handbook_with_roles(tmp_path)), role="engineer").checklist()
    assert [s.item.id for s in checklist.items] == ["everyone", "code", "both"]
    assert checklist.hidden == 1 and checklist.hidden_hint() is None
    assert Onboarding(Handbook.open(tmp_path), role="Manager").role == "manager"  # the plan's spelling


def test_unknown_role_is_reported_and_the_checklist_still_works(tmp_path: Path) -> None:
    ob = Onboarding(Handbook.open(handbook_with_roles(tmp_path)), role="mangaer")
    assert ob.role is None and ob.role_problem is not None
    assert str(ob.role_problem) == (
        "unknown role 'mangaer': this plan's roles are engineer, manager (did you mean 'manager'?)"
    )
    assert [s.item.id for s in ob.checklist().items] == ["everyone"]


def test_a_plan_without_roles_accepts_any_role(tmp_path: Path) -> None:
    """Nothing could be shown or hidden, so a role from the config file must not stop every command."""
    write(tmp_path, "index.md", "# Home\n")
    write(tmp_path, "onboarding.yaml", STARTER_PLAN)
    ob = Onboarding(Handbook.open(tmp_path), role="manager")
    assert ob.role_problem is None and ob.plan.roles == []
    checklist = ob.checklist()
    assert len(checklist.items) == len(ob.plan.items) and checklist.hidden_hint() is None
    assert run_handbook("--content", str(tmp_path), "progress", "--role", "manager").returncode == 0


def test_export_md_says_what_is_hidden(tmp_path: Path) -> None:
    text = export_markdown(Onboarding(Handbook.open(handbook_with_roles(tmp_path))).checklist())
    assert "3 items for a role are hidden (engineer, manager)" in text
    assert "Write code" not in text and "For everyone" in text
    with_role = export_markdown(Onboarding(Handbook.open(tmp_path), role="manager").checklist())
    assert "hidden" not in with_role and "Meet your reports" in with_role and "role manager" in with_role


# ------------------------------------------------------------------------------------------ the CLI


def test_progress_without_a_role(tmp_path: Path) -> None:
    content = str(handbook_with_roles(tmp_path))
    table = run_handbook("--content", content, "progress")
    assert table.returncode == 0, table.stderr
    assert "3 items for a role are hidden (engineer, manager): see yours with --role ROLE" in (table.stdout)
    assert "everyone" in table.stdout and "Write code" not in table.stdout and "0/1 done" in table.stdout
    data = json.loads(run_handbook("--content", content, "progress", "--json").stdout)
    assert ids(data) == ["everyone"]
    assert (data["role"], data["roles"], data["hidden_for_roles"]) == (None, ["engineer", "manager"], 3)
    exported = run_handbook("--content", content, "progress", "--export", "md")
    assert "3 items for a role are hidden" in exported.stdout and "Write code" not in exported.stdout


def test_progress_with_a_role_from_the_flag_or_the_config(isolated_locations: Path, tmp_path: Path) -> None:
    content = str(handbook_with_roles(tmp_path))
    flag = run_handbook("--content", content, "progress", "--json", "--role", "engineer")
    data = json.loads(flag.stdout)
    assert ids(data) == ["everyone", "code", "both"] and data["hidden_for_roles"] == 1
    before = json.loads(run_handbook("--content", content, "--role", "manager", "progress", "--json").stdout)
    assert ids(before) == ["everyone", "reports", "both"]  # --role before the command works too
    (isolated_locations / "config" / "config.toml").write_text('role = "manager"\n')
    table = run_handbook("--content", content, "progress")
    assert "Meet your reports" in table.stdout and "hidden" not in table.stdout


def test_unknown_role_is_an_error(isolated_locations: Path, tmp_path: Path) -> None:
    content = str(handbook_with_roles(tmp_path))
    for command in (["progress"], ["progress", "--json"], ["check", "everyone"]):
        result = run_handbook("--content", content, *command, "--role", "mangaer")
        assert result.returncode == 2, command
        assert result.stdout == "" and "Traceback" not in result.stderr
        assert "--role: unknown role 'mangaer': this plan's roles are engineer, manager" in result.stderr
    assert not list((isolated_locations / "data").rglob("progress.json"))  # nothing was checked
    config = isolated_locations / "config" / "config.toml"
    config.write_text('role = "enginer"\n')
    from_config = run_handbook("--content", content, "progress")
    assert from_config.returncode == 2
    assert f"config file {config}: unknown role 'enginer'" in from_config.stderr
    assert "(did you mean 'engineer'?)" in from_config.stderr


def test_in_process_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = str(handbook_with_roles(tmp_path))
    assert main(["--content", content, "progress", "--role", "nobody"]) == 2
    assert "unknown role 'nobody': this plan's roles are engineer, manager" in capsys.readouterr().err
    assert main(["--content", content, "check", "code"]) == 0
    out = capsys.readouterr()
    assert "checked: code" in out.out and "0/1 done" in out.out  # ticked, but not in this checklist
    assert "code is for engineer only: it is not in your checklist without --role engineer" in out.err
    assert main(["--content", content, "progress", "--json", "--role", "engineer"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["done"] for p in data["phases"] for i in p["items"]] == [False, True, False]
