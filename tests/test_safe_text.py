"""One function makes any user string safe to print: no escape sequence survives it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handbook.content.normalise import normalise
from handbook.safe_text import safe_value, strip_controls

SEQUENCES = [
    "\x1b]0;PWNED\x07",  # window title
    "\x1b]52;c;cHduZWQ=\x07",  # clipboard
    "\x1b]8;;https://evil.example\x1b\\",  # hyperlink
    "\x1b[2J",  # clear screen
    "\x9b31m",  # 8-bit CSI
    "\x1bPq#0;2;0;0;0\x1b\\",  # DCS (sixel)
    "\u202e",  # right-to-left override
]


def test_every_known_sequence_is_removed() -> None:
    for sequence in SEQUENCES:
        assert strip_controls(f"a{sequence}b") == "ab"


@given(st.text())
def test_nothing_that_starts_a_sequence_survives(text: str) -> None:
    cleaned = strip_controls(text)
    assert "\x1b" not in cleaned and "\x9b" not in cleaned and "\x07" not in cleaned


def test_values_read_from_yaml_are_cleaned_through_lists_and_mappings() -> None:
    value = {"title\x1b[31m": ["ok\x1b]0;x\x07", 3, {"k": "\x1b]52;c;x\x07v"}]}
    assert safe_value(value) == {"title": ["ok", 3, {"k": "v"}]}


def test_front_matter_lists_are_cleaned() -> None:
    page = normalise("---\ntitle: \"T\\e]0;x\\a\"\ntags: [\"a\\e]52;c;x\\a\", b]\n---\nBody\n")
    assert page.front_matter["title"] == "T"
    assert page.front_matter["tags"] == ["a", "b"]
