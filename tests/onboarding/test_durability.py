"""Progress survives two writers at once and a kill -9 at any moment (real processes, real files)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

WRITER = """
import datetime as dt
import sys
from pathlib import Path
from handbook.onboarding.progress import ProgressStore
WHEN = dt.datetime(2026, 1, 1, 9, 0)
store = ProgressStore(Path(sys.argv[1]))
me, count = sys.argv[2], int(sys.argv[3])
for n in range(count):
    if n % 3 == 2:
        store.update(lambda p, n=n: p.uncheck(f"{me}-{n - 1}"))
    else:
        store.update(lambda p, n=n: p.check(f"{me}-{n}", when=WHEN))
"""


def expected_done(me: str, count: int) -> set[str]:
    done: set[str] = set()
    for n in range(count):
        if n % 3 == 2:
            done.discard(f"{me}-{n - 1}")
        else:
            done.add(f"{me}-{n}")
    return done


def test_two_processes_toggling_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    count = 300
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), me, str(count)], stderr=subprocess.PIPE, text=True
        )
        for me in ("left", "right")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    items = json.loads(path.read_text())["items"]
    done = {item_id for item_id, state in items.items() if state["done_at"]}
    assert done == expected_done("left", count) | expected_done("right", count)
    print(f"\nconcurrency: 2 processes x {count} saves, {len(done)} items done as expected, 0 lost")


SAVER = """
import datetime as dt
import sys
from pathlib import Path
from handbook.onboarding.progress import ProgressStore
WHEN = dt.datetime(2026, 1, 1, 9, 0)
store = ProgressStore(Path(sys.argv[1]))
start = int(sys.argv[2])
n = start
while True:
    store.update(lambda p, n=n: p.check(f"item-{n}", when=WHEN))
    print(n, flush=True)  # printed only after the save returned
    n += 1
"""


def test_kill_minus_nine_while_saving_never_breaks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    rng = random.Random(20261122)
    confirmed: set[str] = set()
    next_number = 0
    runs = 25
    for _ in range(runs):
        child = subprocess.Popen(
            [sys.executable, "-u", "-c", SAVER, str(path), str(next_number)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # at least one save has completed: the interpreter is up
        time.sleep(rng.uniform(0.0, 0.15))  # then kill it at an arbitrary point of its loop
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        for line in (first + rest).split():
            confirmed.add(f"item-{line}")
            next_number = max(next_number, int(line) + 1)
        next_number += 1000  # numbers of an unconfirmed, possibly half-done save are never reused
        data = json.loads(path.read_text())  # must always parse
        saved = {k for k, v in data["items"].items() if v["done_at"]}
        assert confirmed <= saved, f"lost: {sorted(confirmed - saved)[:5]}"
        assert not list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(confirmed) > runs  # many saves were confirmed in all
    print(f"\ncrash test: {runs} SIGKILLs, {len(confirmed)} confirmed saves, 0 lost, file parsed every time")
