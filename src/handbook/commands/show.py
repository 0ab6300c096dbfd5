"""`handbook show`: a page, or one section, as text (or its outline and links as JSON)."""

from __future__ import annotations

import argparse
import json
import sys

from handbook.commands.common import EXIT_NOT_FOUND, EXIT_OK, err, open_handbook
from handbook.commands.site import page_json
from handbook.content import Handbook, PageRef
from handbook.content.text import page_markdown


def run_show(args: argparse.Namespace) -> int:
    hb = open_handbook(args)
    ref = hb.find(args.page) if args.page else hb.find(hb.landing.path)
    if getattr(args, "json", False):
        print(json.dumps(page_json(hb.page(ref.path)), indent=2, ensure_ascii=False))
        return EXIT_OK
    return print_page(hb, ref, warnings=args.warnings)


def print_page(hb: Handbook, ref: PageRef, *, warnings: bool = False) -> int:
    """Print a page or one section: formatted on a terminal, plain Markdown into a pipe or file.

    Shared with a bare ``handbook PAGE`` whose output is not a terminal, where the app cannot run.
    """
    page = hb.page(ref.path)
    text = page_markdown(page, ref.anchor)
    if text is None:
        names = ", ".join(f"#{s.anchor}" for s in page.sections if s.anchor)
        err(f"no section #{ref.anchor} in {page.path}" + (f"; sections: {names}" if names else ""))
        return EXIT_NOT_FOUND
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text, hyperlinks=False))
    else:
        sys.stdout.write(text)
    if warnings:
        for warning in page.warnings:
            err(f"{page.path}: {warning}")
    return EXIT_OK
