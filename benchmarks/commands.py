"""The plain commands as whole processes: start, open the handbook, answer, print.

    python benchmarks/commands.py [--runs 7] [--content BIG] [--importtime]

Each command runs as a real subprocess with warm caches (catalog, search index and plan cache built
by a warm-up run into this run's own cache and data folders) and bytecode caching on, as an installed
program runs (this machine sets PYTHONDONTWRITEBYTECODE, which makes every start compile the sources).
Printed per command: the median wall time and the median CPU time (user + system, from
RUSAGE_CHILDREN deltas: it barely moves with the load of other processes; wall time does) of
``--runs`` runs, min and max beside. Floors: a bare ``python -c pass`` and ``import handbook.cli``.
With ``--importtime``, each command's biggest imports (``python -X importtime``, self time).

BIG defaults to /tmp/su/bench/big-handbook (``benchmarks/synthetic.py`` builds one); it is only read.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
BIG = Path("/tmp/su/bench/big-handbook")
BIG_PAGE = "big-page"  # a 220 KB page (benchmarks/startup.py writes it)
BUNDLED_PAGE = "faq"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(label: str, command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    results = [timed(command, env) for _ in range(runs)]
    walls, cpus = [r[0] for r in results], [r[1] for r in results]
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(
        f"{label:<26} wall {wall:.3f} s (min {min(walls):.3f}, max {max(walls):.3f})"
        f"   cpu {cpu:.3f} s (min {min(cpus):.3f}, max {max(cpus):.3f})",
        flush=True,
    )
    return wall, cpu


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--content", type=Path, default=BIG, help="the big handbook (only read)")
    parser.add_argument("--page", default=BIG_PAGE, help="the big handbook's page for 'show'")
    parser.add_argument("--importtime", action="store_true", help="also list each command's imports")
    parser.add_argument("--only", help="run only the commands whose label contains this")
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        print(f"no handbook at {args.content}: build one with benchmarks/synthetic.py", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        base = Path(tmp)
        unset = ("PYTHONDONTWRITEBYTECODE", "HANDBOOK_CONTENT")
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
        for label, command in commands:
            for _ in range(2):  # the second run finds every cache written by the first
                done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{label}: exit {done.returncode}: {done.stderr.strip()[:300]}", file=sys.stderr)
                return 1
        print(f"\n{args.runs} runs each, medians (this machine's load moves wall time; CPU time less)\n")
        for label, command in commands:
            measure(label, command, env, args.runs)
            if args.importtime and command[0] == handbook:
                import_offenders(command, env, 8)
    return 0


if __name__ == "__main__":
    sys.exit(main())
