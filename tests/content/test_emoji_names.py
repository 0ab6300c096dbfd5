"""Shortcode names from the cached table are the ones the ``emoji`` package itself resolves."""

from __future__ import annotations

import json
from pathlib import Path

import emoji
import pytest

from handbook import paths
from handbook.content import emoji_names
from handbook.content.emoji_names import CACHE_NAME, build_table, emoji_for
from handbook.content.shortcodes import _EMOJI_RUN, emojize_shortcodes


@pytest.fixture(autouse=True)
def fresh_table() -> None:
    emoji_names._table.cache_clear()


def test_the_table_resolves_names_as_emojize_does() -> None:
    table = build_table()
    assert len(table) > 3000
    names = sorted(table)
    # Every name would take minutes through emojize (it scans the whole data per name): a spread of
    # them, and the ones an alias and an English name could disagree on.
    english = {data["en"].strip(":") for data in emoji.EMOJI_DATA.values() if data.get("en")}
    aliased = {a.strip(":") for data in emoji.EMOJI_DATA.values() for a in data.get("alias", [])}
    sample = set(names[::9]) | (english & aliased & set(names)) | {"+1", "-1", "warning", "tada", "handshake"}
    for name in sorted(sample):
        assert table[name] == emoji.emojize(f":{name}:", language="alias"), name
    for unknown in ("not_an_emoji_name", "10", "foo-bar"):
        assert unknown not in table and emoji.emojize(f":{unknown}:", language="alias") == f":{unknown}:"


def test_the_table_is_kept_in_the_cache_and_made_again_when_unreadable() -> None:
    assert emoji_for("warning") == "⚠️"
    cache = paths.cache_dir() / CACHE_NAME
    saved = json.loads(cache.read_text(encoding="utf-8"))
    assert saved["names"]["+1"] == "👍"
    saved["names"]["warning"] = "kept"  # what the next process reads, without importing emoji
    cache.write_text(json.dumps(saved), encoding="utf-8")
    emoji_names._table.cache_clear()
    assert emoji_for("warning") == "kept"
    saved["stamp"] = [0, 0]  # another version of the package: made again
    cache.write_text(json.dumps(saved), encoding="utf-8")
    emoji_names._table.cache_clear()
    assert emoji_for("warning") == "⚠️"
    cache.write_text("{ not json", encoding="utf-8")
    emoji_names._table.cache_clear()
    assert emoji_for("tada") == "🎉"
    assert json.loads(cache.read_text(encoding="utf-8"))["names"]["tada"] == "🎉"


def test_pages_read_the_same_as_with_emojize_itself(corpora: Path) -> None:
    """Every shortcode run in the sample handbooks, and some made up, as ``emoji.emojize`` reads it."""
    runs = {":+1::tada:", ":warning::not_a_name::lock:", ":-1:", ":flag-gb:", ":1234:"}
    for page in sorted(corpora.rglob("*.md")):
        runs.update(
            m.group(0) for m in _EMOJI_RUN.finditer(page.read_text(encoding="utf-8", errors="replace"))
        )
    assert len(runs) > 10  # the samples hold a few
    for run in sorted(runs):
        assert emojize_shortcodes(run) == emoji.emojize(run, language="alias"), run
