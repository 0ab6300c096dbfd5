"""Keys typed right after q: the app shuts down cleanly (a screen pushed during exit crashed it)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .screen import Terminal

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux (a pty and /proc)")


@pytest.mark.parametrize(
    "keys", ["qs", "qo", "q\x07", "qd"], ids=["search", "onboarding", "glossary", "define"]
)
def test_keys_after_quit_do_not_crash(keys: str) -> None:
    term = Terminal([])
    try:
        term.wait_for("Quit")
        term.send(keys)
        deadline = time.monotonic() + 20
        while term.child.isalive() and time.monotonic() < deadline:
            term.pump()
        term.child.close()
        assert term.child.exitstatus == 0
        assert b"Traceback" not in term.raw
    finally:
        term.close()
