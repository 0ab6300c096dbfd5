"""The user's config file (TOML). Read-only for now; a broken file is reported, never fatal."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook import paths


class ConfigError(Exception):
    """Kept for callers that want to refuse a broken config outright."""


@dataclass(frozen=True)
class Config:
    content: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def load_config(path: Path | None = None, *, report: bool = True) -> Config:
    """Read ``config.toml``. Problems go to stderr (when ``report``) and the defaults are used."""
    path = path or paths.config_file()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problem = f"config file {path} ignored: {exc}"
        if report:
            print(f"handbook: {problem}", file=sys.stderr)
        return Config(problems=(problem,))
    content = raw.get("content")
    problems: list[str] = []
    if content is not None and not isinstance(content, str):
        problems.append(f"config file {path}: 'content' must be a path string")
        content = None
    if report:
        for problem in problems:
            print(f"handbook: {problem}", file=sys.stderr)
    base = path.parent
    resolved = (base / Path(content).expanduser()) if content else None
    return Config(content=resolved, raw=raw, problems=tuple(problems))
