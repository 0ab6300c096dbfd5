"""The core never imports Textual: the CLI commands and other front ends stay light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_core_imports_without_textual() -> None:
    code = (
        "import sys\n"
        "import handbook, handbook.content, handbook.search, handbook.onboarding, handbook.glossary\n"
        "import handbook.paths, handbook.config, handbook.content.text\n"
        "from handbook.content import Handbook\n"
        "hb = Handbook.open()\n"
        "hb.page(hb.landing.path)\n"
        "from handbook.glossary import build_glossary\n"
        "assert build_glossary(hb).lookup('SLO') is not None\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_cli_commands_do_not_import_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from handbook import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['show', 'faq'])\n"
        "assert 'textual' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_app_starts_without_importing_search_glossary_or_onboarding() -> None:
    """The first paint needs the reader only: the rest is imported when a worker or a screen needs it."""
    code = (
        "import sys\n"
        "import handbook.cli, handbook.tui.app\n"
        "late = ['whoosh', 'handbook.search.index', 'handbook.glossary.build',\n"
        "        'handbook.onboarding.discover', 'handbook.tui.screens.search',\n"
        "        'handbook.tui.screens.glossary']\n"
        "print([m for m in late if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_command_names_functions_that_exist() -> None:
    """Commands name their functions as strings (imported when run): each must resolve."""
    from handbook import cli

    for name, command in cli.COMMANDS.items():
        parser = cli.build_command_parser(name)
        assert parser.prog == f"handbook {name}"
        run = cli._imported(command.run) if isinstance(command.run, str) else command.run
        assert callable(run), name


HEAVY = [
    "markdown_it",
    "yaml",
    "whoosh",
    "filelock",
    "asyncio",
    "multiprocessing",
    "tomllib",
    "ftfy",
    "emoji",
    "rich",
    "textual",
    "handbook.content.normalise",
    "handbook.content.parse",
    "handbook.content.links",
    "handbook.glossary",
    "handbook.glossary.build",
    "handbook.onboarding",
    "handbook.onboarding.discover",
    "handbook.onboarding.vocabulary",
    "handbook.search",
    "handbook.search.background",
]


def imported_by_a_warm_run(*argv: str) -> list[str]:
    """The heavy modules a command imports once its caches are warm (a first run makes them)."""
    code = (
        "import sys, io, contextlib\n"
        "from handbook import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main({list(argv)!r})\n"
        "assert code == 0, code\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_warm_progress_reads_caches_only(tmp_path: Path) -> None:
    """No page parsed, no YAML read, no index, no glossary: the catalog, the plan and the progress file."""
    assert imported_by_a_warm_run("progress") == ["handbook.onboarding"]  # the bundled onboarding.yaml
    week_1 = "## Week 1\n\n- Set up your laptop\n- Meet your team\n"
    (tmp_path / "onboarding.md").write_text(f"# Onboarding\n\n{week_1}\n## Week 2\n\n- Ship a change\n")
    (tmp_path / "index.md").write_text("# Home\n")
    assert imported_by_a_warm_run("--content", str(tmp_path), "progress") == ["handbook.onboarding"]


def test_a_warm_search_imports_what_searching_needs() -> None:
    """Whoosh, and markdown-it for the snippets; never the glossary's building, the indexer's lock or
    its worker processes, YAML or the checklist."""
    loaded = imported_by_a_warm_run("search", "deploy")
    assert set(loaded) <= {
        "whoosh",
        "markdown_it",
        "handbook.content.parse",
        "handbook.content.normalise",
        "handbook.search",
        "handbook.glossary",
    }, loaded


def test_show_parses_one_page_and_nothing_else() -> None:
    assert set(imported_by_a_warm_run("show", "faq")) <= {
        "markdown_it",
        "yaml",  # the page's front matter
        "handbook.content.normalise",
        "handbook.content.parse",
        "handbook.content.links",  # its links, as the page shows them
    }
