"""Keep the index up to date from inside a long-running program (the app), off its main thread.

A big update runs as a separate ``handbook index`` process rather than as this process's own workers:
a program such as a Textual app replaces ``sys.stderr`` with an object whose ``fileno()`` is not a real
descriptor, and ``multiprocessing`` hands that descriptor to the processes it starts, so they cannot
start at all. The child gets plain pipes of its own, reports progress as JSON lines, and stops when its
stdin closes — so it never outlives the program that started it, even one that was killed. Small
updates (where starting a process costs more than the work) run in the calling thread.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shlex
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from handbook.search.index import SearchIndex
from handbook.search.indexer import PARALLEL_FROM, IndexBusy, IndexUnwritable, Progress, UpdateStats

STOP_GRACE_SECONDS = 5  # a cancelled child gets this long to stop its workers before it is killed


@dataclass
class UpdateOutcome:
    """How a background update ended: exactly one of stats, busy or error is set."""

    stats: UpdateStats | None = None
    busy: str = ""  # another process holds the index; what it said
    error: str = ""  # one line a user can read
    details: list[str] = field(default_factory=list)  # what the child wrote on stderr, for the log
    cancelled: bool = False


def report_line(**fields: object) -> str:
    """One line of the child's progress protocol (``index --report-json``)."""
    return json.dumps(fields)


def stats_fields(stats: UpdateStats) -> dict[str, object]:
    return dataclasses.asdict(stats)


class BackgroundUpdate:
    """One update of a handbook's index, run from a thread; ``stop()`` may be called from any thread."""

    def __init__(self, index: SearchIndex, *, wait: float = 0.5) -> None:
        self.index = index
        self.wait = wait
        self._cancel = threading.Event()
        self._child: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def run(self, progress: Progress | None = None) -> UpdateOutcome:
        if len(self.index.handbook.pages) < PARALLEL_FROM:
            return self._run_here(progress)
        return self._run_child(progress)

    def stop(self) -> None:
        """Ask the update to stop; committed batches stay, and the next update carries on from there."""
        self._cancel.set()
        with self._lock:
            child = self._child
        if child is not None and child.stdin is not None:
            with contextlib.suppress(OSError):
                child.stdin.close()  # the child's signal to cancel

    # ------------------------------------------------------------------ small: in this process

    def _run_here(self, progress: Progress | None) -> UpdateOutcome:
        try:
            stats = self.index.update(progress, wait=self.wait, cancel=self._cancel)
        except IndexBusy as exc:
            return UpdateOutcome(busy=str(exc))
        except IndexUnwritable as exc:
            return UpdateOutcome(error=str(exc))
        return UpdateOutcome(stats=stats, cancelled=self._cancel.is_set())

    # ------------------------------------------------------------------ big: a child process

    def command(self) -> list[str]:
        location = str(self.index.handbook.location)
        return [
            sys.executable, "-m", "handbook", "index", "--content", location,
            "--report-json", "--wait", str(self.wait),
        ]  # fmt: skip

    def _run_child(self, progress: Progress | None) -> UpdateOutcome:
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        try:
            child = subprocess.Popen(
                self.command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=env,
                # Not in the terminal's process group: a hang-up or ^C is the app's to handle, and the
                # child learns of it when its stdin closes.
                start_new_session=os.name == "posix",
            )
        except OSError as exc:
            return UpdateOutcome(error=f"the indexing process could not start ({exc})")
        with self._lock:
            self._child = child
        if self._cancel.is_set():
            self.stop()
        errors: list[str] = []
        drain = threading.Thread(target=_drain, args=(child, errors), daemon=True)
        drain.start()
        outcome = UpdateOutcome()
        assert child.stdout is not None
        for line in child.stdout:
            _read_report(line, outcome, progress)
        try:
            child.wait(timeout=STOP_GRACE_SECONDS if self._cancel.is_set() else None)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        drain.join(timeout=STOP_GRACE_SECONDS)
        outcome.details = errors
        if self._cancel.is_set():
            outcome.cancelled = True
        elif outcome.stats is None and not outcome.busy and not outcome.error:
            first = next((line for line in errors if line.strip()), "").removeprefix("handbook: ")
            why = f": {first}" if first else ""
            outcome.error = f"the indexing process stopped (exit code {child.returncode}){why}"
        return outcome


def _drain(child: subprocess.Popen[str], into: list[str]) -> None:
    """Read the child's stderr as it comes, so a chatty child never blocks on a full pipe."""
    assert child.stderr is not None
    for line in child.stderr:
        into.append(line.rstrip("\n"))


def _read_report(line: str, outcome: UpdateOutcome, progress: Progress | None) -> None:
    try:
        report = json.loads(line)
    except ValueError:
        return  # not ours (a library printing); ignore
    if not isinstance(report, dict):
        return
    if "done" in report and "total" in report:
        if progress is not None:
            progress(int(report["done"]), int(report["total"]))
    elif isinstance(report.get("stats"), dict):
        known = {f.name for f in dataclasses.fields(UpdateStats)}
        outcome.stats = UpdateStats(**{k: v for k, v in report["stats"].items() if k in known})
    elif "busy" in report:
        outcome.busy = str(report["busy"])
    elif "error" in report:
        outcome.error = str(report["error"])


def index_command_for(location: Path) -> str:
    """The command a user can run to build the index themselves (shown when the app could not)."""
    return f"handbook index --content {shlex.quote(str(location))}"
