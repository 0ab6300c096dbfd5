"""Time from exec until a marker is on a pseudo-terminal's screen: how a user experiences start-up.
Also the wall and CPU time of a whole process run to its end (``timed``), for the plain commands."""

from __future__ import annotations

import fcntl
import os
import pty
import resource
import select
import struct
import subprocess
import termios
import time

COLUMNS, LINES = 120, 40


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a live process has used so far: unlike wall time, it hardly moves with
    the machine's load (Linux /proc; nan elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def first_paint(command: list[str], env: dict[str, str], marker: str, limit: float = 30) -> float:
    """Seconds from exec until ``marker`` is written to the terminal (nan if it never is)."""
    return first_paint_with_cpu(command, env, marker, limit)[0]


def first_paint_with_cpu(
    command: list[str], env: dict[str, str], marker: str, limit: float = 30
) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process) from exec until ``marker`` is on the terminal."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        try:
            os.execvpe(command[0], command, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    seen = b""
    elapsed = cpu = float("nan")
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
                cpu = cpu_seconds(pid)
                break
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed, cpu


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
