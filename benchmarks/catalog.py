"""Catalog timings: how long opening a handbook takes, cold (no cache) and warm (cached catalog).

    python benchmarks/catalog.py [--files 4000]

Prints, for ../shared/corpora/18f (when present), the bundled handbook and a synthetic handbook of
``--files`` pages: pages found, cold open, warm open (median of 5), and the time to parse every page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ROOT, build

from handbook.content import Handbook


def measure(name: str, root: Path, parse_all: bool) -> None:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["HANDBOOK_CACHE_DIR"] = cache
        start = time.perf_counter()
        hb = Handbook.open(root)
        cold = time.perf_counter() - start
        warm_runs = []
        for _ in range(5):
            start = time.perf_counter()
            Handbook.open(root)
            warm_runs.append(time.perf_counter() - start)
        warm = statistics.median(warm_runs)
        line = f"{name:<24} {len(hb.pages):>6} pages  cold {cold * 1000:8.1f} ms  warm {warm * 1000:7.1f} ms"
        if parse_all:
            start = time.perf_counter()
            for info in hb.pages:
                hb.page(info.path)
            line += f"  parse all {time.perf_counter() - start:6.2f} s"
        print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=4000)
    args = parser.parse_args(argv)
    corpus = ROOT.parent / "shared" / "corpora" / "18f"
    if corpus.exists():
        measure("corpora/18f", corpus, parse_all=True)
    measure("bundled", ROOT / "content", parse_all=True)
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "synthetic"
        files, total = build(dest, args.files)
        measure(f"synthetic {files} ({total / 2**20:.0f} MB)", dest, parse_all=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
