"""Hostile pages: time every step of the page path on inputs built to trigger back-tracking.

    python benchmarks/pathological.py [--kib 40] [--only NAME]

Steps timed per case (ms):
  parse     normalise, split into sections, inline-parse each section (what opening a page does)
  text      plain_text and readable_text of every section (phrase matching, search snippets)
  index     the search documents of the page (build_documents: terms, link targets, hrefs)
  extract   the glossary and the onboarding discovery of a handbook made of that page
  render    the reader's Rich rendering of every section at 100 columns

The first cases are 40-800 KiB and fixed; the link cases (``[a](`` …) are ``--kib`` KiB on one line
(the issue's 20/40/400 KB lines). Every figure should stay in the low hundreds of milliseconds and
grow in step with the size: run twice with ``--kib 40`` and ``--kib 160``; a step that grows 16-fold
is quadratic.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from handbook.content import Handbook
from handbook.content.model import LinkTarget
from handbook.content.normalise import normalise
from handbook.content.parse import build_sections
from handbook.content.text import plain_text, readable_text
from handbook.glossary import build_glossary
from handbook.onboarding.discover import discover
from handbook.search.documents import PageJob, build_documents
from handbook.tui.page.render import new_console, render_section

CASES = {
    "unclosed liquid": "{% " * 50000,
    "unclosed hugo": "{{< " * 50000,
    "unclosed <a": "<a " * 50000,
    "unclosed <b>": "<b>" * 50000,
    "nested tables": "<table><tr><td>" * 20000,
    "liquid comments": "{% comment %}" * 20000 + "{% endcomment %}",
    "badge links": "[![x](https://img.shields.io/badge/a-b)](" * 20000,
    "unclosed <img": "<img src=x " * 30000,
    "unclosed <h1>": "<h1>" * 40000,
    "unclosed <script>": "<script>" * 40000,
    "backticks": "`a " * 30000,
    "brackets": "[" * 50000,
    "ampersands": "&" * 100000,
    "mojibake": "â€™" * 30000,
    "one long line": "word " * 100000,
}
# One line of each, --kib long, inside the blocks that glossary and onboarding read too.
LINK_CASES = {
    "[a](": "[a](",
    "![a](": "![a](",
    "[a](x": "[a](x",
    "[](((": "[](((",
    "](": "](",
    '[a](x "': '[a](x "',
    "[a][": "[a][",
    "[a](x) closed": "[a](x) ",
    "[a]( nested )": "",  # built below: n openers then n closers
    "_a ": "_a ",
    "*a ": "*a ",
    "spaces": " ",
    "a_ in <img": "",  # built below: one tag with a long attribute-less word
}


def link_case(name: str, unit: str, size: int) -> str:
    if name == "[a]( nested )":
        return "[a](" * (size // 5) + ")" * (size // 5)
    if name == "a_ in <img":
        return "<img " + "a_" * (size // 2) + ">"
    if name == "spaces":
        return "# T " + " " * size + "{#x}"
    return unit * (size // len(unit))


def page_of(line: str) -> str:
    return (
        f"# Glossary\n\n**TERM**: {line}\n\n## Week 1\n\n- [ ] Read {line}\n\n"
        f"| a | b |\n|---|---|\n| {line} | x |\n"
    )


def timed(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def measure(name: str, text: str, root: Path) -> None:
    body = normalise(text).text

    def parse() -> None:
        for section in build_sections(body, "x")[0]:
            section.content  # noqa: B018  (parse the inline content too)

    sections = build_sections(body, "x")[0]
    console = new_console(100)
    folder = root / f"case{abs(hash(name))}"
    folder.mkdir()
    (folder / "index.md").write_text(text, encoding="utf-8")
    job = PageJob(str(folder), "index.md", "x", "", ())
    figures = {
        "parse": timed(parse),
        "text": timed(lambda: [(plain_text(s.markdown), readable_text(s.markdown)) for s in sections]),
        "index": timed(lambda: build_documents(job, text.encode())),
        "extract": timed(lambda: _extract(folder)),
        "render": timed(lambda: [render_section(console, s.markdown, 100, _external) for s in sections]),
    }
    cells = " ".join(f"{k} {v:7.0f}" for k, v in figures.items())
    print(f"{name:<18} {len(text) / 1024:6.0f} KiB  {cells}", flush=True)


def _extract(folder: Path) -> None:
    handbook = Handbook.open(folder, use_cache=False)
    build_glossary(handbook)
    discover(handbook)


def _external(href: str) -> LinkTarget:
    return LinkTarget("external", url=href)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kib", type=int, default=40, help="length of the one-line link cases")
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for folder in ("cache", "data", "config"):
            os.environ[f"HANDBOOK_{folder.upper()}_DIR"] = str(Path(tmp, folder))
        print("ms per step; link cases are one line, in a glossary entry, a task item and a table cell")
        cases = dict(CASES)
        cases |= {name: page_of(link_case(name, unit, args.kib * 1024)) for name, unit in LINK_CASES.items()}
        for name, text in cases.items():
            if args.only in name:
                measure(name, text, Path(tmp))


if __name__ == "__main__":
    main()
