"""A plain folder of Markdown: every page under the folder, in folder order (as before sites existed)."""

from __future__ import annotations

from pathlib import Path

from handbook.content.sites.model import Site


def build(source: Path) -> Site:
    return Site("plain", str(source), str(source))
