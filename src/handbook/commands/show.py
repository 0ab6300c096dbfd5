"""`handbook show`: a page, or one section, as text."""

from __future__ import annotations

import argparse
import json
import sys

from handbook.commands.common import EXIT_NOT_FOUND, EXIT_OK, err, open_handbook
from handbook.commands.site import page_json
from handbook.content.text import page_markdown


def run_show(args: argparse.Namespace) -> int:
    hb = open_handbook(args)
    ref = hb.find(args.page) if args.page else hb.find(hb.landing.path)
    page = hb.page(ref.path)
    if getattr(args, "json", False):
        print(json.dumps(page_json(page), indent=2, ensure_ascii=False))
        return EXIT_OK
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
    if args.warnings:
        for warning in page.warnings:
            err(f"{page.path}: {warning}")
    return EXIT_OK
