"""`handbook progress` on a large handbook: discovery cold, then warm (budget: ≤ 300 ms warm).

    python benchmarks/onboarding.py [--files 4000] [--runs 7]

Builds a handbook of real text (``synthetic.py``: the corpora and seeds copied until ``--files``
pages), then times whole ``handbook progress --json`` processes: the first with empty cache and data
folders (catalog and discovery built), then ``--runs`` warm ones (median printed), with the floor of
the same run (``python -c pass``), the in-process time to build the checklist warm, and the part of
it that onboarding adds on top of ``Handbook.open`` (discovery cache, plan, progress file).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build

from handbook.content import Handbook
from handbook.onboarding import Onboarding


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    script = Path(sys.executable).with_name("handbook")
    command = [
        str(script) if script.exists() else sys.executable,
        *([] if script.exists() else ["-m", "handbook"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "handbook"
        files, size = build(root, args.files)
        env = dict(os.environ)
        for name in ("CACHE", "DATA", "CONFIG"):
            folder = Path(tmp) / name.lower()
            folder.mkdir()
            env[f"HANDBOOK_{name}_DIR"] = str(folder)
            os.environ[f"HANDBOOK_{name}_DIR"] = str(folder)
        progress = [*command, "--content", str(root), "progress", "--json"]
        cold = timed(progress, env)
        warm = statistics.median(timed(progress, env) for _ in range(args.runs))
        floor = statistics.median(timed([sys.executable, "-c", "pass"], env) for _ in range(args.runs))
        inside, on_top = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            handbook = Handbook.open(root)
            handbook.pages  # noqa: B018 - the catalog, read before the onboarding part is timed
            opened = time.perf_counter()
            Onboarding(handbook).checklist()
            inside.append(time.perf_counter() - start)
            on_top.append(time.perf_counter() - opened)
        plans = subprocess.run(
            [*command, "--content", str(root), "plans"], env=env, capture_output=True, text=True
        )
        print(
            f"handbook: {files} pages, {size / 1024 / 1024:.1f} MB; "
            f"{plans.stdout.count(' score ')} plans found"
        )
        print(f"handbook progress --json  cold {cold * 1000:7.0f} ms")
        print(f"handbook progress --json  warm {warm * 1000:7.0f} ms (median of {args.runs}; budget 300 ms)")
        print(f"python -c pass (floor)         {floor * 1000:7.0f} ms")
        print(f"open + checklist in-process    {statistics.median(inside) * 1000:7.0f} ms warm")
        print(f"  of which onboarding (plan, progress) {statistics.median(on_top) * 1000:5.0f} ms")
        print(f"load average {os.getloadavg()[0]:.1f} (other work on the machine makes figures noisy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
