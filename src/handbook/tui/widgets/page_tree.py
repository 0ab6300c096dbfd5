"""The handbook's pages as a tree, in the site's order (its nav, else its folders)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from handbook.content import Handbook
from handbook.content.sites import TocNode


def ancestors_by_path(toc: list[TocNode]) -> dict[str, tuple[TocNode, ...]]:
    """Each page's chain of entries above it (first place it appears), without building any node."""
    found: dict[str, tuple[TocNode, ...]] = {}
    pending: list[tuple[TocNode, tuple[TocNode, ...]]] = [(e, ()) for e in reversed(toc)]
    while pending:  # depth-first, in reading order
        entry, above = pending.pop()
        if entry.path:
            found.setdefault(entry.path, above)
        pending.extend((child, (*above, entry)) for child in reversed(entry.children))
    return found


class PageTree(Tree[str]):
    """The site's table of contents. Each node's data is its page's path ("" for a group heading).

    A folder and its landing page are one node, so "Legal" shows once, expandable, and opens its page.
    Only the top level is built at first: a folder's nodes are added when it is first expanded (a
    4,000-page handbook's full tree cost a large part of the first paint).
    """

    def __init__(self, handbook: Handbook, **kwargs: object) -> None:
        super().__init__(handbook.title, data=handbook.landing.path, **kwargs)  # type: ignore[arg-type]
        self.handbook = handbook
        self.show_root = False
        self.guide_depth = 2
        self.page_nodes: dict[str, TreeNode[str]] = {}
        self._node_of: dict[int, TreeNode[str]] = {}  # id(TocNode) -> its tree node, once built
        self._unbuilt: dict[int, list[TocNode]] = {}  # tree node id -> children not yet added
        self._ancestors = ancestors_by_path(handbook.toc)
        self.add_pages()

    def show_handbook(self, handbook: Handbook) -> None:
        """Another catalog of the same handbook (the whole of it, after a first look)."""
        self.handbook = handbook
        self.clear()
        self.root.set_label(handbook.title)
        self.root.data = handbook.landing.path
        self.page_nodes.clear()
        self._node_of.clear()
        self._unbuilt.clear()
        self._ancestors = ancestors_by_path(handbook.toc)
        self.add_pages()

    def add_pages(self) -> None:
        self._add(self.root, self.handbook.toc)
        self.root.expand()

    def _add(self, parent: TreeNode[str], entries: list[TocNode]) -> None:
        for entry in entries:
            # Page titles are data: a Text label is never read as markup.
            label = Text(entry.title)
            if entry.children or entry.folder:
                node = parent.add(label, data=entry.path or "", allow_expand=True)
                if entry.children:
                    self._unbuilt[node.id] = entry.children
            else:
                node = parent.add_leaf(label, data=entry.path or "")
            self._node_of[id(entry)] = node
            if entry.path:
                self.page_nodes.setdefault(f"page:{entry.path}", node)

    def _build_children(self, node: TreeNode[str]) -> None:
        children = self._unbuilt.pop(node.id, None)
        if children is not None:
            self._add(node, children)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        self._build_children(event.node)

    def select_path(self, path: str) -> None:
        chain = self._ancestors.get(path)
        if chain is None:
            return
        for entry in chain:  # build and open the folders above the page, top down
            above = self._node_of.get(id(entry))
            if above is None:
                return
            self._build_children(above)
            above.expand()
        node = self.page_nodes.get(f"page:{path}")
        if node is None:
            return
        # Line positions exist only once the expanded tree has been laid out again.
        self.call_after_refresh(self.move_cursor, node)
