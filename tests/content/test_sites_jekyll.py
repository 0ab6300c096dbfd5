"""Jekyll with the just-the-docs theme: the nav nests pages under the page their ``parent`` names.

The fixture follows just-the-docs' "Navigation: Page levels" documentation: ``parent`` is the parent
page's title (not its folder), ``grand_parent`` tells same-titled parents apart, ``nav_order`` orders
siblings (numbers first), pages without it follow by title, pages without ``parent`` are top level.
"""

from __future__ import annotations

from pathlib import Path

from ..conftest import write
from .test_sites import info_json, pages_json


def page(title: str, **fields: object) -> str:
    lines = [f"title: {title}", *(f"{key}: {value}" for key, value in fields.items())]
    return "---\nlayout: default\n" + "\n".join(lines) + f"\n---\n\n{title} text.\n"


def test_just_the_docs_parents_nest_pages_by_title(tmp_path: Path) -> None:
    root = tmp_path / "jtd"
    write(root, "_config.yml", "title: Acme Engineering\ntheme: just-the-docs\nurl: https://eng.acme.dev\n")
    write(root, "_includes/nav_footer_custom.html", "<p>footer</p>")
    write(root, "index.md", page("Home", nav_order=1))
    write(root, "about.md", page("About"))
    write(root, "docs/onboarding/index.md", page("Onboarding", nav_order=2, has_children="true"))
    write(root, "docs/onboarding/first-week.md", page("First week", parent="Onboarding", nav_order=1))
    write(
        root,
        "docs/onboarding/laptop.md",
        page("Laptop setup", parent="Onboarding", nav_order=2, has_children="true"),
    )
    write(
        root,
        "docs/onboarding/laptop-mac.md",
        page("macOS", parent="Laptop setup", grand_parent="Onboarding"),
    )
    write(root, "docs/practices/index.md", page("Practices", nav_order=3, has_children="true"))
    write(root, "docs/practices/testing.md", page("Testing", parent="Practices"))
    write(root, "docs/practices/code-review.md", page("Code review", parent="Practices"))
    write(root, "docs/practices/setup.md", page("Laptop setup", parent="Practices", has_children="true"))
    write(
        root,
        "docs/practices/setup-linux.md",
        page("Linux", parent="Laptop setup", grand_parent="Practices"),
    )
    write(root, "docs/orphan.md", page("Orphan", parent="Nowhere"))

    rows = pages_json(root)
    assert [(r["path"], r["depth"], r["parent"]) for r in rows] == [
        ("index.md", 0, None),
        ("docs/onboarding/index.md", 0, None),
        ("docs/onboarding/first-week.md", 1, "docs/onboarding/index.md"),
        ("docs/onboarding/laptop.md", 1, "docs/onboarding/index.md"),
        ("docs/onboarding/laptop-mac.md", 2, "docs/onboarding/laptop.md"),
        ("docs/practices/index.md", 0, None),
        ("docs/practices/code-review.md", 1, "docs/practices/index.md"),
        ("docs/practices/setup.md", 1, "docs/practices/index.md"),
        ("docs/practices/setup-linux.md", 2, "docs/practices/setup.md"),
        ("docs/practices/testing.md", 1, "docs/practices/index.md"),
        ("about.md", 0, None),
        ("docs/orphan.md", 0, None),
    ]
    info = info_json(root)
    assert info["kind"] == "jekyll"
    assert any("docs/orphan.md" in p and "Nowhere" in p for p in info["problems"])  # type: ignore[union-attr]


def test_jekyll_without_parents_keeps_its_folders(tmp_path: Path) -> None:
    root = tmp_path / "plain-jekyll"
    write(root, "_config.yml", "title: Handbook\n")
    write(root, "index.md", page("Home"))
    write(root, "people/index.md", page("People"))
    write(root, "people/leave.md", page("Leave"))
    rows = pages_json(root)
    assert [(r["path"], r["depth"]) for r in rows] == [
        ("index.md", 0),
        ("people/index.md", 0),
        ("people/leave.md", 1),
    ]


JEKYLL_NEW_ABOUT = """---
layout: page
title: About
permalink: /about/
---

This is the base Jekyll theme. You can find out more info about customizing your Jekyll theme, as well
as basic Jekyll usage documentation at [jekyllrb.com](https://jekyllrb.com/)
"""


def test_the_about_page_jekyll_new_writes_is_never_the_front_page(tmp_path: Path) -> None:
    """A Jekyll handbook whose home is an HTML layout (no Markdown home) opened on the theme's
    boilerplate "About" page, because "about" is a home-like name."""
    root = tmp_path / "site"
    write(root, "_config.yml", "title: Acme Handbook\nexclude: [README.md]\n")
    write(root, "README.md", "# How to build this site\n")
    write(root, "about.md", JEKYLL_NEW_ABOUT)
    write(root, "meta.md", "---\ntitle: About the Handbook\n---\n\nHow this handbook is written.\n")
    write(root, "src/_company/values.md", "---\ntitle: Values\n---\n\nWhat we value.\n")
    assert info_json(root)["landing"] == "meta.md"
    # An "About" page of the handbook's own is still a home-like front page.
    own = "---\ntitle: About us\n---\n\nWho we are: see [values](src/_company/values.md).\n"
    write(root, "about.md", own)
    assert info_json(root)["landing"] == "about.md"
