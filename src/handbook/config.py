"""The user's config file (TOML): which handbook, theme, keymap, role.

Reading is tolerant: a broken file is reported and the defaults are used. Writing (the app remembers
the theme) goes through tomlkit so the user's comments and layout survive, and is atomic.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook import paths
from handbook.files import write_atomic


class ConfigError(Exception):
    """The config file cannot be written without losing what is in it."""


@dataclass(frozen=True)
class Config:
    content: Path | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    role: str | None = None  # the checklist's role when --role is not given
    site: str | None = None  # the site generator, when detection guesses wrong
    raw: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def _ignored(path: Path, exc: Exception, report: bool) -> Config:
    problem = f"config file {path} ignored: {exc}"
    if report:
        print(f"handbook: {problem}", file=sys.stderr)
    return Config(problems=(problem,))


def load_config(path: Path | None = None, *, report: bool = True) -> Config:
    """Read ``config.toml``. Problems go to stderr (when ``report``) and the defaults are used."""
    path = path or paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        return _ignored(path, exc, report)
    import tomllib  # only when there is a file (most users have none)

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _ignored(path, exc, report)
    problems: list[str] = []
    content = raw.get("content")
    if content is not None and not isinstance(content, str):
        problems.append(f"config file {path}: 'content' must be a path string")
        content = None
    theme = raw.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append(f"config file {path}: 'theme' must be a theme name")
        theme = None
    role, site = raw.get("role"), raw.get("site")
    if role is not None and not isinstance(role, str):
        problems.append(f"config file {path}: 'role' must be a role name")
        role = None
    if site is not None and not isinstance(site, str):
        problems.append(f"config file {path}: 'site' must be a site generator's name")
        site = None
    keymap_raw = raw.get("keymap", {})
    keymap: dict[str, str] = {}
    if isinstance(keymap_raw, dict):
        keymap = {str(k): str(v) for k, v in keymap_raw.items() if isinstance(v, str)}
    else:
        problems.append(f'config file {path}: [keymap] must be a table of binding id = "keys"')
    if report:
        for problem in problems:
            print(f"handbook: {problem}", file=sys.stderr)
    resolved = (path.parent / Path(content).expanduser()) if content else None
    return Config(
        content=resolved,
        theme=theme,
        keymap=keymap,
        role=role.strip() or None if role else None,
        site=site.strip() or None if site else None,
        raw=raw,
        problems=tuple(problems),
    )


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set one top-level key, keeping everything else in the file as the user wrote it."""
    import tomlkit

    path = path or paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as exc:
        raise ConfigError(f"{path} is not valid TOML, so it was left alone: {exc}") from exc
    document[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, tomlkit.dumps(document), durable=True)
    return path
