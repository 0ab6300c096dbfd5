"""Each normalisation step alone, on the shapes real handbooks have."""

from __future__ import annotations

from handbook.content.fences import split_code_blocks
from handbook.content.html_text import badge_words, html_to_markdown
from handbook.content.mojibake import decode, repair_mojibake
from handbook.content.normalise import (
    decode_entities,
    normalise,
    normalise_newlines,
    outside_code,
    split_front_matter,
    strip_comments,
    strip_controls,
)
from handbook.content.shortcodes import emojize_shortcodes, reduce_shortcodes


def test_decode_utf8_and_bom() -> None:
    assert decode("café".encode()) == ("café", [])
    assert decode(b"\xef\xbb\xbfhi") == ("hi", [])


def test_decode_falls_back_to_cp1252_with_a_warning() -> None:
    text, warnings = decode("naïve “quotes”".encode("cp1252"))
    assert text == "naïve “quotes”"
    assert warnings and "Windows-1252" in warnings[0]


def test_mojibake_cp1252_quotes_and_dashes() -> None:
    assert repair_mojibake("Whatâ€™s the SLA â€” really") == "What’s the SLA — really"


def test_mojibake_cp1254_emoji_complete_and_with_lost_bytes() -> None:
    # 🔄 survived whole (F0 9F 94 84); 🏢 lost its third byte and cannot be known, so it goes cleanly.
    assert repair_mojibake("ğŸ”„ Change") == "🔄 Change"
    assert repair_mojibake("# ğŸ¢ PES â€” Handbook") == "# PES — Handbook"


def test_mojibake_mac_roman_emoji() -> None:
    # Mac Roman reads byte F0 as the Apple logo (U+F8FF): the seed holds exactly that.
    assert repair_mojibake("### \uf8ffüèóÔ∏è Build for Scale") == "### 🏗️ Build for Scale"


def test_clean_text_is_left_alone() -> None:
    text = "Plain text, café, naïve, 99.9% — and “quotes”.\n"
    assert repair_mojibake(text) == text


def test_newlines() -> None:
    assert normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


def test_front_matter_parsed_and_removed() -> None:
    fm, body = split_front_matter("---\ntitle: Hello\nweight: 3\n---\n# Body\n")
    assert fm.data == {"title": "Hello", "weight": 3}
    assert body == "# Body\n"
    assert fm.lines == 4


def test_malformed_front_matter_is_a_warning_and_the_page_still_loads() -> None:
    result = normalise("---\ntitle: [unclosed\n---\n# Still here\n")
    assert result.front_matter == {}
    assert "Still here" in result.text
    assert result.warnings and "front matter" in result.warnings[0]


def test_a_thematic_break_is_not_front_matter_when_unclosed() -> None:
    fm, body = split_front_matter("---\njust text\n")
    assert fm.data == {} and body == "---\njust text\n"


def test_comments_removed_without_leaving_blank_lines() -> None:
    assert strip_comments("a\n<!-- one -->\n<!-- two -->\nb <!-- x --> c\n") == "a\nb  c\n"


def test_split_code_blocks_respects_fences() -> None:
    pieces = split_code_blocks("text\n```html\n<div>\n```\nmore\n")
    assert pieces == [(False, "text\n"), (True, "```html\n<div>\n```\n"), (False, "more\n")]


def test_outside_code_leaves_code_spans_and_fences_alone() -> None:
    text = "a <b>bold</b> `<b>code</b>`\n```\n<b>fenced</b>\n```\n"
    out = outside_code(text, html_to_markdown)
    assert "**bold**" in out
    assert "`<b>code</b>`" in out
    assert "<b>fenced</b>" in out


def test_badge_words() -> None:
    assert (
        badge_words("https://img.shields.io/badge/Step_1-Account_Setup-1a472a?style=flat")
        == "Step 1: Account Setup"
    )
    assert badge_words("https://img.shields.io/badge/Uptime-99.9%25-f4a261") == "Uptime: 99.9%"
    assert badge_words("https://img.shields.io/badge/Overview-2d5a3d") == "Overview"
    assert badge_words("https://img.shields.io/badge/on--call-yes-red") == "on-call: yes"


def test_badge_images_become_words_and_rows_become_lists() -> None:
    html = (
        '<img src="https://img.shields.io/badge/Step_1-Account_Setup-1a472a" alt="Step 1">\n'
        '<img src="https://img.shields.io/badge/Step_2-Access-2d5a3d" alt="Step 2">\n'
        "[![Go](https://img.shields.io/badge/Onboarding-1a472a)](#onboarding)\n"
    )
    out = html_to_markdown(html)
    assert out.splitlines() == ["- Step 1: Account Setup", "- Step 2: Access", "- [Onboarding](#onboarding)"]


def test_layout_table_unwrapped_data_table_converted() -> None:
    layout = '<table><tr><td width="50%">\n\n### Left\n- a\n\n</td><td>\n\n### Right\n\n</td></tr></table>'
    out = html_to_markdown(layout)
    assert "<" not in out and "### Left" in out and "### Right" in out
    data = "<table><tr><th>Role</th><th>Who</th></tr><tr><td><b>SRE</b></td><td>@sre | ops</td></tr></table>"
    out = html_to_markdown(data)
    assert "| Role | Who |" in out
    assert "| **SRE** | @sre \\| ops |" in out


def test_html_inline_elements() -> None:
    out = html_to_markdown(
        'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>Next<br/>line. <a href="x.md">X</a> '
        '<details><summary>More</summary>hidden</details> <div align="center">centred</div>'
    )
    assert "`Ctrl`+`C`" in out
    assert "Next\nline" in out
    assert "[X](x.md)" in out
    assert "**More**" in out and "hidden" in out
    assert "<" not in out


def test_unknown_angle_brackets_are_not_html() -> None:
    text = "Replace <service-name> and see <https://example.com>."
    assert html_to_markdown(text) == text


def test_scripts_and_styles_dropped() -> None:
    assert html_to_markdown("a<script>alert(1)</script>b<style>p{}</style>c") == "abc"


def test_entities_decoded() -> None:
    assert decode_entities("tag &amp; sign &mdash; &#8220;x&#8221; &nbsp;y") == "tag & sign — “x”  y"
    assert decode_entities("AT&T and &unknown") == "AT&T and &unknown"


def test_shortcodes_liquid_eleventy() -> None:
    text = (
        'See [classes]({% page "/getting-started/classes/" %}) and [x]({% page "tools/slack" %}); '
        'ask in {% slack_channel "help" %} or {% slack_channel "dc" "the DC channel" %}.\n'
        '{% alert "Heads up" %}\nbody\n{% endalert %}\n'
        '{% comment %}hidden{% endcomment %}{% include "x.html" %}[base]({{site.baseurl}}/about/)\n'
        '{% image "_img/a.png" "a diagram" %}\n'
    )
    out = reduce_shortcodes(text)
    assert "(/getting-started/classes/)" in out
    assert "(/tools/slack)" in out
    assert "#help" in out and "the DC channel" in out
    assert "**Heads up:**" in out and "body" in out
    assert "hidden" not in out and "x.html" not in out and "{" not in out
    assert "(/about/)" in out
    assert "![a diagram](_img/a.png)" in out


def test_shortcodes_hugo_and_gitbook() -> None:
    text = (
        '[a]({{< ref "ops/on-call.md" >}}) {{< hint warning >}}careful{{< /hint >}} '
        '{{% notice tip %}}tip text{{% /notice %}} {{< figure src="a.png" alt="Arch" >}}\n'
        '{% hint style="info" %}gitbook{% endhint %}\n{{< mermaid >}}\ngraph TD\n{{< /mermaid >}}\n'
    )
    out = reduce_shortcodes(text)
    assert "(ops/on-call.md)" in out
    assert "careful" in out and "tip text" in out and "gitbook" in out
    assert "![Arch](a.png)" in out
    assert "```mermaid\n" in out
    assert "{{" not in out and "{%" not in out


def test_controls_and_escape_sequences_removed() -> None:
    text = "red\x1b[31m text\x1b[0m \x1b]0;title\x07 bell\x07 nul\x00 bidi\u202e x\ttab\n"
    assert strip_controls(text) == "red text  bell nul bidi x\ttab\n"


def test_entities_cannot_smuggle_escapes() -> None:
    assert "\x1b" not in normalise("a &#27;[31m b").text


def test_pipeline_end_to_end() -> None:
    raw = (
        "---\r\ntitle: T\r\n---\r\n# Whatâ€™s new &amp; <b>bold</b>\r\n<!-- c -->\r\n"
        '{% page "/x/" %}\r\n```\r\n<!-- kept in code -->\r\n```\r\n'
    ).encode()
    result = normalise(raw)
    assert result.front_matter == {"title": "T"}
    assert result.text.startswith("# What’s new & **bold**\n")
    assert "<!-- kept in code -->" in result.text
    assert "/x/" in result.text
    assert "\r" not in result.text


def test_emoji_shortcodes_become_emoji() -> None:
    assert emojize_shortcodes(":warning: Read this :handshake: :+1::tada:") == "⚠️ Read this 🤝 👍🎉"
    assert (
        emojize_shortcodes("[the deck](https://x.test/edit#):lock:.") == "[the deck](https://x.test/edit#)🔒."
    )


def test_what_only_looks_like_an_emoji_shortcode_stays() -> None:
    for text in (
        "at 10:30:00 sharp",
        "ratio 1:2:3",
        ":foo: is no emoji",
        "std::cat::name",
        "[sqlfluff:rules:L010]",
        "see https://x.test/:smile:/",
        "Note:smile: glued",
    ):
        assert emojize_shortcodes(text) == text


def test_emoji_shortcodes_in_code_stay() -> None:
    body = normalise(":warning: `:warning:`\n\n```\n:warning:\n```\n").text
    assert body == "⚠️ `:warning:`\n\n```\n:warning:\n```\n"
