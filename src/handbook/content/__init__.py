"""Loading, normalising and parsing handbooks. Never imports Textual: the TUI and CLI are clients."""

from handbook.content.handbook import Handbook, HandbookError, PageNotFound, PageRef
from handbook.content.model import Link, LinkTarget, Page, PageInfo, Section, TaskItem
from handbook.suggest import did_you_mean

__all__ = [
    "Handbook",
    "HandbookError",
    "Link",
    "LinkTarget",
    "Page",
    "PageInfo",
    "PageNotFound",
    "PageRef",
    "Section",
    "TaskItem",
    "did_you_mean",
]
