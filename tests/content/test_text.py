"""A section as plain words: the text search snippets are cut from, and the cheap one phrases match."""

from __future__ import annotations

from handbook.content.text import plain_text, readable_text


def test_readable_text_is_what_the_reader_sees() -> None:
    markdown = (
        "## Heartbeats\n\nThe `ops_heartbeat` table: ops_heartbeat (noted_at) is _written_ by **cron**,\n"
        "see [the\nrunbook](https://x.test/run_(book)) and [alerts][a] or [pager].\n\n"
        "[a]: https://x.test/alerts\n[pager]: https://x.test/pager\n"
    )
    assert readable_text(markdown) == (
        "The ops_heartbeat table: ops_heartbeat (noted_at) is written by cron, "
        "see the runbook and alerts or pager."
    )


def test_readable_text_drops_the_lines_of_diagrams_but_keeps_their_words() -> None:
    markdown = (
        "## Layout\n\n```\nsrc/\n├── api/\n│   └── handlers.py\n└── tests/\n```\n\n"
        "```\n+--------+     +---------+\n| client | --> | gateway |\n+--------+     +---------+\n"
        "╔══════╗\n║ db   ║\n╚══════╝\n▀▀▀▀\n```\n\nRun `a -> b` with `x >= 3`.\n"
    )
    assert readable_text(markdown) == "src/ api/ handlers.py tests/ client gateway db Run a -> b with x >= 3."


def test_plain_text_keeps_underscores_inside_words() -> None:
    assert plain_text("ops_heartbeat (noted_at, host) is _written_ __now__") == (
        "ops_heartbeat (noted_at, host) is written now"
    )
