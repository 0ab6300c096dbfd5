"""`handbook index` and `handbook search`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from handbook.commands.common import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, UsageError, err, open_handbook
from handbook.content import Handbook
from handbook.glossary import load_glossary
from handbook.search import IndexBusy, SearchIndex, SearchResult, UpdateStats
from handbook.search.indexer import IndexUnwritable, Progress
from handbook.search.searcher import Expander, IndexDamaged, snippet_parts


def configure_search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print hits as JSON")
    parser.add_argument("--limit", type=int, default=10, help="how many hits (default 10)")
    parser.add_argument(
        "--no-correct", action="store_true", help="search the words exactly as typed (no typo correction)"
    )
    parser.add_argument("query", nargs="+", help='words, "a phrase", in:CHAPTER, tag:TAG')


def configure_index(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="throw the index away and build it again")
    # For the app, which runs this command in the background (handbook.search.background).
    parser.add_argument("--report-json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--wait", type=float, default=600, help=argparse.SUPPRESS)


@contextmanager
def progress_bar(label: str) -> Iterator[Progress | None]:
    """A progress bar on stderr when it is a terminal; nothing when it is not."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report


SEARCH_WAIT = 1.0  # seconds a search waits for another process's update before using what is committed


def update_index(
    index: SearchIndex, *, rebuild: bool = False, label: str = "indexing", wait: float = 600
) -> UpdateStats:
    """Bring the index up to date with a progress bar; raises IndexBusy or IndexUnwritable."""
    with progress_bar(label) as report:
        stats = index.update(report, rebuild=rebuild, wait=wait)
    if stats.rebuilt_because:
        err(f"the search index was rebuilt because {stats.rebuilt_because}")
    for problem in stats.unreadable if stats.touched else []:  # said when it happens, not every search
        err(f"not indexed: {problem}")
    return stats


def prepare_for_search(index: SearchIndex) -> None:
    """Update the index if it can be; else search what it holds, and say why; else stop with the reason."""
    try:
        update_index(index, label="indexing (first search builds the index)", wait=SEARCH_WAIT)
        return
    except IndexBusy:
        problem = "another handbook process is updating the search index"
        if not index.available:
            message = f"{problem} and has not committed anything yet; try again shortly"
            raise SearchUnavailable(message) from None
        err(f"{problem}; searching what it has committed so far")
    except IndexUnwritable as exc:
        if not index.available:
            raise UsageError(str(exc)) from exc
        err(f"{exc}; searching the index as it is")


class SearchUnavailable(Exception):
    """Nothing to search yet: exit 1 with the reason."""


def search_healing(
    index: SearchIndex, query: str, limit: int, expand: Expander | None, *, correct: bool = True
) -> SearchResult:
    """A damaged index is set aside and rebuilt once, with a message; then the search is run again."""
    try:
        return index.search(query, limit, expand=expand, correct=correct)
    except IndexDamaged as exc:
        err(f"the search index was damaged ({exc}); rebuilding it")
    try:
        index.set_aside()
    except IndexBusy as exc:
        raise SearchUnavailable(f"{exc}; try again when it has finished") from exc
    except IndexUnwritable as exc:
        raise UsageError(str(exc)) from exc
    prepare_for_search(index)
    try:
        return index.search(query, limit, expand=expand, correct=correct)
    except IndexDamaged as exc:
        raise SearchUnavailable(f"the search index is still damaged after a rebuild ({exc})") from exc


def _index_for_app(index: SearchIndex, wait: float) -> int:
    """Progress and outcome as JSON lines on stdout; stop (keeping what is committed) when stdin closes."""
    from handbook.search.background import report_line, stats_fields

    cancel = threading.Event()

    def watch_stdin() -> None:
        with contextlib.suppress(OSError, ValueError):
            while sys.stdin.read(4096):
                pass
        cancel.set()

    threading.Thread(target=watch_stdin, daemon=True).start()

    def report(done: int, total: int) -> None:
        print(report_line(done=done, total=total), flush=True)

    try:
        stats = index.update(report, wait=wait, cancel=cancel)
    except IndexBusy as exc:
        print(report_line(busy=str(exc)), flush=True)
        return EXIT_NOT_FOUND
    except IndexUnwritable as exc:
        print(report_line(error=str(exc)), flush=True)
        return EXIT_USAGE
    print(report_line(stats=stats_fields(stats)), flush=True)
    return EXIT_OK


def run_index(args: argparse.Namespace) -> int:
    handbook = open_handbook(args)
    index = SearchIndex(handbook)
    if args.report_json:
        return _index_for_app(index, args.wait)
    try:
        stats = update_index(index, rebuild=args.rebuild)
    except IndexBusy as exc:
        err(f"{exc}; try again when it has finished")
        return EXIT_NOT_FOUND
    except IndexUnwritable as exc:
        raise UsageError(str(exc)) from exc
    what = "rebuilt" if args.rebuild else "up to date"
    print(
        f"{stats.pages} pages, {stats.sections} sections, {stats.seconds:.2f} seconds "
        f"({what}: {stats.added} added, {stats.changed} changed, {stats.removed} removed)"
    )
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    handbook = open_handbook(args)
    if args.limit < 1:
        err("--limit must be at least 1")
        return 2
    index = SearchIndex(handbook)
    query = " ".join(args.query)
    glossary = load_glossary(handbook, build=False)  # expansions if built; never a build here
    try:
        prepare_for_search(index)
        result = search_healing(index, query, args.limit, glossary.expansions, correct=not args.no_correct)
    except SearchUnavailable as exc:
        err(str(exc))
        return EXIT_NOT_FOUND
    term = glossary.lookup(query)
    if term is not None and sys.stdout.isatty() and not args.json:
        aka = f" ({', '.join(term.aliases)})" if term.aliases else ""
        print(f"{term.term}{aka}: {term.definitions[0].text}\n")
    if result.notice:  # "showing results for … · search instead for …", or "did you mean: …"
        err(result.notice)
    if args.json:
        print(json.dumps([_plain_json(hit.as_json()) for hit in result.hits], indent=2, ensure_ascii=False))
    elif sys.stdout.isatty():
        _print_rich(handbook, result.hits)
    else:
        for number, hit in enumerate(result.hits, 1):
            print(f"{number}. {_where(hit.title, hit.heading)}")
            print(f"   {_location(hit.path, hit.anchor)}")
            print(f"   {unmark(hit.snippet)}")
    if not result.hits:
        err(f"nothing found for {query!r}")
        return EXIT_NOT_FOUND
    return EXIT_OK


def unmark(snippet: str) -> str:
    """A snippet without its **match** marks (for pipes and JSON)."""
    return "".join(text for text, _ in snippet_parts(snippet))


def _plain_json(data: dict[str, object]) -> dict[str, object]:
    data["snippet"] = unmark(str(data["snippet"]))
    return data


def _where(title: str, heading: str) -> str:
    return title if not heading or heading == title else f"{title} › {heading}"


def _location(path: str, anchor: str) -> str:
    return f"{path}#{anchor}" if anchor else path


def _print_rich(handbook: Handbook, hits: list) -> None:  # type: ignore[type-arg]
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for number, hit in enumerate(hits, 1):
        console.print(Text.assemble((f"{number}. ", "dim"), (_where(hit.title, hit.heading), "bold")))
        console.print(Text("   " + _location(hit.path, hit.anchor), style="cyan"))
        snippet = Text("   ")
        for text, matched in snippet_parts(hit.snippet):
            snippet.append(text, style="bold yellow" if matched else "")
        console.print(snippet)
