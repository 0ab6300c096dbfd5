"""The 30-60-90 onboarding checklist: the plan, the user's progress, and the two together. No Textual."""

from __future__ import annotations

from handbook.onboarding.checklist import Checklist, ItemStatus, PhaseStatus, build_checklist, export_markdown
from handbook.onboarding.onboarding import Onboarding, UnknownItem, UnknownPlan, UnknownRole
from handbook.onboarding.plan import PLAN_FILE, STARTER_PLAN, Item, Plan, load_plan
from handbook.onboarding.progress import ItemProgress, Progress, ProgressError, ProgressStore, today

__all__ = [
    "PLAN_FILE",
    "STARTER_PLAN",
    "Checklist",
    "Item",
    "ItemProgress",
    "ItemStatus",
    "Onboarding",
    "PhaseStatus",
    "Plan",
    "Progress",
    "ProgressError",
    "ProgressStore",
    "UnknownItem",
    "UnknownPlan",
    "UnknownRole",
    "build_checklist",
    "export_markdown",
    "load_plan",
    "today",
]
