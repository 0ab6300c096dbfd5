"""Start-up: process start until the page's text is on screen, in a real pseudo-terminal.

    python benchmarks/startup.py [--runs 5] [--files 4000] [--megabytes 40] [--frogmouth]

Measured in one run, so the floor moves with the machine's load like the rest:
  floor           a bare Textual app showing one Static (the least any Textual app costs here)
  bundled         `handbook` on the bundled handbook's landing page, warm caches
  big warm        a 220 KB page of a 4,000-page handbook of real text (synthetic.py), warm caches
  big cold        the same with an empty cache folder each time (catalog, then the page)
  show            `handbook show PAGE` of that 220 KB page, piped (whole process)
  frogmouth       (with --frogmouth, if installed) Frogmouth on the same 220 KB page
Then a breakdown of what a warm start spends before the first paint: importing the core, importing
the TUI, opening the catalog. Medians of --runs runs (min and max beside them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_paint import COLUMNS, LINES, first_paint_with_cpu, timed
from synthetic import build, long_page

MARKER = "Zebrafinch"
BIN = Path(sys.executable).parent

BARE_APP = f"""
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("{MARKER} is here")

Bare().run()
"""


def summary(values: list[float]) -> str:
    good = [v for v in values if v == v]
    if not good:
        return "never painted"
    return (
        f"median {statistics.median(good):.3f} s  (min {min(good):.3f}, max {max(good):.3f}, n={len(good)})"
    )


def run(label: str, runs: int, once: Callable[[], float | tuple[float, float]]) -> float:
    """Median wall seconds of ``runs`` runs; a run that also reports the process's CPU seconds gets
    their median printed beside (CPU time barely moves with the machine's load; wall time does)."""
    results = [once() for _ in range(runs)]
    values = [r[0] if isinstance(r, tuple) else r for r in results]
    cpus = [r[1] for r in results if isinstance(r, tuple) and r[1] == r[1]]
    cpu = f"  cpu median {statistics.median(cpus):.3f} s" if cpus else ""
    print(f"{label:<14} {summary(values)}{cpu}", flush=True)
    good = [v for v in values if v == v]
    return statistics.median(good) if good else float("nan")


def breakdown(env: dict[str, str], root: Path, runs: int) -> None:
    python = str(BIN / "python")
    probes = {
        "python alone": "pass",
        "import core": "import handbook.content, handbook.search, handbook.onboarding",
        "import TUI": "import handbook.tui.app",
        "catalog (warm)": f"from handbook.content import Handbook; Handbook.open({str(root)!r})",
    }
    for label, code in probes.items():
        run(label, runs, lambda code=code: timed([python, "-c", code], env))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--megabytes", type=float, default=40)
    parser.add_argument("--frogmouth", action="store_true", help="also time Frogmouth if it is installed")
    parser.add_argument(
        "--keep", type=Path, help="build the handbook (and its index) in this folder once, and reuse it"
    )
    args = parser.parse_args(argv)

    # A killed app's background indexer may still be stopping when the folder goes.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        base = args.keep or Path(tmp)
        root = base / "big-handbook"
        page = root / "big-page.md"
        if page.exists():
            files = sum(1 for _ in root.rglob("*.md")) - 1
            total = sum(p.stat().st_size for p in root.rglob("*.md") if p != page)
        else:
            files, total = build(root, args.files, args.megabytes)
            page.write_text(long_page(220_000, MARKER), encoding="utf-8")
        print(
            f"handbook: {files + 1} pages, {total / 1024 / 1024:.1f} MB of real text; page 220 KB; "
            f"{COLUMNS}x{LINES}; {args.runs} runs each\n"
        )

        def env_with(cache: Path) -> dict[str, str]:
            # As an installed program runs: with its bytecode cached (this machine sets
            # PYTHONDONTWRITEBYTECODE, which makes every start compile the sources again).
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env.update(TERM="xterm-256color", HANDBOOK_CACHE_DIR=str(cache))
            env.update(HANDBOOK_DATA_DIR=str(base / "data"), HANDBOOK_CONFIG_DIR=str(base / "config"))
            return env

        warm = env_with(base / "cache")
        handbook = str(BIN / "handbook")
        subprocess.run([handbook, "index", "--content", str(root)], env=warm, check=True, capture_output=True)
        subprocess.run([handbook, "index"], env=warm, check=True, capture_output=True)
        bare = base / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")

        floor = run(
            "floor", args.runs, lambda: first_paint_with_cpu([str(BIN / "python"), str(bare)], warm, MARKER)
        )
        bundled_marker = "shared"  # in the first paragraph of the bundled landing page
        run("bundled", args.runs, lambda: first_paint_with_cpu([handbook], warm, bundled_marker))
        big = [handbook, "--content", str(root), "big-page"]
        big_warm = run("big warm", args.runs, lambda: first_paint_with_cpu(big, warm, MARKER))

        def cold() -> float:
            cache = Path(tempfile.mkdtemp(dir=base))
            try:
                return first_paint_with_cpu(big, env_with(cache), MARKER)
            finally:
                shutil.rmtree(cache, ignore_errors=True)

        run("big cold", args.runs, cold)
        run("show", args.runs, lambda: timed([handbook, "show", "--content", str(root), "big-page"], warm))
        if args.frogmouth:
            frogmouth = shutil.which("frogmouth")
            if frogmouth:
                froggy = run(
                    "frogmouth",
                    args.runs,
                    lambda: first_paint_with_cpu([frogmouth, str(page)], warm, limit=60),
                )
                print(f"{'':<14} handbook is {froggy / big_warm:.1f}x faster than Frogmouth on this page")
            else:
                print("frogmouth      not installed (pip install frogmouth)")
        print(f"\n{'':<14} big warm / floor = {big_warm / floor:.2f}x")
        print("\nbreakdown (whole processes, warm caches):")
        breakdown(warm, root, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
