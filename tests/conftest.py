"""Shared fixtures: every test runs with its own cache, data and config folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
