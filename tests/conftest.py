"""Shared fixtures: every test runs with its own cache, data and config folders."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"


def needs_shared(path: Path) -> Path:
    """Skip (with the reason) when ../shared is not beside the checkout, as in a user's clone."""
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is only beside the project in development and CI)")
    return path


@pytest.fixture(autouse=True)
def isolated_locations(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    base = tmp_path_factory.mktemp("locations")
    for name in ("CACHE", "DATA", "CONFIG"):
        folder = base / name.lower()
        folder.mkdir()
        monkeypatch.setenv(f"HANDBOOK_{name}_DIR", str(folder))
    monkeypatch.delenv("HANDBOOK_CONTENT", raising=False)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-05")
    return base


@pytest.fixture
def seeds() -> Path:
    return needs_shared(SEEDS)


@pytest.fixture
def corpora() -> Path:
    return needs_shared(CORPORA)


def handbook_command() -> list[str]:
    """The installed ``handbook`` script beside this interpreter, else ``python -m handbook``."""
    script = Path(sys.executable).with_name("handbook")
    if script.exists():
        return [str(script)]
    found = shutil.which("handbook")
    return [found] if found else [sys.executable, "-m", "handbook"]


def run_handbook(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [*handbook_command(), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        input=input_text,
        timeout=120,
    )


@dataclass(frozen=True)
class CliResult:
    """What ``run_cli`` saw: the shape of ``subprocess.CompletedProcess`` the tests read."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(env: dict[str, str] | None, cwd: Path | None) -> Iterator[None]:
    saved, here = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved)


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, input_text: str | None = None
) -> CliResult:
    """``handbook ARGS`` in this process (``handbook.cli.main``), its output captured: for tests that
    check what a command prints and its exit code. Starting a process costs ~0.3 s of CPU per run;
    the entry point, real terminals and stream encodings are tested with ``run_handbook``."""
    from handbook.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(input_text or "")
    with _environment(env, cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        saved_stdin, sys.stdin = sys.stdin, stdin
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version and usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        finally:
            sys.stdin = saved_stdin
    return CliResult(code, out.getvalue(), err.getvalue())


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
