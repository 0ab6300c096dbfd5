"""`handbook progress`, `plans`, `check`, `uncheck`, `note`, `start`: the checklist from the shell."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from handbook import paths
from handbook.commands.common import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    console,
    err,
    open_handbook,
)
from handbook.config import load_config
from handbook.content import Handbook, HandbookError
from handbook.onboarding import (
    PLAN_FILE,
    Checklist,
    Onboarding,
    ProgressError,
    UnknownItem,
    UnknownPlan,
    export_markdown,
)
from handbook.onboarding.cache import discover_cached
from handbook.onboarding.checklist import done_day
from handbook.onboarding.plan import days_label, plan_yaml, starter_plan
from handbook.onboarding.ranking import Candidate


def configure_progress(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the checklist as JSON")
    parser.add_argument(
        "--export", choices=["md"], help="print a Markdown summary for a 1:1 with your manager"
    )
    parser.add_argument(
        "--init-plan",
        metavar="PATH",
        help="write the plan found in the pages (or a starter) as onboarding.yaml to PATH "
        "(a folder: its onboarding.yaml; without --content, that folder's handbook)",
    )
    parser.add_argument(
        "--plan",
        metavar="PAGE#anchor",
        help="use this plan found in the pages, and remember it (see: handbook plans)",
    )
    add_role(parser)


def configure_plans(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the candidate plans as JSON")


def configure_ids(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="+", metavar="ID", help="checklist item ids (see 'handbook progress')")
    add_role(parser)


def configure_note(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID")
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the note (an empty string clears it)")
    add_role(parser)


def configure_start(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("date", metavar="YYYY-MM-DD", help="your first day")
    add_role(parser)


def add_role(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--role",
        help="also show the items for this role (default: the config file's role; "
        "without one, only the items for everyone)",
    )


def onboarding(args: argparse.Namespace) -> Onboarding:
    """The checklist for the role of --role, else of the config file; an unknown role stops (exit 2)."""
    role, source = getattr(args, "role", None), "--role"
    if not role:
        role, source = load_config(report=False).role, f"config file {paths.config_file()}"
    ob = Onboarding(open_handbook(args), role=role or None, plan=getattr(args, "plan", None))
    for problem in ob.plan.problems:
        err(problem)
    if ob.role_problem is not None:
        raise UsageError(f"{source}: {ob.role_problem}")
    return ob


def _tell(ob: Onboarding) -> None:
    for notice in ob.store.notices:
        err(notice)
    ob.store.notices.clear()


def run_progress(args: argparse.Namespace) -> int:
    if args.init_plan:
        return _init_plan(args, Path(args.init_plan))
    try:
        ob = onboarding(args)
    except UnknownPlan as exc:
        err(str(exc))
        return EXIT_NOT_FOUND
    checklist = ob.checklist()
    _tell(ob)
    if not ob.has_plan:
        err(
            "no onboarding plan was found in this handbook's pages; its owner can add one as "
            f"{ob.plan_file} (a starter: handbook progress --init-plan {ob.handbook.root})"
        )
        return EXIT_NOT_FOUND
    if args.json:
        print(json.dumps(checklist.as_json(), indent=2, ensure_ascii=False))
    elif args.export == "md":
        sys.stdout.write(export_markdown(checklist))
    else:
        print_checklist(checklist)
    return EXIT_OK


def _init_plan(args: argparse.Namespace, path: Path) -> int:
    """The plan in use (found in the pages), else the best one found, else a starter whose links exist."""
    folder = path if path.is_dir() else path.parent
    if path.is_dir():
        path = path / PLAN_FILE
    if path.exists():
        err(f"{path} already exists; it was left as it is")
        return EXIT_USAGE
    handbook = _handbook_for_init(args, folder)
    ob = Onboarding(handbook)
    plan = ob.plan if ob.has_plan and ob.plan.source != str(ob.plan_file) else None
    if plan is None and ob.plan_file.is_file():
        found = discover_cached(handbook)
        plan = found[0].plan if found else None
    text = plan_yaml(plan) if plan is not None else starter_plan(handbook.landing.path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        err(f"cannot write {path}: {exc.strerror}")
        return EXIT_USAGE
    what = f"the plan found in {plan.source}" if plan is not None and plan.discovered else "a starter plan"
    print(f"wrote {what} to {path}; edit it, then run: handbook progress")
    return EXIT_OK


def _handbook_for_init(args: argparse.Namespace, folder: Path) -> Handbook:
    """--content if given; else the folder the plan goes into, when it is a handbook; else the usual."""
    if getattr(args, "content", None) is None:
        try:
            return Handbook.open(folder)
        except HandbookError:
            pass
    return open_handbook(args)


def run_plans(args: argparse.Namespace) -> int:
    """The plans found in the pages, best first, and which one ``handbook progress`` uses."""
    ob = onboarding(args)
    _tell(ob)
    found = (
        ob.candidates if ob.plan.discovered or not ob.plan_file.is_file() else discover_cached(ob.handbook)
    )
    if ob.plan_file.is_file():
        err(f"this handbook's plan is {ob.plan_file}; the plans found in its pages are not used")
    if not found:
        err("no onboarding plan was found in this handbook's pages")
        if args.json:
            print("[]")
        return EXIT_NOT_FOUND
    rows = [_plan_json(c, ob) for c in found]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row, cand in zip(rows, found, strict=True):
        mark = "*" if row["chosen"] else " "
        phases = ", ".join(f"{p['title']} ({days_label(p['days'])})" for p in row["phases"])
        print(f"{mark} {row['source']}  score {row['score']}")
        print(f"    {row['title']} — {row['items']} items: {phases}")
        if cand.plan.origin:
            print(f"    from {cand.plan.origin}")
        if cand.for_others:
            print("    written for those onboarding a new hire (supervisors, buddies, managers)")
    print("\n* in use; choose another with: handbook progress --plan PAGE#anchor")
    return EXIT_OK


def _plan_json(cand: Candidate, ob: Onboarding) -> dict[str, Any]:
    plan = cand.plan
    return {
        "source": plan.source,
        "title": plan.title,
        "phases": [{"title": p.title, "days": list(p.days)} for p in plan.phases],
        "items": len(plan.items),
        "score": cand.score,
        "for_others": cand.for_others,
        "chosen": ob.plan.discovered and plan.source == ob.plan.source,
    }


def print_checklist(checklist: Checklist) -> None:
    """The checklist phase by phase; on a terminal, each phase with a progress bar and the items styled
    (done dim, overdue red). Plan titles, item titles and notes are the handbook's words: ``Text``."""
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    out = console()
    out.print(Text(f"{checklist.plan.title}: {checklist.summary()}"))
    if checklist.plan.discovered:
        out.print(
            Text(f"(from {checklist.plan.origin or checklist.plan.source}; other plans: handbook plans)")
        )
    if checklist.start_assumed:
        out.print("(no start date saved: today counts as day 1; set yours with handbook start YYYY-MM-DD)")
    hint = checklist.hidden_hint()
    if hint:
        out.print(Text(hint[0].upper() + hint[1:]))
    for phase in checklist.phases:
        out.print()
        title = Text(f"{phase.phase.title} ({days_label(phase.phase.days)})", style="bold")
        count = f"{phase.done}/{phase.total}"
        if out.is_terminal:
            row = Table.grid(padding=(0, 1))
            row.add_row(title, ProgressBar(max(1, phase.total), phase.done, width=20), count)
            out.print(row)
        else:
            out.print(title.append(f"  {count}"))
        for status in phase.items:
            box = "[x]" if status.done else "[ ]"
            when = f"done {done_day(status)}" if status.done else f"day {status.item.due}"
            line = Text(
                f"  {box} {status.item.id:<24} {status.item.title} ({when})",
                style="dim" if status.done else "",
            )
            if status.overdue:
                line.append("  OVERDUE", style="bold red")
            elif status.due_soon:
                line.append("  due this week", style="bold yellow")
            out.print(line)
            if status.note:
                out.print(Text(f"      note: {status.note}", style="italic"))
    if checklist.orphans:
        out.print("\nNo longer in the plan (kept):")
        for item_id, state in checklist.orphans:
            out.print(Text(f"  {item_id}" + (f": {state.note}" if state.note else "")))


def _guard(action: Callable[[], object]) -> int:
    try:
        action()
    except UnknownItem as exc:
        err(str(exc))
        return EXIT_NOT_FOUND
    except ProgressError as exc:
        raise UsageError(str(exc)) from exc
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    return _mark(args, done=True)


def run_uncheck(args: argparse.Namespace) -> int:
    return _mark(args, done=False)


def _mark(args: argparse.Namespace, *, done: bool) -> int:
    ob = onboarding(args)
    code = _guard(lambda: ob.check(*args.ids) if done else ob.uncheck(*args.ids))
    _tell(ob)
    if code == EXIT_OK:
        print(f"{'checked' if done else 'unchecked'}: {', '.join(args.ids)} — {ob.checklist().summary()}")
        _tell_hidden(ob, args.ids)
    return code


def _tell_hidden(ob: Onboarding, item_ids: list[str]) -> None:
    """A plan item outside this role's checklist can be ticked, but it is not counted: say so."""
    for item_id in item_ids:
        item = ob.plan.item(item_id)
        if item is not None and not item.for_role(ob.role):
            how = f"--role {item.roles[0]}" if len(item.roles) == 1 else "--role " + "|".join(item.roles)
            err(f"{item_id} is for {', '.join(item.roles)} only: it is not in your checklist without {how}")


def run_note(args: argparse.Namespace) -> int:
    ob = onboarding(args)
    text = " ".join(args.text)
    code = _guard(lambda: ob.note(args.id, text))
    _tell(ob)
    if code == EXIT_OK:
        print(f"note {'saved' if text.strip() else 'cleared'} on {args.id}")
    return code


def run_start(args: argparse.Namespace) -> int:
    try:
        day_one = dt.date.fromisoformat(args.date)
    except ValueError:
        err(f"{args.date!r} is not a date: use YYYY-MM-DD")
        return EXIT_USAGE
    ob = onboarding(args)
    code = _guard(lambda: ob.start(day_one))
    _tell(ob)
    if code == EXIT_OK:
        print(f"start date set to {day_one.isoformat()} — {ob.checklist().summary()}")
    return code
