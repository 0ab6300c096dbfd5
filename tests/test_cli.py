"""The ``handbook`` command: in this process where only its output matters (``run_cli``), for real in
subprocesses for the entry point, exit codes, pipes and stream encodings (``run_handbook``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import cli

from .conftest import SEEDS, CliResult, handbook_command, run_cli, run_handbook, write


def content_line(result: CliResult) -> str:
    return next(line for line in result.stdout.splitlines() if line.startswith("content"))


def test_help_lists_every_command() -> None:
    result = run_handbook("--help")
    assert result.returncode == 0
    for name in (
        "search",
        "show",
        "index",
        "define",
        "glossary",
        "progress",
        "check",
        "uncheck",
        "note",
        "start",
        "paths",
    ):
        assert f"  {name} " in result.stdout


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "handbook", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("handbook ")


def test_paths_honour_overrides(isolated_locations: Path) -> None:
    result = run_cli("paths")
    assert result.returncode == 0
    assert "(bundled handbook)" in content_line(result)
    assert str(isolated_locations / "cache") in result.stdout
    assert str(isolated_locations / "data") in result.stdout
    assert str(isolated_locations / "config" / "config.toml") in result.stdout
    # The bundled handbook's folders do not depend on where it is installed.
    assert str(isolated_locations / "data" / "bundled") in result.stdout


def test_content_resolution_order(tmp_path: Path, isolated_locations: Path) -> None:
    flag, env, conf = (tmp_path / n for n in ("flag", "env", "conf"))
    for folder in (flag, env, conf):
        write(folder, "index.md", f"# {folder.name}\n")
    (isolated_locations / "config" / "config.toml").write_text(f'content = "{conf}"\n')
    assert "(config file" in content_line(run_cli("paths"))
    assert str(env) in content_line(run_cli("paths", env={"HANDBOOK_CONTENT": str(env)}))
    both = run_cli("--content", str(flag), "paths", env={"HANDBOOK_CONTENT": str(env)})
    assert str(flag) in content_line(both) and "(--content)" in content_line(both)


def test_broken_config_is_reported_and_ignored(isolated_locations: Path) -> None:
    (isolated_locations / "config" / "config.toml").write_text("content = [unclosed\n")
    result = run_cli("show", "index")
    assert result.returncode == 0
    assert "config file" in result.stderr and "ignored" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_is_plain_markdown_when_piped() -> None:
    result = run_cli("show", "operations/incident-response")
    assert result.returncode == 0
    assert result.stdout.startswith("# ")
    assert "\x1b" not in result.stdout
    assert "| SEV1" in result.stdout.replace("|  SEV1", "| SEV1") or "SEV1" in result.stdout


def test_show_anchor_prints_that_section_only() -> None:
    full = run_cli("show", "operations/incident-response").stdout
    result = run_cli("show", "operations/incident-response.md#severity-levels")
    assert result.returncode == 0
    assert result.stdout.startswith("## Severity levels")
    assert len(result.stdout) < len(full)


@pytest.mark.parametrize("where", ["before", "after"])
def test_content_flag_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    write(tmp_path, "guide.md", "# Guide\n\nHello from a custom handbook.\n")
    args = (
        ["--content", str(tmp_path), "show", "guide"]
        if where == "before"
        else ["show", "--content", str(tmp_path), "guide"]
    )
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "Hello from a custom handbook." in result.stdout


def test_unknown_page_exits_1_with_suggestions() -> None:
    result = run_cli("show", "incident respons")
    assert result.returncode == 1
    assert "no page 'incident respons'; did you mean" in result.stderr
    assert "Incident response" in result.stderr


def test_unknown_anchor_exits_1_and_lists_sections() -> None:
    result = run_cli("show", "faq#no-such-question")
    assert result.returncode == 1
    assert "no section #no-such-question" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["show", "--limit", "x", "faq"], ["--bogus"], ["search", "--limit", "ten", "x"], ["serch"]],
)
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    result = run_handbook(*args)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr


def test_an_unknown_word_is_a_page_that_is_not_there() -> None:
    result = run_cli("frobnicate")
    assert result.returncode == 1
    assert "no page 'frobnicate'" in result.stderr


def test_missing_content_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("--content", str(tmp_path / "nope"), "show", "x")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_every_seed_shows_readable() -> None:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not here")
    for seed in sorted(SEEDS.iterdir()):
        result = run_cli("--content", str(seed), "show", seed.stem)
        assert result.returncode == 0, (seed.name, result.stderr)
        assert "ğŸ" not in result.stdout and "â€" not in result.stdout and "<img" not in result.stdout


def test_a_bug_shows_a_short_message_and_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_locations: Path
) -> None:
    def explode(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "paths", cli.Command("paths", "x", lambda p: None, explode))
    assert cli.main(["paths"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert "unexpected error: RuntimeError: boom" in err and "Traceback" not in err
    log = isolated_locations / "cache" / "handbook.log"
    assert "RuntimeError: boom" in log.read_text()


def test_a_page_into_a_pipe_is_printed_not_the_app(tmp_path: Path) -> None:
    """``handbook PAGE | head``: the page as ``show`` prints it, never the app's escape codes."""
    write(tmp_path, "index.md", "# Home\n\nStart here.\n")
    write(tmp_path, "guide.md", "# Guide\n\nHello from the guide.\n\n## Setup\n\nInstall it.\n")
    page = run_handbook("--content", str(tmp_path), "guide", input_text="")
    assert page.returncode == 0, page.stderr
    assert page.stdout == run_handbook("--content", str(tmp_path), "show", "guide").stdout
    assert page.stdout.startswith("# Guide\n") and "\x1b" not in page.stdout
    section = run_handbook("--content", str(tmp_path), "guide#setup", input_text="")
    assert section.stdout == "## Setup\n\nInstall it.\n"
    landing = run_handbook("--content", str(tmp_path), input_text="")
    assert landing.returncode == 0, landing.stderr
    assert landing.stdout.startswith("# Home\n") and "\x1b" not in landing.stdout


@pytest.mark.parametrize("args", [["serach", "foo"], ["serach", "--limit", "3", "foo"], ["serach"]])
def test_a_mistyped_command_is_suggested(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result
    assert "did you mean 'search'?" in result.stderr
    assert "command" in result.stderr and "unrecognized" not in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_an_unknown_word_with_more_words_is_a_usage_error() -> None:
    result = run_cli("frobnicate", "foo")
    assert result.returncode == 2
    assert "unknown command 'frobnicate'" in result.stderr and "handbook --help" in result.stderr


def test_a_page_whose_name_looks_like_a_command_still_opens(tmp_path: Path) -> None:
    write(tmp_path, "serch.md", "# Serch\n\nA page, not a typo.\n")
    result = run_cli("--content", str(tmp_path), "serch", input_text="")
    assert result.returncode == 0, result.stderr
    assert "A page, not a typo." in result.stdout
    extra = run_cli("--content", str(tmp_path), "serch", "foo")
    assert extra.returncode == 2
    assert "unrecognized arguments: foo" in extra.stderr and "did you mean" not in extra.stderr


def test_show_uses_heading_ids_and_hides_attribute_blocks_and_shortcodes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "team.md",
        "# Team\n\n## Collaboration {#collab .wide}\n\n:handshake: Pair often; `:handshake:` is code.\n",
    )
    page = run_cli("--content", str(tmp_path), "show", "team")
    assert page.returncode == 0, page.stderr
    assert "## Collaboration\n" in page.stdout and "{#" not in page.stdout
    section = run_cli("--content", str(tmp_path), "show", "team#collab")
    assert section.stdout == "## Collaboration\n\n🤝 Pair often; `:handshake:` is code.\n"


STREAM_COMMANDS = [["search", "incident"], ["define", "SLO"], ["progress"], ["show", "faq"]]


@pytest.mark.parametrize("command", STREAM_COMMANDS)
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_to_a_stream_that_cannot_show_unicode(command: list[str], encoding: str) -> None:
    """'›', '—' and '·' on an ASCII or Latin-1 stdout: replaced, never a crash after the work is done."""
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    result = subprocess.run([*handbook_command(), *command], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert b"unexpected error" not in result.stderr
    result.stdout.decode(encoding)  # what was printed is valid in that encoding


def test_show_without_a_page_shows_the_landing_page() -> None:
    result = run_cli("show")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Welcome to the handbook")


def test_config_role_and_site_are_typed(tmp_path: Path) -> None:
    """A role or site of the wrong type is a problem said once, not a value passed along."""
    from handbook.config import load_config

    config_file = tmp_path / "config.toml"
    config_file.write_text('role = " Engineer "\nsite = "mkdocs"\n')
    config = load_config(config_file, report=False)
    assert (config.role, config.site, config.problems) == ("Engineer", "mkdocs", ())
    config_file.write_text("role = 3\nsite = [1]\n")
    config = load_config(config_file, report=False)
    assert config.role is None and config.site is None
    assert any("'role'" in p for p in config.problems) and any("'site'" in p for p in config.problems)
