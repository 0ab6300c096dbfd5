"""The commands' styled output goes through Rich: styles on a terminal only, handbook text as data."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import run_cli, write

SOURCES = Path(__file__).resolve().parents[1] / "src" / "handbook"
TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "120"}
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|38;)")  # a foreground colour


def test_no_hand_made_escape_codes_or_bars_in_the_cli() -> None:
    for source in [SOURCES / "cli.py", *sorted((SOURCES / "commands").glob("*.py"))]:
        text = source.read_text(encoding="utf-8")
        assert "\\x1b" not in text and "\\033" not in text, source.name
        assert "█" not in text and "░" not in text, source.name


def test_a_terminal_gets_styles_and_rich_bars_a_pipe_plain_text() -> None:
    styled = run_cli("progress", env=TERMINAL)
    assert styled.returncode == 0, styled.stderr
    assert "\x1b[1mFirst 30 days" in styled.stdout and "━" in styled.stdout  # bold phase, Rich's bar
    assert "due this week" in styled.stdout and COLOUR.search(styled.stdout)
    plain = run_cli("progress")
    assert "\x1b" not in plain.stdout and "━" not in plain.stdout
    assert "First 30 days: set up and learn (days 1-30)  0/6" in plain.stdout
    item = "  [ ] account-setup            Set up your accounts and 2FA (day 1)  due this week"
    assert item in plain.stdout.splitlines()


def test_no_color_keeps_emphasis_but_drops_colours() -> None:
    result = run_cli("progress", env={**TERMINAL, "NO_COLOR": "1"})
    assert "\x1b[1m" in result.stdout and not COLOUR.search(result.stdout)


def test_handbook_text_that_looks_like_markup_is_printed_as_it_is(tmp_path: Path) -> None:
    write(tmp_path, "glossary.yaml", "'[red]SLO[/red]': 'A [bold]target[/bold] :smile: \\x1b[31m'\n")
    write(tmp_path, "index.md", "# Home\n")
    for env in (TERMINAL, {}):
        result = run_cli("--content", str(tmp_path), "glossary", env=env)
        assert result.returncode == 0, result.stderr
        assert "[red]SLO[/red]" in result.stdout and "A [bold]target[/bold] :smile:" in result.stdout
        assert "\x1b[31m" not in result.stdout
