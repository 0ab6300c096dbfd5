"""The handbook's pages as a tree, in the site's order (its nav, else its folders)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from handbook.content import Handbook
from handbook.content.sites import TocNode


class PageTree(Tree[str]):
    """The site's table of contents. Each node's data is its page's path ("" for a group heading).

    A folder and its landing page are one node, so "Legal" shows once, expandable, and opens its page.
    """

    def __init__(self, handbook: Handbook, **kwargs: object) -> None:
        super().__init__(handbook.title, data=handbook.landing.path, **kwargs)  # type: ignore[arg-type]
        self.handbook = handbook
        self.show_root = False
        self.guide_depth = 2
        self.page_nodes: dict[str, TreeNode[str]] = {}
        self.add_pages()

    def add_pages(self) -> None:
        self._add(self.root, self.handbook.toc)
        self.root.expand()

    def _add(self, parent: TreeNode[str], entries: list[TocNode]) -> None:
        for entry in entries:
            # Page titles are data: a Text label is never read as markup.
            label = Text(entry.title)
            if entry.children or entry.folder:
                node = parent.add(label, data=entry.path or "")
                self._add(node, entry.children)
            else:
                node = parent.add_leaf(label, data=entry.path or "")
            if entry.path:
                self.page_nodes.setdefault(f"page:{entry.path}", node)

    def select_path(self, path: str) -> None:
        node = self.page_nodes.get(f"page:{path}")
        if node is None:
            return
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        # Line positions exist only once the expanded tree has been laid out again.
        self.call_after_refresh(self.move_cursor, node)
