"""A hostile handbook in a real terminal: text that looks like markup or escape codes stays text.

Page text, titles, file names, glossary entries and plan items all reach widgets; any of them parsed as
Rich/Textual markup could hide words (`[WIP]`), crash the app (an unbalanced `[/]`) or run an action
(`[@click=app.screenshot(...)]`, which overwrote a file). Escape sequences from them must never reach
the terminal (OSC 0 renames the window, OSC 52 writes the clipboard).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ..conftest import write
from .screen import Terminal

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux (a pty and /proc)")

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
# The same, written as YAML double-quoted escapes (raw control characters are not valid YAML).
YAML_TITLE = "\\e]0;PWNED\\a"
YAML_CLIPBOARD = "\\e]52;c;cHduZWQ=\\a"


def hostile_handbook(root: Path, victim: Path) -> Path:
    click = f"[@click=app.screenshot('{victim.name}','{victim.parent}')]"
    write(root, "index.md", f"# Home [WIP]\n\nStart here.{OSC_TITLE}\n\n## Read {click}the FAQ[/]\n\nText.\n")
    write(root, "roadmap.md", f'---\ntitle: "[WIP] Roadmap{YAML_CLIPBOARD}"\n---\nPlans for Array[int].\n')
    write(root, "Array[int] [b]notes.md", "no heading here, so the file name is the title\n")
    write(
        root,
        "unbalanced.md",
        "# Unbalanced [/] close [b]\n\n## Types: Array[int] and [red]x[/red]\n\nBody.\n",
    )
    write(
        root,
        "glossary.yaml",
        f'- term: "[red]SLO[/red]"\n'
        f'  definition: "[@click=app.quit]service level[/] objective{YAML_TITLE}"\n',
    )
    write(
        root,
        "onboarding.yaml",
        'version: 1\ntitle: "Plan [b]bold[/b]"\nphases:\n  - id: p1\n    title: "First [/] days"\n'
        '    days: [1, 30]\n    items:\n      - id: laptop\n        title: "[b]Set up[/b] your laptop'
        f'{YAML_CLIPBOARD}"\n        due: 3\n        link: unbalanced.md\n',
    )
    return root


def escape_from(term: Terminal, shown: str) -> None:
    """Esc, then wait until ``shown`` is gone: a key sent sooner would follow the Esc as Alt+key."""
    term.send("\x1b")
    deadline = time.monotonic() + 30
    while shown in term.text() and time.monotonic() < deadline:
        term.pump()
    assert shown not in term.text()


def test_markup_and_escapes_from_the_handbook_stay_text(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    root = hostile_handbook(tmp_path / "hb", victim)
    term = Terminal(["--content", str(root)])
    try:
        term.wait_for("Home [WIP]", "[@click=app.screenshot(", "[WIP] Roadmap", "Array[int] [b]notes")
        term.send("G")  # the heading with the action is now the breadcrumb too
        term.wait_for("[@click=app.screenshot(")
        rows = [n for n, line in enumerate(term.screen.display, 1) if "click=app" in line or "FAQ[/]" in line]
        for row in rows:  # a mouse click (SGR) on every line that shows the [@click=…] text
            term.child.send(f"\x1b[<0;60;{row}M\x1b[<0;60;{row}m")
            term.pump()
        term.send("\x07")  # the glossary
        term.wait_for("[red]SLO[/red]")
        term.send("\x1b")
        term.wait_for("Outline")  # the reader's footer
        term.send("o")  # the checklist (asks for a start date first)
        term.send("\r")
        term.wait_for("[b]Set up[/b] your laptop", "First [/] days")
        term.send("\x1b")
        term.wait_for("Outline")  # the reader's footer
        term.send("\x10")  # the command palette: titles, paths and definitions are hits and help lines
        term.send("notes")
        term.wait_for("Array[int] [b]notes", "Array[int] [b]notes.md")
        term.send("\x15")  # ctrl+u: the query typed anew
        term.wait_for("Search for commands")
        term.send("close")
        term.wait_for("Unbalanced [/] close [b]", "unbalanced.md")
        term.send("\x15")  # ctrl+u: the query typed anew
        term.wait_for("Search for commands")
        term.send("SLO")
        term.wait_for("[red]SLO[/red]", "[@click=app.quit]service level[/] objective")
        escape_from(term, "🔎")
        term.send("?")  # the help screen
        term.wait_for("keymap id")
        escape_from(term, "keymap id")
        assert term.quit() == 0
    finally:
        term.close()
    assert victim.read_text() == "precious" and not list(tmp_path.glob("*.svg"))
    assert b"PWNED" not in term.raw and b"\x1b]52;" not in term.raw
