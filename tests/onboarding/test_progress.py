"""The progress store: changes, merging, damaged and newer files, items that left the plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.onboarding import Onboarding, ProgressStore, UnknownItem, build_checklist, export_markdown
from handbook.onboarding.progress import STATE_VERSION

from ..conftest import run_handbook, write


@pytest.fixture
def ob() -> Onboarding:
    return Onboarding(Handbook.open(), role="engineer")  # hello-world, used below, is an engineer's item


def test_check_uncheck_note_start(ob: Onboarding) -> None:
    ob.start(dt.date(2026, 1, 1))
    ob.check("account-setup")
    ob.note("hello-world", "the stack runs")
    data = json.loads(ob.store.path.read_text())
    assert data == {
        "version": STATE_VERSION,
        "start_date": "2026-01-01",
        "items": {
            "account-setup": {"done_at": "2026-01-05T09:00:00", "note": ""},
            "hello-world": {"done_at": None, "note": "the stack runs"},
        },
    }
    ob.uncheck("account-setup")
    assert "account-setup" not in json.loads(ob.store.path.read_text())["items"]
    assert ob.toggle("hello-world") is True and ob.toggle("hello-world") is False
    assert ob.checklist().items[4].note == "the stack runs"  # unchecking keeps the note
    with pytest.raises(UnknownItem, match="did you mean 'hello-world'"):
        ob.check("hello-wrld")


def test_day_overdue_and_due_soon(ob: Onboarding) -> None:
    ob.start(dt.date(2026, 1, 1))
    checklist = ob.checklist(on=dt.date(2026, 1, 5))  # day 5
    assert checklist.day == 5
    by_id = {s.item.id: s for s in checklist.items}
    assert by_id["account-setup"].overdue  # due day 1
    assert not by_id["security-training"].overdue and by_id["security-training"].due_soon  # due day 5
    assert not by_id["full-ownership"].due_soon
    assert checklist.summary() == f"Day 5 · 0/{len(checklist.items)} done · {checklist.overdue} overdue"


def test_changes_from_two_stores_merge(ob: Onboarding) -> None:
    """Two terminals: each saves on top of what the other saved, never over it."""
    other = ProgressStore(ob.store.path)
    ob.check("account-setup")
    stale_view = other.load()
    assert stale_view.is_done("account-setup")
    ob.check("hello-world")
    other.update(lambda p: p.set_note("security-training", "booked"))  # re-reads under the lock
    final = ob.store.load()
    assert final.is_done("account-setup") and final.is_done("hello-world")
    assert final.note("security-training") == "booked"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": 99, "items": {}}', "newer handbook"),
        ('{"version": 1, "start_date": "yesterday", "items": {}}', "not a date"),
        ('["a", "list"]', "not a JSON object"),
        (b"\xff\xfe\x00binary", "not text"),
    ],
)
def test_damaged_or_newer_files_are_kept_aside(ob: Onboarding, content: str | bytes, reason: str) -> None:
    ob.store.path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        ob.store.path.write_bytes(content)
    else:
        ob.store.path.write_text(content)
    ob.check("account-setup")
    notice = " ".join(ob.store.notices)
    assert reason in notice and "kept as" in notice
    kept = list(ob.store.path.parent.glob("progress.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == (content if isinstance(content, bytes) else content.encode())
    assert ob.store.load().is_done("account-setup")  # a new file was started


def test_items_that_left_the_plan_are_kept_and_listed(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n")
    plan = "version: 1\nphases:\n  - id: p\n    days: [1, 30]\n    items:\n"
    write(
        tmp_path,
        "onboarding.yaml",
        plan + "      - {id: a, title: A, due: 1}\n      - {id: b, title: B, due: 2}\n",
    )
    ob = Onboarding(Handbook.open(tmp_path))
    ob.check("a", "b")
    ob.note("b", "done with Sam")
    write(tmp_path, "onboarding.yaml", plan + "      - {id: a, title: A, due: 1}\n")  # b was removed
    ob = Onboarding(Handbook.open(tmp_path))
    checklist = ob.checklist()
    assert [s.item.id for s in checklist.items] == ["a"]
    assert [item_id for item_id, _ in checklist.orphans] == ["b"]
    assert json.loads(ob.store.path.read_text())["items"]["b"]["note"] == "done with Sam"  # nothing dropped
    assert "## No longer in the plan\n\n- b: done with Sam" in export_markdown(checklist)
    assert checklist.as_json()["orphans"][0]["id"] == "b"


def test_export_markdown_for_a_one_to_one(ob: Onboarding) -> None:
    ob.start(dt.date(2026, 1, 1))
    ob.check("account-setup")
    ob.note("hello-world", "blocked on VPN")
    text = export_markdown(build_checklist(ob.plan, ob.store.load(), dt.date(2026, 1, 10), ob.role))
    assert text.startswith("# Your first 90 days at Northwind Labs: day 10\n")
    assert "- [x] Set up your accounts and 2FA (done 2026-01-05)" in text
    assert "## Overdue" in text and "— blocked on VPN" in text


def test_done_at_is_a_datetime_and_written_as_before(ob: Onboarding) -> None:
    """The file keeps its format (ISO text); in memory done_at is a datetime, not a string to slice."""
    ob.check("account-setup")
    progress = ob.store.load()
    assert progress.done_at("account-setup") == dt.datetime(2026, 1, 5, 9, 0)
    assert json.loads(ob.store.path.read_text())["items"]["account-setup"]["done_at"] == "2026-01-05T09:00:00"
    status = next(s for s in ob.checklist().items if s.item.id == "account-setup")
    assert status.done_at == dt.datetime(2026, 1, 5, 9, 0)
    assert status.as_json()["done_at"] == "2026-01-05T09:00:00"


def test_a_hand_written_date_is_read_and_a_bad_one_kept_aside(ob: Onboarding) -> None:
    ob.store.path.parent.mkdir(parents=True, exist_ok=True)
    ob.store.path.write_text('{"version": 1, "items": {"account-setup": {"done_at": "2026-01-02"}}}')
    assert ob.store.load().done_at("account-setup") == dt.datetime(2026, 1, 2)
    ob.store.path.write_text('{"version": 1, "items": {"account-setup": {"done_at": "last week"}}}')
    ob.check("hello-world")
    assert "not a date" in " ".join(ob.store.notices)
    assert list(ob.store.path.parent.glob("progress.json.corrupt-*"))


def test_move_keeps_both_states_when_the_new_id_has_one_too() -> None:
    from handbook.onboarding import ItemProgress, Progress

    early, late = dt.datetime(2026, 1, 2, 9), dt.datetime(2026, 1, 3, 9)
    progress = Progress(items={"old": ItemProgress(late, "from before"), "new": ItemProgress(early, "")})
    progress.move("old", "new")
    assert progress.items == {"new": ItemProgress(early, "from before")}
    progress.items["other"] = ItemProgress(None, "a note")
    progress.move("other", "new")
    assert progress.items == {"new": ItemProgress(early, "from before / a note")}


def test_a_note_is_always_one_items_note_in_the_export() -> None:
    """A newline in a note could start a new (done) item or a heading in the 1:1 summary."""
    assert run_handbook("start", "2026-01-01").returncode == 0
    noted = run_handbook("note", "account-setup", "fine\n- [x] Promoted to staff\n# Fired")
    assert noted.returncode == 0, noted.stderr
    export = run_handbook("progress", "--export", "md").stdout
    assert "fine - [x] Promoted to staff # Fired" in export
    assert "\n- [x] Promoted" not in export and "\n# Fired" not in export


def test_a_plan_file_linked_from_outside_the_handbook_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("version: 1\ntitle: Secret plan\nphases: []\n")
    root = tmp_path / "hb"
    root.mkdir()
    (root / "index.md").write_text("# Home\n")
    (root / "onboarding.yaml").symlink_to(outside)
    ob = Onboarding(Handbook.open(root))
    assert ob.plan.title != "Secret plan"
    assert any("outside the handbook" in p for p in ob.plan.problems)
