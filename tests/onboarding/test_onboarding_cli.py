"""The checklist commands, run in-process (`run_cli`)."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import run_cli, write


def test_start_check_note_progress_json() -> None:
    env = {"HANDBOOK_TODAY": "2026-02-14"}
    assert run_cli("start", "2026-01-05", env=env).returncode == 0
    checked = run_cli("check", "account-setup", "hello-world", env=env)
    assert checked.returncode == 0 and "checked: account-setup, hello-world" in checked.stdout
    assert run_cli("note", "hello-world", "stack", "runs", env=env).returncode == 0
    assert run_cli("uncheck", "hello-world", env=env).returncode == 0
    data = json.loads(run_cli("progress", "--json", "--role", "engineer", env=env).stdout)
    assert (data["start_date"], data["today"], data["day"]) == ("2026-01-05", "2026-02-14", 41)
    items = {i["id"]: i for p in data["phases"] for i in p["items"]}
    assert items["account-setup"]["done"] and items["account-setup"]["done_at"] == "2026-02-14T09:00:00"
    assert not items["hello-world"]["done"] and items["hello-world"]["note"] == "stack runs"
    assert items["meet-your-buddy"]["overdue"] is True
    assert set(items["meet-your-buddy"]) == {
        "id",
        "title",
        "due",
        "link",
        "done",
        "done_at",
        "note",
        "overdue",
    }
    assert data["orphans"] == []


def test_progress_table_and_export() -> None:
    run_cli("start", "2026-01-05", env={"HANDBOOK_TODAY": "2026-01-06"})
    table = run_cli("progress", env={"HANDBOOK_TODAY": "2026-01-06"})
    assert table.returncode == 0
    assert table.stdout.startswith("Your first 90 days at Northwind Labs: Day 2 · 0/")
    assert "OVERDUE" in table.stdout and "due this week" in table.stdout and "\x1b" not in table.stdout
    exported = run_cli("progress", "--export", "md", env={"HANDBOOK_TODAY": "2026-01-06"})
    assert exported.stdout.startswith("# Your first 90 days at Northwind Labs: day 2")


def test_role_filter() -> None:
    engineer = json.loads(run_cli("progress", "--json", "--role", "engineer").stdout)
    manager = json.loads(run_cli("progress", "--json", "--role", "manager").stdout)
    ids = lambda data: {i["id"] for p in data["phases"] for i in p["items"]}  # noqa: E731
    assert "meet-your-reports" in ids(manager) and "meet-your-reports" not in ids(engineer)
    assert "environment-setup" in ids(engineer) and "environment-setup" not in ids(manager)


def test_bad_input_is_explained() -> None:
    unknown = run_cli("check", "hello-wrld")
    assert (
        unknown.returncode == 1
        and "no checklist item 'hello-wrld'; did you mean 'hello-world'?" in unknown.stderr
    )
    unknown_uncheck = run_cli("uncheck", "hello-wrld")
    assert unknown_uncheck.returncode == 1 and "did you mean 'hello-world'" in unknown_uncheck.stderr
    bad_date = run_cli("start", "next monday")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr
    for result in (unknown, bad_date):
        assert "Traceback" not in result.stderr


def test_corrupt_progress_file_is_reported_and_kept(isolated_locations: Path) -> None:
    run_cli("check", "account-setup")
    progress = next((isolated_locations / "data").glob("*/progress.json"))
    progress.write_text("{oops")
    result = run_cli("check", "hello-world")
    assert result.returncode == 0
    assert "could not be used because it is not valid JSON" in result.stderr and "kept as" in result.stderr
    (kept,) = progress.parent.glob("progress.json.corrupt-*")
    assert kept.read_text() == "{oops"


def test_handbook_without_a_plan_and_the_starter(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n")
    missing = run_cli("--content", str(tmp_path), "progress")
    assert (
        missing.returncode == 1
        and "no onboarding plan was found" in missing.stderr
        and "--init-plan" in missing.stderr
    )
    made = run_cli("progress", "--init-plan", str(tmp_path))
    assert made.returncode == 0 and (tmp_path / "onboarding.yaml").is_file()
    again = run_cli("progress", "--init-plan", str(tmp_path / "onboarding.yaml"))
    assert again.returncode == 2 and "already exists" in again.stderr
    shown = run_cli("--content", str(tmp_path), "progress", "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["phases"][0]["items"]
