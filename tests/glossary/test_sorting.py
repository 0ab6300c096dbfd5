"""Glossary A–Z order: terms that start with digits come first, in numeric order (2FA before 10X)."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook
from handbook.glossary import build_glossary, load_glossary, term_sort_key

from ..conftest import run_handbook, write

GLOSSARY_YAML = """\
- term: Zone
  definition: A failure domain.
- term: 10X
  definition: A way to pitch an idea.
- term: alert
  definition: An automatic notification.
- term: 2FA
  definition: A password plus a second factor.
- term: SEV10
  definition: Made up, to test numbers inside a term.
- term: SEV2
  definition: A major incident.
- term: API
  definition: An application programming interface.
"""
EXPECTED = ["2FA", "10X", "alert", "API", "SEV2", "SEV10", "Zone"]


def make_handbook(root: Path) -> Path:
    write(root, "index.md", "# Home\n")
    write(root, "glossary.yaml", GLOSSARY_YAML)
    return root


def test_digits_first_and_numbers_compared_as_numbers(tmp_path: Path) -> None:
    glossary = build_glossary(Handbook.open(make_handbook(tmp_path)))
    assert [t.term for t in glossary.terms] == EXPECTED
    assert sorted(["b", "1:1", "10X", "2FA", "A"], key=term_sort_key) == ["1:1", "2FA", "10X", "A", "b"]


def test_cached_glossary_keeps_the_order(tmp_path: Path) -> None:
    handbook = Handbook.open(make_handbook(tmp_path))
    load_glossary(handbook)  # builds and writes the cache
    assert [t.term for t in load_glossary(handbook).terms] == EXPECTED  # read back from the cache


def test_bundled_glossary_starts_with_digits() -> None:
    terms = [t.term for t in load_glossary(Handbook.open()).terms]
    assert terms[:2] == ["1:1", "2FA"] and terms[2][0].isalpha()


def test_glossary_command_lists_digits_first(tmp_path: Path) -> None:
    result = run_handbook("--content", str(make_handbook(tmp_path)), "glossary")
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0].split(" (")[0] for line in result.stdout.splitlines()] == EXPECTED
