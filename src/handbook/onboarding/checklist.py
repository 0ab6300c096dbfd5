"""The plan and the progress together: what is done, due, overdue, and how far each phase is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from handbook.onboarding.plan import Item, Phase, Plan
from handbook.onboarding.progress import ItemProgress, Progress

SOON_DAYS = 7  # "due this week": due within this many days from today


@dataclass(frozen=True)
class ItemStatus:
    item: Item
    done: bool
    done_at: dt.datetime | None
    note: str
    overdue: bool
    due_soon: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.item.id,
            "title": self.item.title,
            "due": self.item.due,
            "link": self.item.link,
            "done": self.done,
            "done_at": self.done_at.isoformat() if self.done_at else None,
            "note": self.note,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class PhaseStatus:
    phase: Phase
    items: list[ItemStatus]

    @property
    def done(self) -> int:
        return sum(1 for s in self.items if s.done)

    @property
    def total(self) -> int:
        return len(self.items)


@dataclass
class Checklist:
    plan: Plan
    start_date: dt.date
    start_assumed: bool  # no start date saved yet: today is taken as day 1
    today: dt.date
    phases: list[PhaseStatus]
    # progress kept for items that are no longer in the plan
    orphans: list[tuple[str, ItemProgress]] = field(default_factory=list)
    role: str | None = None
    hidden: int = 0  # items of the plan left out because they are for other roles (or for a role at all)

    @property
    def day(self) -> int:
        return (self.today - self.start_date).days + 1

    @property
    def items(self) -> list[ItemStatus]:
        return [s for p in self.phases for s in p.items]

    @property
    def done(self) -> int:
        return sum(1 for s in self.items if s.done)

    @property
    def overdue(self) -> int:
        return sum(1 for s in self.items if s.overdue)

    def summary(self) -> str:
        """The one-line status of the landing view: 'Day 12 · 5/14 done · 2 overdue'."""
        parts = [f"Day {self.day}" if self.day >= 1 else f"Starts in {1 - self.day} days"]
        parts.append(f"{self.done}/{len(self.items)} done")
        if self.overdue:
            parts.append(f"{self.overdue} overdue")
        return " · ".join(parts)

    def hidden_hint(self) -> str | None:
        """Without a role, role-specific items are left out: say how many, and how to see yours.

        With a role there is nothing to say: leaving out other roles' items is what was asked for.
        """
        if self.role is not None or not self.hidden:
            return None
        items = f"{self.hidden} items for a role are" if self.hidden != 1 else "1 item for a role is"
        return (
            f"{items} hidden ({', '.join(self.plan.roles)}): "
            'see yours with --role ROLE, or role = "ROLE" in config.toml'
        )

    def as_json(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "plan": {
                "title": plan.title,
                "source": plan.source if plan.discovered else plan.origin or plan.source,
            },
            "start_date": self.start_date.isoformat(),
            "today": self.today.isoformat(),
            "day": self.day,
            "role": self.role,
            "roles": self.plan.roles,
            "hidden_for_roles": self.hidden,
            "phases": [
                {
                    "id": p.phase.id,
                    "title": p.phase.title,
                    "days": list(p.phase.days),
                    "items": [s.as_json() for s in p.items],
                }
                for p in self.phases
            ],
            "orphans": [{"id": item_id, **state.to_json()} for item_id, state in self.orphans],
        }


def build_checklist(
    plan: Plan,
    progress: Progress,
    today: dt.date,
    role: str | None = None,
    others: set[str] | frozenset[str] = frozenset(),
) -> Checklist:
    """The plan's items for ``role`` (without a role: only the items for everyone), with their state.

    ``others``: ids whose progress belongs to another plan of the handbook (kept, not orphans here).
    """
    start = progress.start_date or today
    day = (today - start).days + 1
    # Without a start date, today is only taken as day 1: nothing is late by that guess alone. And
    # "Before you start" items (day 0) are late from day 2: a new hire often first opens the
    # handbook on day 1 (the first tick saves today as the start), and they can be done that day.
    start_known = progress.start_date is not None
    shown = plan.for_role(role)
    phases = []
    for phase in shown.phases:
        statuses = []
        for item in phase.items:
            done = progress.is_done(item.id)
            statuses.append(
                ItemStatus(
                    item=item,
                    done=done,
                    done_at=progress.done_at(item.id),
                    note=progress.note(item.id),
                    overdue=start_known and not done and max(item.due, 1) < day,
                    due_soon=not done and day <= item.due < day + SOON_DAYS,
                )
            )
        phases.append(PhaseStatus(phase, statuses))
    known = {item.id for item in plan.items} | set(others)
    orphans = sorted(((k, v) for k, v in progress.items.items() if k not in known), key=lambda kv: kv[0])
    hidden = len(plan.items) - len(shown.items)
    return Checklist(plan, start, progress.start_date is None, today, phases, orphans, role, hidden)


def export_markdown(checklist: Checklist) -> str:
    """A summary to paste into a 1:1 document: done (with dates), open, overdue, notes."""
    lines = [
        f"# {checklist.plan.title}: day {checklist.day}",
        "",
        f"Started {checklist.start_date.isoformat()} · today {checklist.today.isoformat()} · "
        f"{checklist.done}/{len(checklist.items)} done"
        + (f" · {checklist.overdue} overdue" if checklist.overdue else "")
        + (f" · role {checklist.role}" if checklist.role else ""),
        "",
    ]
    hint = checklist.hidden_hint()
    if hint:
        lines += [f"{hint[0].upper()}{hint[1:]}.", ""]
    overdue = [s for s in checklist.items if s.overdue]
    if overdue:
        lines += ["## Overdue", ""]
        lines += [f"- [ ] {one_line(s.item.title)} (due day {s.item.due})" + _note(s) for s in overdue] + [""]
    for phase in checklist.phases:
        lines += [f"## {phase.phase.title} ({phase.done}/{phase.total})", ""]
        for s in phase.items:
            if s.done:
                lines.append(f"- [x] {one_line(s.item.title)} (done {done_day(s)})" + _note(s))
            else:
                lines.append(f"- [ ] {one_line(s.item.title)} (due day {s.item.due})" + _note(s))
        lines.append("")
    if checklist.orphans:
        lines += ["## No longer in the plan", ""]
        lines += [
            f"- {one_line(item_id)}" + (f": {one_line(state.note)}" if state.note else "")
            for item_id, state in checklist.orphans
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def done_day(status: ItemStatus) -> str:
    """The day an item was ticked, as YYYY-MM-DD (what the list shows; the file keeps the time)."""
    return status.done_at.date().isoformat() if status.done_at else ""


def _note(status: ItemStatus) -> str:
    return f" — {one_line(status.note)}" if status.note else ""


def one_line(text: str) -> str:
    """A note or title on its item's line: a newline in it could start a new item or heading."""
    return " ".join(text.split())
