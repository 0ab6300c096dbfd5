"""Property tests: any bytes at all open as a page, and nothing escapes to the terminal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.content.normalise import normalise
from handbook.content.parse import build_sections

MARKUP = st.sampled_from(
    [
        "# ",
        "## ",
        "\n",
        "\n\n",
        "```",
        "~~~",
        "<div>",
        "</div>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "</table>",
        "<img src='https://img.shields.io/badge/a-b-c'>",
        "<!--",
        "-->",
        "{% page '/x/' %}",
        "{% alert %}",
        "{{< hint >}}",
        "{{< /hint >}}",
        "&amp;",
        "&#27;",
        "\x1b[31m",
        "\x9b2J",
        "---\n",
        "title: x\n",
        "- [ ] ",
        "[a](b.md#c)",
        "`",
        "|",
        "â€™",
        "ğŸ¢",
        "\uf8ffüöÄ",
        "\r\n",
        "\t",
        "    ",
        "* ",
        "> ",
    ]
)
TEXTISH = st.lists(st.one_of(MARKUP, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_normalise_and_parse(data: bytes) -> None:
    result = normalise(data)
    assert "\x1b" not in result.text and "\x9b" not in result.text
    found, _ = build_sections(result.text, "Title")
    assert found
    for section in found:
        assert isinstance(section.text, str)


@settings(max_examples=400, deadline=None)
@given(TEXTISH)
def test_markup_soup_normalises_and_parses(text: str) -> None:
    result = normalise(text)
    assert "\x1b" not in result.text and "\x9b" not in result.text
    found, _ = build_sections(result.text, "Title")
    assert found and all(isinstance(s.content.links, list) for s in found)
    anchors = [s.anchor for s in found if s.anchor]
    assert len(anchors) == len(set(anchors))
