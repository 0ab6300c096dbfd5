"""The handbook's pages as a tree of folders, in book order."""

from __future__ import annotations

from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from handbook.content import Handbook, PageInfo
from handbook.content.catalog import title_from_name


class PageTree(Tree[str]):
    """Folders → pages. Each page node's data is its path; a folder shows its landing page's title."""

    def __init__(self, handbook: Handbook, **kwargs: object) -> None:
        super().__init__(handbook.title, data=handbook.landing.path, **kwargs)  # type: ignore[arg-type]
        self.handbook = handbook
        self.show_root = False
        self.guide_depth = 2
        self.page_nodes: dict[str, TreeNode[str]] = {}
        self.add_pages()

    def folder_node(self, folder: str, pages_by_path: dict[str, PageInfo]) -> TreeNode[str]:
        if folder == "":
            return self.root
        if folder in self.page_nodes:
            return self.page_nodes[folder]
        parent = self.folder_node(folder.rpartition("/")[0], pages_by_path)
        landing = next(
            (
                pages_by_path[f"{folder}/{n}"]
                for n in ("index.md", "_index.md", "README.md")
                if f"{folder}/{n}" in pages_by_path
            ),
            None,
        )
        label = landing.title if landing else title_from_name(folder.rpartition("/")[2])
        node = parent.add(label, data=landing.path if landing else "")
        self.page_nodes[folder] = node
        return node

    def add_pages(self) -> None:
        by_path = {p.path: p for p in self.handbook.pages}
        for info in self.handbook.pages:
            parent = self.folder_node(info.folder, by_path)
            if info.is_landing and info.folder:
                self.page_nodes.setdefault(f"page:{info.path}", parent)
                continue
            self.page_nodes[f"page:{info.path}"] = parent.add_leaf(info.title, data=info.path)
        self.root.expand()

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
