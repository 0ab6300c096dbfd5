"""Sections, anchors, links and task items from normalised Markdown."""

from __future__ import annotations

from handbook.content.parse import parse, slugify


def test_slugify_github_style() -> None:
    assert slugify("What to do when paged?") == "what-to-do-when-paged"
    assert slugify("SEV1 & SEV2: drop everything") == "sev1--sev2-drop-everything"
    assert slugify("🎯 Mission & Vision") == "mission--vision"
    assert slugify("snake_case and v2.1") == "snake_case-and-v21"


def test_one_section_per_heading_with_unique_anchors_and_paths() -> None:
    body = "# Guide\nintro\n## Setup\na\n### Linux\nb\n## Setup\nc\n# Other\n"
    parsed = parse(body, "Guide")
    assert [s.anchor for s in parsed.sections] == ["guide", "setup", "linux", "setup-1", "other"]
    assert [s.level for s in parsed.sections] == [1, 2, 3, 2, 1]
    assert parsed.sections[2].heading_path == ("Guide", "Setup", "Linux")
    assert parsed.sections[3].heading_path == ("Guide", "Setup")
    assert parsed.sections[1].markdown == "## Setup\na\n"
    assert parsed.sections[1].text == "a"


def test_text_before_the_first_heading_is_its_own_section() -> None:
    parsed = parse("Some intro.\n\n## Later\nx\n", "Page")
    assert parsed.sections[0].anchor == "" and parsed.sections[0].title == "Page"
    assert parsed.sections[0].text == "Some intro."
    assert parse("# Only\n", "Page").sections[0].anchor == "only"


def test_headings_inside_code_fences_are_not_sections() -> None:
    body = "# Real\n```markdown\n# Not a heading\n```\n"
    parsed = parse(body, "Real")
    assert [s.anchor for s in parsed.sections] == ["real"]
    assert "# Not a heading" in parsed.sections[0].text


def test_links_with_line_and_section() -> None:
    body = "# A\nsee [the guide](guide.md#setup) and <https://example.com>\n## B\n[![img](x.png)](#a)\n"
    parsed = parse(body, "A")
    assert [(link.href, link.text, link.line, link.section) for link in parsed.links] == [
        ("guide.md#setup", "the guide", 2, "a"),
        ("https://example.com", "https://example.com", 2, "a"),
        ("#a", "img", 4, "b"),
    ]


def test_task_items_checkboxes_and_boxes() -> None:
    body = "# T\n- [ ] open one\n- [x] done one\n\n□ box item\n☑ ticked item\n"
    tasks = parse(body, "T").tasks
    assert [(t.text, t.done) for t in tasks] == [
        ("open one", False),
        ("done one", True),
        ("box item", False),
        ("ticked item", True),
    ]
