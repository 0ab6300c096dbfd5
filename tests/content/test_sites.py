"""Site adapters on small repositories written after each generator's documentation, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.content import Handbook

from ..conftest import run_handbook, write


def pages_json(root: Path) -> list[dict[str, object]]:
    result = run_handbook("--content", str(root), "pages", "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def info_json(root: Path) -> dict[str, object]:
    result = run_handbook("--content", str(root), "info", "--json")
    assert result.returncode == 0, result.stderr
    info: dict[str, object] = json.loads(result.stdout)
    return info


def links_of(root: Path, page: str) -> dict[str, dict[str, object]]:
    result = run_handbook("--content", str(root), "show", page, "--json")
    assert result.returncode == 0, result.stderr
    return {link["text"]: link for link in json.loads(result.stdout)["links"]}


@pytest.fixture
def hugo(tmp_path: Path) -> Path:
    root = tmp_path / "hugo-handbook"
    write(root, "hugo.toml", 'baseURL = "https://handbook.example.com/"\ntitle = "Example Handbook"\n')
    write(root, "layouts/_default/list.html", "{{ range .Pages }}{{ .Title }}{{ end }}")
    write(root, "layouts/partials/values.md", "{{ $filterValue }} values")
    write(root, "archetypes/default.md", '---\ntitle: \'{{ replace .Name "-" " " | title }}\'\n---\n')
    write(root, "themes/docsy/README.md", "# Docsy theme\n")
    write(root, "data/glossary.yml", "- term: SLO\n")
    write(root, "DCO.md", "# Developer Certificate of Origin\n")
    write(root, "content/_index.md", "---\ntitle: Handbook home\n---\nWelcome.\n")
    write(root, "content/people/_index.md", "---\ntitle: People\nweight: 2\n---\n")
    write(
        root,
        "content/people/time-off.md",
        "---\ntitle: Time off and leave\nlinkTitle: Time off\nweight: 1\naliases: [/holidays/]\n---\n"
        "## Requesting\nAsk.\n",
    )
    write(root, "content/people/benefits.md", "---\ntitle: Benefits\nweight: 2\nslug: perks\n---\nGood.\n")
    write(root, "content/engineering/_index.md", "---\ntitle: Engineering\nweight: 1\n---\n")
    write(
        root,
        "content/engineering/on-call.md",
        "---\ntitle: On call\n---\n"
        "[Time off](https://handbook.example.com/people/time-off/#requesting)\n"
        "[Old holidays](/holidays/)\n[Perks](/people/perks/)\n[Gone](https://handbook.example.com/nope/)\n",
    )
    return root


def test_hugo_content_root_weights_titles_and_scaffolding(hugo: Path) -> None:
    rows = pages_json(hugo)
    assert [r["path"] for r in rows] == [
        "_index.md",
        "engineering/_index.md",
        "engineering/on-call.md",
        "people/_index.md",
        "people/time-off.md",
        "people/benefits.md",
    ]
    assert rows[4] == {
        "path": "people/time-off.md",
        "title": "Time off",
        "depth": 1,
        "parent": "people/_index.md",
    }
    info = info_json(hugo)
    assert info["kind"] == "hugo"
    assert info["content_root"] == str((hugo / "content").resolve())
    assert info["site_urls"] == ["https://handbook.example.com"]
    assert info["landing"] == "_index.md"
    assert info["title"] == "Example Handbook"


def test_hugo_own_urls_aliases_and_slugs_open_local_pages(hugo: Path) -> None:
    links = links_of(hugo, "engineering/on-call")
    assert links["Time off"]["resolved"] == "people/time-off.md#requesting"
    assert links["Time off"]["kind"] == "page"
    assert links["Old holidays"]["resolved"] == "people/time-off.md"
    assert links["Perks"]["resolved"] == "people/benefits.md"
    assert links["Gone"]["kind"] == "broken" and links["Gone"]["resolved"] is None


def test_hugo_templates_are_never_indexed(hugo: Path) -> None:
    assert run_handbook("--content", str(hugo), "index").returncode == 0
    found = run_handbook("--content", str(hugo), "search", "--json", "filterValue")
    assert json.loads(found.stdout or "[]") == []
    hits = json.loads(run_handbook("--content", str(hugo), "search", "--json", "values").stdout or "[]")
    assert not any("layouts" in h["path"] or "archetypes" in h["path"] for h in hits)
    assert not any(h["path"].startswith(("..", "/")) for h in hits)


def test_mdbook_summary_parts_and_drafts(tmp_path: Path) -> None:
    root = tmp_path / "book"
    write(root, "book.toml", '[book]\ntitle = "Team Book"\nsrc = "src"\n')
    write(
        root,
        "src/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n# Working here\n\n"
        "- [Onboarding](onboarding/README.md)\n    - [First week](onboarding/first-week.md)\n"
        "- [Draft chapter]()\n\n---\n\n[Contributors](misc/contributors.md)\n",
    )
    write(root, "src/README.md", "# Intro\n")
    write(root, "src/onboarding/README.md", "# Onboarding\n")
    write(root, "src/onboarding/first-week.md", "# The first week\n")
    write(root, "src/misc/contributors.md", "# Contributors\n")
    rows = pages_json(root)
    assert [(r["path"], r["title"], r["depth"]) for r in rows] == [
        ("README.md", "Introduction", 0),
        ("onboarding/README.md", "Onboarding", 0),
        ("onboarding/first-week.md", "First week", 1),
        ("misc/contributors.md", "Contributors", 0),
    ]
    assert info_json(root)["kind"] == "mdbook"


def test_docusaurus_sidebar_categories_and_partials(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(
        root,
        "docusaurus.config.js",
        "// @ts-check\nconst config = {\n  title: 'Acme Handbook',\n  url: 'https://acme.dev',\n"
        "  baseUrl: '/handbook/',\n  presets: [['classic', {docs: {sidebarPath: './sidebars.js'}}]],\n};\n"
        "module.exports = config;\n",
    )
    write(
        root,
        "sidebars.js",
        "/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */\n"
        "const sidebars = {\n  handbook: [\n    'intro',\n"
        "    {type: 'category', label: 'People', items: ['people/time-off', 'people/benefits']},\n"
        "    {type: 'autogenerated', dirName: 'guides'},\n  ],\n};\nmodule.exports = sidebars;\n",
    )
    write(root, "docs/intro.md", "---\nsidebar_label: Start here\n---\n# Introduction\n")
    write(
        root,
        "docs/people/time-off.md",
        "# Time off\n[Benefits](https://acme.dev/handbook/docs/people/benefits)\n",
    )
    write(root, "docs/people/benefits.md", "# Benefits\n")
    write(root, "docs/guides/_category_.json", '{"label": "Guides", "position": 3}')
    write(root, "docs/guides/02-deploy.md", "# Deploying\n")
    write(root, "docs/guides/01-setup.md", "---\nsidebar_label: Setup\n---\n# Setting up\n")
    write(root, "docs/guides/_partial.mdx", "A partial included elsewhere.\n")
    write(root, "src/pages/index.js", "export default function Home() {}\n")
    rows = pages_json(root)
    assert [(r["path"], r["title"]) for r in rows] == [
        ("intro.md", "Start here"),
        ("people/time-off.md", "Time off"),
        ("people/benefits.md", "Benefits"),
        ("guides/01-setup.md", "Setup"),
        ("guides/02-deploy.md", "Deploying"),
    ]
    info = info_json(root)
    assert info["kind"] == "docusaurus" and info["site_urls"] == ["https://acme.dev/handbook"]
    assert links_of(root, "people/time-off")["Benefits"]["resolved"] == "people/benefits.md"


def test_gitbook_yaml_root_summary_and_redirects(tmp_path: Path) -> None:
    root = tmp_path / "gitbook"
    write(
        root,
        ".gitbook.yaml",
        "root: ./docs/\nstructure:\n  readme: README.md\n  summary: SUMMARY.md\n"
        "redirects:\n  people/holidays: people/time-off.md\n",
    )
    write(
        root,
        "docs/SUMMARY.md",
        "# Table of contents\u200b\n\n* [Welcome](README.md)\n\n## People\n\n"
        "1. [Legal](/legal.md)\n1. [Time off](people/time-off.md)\n",
    )
    write(root, "docs/README.md", "# Acme\n[Leave](https://handbook.acme.io/people/holidays)\n")
    write(root, "docs/GLOSSARY.md", "## SLO\nService level objective\n")
    write(root, "docs/legal.md", "# Legal\n")
    write(root, "docs/legal/privacy.md", "# Privacy\n")
    write(root, "docs/people/time-off.md", "# Time off\n[Privacy](https://handbook.acme.io/legal/privacy)\n")
    write(root, "docs/people/parental.md", "# Parental leave\n[Home](https://handbook.acme.io/)\n")
    rows = pages_json(root)
    assert [(r["path"], r["title"], r["parent"]) for r in rows] == [
        ("README.md", "Welcome", None),
        ("legal.md", "Legal", None),
        ("legal/privacy.md", "Privacy", "legal.md"),  # one "Legal" node, not "▶ Legal" beside "Legal"
        ("people/time-off.md", "Time off", None),
        ("people/parental.md", "Parental leave", None),
    ]
    hb = Handbook.open(root)
    assert "SUMMARY.md" not in hb.catalog.by_path and "GLOSSARY.md" not in hb.catalog.by_path
    # the own host is inferred: most of its link paths are local pages
    assert links_of(root, "people/time-off")["Privacy"]["resolved"] == "legal/privacy.md"
    assert links_of(root, "README.md")["Leave"]["resolved"] == "people/time-off.md"


def test_nextjs_repository_with_content_and_data(tmp_path: Path) -> None:
    root = tmp_path / "next-handbook"
    write(root, "package.json", '{"name": "handbook", "scripts": {"dev": "next dev"}}')
    write(
        root,
        "README.md",
        "# Handbook site\n\n- [Values](content/values.md)\n- [Hiring](content/hiring.md)\n"
        "- [Benefits](content/people/benefits.md)\n",
    )
    write(root, "data/glossary.yml", "SLO: service level objective\n")
    write(root, "data/README.md", "# Data files\n")
    write(root, "page-templates/policy.md", "# {{ title }}\n")
    for rel in ("values.md", "hiring.md", "people/benefits.md", "people/leave.md"):
        write(root, f"content/{rel}", f"# {rel.rsplit('/', 1)[-1][:-3].title()}\n")
    write(
        root,
        "content/people/leave.md",
        "# Leave\n[Benefits](https://github.com/acme/handbook/blob/main/content/people/benefits.md)\n"
        "[Values](https://github.com/acme/handbook/tree/main/content/values.md)\n",
    )
    rows = pages_json(root)
    assert [r["path"] for r in rows] == ["values.md", "hiring.md", "people/benefits.md", "people/leave.md"]
    info = info_json(root)
    assert info["kind"] == "content-folder"
    assert info["data_dirs"] == [str((root / "data").resolve())]
    assert info["repository_urls"] == ["https://github.com/acme/handbook"]
    links = links_of(root, "people/leave")
    assert links["Benefits"]["resolved"] == "people/benefits.md" and links["Benefits"]["kind"] == "page"


def test_site_is_cached_and_a_nav_change_rebuilds_it(tmp_path: Path) -> None:
    root = tmp_path / "mk"
    write(root, "mkdocs.yml", "site_name: Docs\nnav:\n  - Home: index.md\n  - B: b.md\n  - A: a.md\n")
    for name in ("index", "a", "b"):
        write(root, f"docs/{name}.md", f"# {name}\n")
    assert [r["title"] for r in pages_json(root)] == ["Home", "B", "A"]
    write(root, "docs/.pages", "nav:\n  - a.md\n  - ...\n")  # a new nav file beside the pages
    write(root, "mkdocs.yml", "site_name: Docs\n")
    assert [r["path"] for r in pages_json(root)] == ["index.md", "a.md", "b.md"]
    write(root, "docs/.pages", "nav:\n  - b.md\n  - The A: a.md\n")
    assert [(r["path"], r["title"]) for r in pages_json(root)] == [
        ("index.md", "index"),
        ("b.md", "b"),
        ("a.md", "The A"),
    ]


def test_config_override_and_show_without_page(tmp_path: Path, isolated_locations: Path) -> None:
    root = tmp_path / "plainish"
    write(root, "_config.yml", "title: Not really Jekyll\n")
    write(root, "_notes/secret.md", "# Secret\n")
    write(root, "index.md", "# Front\n")
    assert info_json(root)["kind"] == "jekyll"
    assert "_notes/secret.md" not in [r["path"] for r in pages_json(root)]
    write(isolated_locations / "config", "config.toml", 'site = "plain"\n')
    assert info_json(root)["kind"] == "plain"
    assert "_notes/secret.md" in [r["path"] for r in pages_json(root)]
    shown = run_handbook("--content", str(root), "show")
    assert shown.returncode == 0 and shown.stdout.startswith("# Front")


def test_gatsby_repository_with_contents_folder_and_declared_site_url(tmp_path: Path) -> None:
    """A Gatsby site (PostHog's shape): Markdown under ``contents/``, the site's URL in its config."""
    root = tmp_path / "site"
    write(root, "package.json", '{"name": "site", "homepage": "https://github.com/acme/site"}')
    config = "module.exports = {\n  siteMetadata: { siteUrl: 'https://acme.com' },\n}\n"
    write(root, "gatsby-config.js", config)
    write(root, "README.md", "# The website's code\n")
    write(root, "src/components/README.md", "# Components\n")
    write(root, "contents/docs/index.mdx", "# Product docs\n")
    write(root, "contents/handbook/index.md", "# Handbook\n\nSee [how we work](/handbook/how-we-work).\n")
    write(
        root,
        "contents/handbook/how-we-work.md",
        "# How we work\n\n[Home](https://acme.com/handbook) and [docs](https://www.acme.com/docs/)\n",
    )
    info = info_json(root)
    assert info["kind"] == "content-folder"
    assert info["content_root"] == str((root / "contents").resolve())
    assert info["landing"] == "handbook/index.md"
    assert info["site_urls"] == ["https://acme.com"]
    assert info["repository_urls"] == ["https://github.com/acme/site"]
    paths = [r["path"] for r in pages_json(root)]
    assert sorted(paths) == ["docs/index.mdx", "handbook/how-we-work.md", "handbook/index.md"]
    assert paths[0] == "handbook/index.md"  # the landing page leads
    links = links_of(root, "handbook/how-we-work")
    assert links["Home"]["resolved"] == "handbook/index.md"
    assert links["docs"]["resolved"] == "docs/index.mdx"


def test_a_cname_file_names_the_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root, "CNAME", "handbook.acme.com\n")
    write(root, "content/index.md", "# Home\n\n[Values](https://handbook.acme.com/values/)\n")
    write(root, "content/values.md", "# Values\n")
    write(root, "content/hiring.md", "# Hiring\n")
    assert info_json(root)["site_urls"] == ["https://handbook.acme.com"]
    assert links_of(root, "index")["Values"]["resolved"] == "values.md"
