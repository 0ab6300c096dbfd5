"""What every command shares: finding the handbook, exit codes, messages."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handbook import paths
from handbook.config import load_config
from handbook.content import Handbook, HandbookError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


class UsageError(Exception):
    """Wrong arguments or an unusable --content: exit 2."""


def resolve_content(flag: str | None) -> tuple[Path, str]:
    """--content, else HANDBOOK_CONTENT, else the config file's ``content``, else the bundled handbook."""
    if flag:
        return Path(flag).expanduser(), "--content"
    env = os.environ.get("HANDBOOK_CONTENT")
    if env:
        return Path(env).expanduser(), "HANDBOOK_CONTENT"
    config = load_config()
    if config.content:
        return config.content, f"config file {paths.config_file()}"
    return paths.bundled_content(), "bundled handbook"


def open_handbook(args: argparse.Namespace, *, quickly: bool = False, wanted: str | None = None) -> Handbook:
    """``quickly``: a first look for the app's first paint (see ``Handbook.open_quickly``)."""
    path, source = resolve_content(getattr(args, "content", None))
    try:
        return Handbook.open_quickly(path, wanted=wanted) if quickly else Handbook.open(path)
    except HandbookError as exc:
        raise UsageError(f"{exc} (content from {source})") from exc


def err(message: str) -> None:
    print(f"handbook: {message}", file=sys.stderr)


def console() -> Console:
    """Styled output on stdout through Rich, imported only by the commands that style (~40 ms).

    Styles only on a terminal (Rich checks the stream, NO_COLOR and TERM=dumb); handbook text is
    printed as ``Text`` and never read as markup or :emoji: codes; lines are never wrapped, so a pipe
    gets each line whole, as ``print`` wrote it."""
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
