"""handbook: read, search and learn a company's engineering handbook in the terminal."""

__version__ = "0.1.0"

from handbook.content import Handbook, Page, PageInfo, Section

__all__ = ["Handbook", "Page", "PageInfo", "Section", "__version__"]
