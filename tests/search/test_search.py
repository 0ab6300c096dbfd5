"""Search on a real Whoosh index: ranking, identifiers, phrases, filters, typos, snippets."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.content import Handbook
from handbook.search import SearchIndex, Snippet
from handbook.search.analysis import (
    add_spellable,
    add_terms,
    analyzer,
    count_spellable,
    count_terms,
    identifier_forms,
    surface_words,
    terms,
    words_of,
)

from ..conftest import write


def top(index: SearchIndex, query: str, n: int = 1) -> list[str]:
    return [f"{h.path}#{h.anchor}" for h in index.search(query, n).hits]


def test_the_fast_analyzer_gives_the_same_terms_as_the_whoosh_chain() -> None:
    text = "The on-call engineer's HTTPServer uses snake_case, camelCase and v2.1 — déjà vu, naïve café"
    assert terms(text) == [t.text for t in analyzer()(text)]


REAL_TEXT = "The on-call engineer's HTTPServer, the on-call rota and snake_case — déjà vu; Ünïcode ŁÓDŹ x" * 3


@given(st.text(alphabet=st.sampled_from(list("aZé_-.'’/ 1\nİß")) | st.characters(), max_size=80))
@settings(max_examples=200, deadline=None)
def test_counted_terms_and_words_are_what_a_pass_over_the_text_gives(text: str) -> None:
    for sample in (text, REAL_TEXT):
        counted: Counter[str] = Counter()
        add_terms(words_of(sample), counted, 2)
        assert counted == Counter({t: n * 2 for t, n in Counter(terms(sample)).items()})
        spellable: Counter[str] = Counter()
        add_spellable(words_of(sample), spellable)
        assert spellable == Counter(re.findall(r"[^\W\d_]{3,24}", sample.lower()))
        counted_in_c: Counter[str] = Counter()
        count_terms(surface_words(sample), counted_in_c)
        assert counted_in_c == Counter(terms(sample))
        spelled_in_c: Counter[str] = Counter()
        count_spellable(sample, spelled_in_c)
        assert spelled_in_c == spellable


def test_identifier_forms() -> None:
    assert identifier_forms("on-call") == ["on-call", "oncall", "on", "call"]
    assert identifier_forms("snake_case") == ["snake_case", "snakecase", "snake", "case"]
    assert identifier_forms("HttpClient") == ["HttpClient", "Http", "Client"]
    assert identifier_forms("plain") == ["plain"]


def test_section_level_hits_rank_the_answer_first(index: SearchIndex) -> None:
    assert top(index, "acknowledge paged") == ["ops/on-call.md#paging"]
    assert top(index, "handoff note") == ["ops/on-call.md#handing-off-a-shift"]
    assert top(index, "blameless postmortem") == ["ops/incidents.md#postmortems"]


def test_title_outranks_body(index: SearchIndex) -> None:
    hits = index.search("on-call", 5).hits
    assert hits[0].path == "ops/on-call.md"


def test_identifiers_match_whole_joined_and_in_parts(index: SearchIndex) -> None:
    for query in ("snake_case", "snake case", "get_user_name", "user name", "HttpClient", "client", "v2.1"):
        assert top(index, query) == ["dev/python.md#naming"], query
    assert top(index, "oncall")[0].startswith("ops/on-call.md")


def test_partial_matches_still_show_but_full_matches_lead(index: SearchIndex) -> None:
    hits = index.search("canary traffic zebra", 5).hits
    assert hits and hits[0].anchor == "canary-releases"


def test_phrases_must_appear_verbatim(index: SearchIndex) -> None:
    assert top(index, '"one percent of traffic"') == ["dev/deploy.md#canary-releases"]
    assert index.search('"traffic of percent one"', 5).hits == []


def test_filters(index: SearchIndex) -> None:
    assert {h.path for h in index.search("five in:ops", 10).hits} == {"ops/on-call.md", "ops/incidents.md"}
    assert {h.path for h in index.search("five tag:pager", 10).hits} == {"ops/on-call.md"}
    assert index.search("five in:dev", 10).hits == []


def test_typos_are_corrected_with_did_you_mean(index: SearchIndex) -> None:
    result = index.search("postmortm", 3)
    assert result.suggestion == "postmortem"
    assert result.corrected and result.hits[0].anchor == "postmortems"
    result = index.search("canry relase", 3)
    assert result.suggestion == "canary release"
    assert result.hits[0].anchor == "canary-releases"


def test_known_words_are_not_corrected(index: SearchIndex) -> None:
    result = index.search("canary", 3)
    assert result.suggestion == "" and not result.corrected


def marked(snippet: Snippet) -> list[str]:
    return [snippet.text[start:end] for start, end in snippet.marks]


def test_snippets_mark_the_matched_words(index: SearchIndex) -> None:
    hit = index.search("acknowledge", 1).hits[0]
    assert marked(hit.snippet) == ["acknowledge"]
    assert ("acknowledge", True) in hit.snippet.parts()
    hit = index.search("postmortems", 1).hits[0]
    assert "postmortem" in marked(hit.snippet)  # stemmed match is marked too


def test_snippet_marks_are_spans_so_text_with_asterisks_stays_text(tmp_path: Path) -> None:
    """Marks are offsets into the plain text: a page's own ``**`` (code, a glob) is neither taken for a
    mark nor lost, and the matched word is found where it is."""
    write(tmp_path, "globs.md", "# Globs\n\nThe pattern `src/**/*.py` and `a ** b` pick each widget file.\n")
    index = SearchIndex(Handbook.open(tmp_path))
    index.update()
    hit = index.search("widget", 1).hits[0]
    assert "src/**/*.py" in hit.snippet.text and "a ** b" in hit.snippet.text
    assert marked(hit.snippet) == ["widget"]
    assert "".join(piece for piece, _ in hit.snippet.parts()) == hit.snippet.text
    data = hit.as_json()
    assert data["snippet"] == hit.snippet.text
    assert [data["snippet"][s:e] for s, e in data["snippet_marks"]] == ["widget"]


def test_hit_fields(index: SearchIndex) -> None:
    hit = index.search("handoff", 1).hits[0]
    assert hit.as_json().keys() == {"path", "anchor", "title", "heading", "snippet", "snippet_marks", "score"}
    assert (hit.title, hit.heading) == ("On-call guide", "Handing off a shift")
    assert hit.score > 0


def test_glossary_expansion_hook(index: SearchIndex) -> None:
    def expand(text: str) -> list[str]:
        return ["canary release"] if text.lower() == "cr" else []

    assert index.search("cr", 3).hits == []
    assert top(index, "cr") == []
    hits = index.search("cr", 3, expand=expand).hits
    assert hits and hits[0].anchor == "canary-releases"


def test_empty_and_garbage_queries(index: SearchIndex) -> None:
    for query in ("", "   ", '"', "(((", "AND OR NOT", "in:", "tag:", "*", "\x00\x1b[31m"):
        assert isinstance(index.search(query, 5).hits, list)  # never raises
    assert index.search("the and of", 5).hits == []


def test_shards_with_several_segments_are_searchable(index: SearchIndex) -> None:
    """A cold build commits in batches, leaving several segments per shard (Whoosh's multi-segment
    matcher cannot skip by quality; searching must not depend on it)."""
    from whoosh import index as whoosh_index

    for directory in index.indexer.shard_dirs():
        ix = whoosh_index.open_dir(str(directory))
        for n in range(3):
            writer = ix.writer()
            for m in range(30):
                writer.add_document(
                    path=f"extra/{n}-{m}.md",
                    anchor="",
                    title="Extra",
                    heading="Extra",
                    trail="",
                    markdown="five canary",
                    chapter="extra",
                    tags="",
                    terms="extra five canari",
                )
            writer.commit(merge=False)
        assert len(ix.reader().leaf_readers()) > 1
    hits = index.search("five canary", 10).hits
    assert len(hits) == 10


def test_phrases_with_identifiers_match(tmp_path: Path) -> None:
    """Underscores inside identifiers are not emphasis: a quoted `noted_at` phrase finds its section."""
    write(tmp_path, "db.md", "# Database\n\n## Heartbeats\n\nops_heartbeat (noted_at, host) rows.\n")
    index = SearchIndex(Handbook.open(tmp_path))
    index.update()
    assert top(index, '"ops_heartbeat (noted_at"') == ["db.md#heartbeats"]
