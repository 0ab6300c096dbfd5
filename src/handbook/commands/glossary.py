"""`handbook define TERM` and `handbook glossary`."""

from __future__ import annotations

import argparse
import json
import sys

from handbook.commands.common import EXIT_NOT_FOUND, EXIT_OK, err, open_handbook
from handbook.content import did_you_mean
from handbook.glossary import Term, load_glossary


def configure_define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the entry as JSON")
    parser.add_argument("term", nargs="+", help="the term, acronym or expansion to look up")


def configure_glossary(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print every term as JSON")


def run_define(args: argparse.Namespace) -> int:
    glossary = load_glossary(open_handbook(args))
    for problem in glossary.problems:
        err(problem)
    text = " ".join(args.term)
    term = glossary.lookup(text)
    if term is None:
        err(f"no glossary entry for {text!r}{did_you_mean(glossary.suggest(text))}")
        return EXIT_NOT_FOUND
    if args.json:
        print(json.dumps(term.as_json(), indent=2, ensure_ascii=False))
    else:
        print_term(term)
    return EXIT_OK


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
    for term in glossary.terms:
        print_term(term, compact=True)
    return EXIT_OK


def print_term(term: Term, compact: bool = False) -> None:
    bold = sys.stdout.isatty()
    name = f"\x1b[1m{term.term}\x1b[0m" if bold else term.term
    aka = f" ({', '.join(term.aliases)})" if term.aliases else ""
    if compact:
        print(f"{name}{aka}: {term.definitions[0].text}")
        return
    print(f"{name}{aka}")
    for definition in term.definitions:
        print(f"  {definition.text}")
        print(f"    — {definition.source}")
