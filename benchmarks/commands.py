"""The plain commands as whole processes: start, open the handbook, answer, print.

    python benchmarks/commands.py [--runs 7] [--content BIG] [--importtime]

Each command runs as a real subprocess with warm caches (catalog, search index and plan cache built
by a warm-up run into this run's own cache and data folders) and bytecode caching on, as an installed
program runs (this machine sets PYTHONDONTWRITEBYTECODE, which makes every start compile the sources).
Printed per command: the median wall time and the median CPU time (user + system, from
RUSAGE_CHILDREN deltas: it barely moves with the load of other processes; wall time does) of
``--runs`` runs, min and max beside. Floors: a bare ``python -c pass`` and ``import handbook.cli``.
With ``--importtime``, each command's biggest imports (``python -X importtime``, self time).
With ``--baseline DIR`` (a source tree, e.g. ``git archive main | tar -x -C DIR``), every command also
runs from that tree's sources, alternating run by run so that both see the same load: before/after.

BIG defaults to /tmp/su/bench/big-handbook (``benchmarks/synthetic.py`` builds one); it is only read.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_paint import timed

BIN = Path(sys.executable).parent
BIG = Path("/tmp/su/bench/big-handbook")
BIG_PAGE = "big-page"  # a 220 KB page (benchmarks/startup.py writes it)
BUNDLED_PAGE = "faq"


def figures(results: list[tuple[float, float]]) -> str:
    walls, cpus = [r[0] for r in results], [r[1] for r in results]
    return (
        f"wall {statistics.median(walls):.3f} s (min {min(walls):.3f}, max {max(walls):.3f})"
        f"   cpu {statistics.median(cpus):.3f} s (min {min(cpus):.3f}, max {max(cpus):.3f})"
    )


_IMPORT_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def import_offenders(command: list[str], env: dict[str, str], top: int) -> None:
    """The modules whose own import took longest, and the top-level packages by cumulative time."""
    python = str(BIN / "python")
    script = command[0]
    result = subprocess.run(
        [python, "-X", "importtime", script, *command[1:]],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    rows: list[tuple[int, int, int, str]] = []
    for line in result.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)), m.group(4)))
    total = sum(r[0] for r in rows)
    packages: dict[str, int] = {}
    for own, _, _, name in rows:
        root = name.split(".")[0]
        if root == "handbook":
            root = ".".join(name.split(".")[:2])
        packages[root] = packages.get(root, 0) + own
    biggest = sorted(packages.items(), key=lambda kv: -kv[1])[:top]
    print(f"    imports: {len(rows)} modules, {total / 1e6:.3f} s; by package (self time):")
    print("      " + ", ".join(f"{name} {us / 1e3:.0f} ms" for name, us in biggest))


LAUNCH = "import sys; from handbook.cli import main; sys.exit(main())"  # what the script does


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--content", type=Path, default=BIG, help="the big handbook (only read)")
    parser.add_argument("--page", default=BIG_PAGE, help="the big handbook's page for 'show'")
    parser.add_argument("--importtime", action="store_true", help="also list each command's imports")
    parser.add_argument("--only", help="run only the commands whose label contains this")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another source tree (e.g. `git archive main | tar -x -C DIR`): each command runs with its "
        "src/ too, alternating run by run, with its own cache and data folders (the search index copied)",
    )
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        print(f"no handbook at {args.content}: build one with benchmarks/synthetic.py", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        base = Path(tmp)
        unset = ("PYTHONDONTWRITEBYTECODE", "HANDBOOK_CONTENT", "PYTHONPATH")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        cache = os.environ.get("HANDBOOK_BENCH_CACHE")  # an index already built (it takes minutes)
        env.update(
            HANDBOOK_CACHE_DIR=cache or str(base / "cache"),
            HANDBOOK_DATA_DIR=str(base / "data"),
            HANDBOOK_CONFIG_DIR=str(base / "config"),
        )
        handbook = str(BIN / "handbook")
        python = str(BIN / "python")
        big = ["--content", str(args.content)]
        commands: list[tuple[str, list[str]]] = [
            ("floor: python -c pass", [python, "-c", "pass"]),
            ("floor: import handbook.cli", [python, "-c", "import handbook.cli"]),
            ("big progress", [handbook, *big, "progress"]),
            ("big progress --json", [handbook, *big, "progress", "--json"]),
            ("big search 'code review'", [handbook, *big, "search", "code review"]),
            (f"big show {args.page}", [handbook, *big, "show", args.page]),
            ("bundled progress", [handbook, "progress"]),
            ("bundled search 'code review'", [handbook, "search", "code review"]),
            (f"bundled show {BUNDLED_PAGE}", [handbook, "show", BUNDLED_PAGE]),
        ]
        if args.only:
            commands = [(label, c) for label, c in commands if args.only in label]
        print("warming up (catalog, search index, plans; a cold index of a big handbook takes minutes)")
        if not warm_up(commands, env):
            return 1
        old_env: dict[str, str] = {}
        if args.baseline:
            old_env = {**env, "PYTHONPATH": str(args.baseline.resolve() / "src")}
            old_env.update(
                HANDBOOK_CACHE_DIR=str(base / "old-cache"), HANDBOOK_DATA_DIR=str(base / "old-data")
            )
            for index in Path(env["HANDBOOK_CACHE_DIR"]).glob("*/search-v*"):
                if index.is_dir():  # copied with the files' mtimes: the old code finds it up to date
                    shutil.copytree(
                        index, Path(old_env["HANDBOOK_CACHE_DIR"]) / index.parent.name / index.name
                    )
            if not warm_up([(label, as_baseline(c, handbook)) for label, c in commands], old_env):
                return 1
        print(f"\n{args.runs} runs each, medians (this machine's load moves wall time; CPU time less)\n")
        for label, command in commands:
            new: list[tuple[float, float]] = []
            old: list[tuple[float, float]] = []
            for _ in range(args.runs):  # alternating, so both see the same load
                new.append(timed(command, env))
                if args.baseline:
                    old.append(timed(as_baseline(command, handbook), old_env))
            if args.baseline:
                print(f"{label:<28} before: {figures(old)}", flush=True)
                print(f"{'':<28} after:  {figures(new)}", flush=True)
            else:
                print(f"{label:<28} {figures(new)}", flush=True)
            if args.importtime and command[0] == handbook:
                import_offenders(command, env, 8)
    return 0


def as_baseline(command: list[str], handbook: str) -> list[str]:
    """The same command run from the baseline's sources (PYTHONPATH), as the installed script would."""
    if command[0] != handbook:
        return command
    return [str(BIN / "python"), "-c", LAUNCH, *command[1:]]


def warm_up(commands: list[tuple[str, list[str]]], env: dict[str, str]) -> bool:
    for label, command in commands:
        for _ in range(2):  # the second run finds every cache written by the first
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{label}: exit {done.returncode}: {done.stderr.strip()[:300]}", file=sys.stderr)
            return False
    return True


if __name__ == "__main__":
    sys.exit(main())
