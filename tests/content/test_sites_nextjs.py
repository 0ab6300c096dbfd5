"""Next.js sites (Nextra 2, Nextra 4, App Router) and MDX pages, run as a user would: ``handbook pages``,
``info``, ``show``; the catalog and search over them."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.content import Handbook
from handbook.content.sites import toc_rows
from handbook.search import SearchIndex

from ..conftest import run_handbook, write
from ..mdx_sites import app_router, docusaurus, nextra2, nextra4
from .test_sites import info_json, links_of, pages_json


def rows_of(root: Path) -> list[tuple[str, str, int]]:
    return [(str(r["path"]), str(r["title"]), int(str(r["depth"]))) for r in pages_json(root)]


def show_text(root: Path, page: str) -> str:
    result = run_handbook("--content", str(root), "show", page)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_nextra2_pages_order_titles_and_what_is_not_a_page(tmp_path: Path) -> None:
    root = nextra2(tmp_path / "nextra2")
    assert rows_of(root) == [
        ("index.mdx", "Introduction", 0),
        ("onboarding/index.mdx", "Onboarding", 0),
        ("onboarding/first-day.md", "Your first day", 1),
        ("onboarding/laptop.mdx", "Laptop setup", 1),
        ("engineering/code-review.mdx", "Code review", 0),  # under a group without a page
        ("engineering/on-call.mdx", "On-call rotation", 0),
    ]
    info = info_json(root)
    assert info["kind"] == "nextjs"
    assert info["title"] == "Acme Handbook"
    assert info["content_root"] == str((root / "pages").resolve())
    assert info["landing"] == "index.mdx"
    assert info["repository_urls"] == ["https://github.com/acme/handbook"]
    assert info["pages"] == 6  # no _app, no api/, no components/ or public/


def test_nextra2_links_by_site_url_and_base_path(tmp_path: Path) -> None:
    root = nextra2(tmp_path / "nextra2")
    home = links_of(root, "index.mdx")
    assert home["onboarding"]["resolved"] == "onboarding/index.mdx"
    assert home["laptop setup"]["resolved"] == "onboarding/laptop.mdx"
    back = links_of(root, "onboarding/first-day")["the laptop"]
    assert back["resolved"] == "onboarding/laptop.mdx#setting-up-your-laptop"
    assert links_of(root, "onboarding/laptop")["your first day"]["resolved"] == "onboarding/first-day.md"


def test_an_mdx_page_shows_as_markdown(tmp_path: Path) -> None:
    root = nextra2(tmp_path / "nextra2")
    text = show_text(root, "onboarding/laptop")
    assert "> **Warning:** Ask IT for **VPN access** on your first morning" in text
    assert "**macOS**\n\nInstall the client with `brew install acmevpn`." in text
    assert "**Windows**\n\nRun the zebracorn installer from the portal." in text
    assert "![Network diagram](/img/network.png)" in text
    for raw in ("import", "export", "<Callout", "<Tabs", "{/*", "TODO", "reviewed", "{600}"):
        assert raw not in text
    page = json.loads(run_handbook("--content", str(root), "show", "onboarding/laptop", "--json").stdout)
    assert page["title"] == "Setting up your laptop"


def test_nextra4_content_dir_meta_js(tmp_path: Path) -> None:
    root = nextra4(tmp_path / "nextra4")
    assert rows_of(root) == [
        ("index.mdx", "Welcome", 0),
        ("people/time-off.mdx", "Time off", 0),
        ("people/benefits.mdx", "Benefits", 0),
        ("people/alpha.mdx", "Alpha policy", 0),
        ("people/zeta.mdx", "Zeta policy", 0),
        ("guides/deploying.mdx", "Deploying", 0),
        ("archive/old-process.md", "Old process", 0),  # display: 'children': no folder of its own
        ("fancy.mdx", "Fancy page", 0),  # a JSX title is left out: the page's own
    ]
    hb = Handbook.open(root)
    groups = [(n.title, n.path) for n in hb.toc if n.path is None]
    assert groups == [("People & culture", None), ("Guides", None)]
    info = info_json(root)
    assert info["title"] == "Acme People Handbook"
    assert info["content_root"] == str((root / "content").resolve())
    assert info["site_urls"] == ["https://handbook.acme.dev"]
    assert info["problems"] == []
    # hidden from the nav, still a page: shown, linked and found
    assert "periwinkle protocol" in show_text(root, "internal-notes")
    links = links_of(root, "guides/deploying")
    assert links["time off"]["resolved"] == "people/time-off.mdx"
    assert links["benefits"]["resolved"] == "people/benefits.mdx"


def test_nextra4_nav_titles_from_front_matter_when_meta_has_none(tmp_path: Path) -> None:
    root = nextra4(tmp_path / "nextra4")
    write(root, "content/people/_meta.ts", "export default { benefits: 'Benefits' }\n")
    rows = dict((path, title) for path, title, _ in rows_of(root))
    assert rows["people/time-off.mdx"] == "Leave"  # sidebarTitle
    hb = Handbook.open(root)
    assert hb.page("people/time-off.mdx").info.title == "Time off and leave"


def test_app_router_pages_are_named_by_their_folder(tmp_path: Path) -> None:
    root = app_router(tmp_path / "app-router")
    assert rows_of(root) == [
        ("page.mdx", "Engineering handbook", 0),
        ("(company)/values/page.mdx", "Our values", 0),  # a route group is no level of the nav
        ("about/page.mdx", "About us", 0),
        ("docs/page.mdx", "Docs", 0),
        ("docs/setup/page.mdx", "Set up your machine", 1),
        ("docs/security/page.md", "Security", 1),
    ]
    info = info_json(root)
    assert info["kind"] == "nextjs" and info["title"] == "Engineering handbook"
    assert info["content_root"] == str((root / "app").resolve())
    links = links_of(root, "docs/setup")
    assert links["security"]["resolved"] == "docs/security/page.md"
    assert links["about"]["resolved"] == "about/page.mdx"
    assert links_of(root, "page.mdx")["setup"]["resolved"] == "docs/setup/page.mdx"
    assert links_of(root, "about")["our values"]["resolved"] == "(company)/values/page.mdx"
    folders = {node.path: node.folder for node in Handbook.open(root).toc}
    assert folders["about/page.mdx"] is False and folders["docs/page.mdx"] is True  # no ▶ on a leaf page
    assert "Run the installer." in show_text(root, "docs/setup") and "<Steps" not in show_text(
        root, "docs/setup"
    )


def test_app_router_page_without_a_heading_is_titled_by_its_folder(tmp_path: Path) -> None:
    root = app_router(tmp_path / "app-router")
    write(root, "app/docs/_meta.js", "export default {}\n")
    hb = Handbook.open(root)
    titles = {row.path: row.title for row in toc_rows(hb.toc)}
    assert titles["docs/security/page.md"] == "Security"
    assert all(row.title != "Page" for row in toc_rows(hb.toc))


def test_a_plain_nextjs_repository_keeps_its_readme_order(tmp_path: Path) -> None:
    root = tmp_path / "next-handbook"
    write(root, "next.config.js", "module.exports = {}\n")
    write(root, "pages/index.tsx", "export default function Home() { return null }\n")
    write(
        root,
        "README.md",
        "# Handbook site\n\n- [Values](content/values.md)\n- [Hiring](content/hiring.md)\n"
        "- [Benefits](content/people/benefits.md)\n",
    )
    write(root, "data/glossary.yml", "SLO: service level objective\n")
    for rel in ("values.md", "hiring.md", "people/benefits.md", "people/leave.md"):
        write(root, f"content/{rel}", f"# {rel.rsplit('/', 1)[-1][:-3].title()}\n")
    assert [p for p, _, _ in rows_of(root)] == [
        "values.md",
        "hiring.md",
        "people/benefits.md",
        "people/leave.md",
    ]
    info = info_json(root)
    assert info["kind"] == "nextjs"
    assert info["data_dirs"] == [str((root / "data").resolve())]


def test_broken_meta_files_are_problems_not_crashes(tmp_path: Path) -> None:
    root = nextra4(tmp_path / "nextra4")
    write(root, "content/people/_meta.ts", "export default function meta() { return {} }\n")
    write(root, "content/guides/_meta.json", "{ not json")
    rows = rows_of(root)
    assert ("people/alpha.mdx", "Alpha policy", 0) in rows and (
        "guides/deploying.mdx",
        "Deploying",
        0,
    ) in rows
    problems = " ".join(str(p) for p in info_json(root)["problems"])  # type: ignore[union-attr]
    assert "_meta.ts" in problems and "_meta.json" in problems


def test_docusaurus_mdx_page(tmp_path: Path) -> None:
    root = docusaurus(tmp_path / "docusaurus")
    assert rows_of(root) == [("intro.md", "Introduction", 0), ("install.mdx", "Install", 0)]
    text = show_text(root, "install")
    assert "> **Before you begin:** You need an **SSO account**." in text
    assert "**macOS**\n\n```bash\nbrew install acme-cli\n```" in text
    assert "**Linux**\n\nUse the marmalade repository: `apt install acme-cli`." in text
    assert "> **Warning:** Never share your token." in text
    assert "**Why a CLI?**" in text
    for raw in ("import", ":::", "<Tabs", "<TabItem", "<details", "<summary"):
        assert raw not in text


def test_search_finds_text_inside_a_callout_and_a_tab(tmp_path: Path) -> None:
    root = nextra2(tmp_path / "nextra2")
    docusaurus(tmp_path / "docs-site")
    index = SearchIndex(Handbook.open(root))
    index.update()
    assert [h.path for h in index.search("quartermaster", 5).hits] == ["onboarding/laptop.mdx"]
    assert [h.path for h in index.search("zebracorn", 5).hits] == ["onboarding/laptop.mdx"]
    assert index.search("nextra components", 5).hits == []  # import lines are not text
    docs = SearchIndex(Handbook.open(tmp_path / "docs-site"))
    docs.update()
    assert [h.path for h in docs.search("marmalade", 5).hits] == ["install.mdx"]


def test_a_cname_or_homepage_names_a_nextjs_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root, "next.config.mjs", "export default {}\n")
    write(root, "package.json", '{"name": "handbook", "homepage": "https://handbook.acme.com"}')
    write(root, "public/CNAME", "handbook.acme.com\n")
    write(root, "pages/index.mdx", "# Home\n\n[Values](https://handbook.acme.com/values)\n")
    write(root, "pages/values.mdx", "# Values\n")
    result = run_handbook("--content", str(root), "info", "--json")
    assert json.loads(result.stdout)["site_urls"] == ["https://handbook.acme.com"]
    shown = json.loads(run_handbook("--content", str(root), "show", "index", "--json").stdout)
    assert {link["text"]: link["resolved"] for link in shown["links"]}["Values"] == "values.mdx"
