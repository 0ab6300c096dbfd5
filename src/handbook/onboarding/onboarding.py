"""``Onboarding``: one handbook's plan and one user's progress through it, and the changes to it."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from handbook.cancel import StopCheck, never
from handbook.content import Handbook, HandbookError, did_you_mean
from handbook.content.model import loose_anchor
from handbook.onboarding.cache import discover_cached, plan_file_cached
from handbook.onboarding.checklist import Checklist, build_checklist
from handbook.onboarding.choices import ChoiceStore, Seen, choices_path
from handbook.onboarding.plan import PLAN_FILE, Item, Plan, plan_from_pages
from handbook.onboarding.progress import Progress, ProgressError, ProgressStore, progress_path, today
from handbook.onboarding.ranking import Candidate

SAME_ITEM = 0.6  # how alike a reworded item's words must be to the old ones to carry its progress over
SAME_ITEM_BY_ID = 0.8  # the same, when only the old id's slug is known (its words were never seen)


class UnknownItem(Exception):
    def __init__(self, item_id: str, suggestions: list[str]) -> None:
        super().__init__(f"no checklist item {item_id!r}{did_you_mean(suggestions)}")
        self.suggestions = suggestions


class UnknownPlan(Exception):
    """``--plan`` names no discovered plan (or the handbook's plan file makes the choice moot)."""

    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(f"{message}{did_you_mean(suggestions)}")
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

    The plan: the handbook's ``onboarding.yaml`` when it has one (its owner wrote it precisely), else
    pages marked ``onboarding: PHASE`` in their front matter, else the plan discovered in the pages —
    ``plan`` (a source, "page.md#anchor") if given, and then remembered, else the one the user chose
    before, else the best. Building it may read many pages: the app does it in a worker.

    An unknown ``role`` does not raise: it is kept in ``role_problem`` (for the caller to report: the
    CLI stops, the app warns) and the checklist is shown as without a role, so it stays usable. A plan
    without role-specific items accepts any role: there is nothing it could change.
    """

    def __init__(
        self,
        handbook: Handbook,
        role: str | None = None,
        store: ProgressStore | None = None,
        *,
        plan: str | None = None,
        stop: StopCheck = never,
    ) -> None:
        self.handbook = handbook
        self.store = store or ProgressStore(progress_path(handbook.location))
        self.choices = ChoiceStore(choices_path(handbook.location))
        self.candidates: list[Candidate] = []  # discovered plans, best first (when discovery ran)
        self._stop = stop  # asked between pages while a plan is discovered
        self.plan = self._load_plan(plan)
        self.moved = self._follow_edits() if self.plan.discovered else []
        self.role_problem: UnknownRole | None = None
        self.asked_role = role.strip() if role else None
        self.role = self._known_role(self.asked_role)

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

    @property
    def chosen(self) -> Candidate | None:
        """The discovered plan in use, with its score (None for a plan file or no plan)."""
        return next((c for c in self.candidates if c.plan.source == self.plan.source), None)

    def _load_plan(self, choice: str | None) -> Plan:
        if self.handbook.single_file is None and self.plan_file.is_file():
            if not self.plan_file.resolve().is_relative_to(self.handbook.root.resolve()):
                # A plan file linked from outside the handbook is never read (nor quoted in an error).
                problem = f"{PLAN_FILE} links outside the handbook: not read"
                return Plan("", [], str(self.plan_file), [problem])
            if choice:
                raise UnknownPlan(f"this handbook's plan is its {PLAN_FILE}: --plan does not apply", [])
            return plan_file_cached(self.handbook, self.plan_file, self._link_exists)
        marked = []
        for info in self.handbook.pages:
            phase = info.meta.get("onboarding")
            if isinstance(phase, str) and phase.strip():
                tasks = [t.text for t in self.handbook.page(info.path).tasks]
                if tasks:
                    marked.append((info.path, phase.strip(), tasks))
        if marked and not choice:
            return plan_from_pages(marked)
        self.candidates = discover_cached(self.handbook, self._stop)
        if choice:
            picked = self.find_candidate(choice)
            try:
                self.choices.save(picked.plan.source, choose=True)
            except OSError as exc:
                self.store.notices.append(f"your choice of plan could not be saved: {exc}")
            return picked.plan
        remembered = self.choices.load().chosen
        for cand in self.candidates:
            if cand.plan.source == remembered:
                return cand.plan
        if self.candidates:
            return self.candidates[0].plan
        return Plan("", [], "")

    def find_candidate(self, ref: str) -> Candidate:
        """A discovered plan by its source, "page.md#anchor" (anchors loosely; a page alone: its best)."""
        page, _, anchor = ref.strip().removeprefix("./").partition("#")
        for cand in self.candidates:
            cand_page, _, cand_anchor = cand.plan.source.partition("#")
            if cand_page == page and loose_anchor(cand_anchor) == loose_anchor(anchor):
                return cand
        if not anchor:
            on_page = [c for c in self.candidates if c.plan.source.partition("#")[0] == page]
            if on_page:
                return on_page[0]
        sources = [c.plan.source for c in self.candidates]
        if not sources:
            raise UnknownPlan(f"no plan {ref!r}: discovery found no plan in this handbook", [])
        raise UnknownPlan(
            f"no discovered plan {ref!r} (see 'handbook plans')",
            difflib.get_close_matches(ref, sources, n=3, cutoff=0.5),
        )

    def _follow_edits(self) -> list[tuple[str, str]]:
        """Carry progress over to items reworded since it was saved; remember the words of every item.

        An id that left the plan is matched to the most similar item of the same phase that has no
        progress of its own; what stays unmatched is shown as no longer in the plan. Nothing is dropped.
        """
        source = self.plan.source
        seen_now = {
            item.id: Seen(item.title, phase.title, index, source)
            for index, phase in enumerate(self.plan.phases)
            for item in phase.items
        }
        try:
            choices = self.choices.load()
            progress = self.store.load()
            vanished = [
                item_id
                for item_id in progress.items
                if item_id not in seen_now and _of_plan(choices.seen.get(item_id), source)
            ]
            moves = follow_rewording(vanished, choices.seen, self.plan, set(progress.items))
            if moves:

                def carry(p: Progress) -> None:
                    for old, new in moves:
                        p.move(old, new)

                self.store.update(carry)
            if any(choices.seen.get(k) != v for k, v in seen_now.items()):
                self.choices.save(seen=seen_now)
        except (OSError, ProgressError) as exc:
            self.store.notices.append(f"could not follow the plan's edits in your progress: {exc}")
            return []
        return moves

    def _link_exists(self, link: str) -> bool:
        try:
            ref = self.handbook.find(link)
        except HandbookError:
            return False
        return not ref.anchor or self.handbook.page(ref.path).section(ref.anchor) is not None

    def checklist(self, on: dt.date | None = None) -> Checklist:
        return build_checklist(
            self.plan, self.store.load(), on or today(), self.role, self._kept_for_others()
        )

    def _kept_for_others(self) -> set[str]:
        """Ids last seen in another discovered plan: their progress is kept for it, not shown as
        having left this one."""
        if not self.plan.discovered:
            return set()
        source = self.plan.source
        return {k for k, v in self.choices.load().seen.items() if not _of_plan(v, source)}

    def choose(self, ref: str) -> Plan:
        """Switch to another discovered plan (its source, as ``--plan`` takes it) and remember it.

        Progress is one file per handbook: each plan's ticks and notes stay in it, under their own
        ids, whichever plan is shown; an unsaved choice is reported in the store's notices.
        """
        picked = self.find_candidate(ref)
        try:
            self.choices.save(picked.plan.source, choose=True)
        except OSError as exc:
            self.store.notices.append(f"your choice of plan could not be saved: {exc}")
        self.plan = picked.plan
        self.moved = self._follow_edits()
        self.role_problem = None
        self.role = self._known_role(self.asked_role)
        return self.plan

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


def _of_plan(seen: Seen | None, source: str) -> bool:
    """Was this item last seen in the plan ``source`` (or never told apart, as before plans were)?"""
    return seen is None or not seen.plan or seen.plan == source


def follow_rewording(
    vanished: list[str], seen: dict[str, Seen], plan: Plan, taken: set[str]
) -> list[tuple[str, str]]:
    """(old id, new id) pairs: each vanished id with the most similar free item of its phase.

    Free: an item with no progress of its own (``taken`` holds the ids that have some). Pairs are
    made best first, each id at most once. Without the old words (``seen``), the old id's slug is
    compared, more strictly, with every free item.
    """
    free = [(n, phase.title, item) for n, phase in enumerate(plan.phases) for item in phase.items]
    free = [f for f in free if f[2].id not in taken]
    pairs: list[tuple[float, str, str]] = []
    for old in vanished:
        before = seen.get(old)
        for index, phase_title, item in free:
            if before is not None:
                if before.phase != phase_title and before.phase_index != index:
                    continue
                alike, needed = similarity(before.title, item.title), SAME_ITEM
            else:
                slug = old.rsplit("-", 1)[0].replace("-", " ")
                alike, needed = similarity(slug, item.id.rsplit("-", 1)[0].replace("-", " ")), SAME_ITEM_BY_ID
            if alike >= needed:
                pairs.append((alike, old, item.id))
    moves: list[tuple[str, str]] = []
    used: set[str] = set()
    for _, old, new in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if old not in used and new not in used:
            moves.append((old, new))
            used.update((old, new))
    return moves


def similarity(a: str, b: str) -> float:
    """How alike two titles are (0-1): the better of letters in order and words in common."""
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    letters = difflib.SequenceMatcher(None, a, b).ratio()
    words_a, words_b = set(a.split()), set(b.split())
    words = 2 * len(words_a & words_b) / (len(words_a) + len(words_b)) if words_a or words_b else 0.0
    return max(letters, words)
