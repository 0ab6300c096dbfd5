"""handbook: read, search and learn a company's engineering handbook in the terminal."""

from handbook.content import Handbook, Page, PageInfo, Section

__all__ = ["Handbook", "Page", "PageInfo", "Section"]
__version__ = "0.1.0"
