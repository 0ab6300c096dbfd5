"""`handbook show` on a real handbook, by path and by title."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli


def test_show_18f_by_path_and_by_title(corpora: Path) -> None:
    root = str(corpora / "18f")
    by_path = run_cli("--content", root, "show", "pages/getting-started/index.md")
    by_title = run_cli("--content", root, "show", "Onboarding overview")
    assert by_path.returncode == 0 and by_title.returncode == 0
    assert by_path.stdout == by_title.stdout
    assert by_path.stdout.startswith("# Onboarding overview")
    assert "{%" not in by_path.stdout
