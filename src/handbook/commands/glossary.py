"""`handbook define TERM` and `handbook glossary`."""

from __future__ import annotations

import argparse
import json

from handbook.commands.common import EXIT_NOT_FOUND, EXIT_OK, console, err, open_handbook
from handbook.content import Handbook, did_you_mean
from handbook.glossary import Term, load_glossary
from handbook.search import SearchIndex
from handbook.search.searcher import IndexDamaged


def configure_define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the entry as JSON")
    parser.add_argument("term", nargs="+", help="the term, acronym or expansion to look up")


def configure_glossary(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print every term as JSON")


def run_define(args: argparse.Namespace) -> int:
    handbook = open_handbook(args)
    glossary = load_glossary(handbook)
    for problem in glossary.problems:
        err(problem)
    text = " ".join(args.term)
    term = glossary.lookup(text)
    if term is None:
        err(f"no glossary entry for {text!r}")
        where = best_section(handbook, text)
        if where:
            err(f"{text}: see {where}")
        suggestions = glossary.suggest(text)
        if suggestions:
            err(did_you_mean(suggestions).removeprefix("; "))
        return EXIT_NOT_FOUND
    if args.json:
        print(json.dumps(term.as_json(), indent=2, ensure_ascii=False))
    else:
        print_term(term)
    return EXIT_OK


def best_section(handbook: Handbook, text: str) -> str:
    """Where the handbook talks about a word it does not define ("Incidents › Review (path#anchor)"),
    from the search index if one was built; a missed lookup never waits for indexing."""
    index = SearchIndex(handbook)
    try:
        if not index.available:
            return ""
        hits = index.search(text, 1).hits
    except (IndexDamaged, OSError):
        return ""
    finally:
        index.close()
    if not hits:
        return ""
    return f"{hits[0].where} ({hits[0].location})"


def run_glossary(args: argparse.Namespace) -> int:
    glossary = load_glossary(open_handbook(args))
    for problem in glossary.problems:
        err(problem)
    if args.json:
        print(json.dumps([t.as_json() for t in glossary.terms], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not glossary.terms:
        err("this handbook defines no terms: add glossary.yaml or a glossary page")
        return EXIT_NOT_FOUND
    print_terms(glossary.terms, compact=True)
    return EXIT_OK


def print_term(term: Term, compact: bool = False) -> None:
    print_terms([term], compact=compact)


def print_terms(terms: list[Term], *, compact: bool = False) -> None:
    """Each term (bold on a terminal) with its other names; its definitions and their sources, or
    (``compact``) its first definition on the same line."""
    from rich.text import Text

    out = console()
    for term in terms:
        line = Text.assemble((term.term, "bold"), term.aka)
        if compact:
            out.print(line.append(f": {term.summary}"))
            continue
        out.print(line.append("  [deprecated]" if term.deprecated else ""))
        for definition in term.definitions:
            out.print(Text(f"  {definition.text}"))
            category = f" ({definition.category})" if definition.category else ""
            if definition.kind == "spelled out":
                out.print(Text(f"    — spelled out in {definition.source}", style="dim"))
            else:
                out.print(Text(f"    — {definition.source}{category}", style="dim"))
