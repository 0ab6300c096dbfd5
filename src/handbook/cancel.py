"""Stopping long work that nobody waits for any more.

The app reads every page of a big handbook in worker threads (the glossary, the onboarding plan).
A thread cannot be killed, and the process waits for it at exit, so quitting in the middle hung for a
minute. The work takes a ``stop`` check instead, asked between pages, and ends with ``Stopped``.
"""

from __future__ import annotations

from collections.abc import Callable

StopCheck = Callable[[], bool]


class Stopped(Exception):
    """The caller asked the work to stop (the app is quitting); there is no result."""


def never() -> bool:
    """The check of a caller that always waits for the result (the command line)."""
    return False


def check(stop: StopCheck) -> None:
    """Raise ``Stopped`` once ``stop`` says so: called between pages."""
    if stop():
        raise Stopped
