"""Reader timings: how fast a page shows, in the app and from a cold process start.

    python benchmarks/reader.py

Pages measured: a 500 KiB page of real text (the pages of ../shared/corpora, or of the bundled handbook,
one after another), a 220 KB one, and the largest page of ../shared/corpora when present.

In-process (App.run_test at 120x40, after the app's start-up search-index check has finished):
  open      time for the reader to load, normalise, split and render the first screen of the page
  complete  time until every section has been rendered in the background
  frame     cost of drawing one full screen while paging from top to bottom (median / p95 / max)
  end       time to jump to the end of the page (G) from a freshly opened page
  find      time a find ("the") blocks the UI when typed right after the page opens; all counted: until
            every section has been searched (in the background, as the sections are rendered)
Whole process (a pty at 120x40): time from exec to the first paint of the page's first words.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_paint import first_paint
from synthetic import ROOT, long_page

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.history import Place
from handbook.tui.screens.reader import ReaderScreen

MARKER = "Zebrafinch"


def build_big_page(size: int) -> str:
    return long_page(size, MARKER)


async def in_process(root: Path, page: str, label: str) -> None:
    handbook = Handbook.open(root)
    app = HandbookApp(handbook)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # "once the app is up": the start-up index check is done
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        start = time.perf_counter()
        screen.open_place(Place(page))
        opened = time.perf_counter() - start
        await pilot.pause()
        view = screen.page_view
        while any(block.strips is None for block in view.blocks):
            await asyncio.sleep(0.005)
        complete = time.perf_counter() - start
        frames = []
        height = view.scrollable_content_region.height
        total = view.virtual_size.height
        for y in range(0, max(1, total - height), height):
            view.set_scroll(None, y)
            t0 = time.perf_counter()
            for line in range(height):
                view.render_line(line)
            frames.append(time.perf_counter() - t0)
        screen.open_place(Place("index.md" if handbook.info("index.md") else handbook.landing.path))
        await pilot.pause()
        screen.open_place(Place(page))
        t0 = time.perf_counter()
        view.action_scroll_end()
        end = time.perf_counter() - t0
        home = "index.md" if handbook.info("index.md") else handbook.landing.path
        find, found = await find_in_page(screen, home, page, pilot)
        frames.sort()
        p95 = frames[int(len(frames) * 0.95) - 1] if len(frames) > 1 else frames[0]
        print(
            f"{label:<28} open {opened * 1000:6.1f} ms  complete {complete * 1000:7.1f} ms  "
            f"frame median {statistics.median(frames) * 1000:5.2f} / p95 {p95 * 1000:5.2f} / "
            f"max {frames[-1] * 1000:5.2f} ms ({len(frames)} screens)  end {end * 1000:6.1f} ms  "
            f"find {find * 1000:6.1f} ms (all counted {found * 1000:6.0f} ms)",
            flush=True,
        )


async def find_in_page(screen: ReaderScreen, home: str, page: str, pilot: Any) -> tuple[float, float]:
    """A find typed right after the page opens: how long the UI is blocked, and until all is counted."""
    screen.open_place(Place(home))
    await pilot.pause()
    screen.open_place(Place(page))
    view = screen.page_view
    start = time.perf_counter()
    view.find("the")
    blocked = time.perf_counter() - start
    while view.searching:
        await asyncio.sleep(0.005)
    return blocked, time.perf_counter() - start


def whole_process(root: Path, page: str, marker: str, label: str, runs: int = 3) -> None:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, TERM="xterm-256color", HANDBOOK_CACHE_DIR=cache, HANDBOOK_CONFIG_DIR=cache)
            times.append(_first_paint(root, page, marker, env))
    best = min(times)
    print(
        f"{label:<28} process start to first paint: best {best * 1000:6.0f} ms  "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)} ms)",
        flush=True,
    )


def _first_paint(root: Path, page: str, marker: str, env: dict[str, str]) -> float:
    command = [sys.executable, "-m", "handbook", "--content", str(root), page]
    return first_paint(command, env, marker, limit=20)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "hb"
        root.mkdir()
        (root / "index.md").write_text("# Home\n\nA small landing page.\n", encoding="utf-8")
        for size, name in ((500 * 1024, "big-500k.md"), (220 * 1000, "big-220k.md")):
            (root / name).write_text(build_big_page(size), encoding="utf-8")
        pages = [("big-500k.md", "synthetic 500 KiB page"), ("big-220k.md", "synthetic 220 KB page")]
        for page, label in pages:
            asyncio.run(in_process(root, page, label))
        corpora = ROOT.parent / "shared" / "corpora"
        if corpora.exists():
            largest = max(corpora.rglob("*.md"), key=lambda p: p.stat().st_size)
            rel = largest.relative_to(corpora.parent / "corpora" / largest.relative_to(corpora).parts[0])
            corpus_root = corpora / largest.relative_to(corpora).parts[0]
            corpus_label = f"largest corpora page ({largest.stat().st_size // 1024} KiB)"
            asyncio.run(in_process(corpus_root, rel.as_posix(), corpus_label))
        for page, label in pages:
            whole_process(root, page, MARKER, label)
        if corpora.exists():
            first_words = largest.read_text(encoding="utf-8").split("---", 2)[-1].split()
            marker = next(w for w in first_words if w.isalpha() and len(w) > 6)
            whole_process(corpus_root, rel.as_posix(), marker, corpus_label)


if __name__ == "__main__":
    main()
