"""``Onboarding``: one handbook's plan and one user's progress through it, and the changes to it."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from handbook.content import Handbook, HandbookError, did_you_mean
from handbook.onboarding.checklist import Checklist, build_checklist
from handbook.onboarding.plan import PLAN_FILE, Item, Plan, load_plan, plan_from_pages
from handbook.onboarding.progress import Progress, ProgressStore, progress_path, today


class UnknownItem(Exception):
    def __init__(self, item_id: str, suggestions: list[str]) -> None:
        super().__init__(f"no checklist item {item_id!r}{did_you_mean(suggestions)}")
        self.suggestions = suggestions


class UnknownRole(Exception):
    """A role no item of the plan is for: most likely a typo, which would silently show the wrong list."""

    def __init__(self, role: str, roles: list[str]) -> None:
        close = difflib.get_close_matches(role, roles, n=1, cutoff=0.6)
        guess = f" (did you mean {close[0]!r}?)" if close else ""
        super().__init__(f"unknown role {role!r}: this plan's roles are {', '.join(roles)}{guess}")
        self.role = role
        self.roles = roles


class Onboarding:
    """One handbook's plan and one user's progress through it.

    An unknown ``role`` does not raise: it is kept in ``role_problem`` (for the caller to report: the
    CLI stops, the app warns) and the checklist is shown as without a role, so it stays usable. A plan
    without role-specific items accepts any role: there is nothing it could change.
    """

    def __init__(
        self, handbook: Handbook, role: str | None = None, store: ProgressStore | None = None
    ) -> None:
        self.handbook = handbook
        self.plan = self._load_plan()
        self.role_problem: UnknownRole | None = None
        self.role = self._known_role(role.strip() if role else None)
        self.store = store or ProgressStore(progress_path(handbook.location))

    def _known_role(self, role: str | None) -> str | None:
        roles = self.plan.roles
        if not role or not roles:
            return role or None
        spelled = {r.casefold(): r for r in roles}.get(role.casefold())
        if spelled is None:
            self.role_problem = UnknownRole(role, roles)
        return spelled

    @property
    def plan_file(self) -> Path:
        return self.handbook.root / PLAN_FILE

    @property
    def has_plan(self) -> bool:
        return bool(self.plan.items)

    def _load_plan(self) -> Plan:
        if self.handbook.single_file is None and self.plan_file.is_file():
            return load_plan(self.plan_file, self._link_exists)
        marked = []
        for info in self.handbook.pages:
            phase = info.meta.get("onboarding")
            if isinstance(phase, str) and phase.strip():
                tasks = [t.text for t in self.handbook.page(info.path).tasks]
                if tasks:
                    marked.append((info.path, phase.strip(), tasks))
        return plan_from_pages(marked)

    def _link_exists(self, link: str) -> bool:
        try:
            ref = self.handbook.find(link)
        except HandbookError:
            return False
        return not ref.anchor or self.handbook.page(ref.path).section(ref.anchor) is not None

    def checklist(self, on: dt.date | None = None) -> Checklist:
        return build_checklist(self.plan, self.store.load(), on or today(), self.role)

    def require(self, item_id: str) -> Item:
        item = self.plan.item(item_id)
        if item is None:
            raise UnknownItem(
                item_id, difflib.get_close_matches(item_id, [i.id for i in self.plan.items], n=3)
            )
        return item

    def _started(self, progress: Progress) -> None:
        if progress.start_date is None:
            progress.start_date = today()

    def check(self, *item_ids: str) -> Progress:
        for item_id in item_ids:
            self.require(item_id)

        def change(p: Progress) -> None:
            self._started(p)
            for item_id in item_ids:
                p.check(item_id)

        return self.store.update(change)

    def uncheck(self, *item_ids: str) -> Progress:
        """Unknown ids are refused, except items that left the plan but are still in the progress file."""
        saved = self.store.load().items
        for item_id in item_ids:
            if item_id not in saved:
                self.require(item_id)

        def change(p: Progress) -> None:
            for item_id in item_ids:
                p.uncheck(item_id)

        return self.store.update(change)

    def toggle(self, item_id: str) -> bool:
        """Check or uncheck; returns whether it is done now."""
        self.require(item_id)
        state: dict[str, bool] = {}

        def change(p: Progress) -> None:
            self._started(p)
            if p.is_done(item_id):
                p.uncheck(item_id)
            else:
                p.check(item_id)
            state["done"] = p.is_done(item_id)

        self.store.update(change)
        return state["done"]

    def note(self, item_id: str, text: str) -> Progress:
        self.require(item_id)

        def change(p: Progress) -> None:
            self._started(p)
            p.set_note(item_id, text)

        return self.store.update(change)

    def start(self, day_one: dt.date) -> Progress:
        def change(p: Progress) -> None:
            p.start_date = day_one

        return self.store.update(change)
