"""Search timings on a 40 MB / 4,000-file handbook of real text (see synthetic.py).

    python benchmarks/search.py [--megabytes 40] [--files 4000] [--queries 300] [--runs 7] [--baseline]
                                [--reuse DIR] [--index-only] [--keep DIR]

Prints: cold index time (wall, and CPU of this process and its workers, which other work on the machine
inflates less), how soon a search finds a page by its title during that build (the first tier), peak
memory (the main process, each worker, and all together, sampled from /proc every 50 ms), re-index time
after one edited page, query latency with snippets (full queries, and as you type:
every prefix of a query from its second letter, as the app's search screen asks), what reading the index
without mmap costs, and ``handbook search`` as a whole process on the warm index (median of --runs).
--reuse DIR keeps the handbook and its index in DIR and, when DIR already holds them, skips building
and the cold index (query timings only; a changed corpus needs a new DIR).
--index-only stops after the index figures (cold, first tier, memory, re-index); --keep DIR builds the
corpus in DIR once and reuses it on later runs (the index itself is always built anew), so a profiling
loop skips the corpus build.
The machine's load average is printed beside: on a shared 2-core machine, compare CPU figures.
--baseline also times a naive Whoosh index of the same files (one document per file, StandardAnalyzer).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build

from handbook.content import Handbook
from handbook.search import SearchIndex
from handbook.search import searcher as searcher_module


class MemorySampler:
    """Peak resident memory of this process and its descendants (Linux /proc).

    Descendants are found through ``/proc/PID/task/TID/children`` and sized from ``statm``: a sample
    reads a few small files. (Reading every process's ``status`` and ``stat`` took 10 ms of CPU per
    sample, a fifth of a core at 50 ms, counted in the build's CPU and competing with its workers.)
    """

    def __init__(self) -> None:
        self.peak_main = self.peak_child = self.peak_total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            main = _rss(me)
            children = [_rss(pid) for pid in _descendants(me)]
            self.peak_main = max(self.peak_main, main)
            self.peak_child = max(self.peak_child, max(children, default=0))
            self.peak_total = max(self.peak_total, main + sum(children))


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss(pid: int) -> int:
    """Resident bytes of a process (as VmRSS), 0 once it has gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        for child in children:
            out += [child, *_descendants(child)]
    return out


class FirstAnswer:
    """Seconds from the start of a build until a search for a page's title finds it (polled)."""

    def __init__(self, handbook: Handbook) -> None:
        self.probe = SearchIndex(handbook)
        self.title = handbook.pages[len(handbook.pages) // 3].title  # copies of a page share it
        self.seconds = float("nan")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> FirstAnswer:
        self._start = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            try:
                hits = self.probe.search(self.title, 10, correct=False).hits  # no vocabulary loaded
                found = any(h.title == self.title for h in hits)
            except Exception:  # a shard being written; try again
                found = False
            if found:
                self.seconds = time.perf_counter() - self._start
                return


def queries(handbook: Handbook, count: int) -> list[str]:
    rng = random.Random(3)
    words = [
        w for info in handbook.pages[:400] for w in info.title.lower().split() if w.isalpha() and len(w) > 3
    ]
    out = []
    for n in range(count):
        picked = rng.sample(words, k=min(len(words), 1 + n % 3))
        if n % 7 == 0:  # a typo now and then: drop a letter
            word = picked[0]
            cut = rng.randrange(1, len(word) - 1)
            picked[0] = word[:cut] + word[cut + 1 :]
        out.append(" ".join(picked))
    return out


_EDIT = "\n\nAn edit with the word quasar.\n"
APP_RESULTS = 30  # hits the app's search screen asks for as you type (tui/screens/search.py)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its finished children (the indexing workers)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def timed(index: SearchIndex, query: str, *, prefix: bool, limit: int = 10) -> tuple[float, float]:
    """Wall and CPU seconds of one search (CPU: what other work on the machine inflates least)."""
    start, cpu = time.perf_counter(), time.process_time()
    index.search(query, limit, prefix=prefix)
    return time.perf_counter() - start, time.process_time() - cpu


def print_latency(label: str, timings: list[tuple[float, float]], limit: int = 10) -> None:
    walls = sorted(wall for wall, _ in timings)
    cpus = sorted(cpu for _, cpu in timings)

    def p95(values: list[float]) -> float:
        return values[max(0, int(len(values) * 0.95) - 1)]

    print(
        f"{label} ({len(timings)} queries, limit {limit}): p50 {statistics.median(walls) * 1000:.1f} ms, ",
        end="",
    )
    print(f"p95 {p95(walls) * 1000:.1f} ms, max {walls[-1] * 1000:.1f} ms; ", end="")
    print(f"CPU p50 {statistics.median(cpus) * 1000:.1f} ms, p95 {p95(cpus) * 1000:.1f} ms; load {load()}")


def whoosh_open(directory: str) -> object:
    from whoosh import index as whoosh_index

    return whoosh_index.open_dir(directory)


def process_seconds(root: Path, queries: list[str], runs: int) -> str:
    """Median wall and CPU time of `handbook search QUERY` (a new process each time, its .pyc written)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "handbook", "search", "--content", str(root)]
    subprocess.run([*command, queries[0]], env=env, capture_output=True, check=False)  # .pyc, caches
    walls, cpus = [], []
    for n in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*command, queries[n % len(queries)]], env=env, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megabytes", type=float, default=40)
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7, help="runs of `handbook search` as a process")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--reuse", type=Path, help="keep the corpus and index here; reuse them if present")
    parser.add_argument("--index-only", action="store_true", help="stop after the index figures")
    parser.add_argument("--keep", type=Path, help="build the corpus here once, reuse it afterwards")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(args.reuse) if args.reuse else scratch
        os.environ["HANDBOOK_CACHE_DIR"] = str(Path(tmp, "cache"))
        root = Path(tmp, "handbook")
        if args.reuse and Path(tmp, "built").exists():
            print(f"reusing the handbook and index in {tmp}; load average {load()}")
            return measure_queries(root, args)
        if args.keep is not None:
            root = args.keep.resolve() / "handbook"
            built = args.keep.resolve() / f"built-{args.files}-{args.megabytes}"
            if not built.exists():
                build(root, args.files, args.megabytes)
                built.write_text("", encoding="utf-8")
            pages = [p for p in root.rglob("*") if p.is_file()]
            files, total = len(pages), sum(p.stat().st_size for p in pages)
        else:
            files, total = build(root, args.files, args.megabytes)
        print(f"synthetic handbook: {files} pages, {total / 2**20:.1f} MB")
        handbook = Handbook.open(root)
        index = SearchIndex(handbook)
        print(f"load average before: {load()}")
        main_cpu, workers_cpu = cpu_seconds()
        with MemorySampler() as memory, FirstAnswer(handbook) as first:
            stats = index.update()
        main_after, workers_after = cpu_seconds()
        main_cpu, workers_cpu = main_after - main_cpu, workers_after - workers_cpu
        cpu = main_cpu + workers_cpu
        print(f"cold index: {stats.seconds:.1f} s wall, {cpu:.1f} s CPU (all processes: ", end="")
        print(f"main {main_cpu:.1f} s, with the benchmark's probes; workers {workers_cpu:.1f} s) ", end="")
        print(f"for {stats.pages} pages, {stats.sections} sections; load average after: {load()}")
        print(f"first tier: a page found by its title {first.seconds:.1f} s after the build began")
        mb = 2**20
        main_mb, worker_mb, total_mb = memory.peak_main / mb, memory.peak_child / mb, memory.peak_total / mb
        print(f"peak memory: main {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB, ", end="")
        print(f"all together {total_mb:.0f} MB")

        edited = root / handbook.pages[len(handbook.pages) // 2].path
        edited.write_text(edited.read_text(encoding="utf-8") + _EDIT, encoding="utf-8")
        start = time.perf_counter()
        again = SearchIndex(Handbook.open(root))
        stats = again.update()
        elapsed = time.perf_counter() - start
        print(f"re-index after one edited page: {stats.seconds:.3f} s in update(), ", end="")
        print(f"{elapsed:.3f} s including the catalog re-scan ({stats.changed} changed)")
        assert again.search("quasar", 3).hits, "the edit was not indexed"
        if args.keep is not None:
            edited.write_text(edited.read_text(encoding="utf-8").removesuffix(_EDIT), encoding="utf-8")
        if args.index_only:
            return 0
        if args.reuse:
            Path(tmp, "built").touch()
        measure_queries(root, args, again)

        if args.baseline:
            from whoosh import index as whoosh_index
            from whoosh.analysis import StandardAnalyzer
            from whoosh.fields import ID, TEXT, Schema

            directory = Path(tmp, "naive")
            directory.mkdir()
            ix = whoosh_index.create_in(
                str(directory), Schema(path=ID(stored=True), content=TEXT(analyzer=StandardAnalyzer()))
            )
            start = time.perf_counter()
            writer = ix.writer()
            for info in handbook.pages:
                writer.add_document(path=info.path, content=(root / info.path).read_text(encoding="utf-8"))
            writer.commit()
            naive = time.perf_counter() - start
            print(f"naive Whoosh baseline (one document per file, one process): {naive:.1f} s")
    return 0


def measure_queries(root: Path, args: argparse.Namespace, index: SearchIndex | None = None) -> int:
    """Query latency (full, as you type, with mmap) and `handbook search` as a process, on a built index."""
    handbook = Handbook.open(root)
    again = index or SearchIndex(handbook)
    print(f"load average: {load()}")
    cpu = time.process_time()
    again.search("warm up", 10)
    typed = queries(handbook, args.queries)
    print_latency("full query with snippets", [timed(again, q, prefix=False) for q in typed])
    prefixes = [q[:n] for q in typed[: max(1, args.queries // 5)] for n in range(2, len(q) + 1)]
    print_latency("as you type (prefix) with snippets", [timed(again, q, prefix=True) for q in prefixes])
    app = [timed(again, q, prefix=True, limit=APP_RESULTS) for q in prefixes]
    print_latency("as you type, as many hits as the app asks", app, APP_RESULTS)
    mmapped = SearchIndex(Handbook.open(root))
    plain_open = searcher_module.open_for_reading
    searcher_module.open_for_reading = lambda directory: whoosh_open(str(directory))
    try:
        mmapped.search("warm up", 10)
        print_latency("as you type, index read with mmap", [timed(mmapped, q, prefix=True) for q in prefixes])
    finally:
        searcher_module.open_for_reading = plain_open
    print(f"handbook search as a process (warm index, median of {args.runs}): ", end="")
    print(process_seconds(root, typed[:3], args.runs) + f"; load average {load()}")

    print(f"CPU time of this process for the query timings: {time.process_time() - cpu:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
