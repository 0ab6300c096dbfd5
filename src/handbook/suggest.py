"""'Did you mean': the names closest to what was typed, for pages, glossary terms and commands.

One matcher (difflib's similarity ratio over comparison keys) and one way to say it, so that a
mistyped page, term or command is answered alike by the CLI and the app.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping


def close_matches(text: str, choices: Mapping[str, str], *, limit: int, cutoff: float) -> list[str]:
    """The shown forms (values) of the choices whose keys are most like ``text``, best first."""
    return [choices[key] for key in difflib.get_close_matches(text, list(choices), n=limit, cutoff=cutoff)]


def did_you_mean(suggestions: list[str]) -> str:
    """``"; did you mean 'a', 'b'?"`` to end a not-found message, or nothing without suggestions."""
    return f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""


def did_you_mean_sentence(suggestions: list[str]) -> str:
    """``"Did you mean 'a', 'b'?"`` on its own line, or nothing without suggestions."""
    sentence = did_you_mean(suggestions).removeprefix("; ")
    return sentence[:1].upper() + sentence[1:]
