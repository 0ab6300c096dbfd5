"""The ``handbook`` command: the TUI by default, plain commands for scripts.

Textual is imported only when the TUI is launched, so the commands start fast and work without a
terminal. Bad input never shows a traceback: exit 2 for usage errors, 1 when nothing was found.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from handbook import __version__
from handbook.commands.common import (
    EXIT_BUG,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    err,
    open_handbook,
)
from handbook.config import ConfigError
from handbook.content import HandbookError, PageNotFound, PageRef, did_you_mean

Configure = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    """A command; ``configure`` and ``run`` may name a function as ``"module:function"``, imported
    only when that command runs (each command module brings in its part of the core: the app and the
    other commands must not pay for them)."""

    name: str
    summary: str
    configure: Configure | str
    run: Run | str

    def configure_parser(self, parser: argparse.ArgumentParser) -> None:
        configure: Configure = (
            _imported(self.configure) if isinstance(self.configure, str) else self.configure
        )
        configure(parser)

    def run_with(self, args: argparse.Namespace) -> int:
        run: Run = _imported(self.run) if isinstance(self.run, str) else self.run
        return run(args)


def _imported(name: str) -> Any:
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"handbook.commands.{module}"), function)


# ------------------------------------------------------------------------------------------ commands


def _configure_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the locations as JSON")


def _configure_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "page", nargs="?", metavar="PAGE[#anchor]", help="a path or a title (default: the landing page)"
    )
    parser.add_argument("--warnings", action="store_true", help="also list the page's warnings on stderr")
    parser.add_argument("--json", action="store_true", help="print {path, title, sections, links} as JSON")


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in [
        Command("search", "search the handbook", "search:configure_search", "search:run_search"),
        Command("show", "print a page (plain text when piped)", _configure_show, "show:run_show"),
        Command("index", "build or update the search index", "search:configure_index", "search:run_index"),
        Command("define", "look up a glossary term", "glossary:configure_define", "glossary:run_define"),
        Command("glossary", "list the glossary", "glossary:configure_glossary", "glossary:run_glossary"),
        Command(
            "progress",
            "your 30-60-90 onboarding checklist",
            "onboarding:configure_progress",
            "onboarding:run_progress",
        ),
        Command(
            "plans",
            "onboarding plans found in the handbook's pages",
            "onboarding:configure_plans",
            "onboarding:run_plans",
        ),
        Command("check", "mark checklist items done", "onboarding:configure_ids", "onboarding:run_check"),
        Command(
            "uncheck", "mark checklist items not done", "onboarding:configure_ids", "onboarding:run_uncheck"
        ),
        Command(
            "note", "attach a note to a checklist item", "onboarding:configure_note", "onboarding:run_note"
        ),
        Command("start", "set your start date", "onboarding:configure_start", "onboarding:run_start"),
        Command(
            "paths", "where content, index, progress and config live", _configure_paths, "paths:run_paths"
        ),
        Command(
            "pages", "the table of contents in the site's order", "site:configure_pages", "site:run_pages"
        ),
        Command(
            "info",
            "the site: its kind, content root, URLs and problems",
            "site:configure_info",
            "site:run_info",
        ),
    ]
}


# ------------------------------------------------------------------------------------------ parsing


def _add_content(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--content",
        metavar="PATH",
        default=default,
        help="a handbook folder or file (default: $HANDBOOK_CONTENT, the config file, or the bundled one)",
    )


def build_main_parser() -> argparse.ArgumentParser:
    epilog = "commands:\n" + "\n".join(f"  {c.name:<10} {c.summary}" for c in COMMANDS.values())
    epilog += "\n\nRun 'handbook COMMAND --help' for a command's options."
    main_parser = argparse.ArgumentParser(
        prog="handbook",
        usage="handbook [--content PATH] [PAGE[#anchor]]\n       handbook [--content PATH] COMMAND ...",
        description="Read, search and learn your engineering handbook in the terminal.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_content(main_parser)
    main_parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    main_parser.add_argument(
        "--role", help="onboarding checklist: only items for this role (and for everyone)"
    )
    main_parser.add_argument("page", nargs="?", metavar="PAGE[#anchor]", help="open the app at this page")
    return main_parser


def build_command_parser(name: str) -> argparse.ArgumentParser:
    command = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"handbook {command.name}", description=command.summary)
    _add_content(parser, default=argparse.SUPPRESS)
    command.configure_parser(parser)
    return parser


def split_command(argv: Sequence[str]) -> tuple[str | None, list[str], list[str]]:
    """Find the command word, wherever ``--content PATH`` sits: (command, options before, the rest)."""
    before: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--content", "--role") and i + 1 < len(argv):
            before += [arg, argv[i + 1]]
            i += 2
            continue
        if arg.startswith("-"):
            before.append(arg)
            i += 1
            continue
        if arg in COMMANDS:
            return arg, before, list(argv[i + 1 :])
        break
    return None, list(argv), []


def _run(argv: Sequence[str]) -> int:
    name, before, rest = split_command(argv)
    if name is None:
        main_parser = build_main_parser()
        args, extra = main_parser.parse_known_args(before)
        if extra:
            _reject_extra_words(main_parser, args, extra)
        return run_tui(args)
    top = argparse.ArgumentParser(add_help=False)
    _add_content(top)
    top.add_argument("--role")  # `handbook --role manager progress` as well as `progress --role manager`
    top_args, unknown = top.parse_known_args(before)
    parser = build_command_parser(name)
    if top_args.role is not None and "--role" not in parser.format_usage():
        unknown = ["--role", top_args.role, *unknown]
    if unknown:
        parser.error(f"unrecognized arguments before '{name}': {' '.join(unknown)}")
    args = parser.parse_args(rest)
    if not hasattr(args, "content"):
        args.content = top_args.content
    if getattr(args, "role", None) is None and top_args.role is not None:
        args.role = top_args.role
    return COMMANDS[name].run_with(args)


def close_commands(word: str) -> list[str]:
    """The command a mistyped first word most likely meant (``serach`` → ``search``), if any."""
    import difflib

    return difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.7)


def _reject_extra_words(parser: argparse.ArgumentParser, args: argparse.Namespace, extra: list[str]) -> None:
    """``handbook WORD more…`` where WORD is no command: a mistyped command, or a page given too much.

    Always a usage error (exit 2); the handbook is only opened to tell the two apart.
    """
    word = args.page
    if word is not None:
        hb = open_handbook(args)
        try:
            hb.find(word)
        except PageNotFound as exc:
            close = close_commands(word)
            hint = did_you_mean(close) if close else "; run 'handbook --help' for the commands"
            raise UsageError(f"unknown command {word!r}{hint}") from exc
    parser.error(f"unrecognized arguments: {' '.join(extra)}")


def run_tui(args: argparse.Namespace) -> int:
    """The app at PAGE (or the landing page); into a pipe or a file, the page as ``show`` prints it."""
    interactive = sys.stdout.isatty()
    # The app paints from a first look at the handbook and reads the whole of it after (a cold
    # 4,000-page handbook takes seconds); a pipe gets the page from the real catalog.
    hb = open_handbook(args, quickly=interactive, wanted=args.page)
    try:
        try:
            start = hb.find(args.page) if args.page else None
        except PageNotFound:
            if hb.complete:
                raise
            hb = open_handbook(args)  # not in the first look: only the whole handbook can say
            start = hb.find(args.page)
    except PageNotFound as exc:
        close = close_commands(args.page)
        if close:
            suggestions = did_you_mean(close + exc.suggestions)
            raise UsageError(f"no page or command {args.page!r}{suggestions}") from exc
        raise
    if not interactive:  # full-screen escape codes must never go into a pipe or a file
        from handbook.commands.show import print_page

        return print_page(hb, start or PageRef(hb.landing.path))
    from handbook.tui.app import run_app

    return run_app(hb, start, role=args.role)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show '›' or '—' (an ASCII or Latin-1 locale) gets '?' instead;
        # the work is done by the time we print, and must not end in a UnicodeEncodeError.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    try:
        return _run(argv)
    except PageNotFound as exc:
        err(str(exc))
        return EXIT_NOT_FOUND
    except (UsageError, ConfigError) as exc:
        err(str(exc))
        return EXIT_USAGE
    except HandbookError as exc:
        err(str(exc))
        return EXIT_NOT_FOUND
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # stdout went away (e.g. `handbook show x | head`): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except SystemExit:
        raise
    except Exception as exc:  # a bug: a short message here, the traceback in the log
        log = _log_bug(exc)
        err(f"unexpected error: {type(exc).__name__}: {exc}")
        err(f"this is a bug; details are in {log}" if log else "this is a bug")
        return EXIT_BUG


def _log_bug(exc: BaseException) -> str:
    import traceback

    from handbook.log import log_details

    return log_details("unexpected error", traceback.format_exception(exc))
