"""Text from a handbook, a plan, a note or a file name, made safe to show: no escape sequences.

One function for every reader of user data (pages, front matter, plans, notes, glossaries, file names):
an OSC sequence in any of them renamed the terminal window or wrote the clipboard when printed.
"""

from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (titles, hyperlinks)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """Nothing from a page may reach the terminal as an escape sequence or a bidi override."""
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def safe_value(value: object) -> object:
    """``strip_controls`` applied through lists and mappings read from YAML, JSON or TOML."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [safe_value(v) for v in value]
    if isinstance(value, dict):
        return {safe_value(k): safe_value(v) for k, v in value.items()}
    return value
