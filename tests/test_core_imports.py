"""The core never imports Textual: the CLI commands and other front ends stay light."""

from __future__ import annotations

import subprocess
import sys


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
