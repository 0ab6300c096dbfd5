"""Time from exec until a marker is on a pseudo-terminal's screen: how a user experiences start-up."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import termios
import time

COLUMNS, LINES = 120, 40


def first_paint(command: list[str], env: dict[str, str], marker: str, limit: float = 30) -> float:
    """Seconds from exec until ``marker`` is written to the terminal (nan if it never is)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        try:
            os.execvpe(command[0], command, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < limit:
            ready, _, _ = select.select([fd], [], [], 0.02)
            if not ready:
                continue
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if marker.encode() in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed
