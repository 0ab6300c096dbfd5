"""The 30-60-90 plan: ``onboarding.yaml`` in the handbook folder, validated with clear messages.

A plan with errors still loads what it can (bad items are skipped) and reports every problem with the
file, line and field, so the rest of the app keeps working. A handbook without a plan gets one from
pages whose front matter names a phase (``onboarding: first-30``): their ``- [ ]`` items join it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.safe_text import strip_controls

PLAN_FILE = "onboarding.yaml"
PLAN_VERSION = 1
DEFAULT_PHASES = (
    ("first-30", "First 30 days", (1, 30)),
    ("first-60", "Days 31-60", (31, 60)),
    ("first-90", "Days 61-90", (61, 90)),
)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    due: int
    phase: str
    link: str = ""
    details: str = ""
    roles: tuple[str, ...] = ()

    def for_role(self, role: str | None) -> bool:
        """Items without roles are for everyone; an item with roles only for those (not for "no role")."""
        return not self.roles or (role is not None and role in self.roles)


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    days: tuple[int, int]
    items: tuple[Item, ...]


def days_label(days: tuple[int, int] | list[int]) -> str:
    """A phase's days for people: "before day 1", "day 3", "days 8-30" (CLI, app, chooser alike)."""
    start, end = days[0], days[1]
    if start == end == 0:
        return "before day 1"
    return f"day {start}" if start == end else f"days {start}-{end}"


@dataclass
class Plan:
    title: str
    phases: list[Phase]
    source: str  # where it came from: the plan file (for messages), or "page#anchor" when discovered
    problems: list[str] = field(default_factory=list)
    origin: str = ""  # where it came from, for people: "Staff Onboarding › First weeks", "onboarding.yaml"
    discovered: bool = False  # found in the pages (not written as a plan file)

    @property
    def items(self) -> list[Item]:
        return [item for phase in self.phases for item in phase.items]

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def last_day(self) -> int:
        return max((p.days[1] for p in self.phases), default=90)

    @property
    def roles(self) -> list[str]:
        """Every role some item is for, sorted: what ``--role`` may name."""
        return sorted({role for item in self.items for role in item.roles})

    def for_role(self, role: str | None) -> Plan:
        phases = [
            Phase(p.id, p.title, p.days, tuple(i for i in p.items if i.for_role(role))) for p in self.phases
        ]
        return Plan(self.title, phases, self.source, self.problems, self.origin, self.discovered)


def load_plan(path: Path, link_exists: Callable[[str], bool] | None = None) -> Plan:
    """Read and validate a plan. Never raises for a bad file: problems are in ``plan.problems``."""
    import yaml  # only a plan file is YAML: discovered plans come from the cache

    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Plan("", [], where, [f"{where}: cannot be read ({exc})"])
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        return Plan("", [], where, [f"{where}{line}: not valid YAML ({getattr(exc, 'problem', exc)})"])
    plan = _validate(root, where, link_exists)
    plan.origin = path.name
    return plan


def _validate(root: Any, where: str, link_exists: Callable[[str], bool] | None) -> Plan:
    import yaml

    problems: list[str] = []

    def problem(node: Any, message: str) -> None:
        line = f" line {node.start_mark.line + 1}" if node is not None and hasattr(node, "start_mark") else ""
        problems.append(f"{where}{line}: {message}")

    if not isinstance(root, yaml.MappingNode):
        problem(root, "the plan must be a mapping with version, title and phases")
        return Plan("", [], where, problems)
    top = _mapping(root)
    version = _scalar(top.get("version"))
    if version is not None and str(version) != str(PLAN_VERSION):
        problem(
            top.get("version"),
            f"version {version} is not supported (this handbook reads version {PLAN_VERSION})",
        )
    title = str(_scalar(top.get("title")) or "Your first 90 days")
    phases_node = top.get("phases")
    if not isinstance(phases_node, yaml.SequenceNode):
        problem(phases_node or root, "'phases' must be a list")
        return Plan(title, [], where, problems)
    phases: list[Phase] = []
    seen: dict[str, int] = {}
    for phase_node in phases_node.value:
        if not isinstance(phase_node, yaml.MappingNode):
            problem(phase_node, "each phase must be a mapping with id, title, days and items")
            continue
        fields = _mapping(phase_node)
        phase_id = str(_scalar(fields.get("id")) or "")
        if not phase_id:
            problem(phase_node, "a phase needs an 'id'")
            continue
        days = _days(fields.get("days"))
        if days is None:
            problem(
                fields.get("days") or phase_node,
                f"phase {phase_id}: 'days' must be [from, to] with from <= to",
            )
            days = (1, 90)
        items: list[Item] = []
        items_node = fields.get("items")
        if items_node is not None and not isinstance(items_node, yaml.SequenceNode):
            problem(items_node, f"phase {phase_id}: 'items' must be a list")
        for item_node in items_node.value if isinstance(items_node, yaml.SequenceNode) else []:
            item = _item(item_node, phase_id, days, problem, link_exists)
            if item is None:
                continue
            if item.id in seen:
                problem(item_node, f"item id '{item.id}' is used twice (first on line {seen[item.id]})")
                continue
            seen[item.id] = item_node.start_mark.line + 1
            items.append(item)
        phases.append(Phase(phase_id, str(_scalar(fields.get("title")) or phase_id), days, tuple(items)))
    return Plan(title, phases, where, problems)


def _item(
    node: Any,
    phase_id: str,
    days: tuple[int, int],
    problem: Callable[[Any, str], None],
    link_exists: Callable[[str], bool] | None,
) -> Item | None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        problem(node, f"phase {phase_id}: each item must be a mapping")
        return None
    fields = _mapping(node)
    item_id = str(_scalar(fields.get("id")) or "").strip()
    title = str(_scalar(fields.get("title")) or "").strip()
    if not item_id or not title:
        problem(node, f"phase {phase_id}: an item needs an 'id' and a 'title'")
        return None
    due_raw = _scalar(fields.get("due"))
    try:
        due = int(str(due_raw))
    except (TypeError, ValueError):
        problem(fields.get("due") or node, f"item {item_id}: 'due' must be a day number")
        due = days[1]
    if not days[0] <= due <= days[1]:
        problem(
            fields.get("due"), f"item {item_id}: due day {due} is outside its phase ({days[0]}-{days[1]})"
        )
    link = str(_scalar(fields.get("link")) or "").strip()
    if link and link_exists is not None and not link_exists(link):
        problem(
            fields.get("link"), f"item {item_id}: link '{link}' leads to no page or section of this handbook"
        )
    roles_node = fields.get("roles")
    roles: tuple[str, ...] = ()
    if isinstance(roles_node, yaml.SequenceNode):
        roles = tuple(str(_scalar(r)) for r in roles_node.value if _scalar(r))
    elif roles_node is not None and _scalar(roles_node):
        roles = (str(_scalar(roles_node)),)
    details = str(_scalar(fields.get("details")) or "").strip()
    return Item(item_id, title, due, phase_id, link, details, roles)


def _mapping(node: Any) -> dict[str, Any]:
    import yaml

    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _scalar(node: Any) -> Any:
    """A value of the plan; its text made safe to print (YAML's \\e escapes make real ESC characters)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        return None
    return strip_controls(node.value) if isinstance(node.value, str) else node.value


def _days(node: Any) -> tuple[int, int] | None:
    import yaml

    if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
        return None
    try:
        low, high = (int(str(_scalar(n))) for n in node.value)
    except (TypeError, ValueError):
        return None
    return (low, high) if 0 <= low <= high else None  # day 0: before the first day


def plan_from_pages(pages: list[tuple[str, str, list[str]]]) -> Plan:
    """A plan made of ``- [ ]`` items of pages whose front matter says ``onboarding: PHASE``.

    ``pages``: (page path, phase id, task texts). Items are due at the end of their phase.
    """
    by_phase: dict[str, list[Item]] = {p[0]: [] for p in DEFAULT_PHASES}
    for path, phase_id, tasks in pages:
        phase = next((p for p in DEFAULT_PHASES if p[0] == phase_id), None)
        if phase is None:
            continue
        for number, text in enumerate(tasks, 1):
            item_id = f"{path.rsplit('.', 1)[0].replace('/', '-')}-{number}"
            by_phase[phase_id].append(Item(item_id, text, phase[2][1], phase_id, path))
    phases = [Phase(pid, title, days, tuple(by_phase[pid])) for pid, title, days in DEFAULT_PHASES]
    return Plan("Your first 90 days", phases, "pages marked 'onboarding:' in their front matter")


STARTER_PLAN = """\
# A 30-60-90 day onboarding plan for `handbook` (see `handbook progress`).
# Each item: a stable id, a title, the day it is due, and a link (page#section) that explains it.
version: 1
title: Your first 90 days
phases:
  - id: first-30
    title: "First 30 days: set up and learn"
    days: [1, 30]
    items:
      - id: account-setup
        title: Set up your accounts
        due: 1
        link: index.md
        details: You can log in everywhere you need to on day one.
      - id: environment-setup
        title: Set up your development environment
        due: 5
        link: index.md
      - id: first-change
        title: Ship a first small change
        due: 20
        link: index.md
  - id: first-60
    title: "Days 31-60: contribute"
    days: [31, 60]
    items:
      - id: first-feature
        title: Deliver a feature with your team
        due: 60
        link: index.md
  - id: first-90
    title: "Days 61-90: own"
    days: [61, 90]
    items:
      - id: own-an-area
        title: Own an area of your team's work
        due: 90
        link: index.md
"""


def plan_yaml(plan: Plan) -> str:
    """A plan as an ``onboarding.yaml`` an owner can edit (ids, days, due days and links kept)."""
    import yaml

    data = {
        "version": PLAN_VERSION,
        "title": plan.title,
        "phases": [
            {
                "id": phase.id,
                "title": phase.title,
                "days": list(phase.days),
                "items": [
                    {
                        "id": item.id,
                        "title": item.title,
                        "due": item.due,
                        **({"link": item.link} if item.link else {}),
                        **({"details": item.details} if item.details else {}),
                        **({"roles": list(item.roles)} if item.roles else {}),
                    }
                    for item in phase.items
                ],
            }
            for phase in plan.phases
        ],
    }
    head = f"# The onboarding plan found in {plan.source}" if plan.discovered else "# An onboarding plan"
    head += " (see `handbook progress`); edit it freely: this file wins over what is found in the pages.\n"
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def starter_plan(link: str) -> str:
    """The starter plan, its links pointing at ``link`` (a page that exists, e.g. the landing page)."""
    return STARTER_PLAN.replace("link: index.md", f"link: {link}")
