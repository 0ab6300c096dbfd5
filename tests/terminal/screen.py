"""The real ``handbook`` command in a pseudo-terminal, its screen read through a terminal emulator.

Headless ``run_test`` hides what only a real terminal shows (Textual swapping ``sys.stderr``, the
terminal's size, escape codes): these tests run the app as a user does. Waits are for text on the
screen, bounded in time, never sleeps.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import pexpect
import pyte

from ..conftest import handbook_command


class Terminal:
    """One ``handbook`` process in a pty of a fixed size."""

    def __init__(self, args: Sequence[str], *, columns: int = 120, lines: int = 40) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()  # everything the app wrote, escape codes included
        command = handbook_command()
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(columns), LINES=str(lines))
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(
            command[0], [*command[1:], *args], dimensions=(lines, columns), env=env, timeout=5
        )

    def pump(self, timeout: float = 0.1) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            return
        self.raw += data
        self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, *texts: str, timeout: float = 30) -> str:
        """Read the screen until every one of ``texts`` is on it (a screen is painted in pieces)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            if all(text in self.text() for text in texts):
                return self.text()
            if not self.child.isalive():
                self.pump()
                break
        raise AssertionError(f"{texts!r} did not all appear on the screen:\n{self.text()}")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def quit(self, timeout: float = 15) -> int | None:
        """Press q and wait for the process to end; returns its exit status."""
        self.send("q")
        deadline = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < deadline:
            self.pump()
        if self.child.isalive():
            self.child.terminate(force=True)
            raise AssertionError(f"the app did not quit; screen:\n{self.text()}")
        self.child.close()
        if self.child.exitstatus:  # what the app said on its way out (a traceback) goes in the report
            print(bytes(self.raw[-4000:]).decode("utf-8", "replace"))
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


def processes_mentioning(text: str) -> list[int]:
    """Pids whose command line contains ``text`` (Linux /proc; empty elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(int(entry.name))
    return found
