"""The log file: where details go that a user does not need on screen (tracebacks, a child's stderr)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from handbook import __version__, paths


def log_details(title: str, lines: Iterable[str]) -> str:
    """Append a titled entry to the log; returns the log's path, or "" when it cannot be written."""
    text = [f"--- {datetime.now().isoformat(timespec='seconds')} handbook {__version__} argv={sys.argv!r}: "]
    text[0] += f"{title}\n"
    text += [line if line.endswith("\n") else line + "\n" for line in lines]
    # The cache folder may be the very thing that is broken: then the system's temporary folder.
    for log in (paths.log_file(), Path(tempfile.gettempdir()) / "handbook.log"):
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8", errors="replace") as fh:
                fh.writelines(text)
        except OSError:
            continue
        return str(log)
    return ""
