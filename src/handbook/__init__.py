"""handbook: read, search and learn a company's engineering handbook in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from handbook.content import Handbook, Page, PageInfo, Section

__all__ = ["Handbook", "Page", "PageInfo", "Section", "__version__"]


def __getattr__(name: str) -> Any:
    """The public API, imported on first use: ``import handbook.paths`` must not load the parser."""
    if name in {"Handbook", "Page", "PageInfo", "Section"}:
        import handbook.content

        return getattr(handbook.content, name)
    raise AttributeError(f"module 'handbook' has no attribute {name!r}")
