"""Every location the app reads or writes, in one place.

platformdirs gives the per-OS conventions; ``HANDBOOK_*_DIR`` variables override them so tests and
scripts can point the app at throw-away folders.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "handbook"
CONFIG_FILE_NAME = "config.toml"


def _dir(env: str, kind: str) -> Path:
    """``$env``, else the platform's folder of this kind (platformdirs is imported only then)."""
    value = os.environ.get(env)
    if value:
        return Path(value).expanduser()
    import platformdirs

    platform_dir = {
        "cache": platformdirs.user_cache_dir,
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
    }[kind]
    return Path(platform_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Rebuildable data: the search index and the page catalog."""
    return _dir("HANDBOOK_CACHE_DIR", "cache")


def data_dir() -> Path:
    """The user's own data (onboarding progress): never thrown away."""
    return _dir("HANDBOOK_DATA_DIR", "data")


def config_dir() -> Path:
    return _dir("HANDBOOK_CONFIG_DIR", "config")


def config_file() -> Path:
    return config_dir() / CONFIG_FILE_NAME


def log_file() -> Path:
    """Where an unexpected error's traceback goes, so the terminal only shows a short message."""
    return cache_dir() / "handbook.log"


def bundled_content() -> Path:
    """The default handbook: inside the installed package, or ``content/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_content"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "content"


def handbook_key(root: Path) -> str:
    """A short stable name for one handbook, so each gets its own cache and progress files.

    The bundled handbook is always ``bundled``: its path changes with every virtual environment it is
    installed into, and a reinstall must not orphan a new hire's progress.
    """
    if root.resolve() == bundled_content().resolve():
        return "bundled"
    resolved = str(root.resolve())
    digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:12]
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in root.resolve().name)[:40] or "root"
    return f"{name}-{digest}"


def handbook_cache_dir(root: Path) -> Path:
    return cache_dir() / handbook_key(root)


def handbook_data_dir(root: Path) -> Path:
    return data_dir() / handbook_key(root)


@dataclass(frozen=True)
class Locations:
    content: Path
    content_source: str
    cache: Path
    data: Path
    config: Path
    config_file: Path
    log: Path


def locations(content: Path, content_source: str) -> Locations:
    return Locations(
        content=content,
        content_source=content_source,
        cache=handbook_cache_dir(content),
        data=handbook_data_dir(content),
        config=config_dir(),
        config_file=config_file(),
        log=log_file(),
    )
