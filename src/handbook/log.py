"""The log file: where details go that a user does not need on screen (tracebacks, a child's stderr)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import datetime

from handbook import __version__, paths


def log_details(title: str, lines: Iterable[str]) -> str:
    """Append a titled entry to the log; returns the log's path, or "" when it cannot be written."""
    log = paths.log_file()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8", errors="replace") as fh:
            stamp = datetime.now().isoformat(timespec="seconds")
            fh.write(f"--- {stamp} handbook {__version__} argv={sys.argv!r}: {title}\n")
            for line in lines:
                fh.write(line if line.endswith("\n") else line + "\n")
    except OSError:
        return ""
    return str(log)
