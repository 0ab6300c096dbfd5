"""Sections, anchors, links and task items from normalised Markdown."""

from __future__ import annotations

from handbook.content.parse import build_sections, slugify


def sections(body: str, title: str = "Page"):  # type: ignore[no-untyped-def]
    return build_sections(body, title)[0]


def test_slugify_github_style() -> None:
    assert slugify("What to do when paged?") == "what-to-do-when-paged"
    assert slugify("SEV1 & SEV2: drop everything") == "sev1--sev2-drop-everything"
    assert slugify("🎯 Mission & Vision") == "mission--vision"
    assert slugify("snake_case and v2.1") == "snake_case-and-v21"


def test_one_section_per_heading_with_unique_anchors_and_paths() -> None:
    found = sections("# Guide\nintro\n## Setup\na\n### Linux\nb\n## Setup\nc\n# Other\n", "Guide")
    assert [s.anchor for s in found] == ["guide", "setup", "linux", "setup-1", "other"]
    assert [s.level for s in found] == [1, 2, 3, 2, 1]
    assert found[2].heading_path == ("Guide", "Setup", "Linux")
    assert found[3].heading_path == ("Guide", "Setup")
    assert found[1].markdown == "## Setup\na\n"
    assert found[1].text == "a"


def test_heading_titles_are_plain_text() -> None:
    found = sections("# The **bold** `code` [link](x.md) title\n")
    assert found[0].title == "The bold code link title"
    assert found[0].anchor == "the-bold-code-link-title"


def test_setext_headings_and_headings_in_quotes() -> None:
    found = sections("Title\n=====\n\ntext\n\n> ## Quoted\n> more\n")
    assert [(s.anchor, s.level) for s in found] == [("title", 1), ("quoted", 2)]


def test_text_before_the_first_heading_is_its_own_section() -> None:
    found = sections("Some intro.\n\n## Later\nx\n")
    assert found[0].anchor == "" and found[0].title == "Page"
    assert found[0].text == "Some intro."
    assert sections("# Only\n")[0].anchor == "only"


def test_headings_inside_code_fences_are_not_sections() -> None:
    found = sections("# Real\n```markdown\n# Not a heading\n```\n", "Real")
    assert [s.anchor for s in found] == ["real"]
    assert "# Not a heading" in found[0].text


def test_links_with_page_line_and_section() -> None:
    found = sections(
        "# A\nsee [the guide](guide.md#setup) and <https://example.com>\n## B\n[![img](x.png)](#a)\n"
    )
    links = [link for s in found for link in s.content.links]
    assert [(link.href, link.text, link.line, link.section) for link in links] == [
        ("guide.md#setup", "the guide", 2, "a"),
        ("https://example.com", "https://example.com", 2, "a"),
        ("#a", "img", 4, "b"),
    ]


def test_reference_links_resolve_across_sections() -> None:
    found = sections("# A\nSee [the guide][g].\n## B\ntext\n\n[g]: guide.md#setup\n")
    assert [(link.href, link.text) for link in found[0].content.links] == [("guide.md#setup", "the guide")]


def test_task_items_checkboxes_and_boxes() -> None:
    found = sections("# T\n- [ ] open one\n- [x] done one\n\n□ box item\n☑ ticked item\n")
    tasks = found[0].content.tasks
    assert [(t.text, t.done) for t in tasks] == [
        ("open one", False),
        ("done one", True),
        ("box item", False),
        ("ticked item", True),
    ]
    assert [t.line for t in tasks] == [2, 3, 5, 6]


def test_heading_attribute_blocks_give_the_anchor_and_are_never_shown() -> None:
    """kramdown / Pandoc / Hugo / MkDocs attr_list: `## Title {#id .class}` shows "Title", anchor "id"."""
    found = sections(
        "# Team {#top}\nintro\n## Collaboration{#collaboration}\nx\n"
        '## Collaboration {#custom-id .class key="a b"}\ny\n### Closing {: #closing } ###\nz\n\n'
        "Setext {#under}\n------\nw\n## Again {#custom-id}\nv\n"
    )
    assert [(s.anchor, s.title) for s in found] == [
        ("top", "Team"),
        ("collaboration", "Collaboration"),
        ("custom-id", "Collaboration"),
        ("closing", "Closing"),
        ("under", "Setext"),
        ("custom-id-1", "Again"),
    ]
    assert [s.markdown.split("\n", 1)[0] for s in found] == [
        "# Team",
        "## Collaboration",
        "## Collaboration",
        "### Closing ###",
        "Setext",
        "## Again",
    ]
    assert "{" not in "".join(s.text for s in found)


def test_braces_that_are_not_attributes_stay_in_the_title() -> None:
    found = sections("# Applying at source{d}\n## {Name and Surname}\n## Sets {a, b}\n## Only {#}\n")
    assert [s.title for s in found] == [
        "Applying at source{d}",
        "{Name and Surname}",
        "Sets {a, b}",
        "Only {#}",
    ]
    assert found[0].anchor == "applying-at-sourced"


def test_a_stray_hash_in_an_id_is_dropped_as_links_to_it_do() -> None:
    """18F writes `{##channel}` and links to `##channel`; the page's lookup strips the hashes."""
    found = sections("## \\#help-wanted Slack channel {##help-wanted-slack-channel}\nx\n")
    assert (found[0].anchor, found[0].title) == ("help-wanted-slack-channel", "#help-wanted Slack channel")
