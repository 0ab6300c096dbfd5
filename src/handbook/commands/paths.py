"""`handbook paths`: where everything lives."""

from __future__ import annotations

import argparse
import json

from handbook import paths
from handbook.commands.common import EXIT_OK, resolve_content


def run_paths(args: argparse.Namespace) -> int:
    content, source = resolve_content(getattr(args, "content", None))
    where = paths.locations(content.expanduser().resolve() if content.exists() else content, source)
    rows = [
        ("content", str(where.content), f"({where.content_source})"),
        ("index", str(where.cache), "(search index and page catalog for this handbook)"),
        ("progress", str(where.data), "(your onboarding progress for this handbook)"),
        ("config", str(where.config_file), "" if where.config_file.exists() else "(not created yet)"),
        ("log", str(where.log), "(details of unexpected errors)"),
    ]
    if getattr(args, "json", False):
        print(json.dumps({name: value for name, value, _ in rows}, indent=2))
        return EXIT_OK
    for name, value, note in rows:
        print(f"{name:<9} {value}  {note}".rstrip())
    return EXIT_OK
