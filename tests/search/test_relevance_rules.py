"""Each relevance rule on its own (page priors, typos, synonyms, questions, prefixes), and each one
working through a real index in a temporary folder."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.content.model import LinkTarget, is_landing
from handbook.search import SearchIndex
from handbook.search.documents import link_hrefs
from handbook.search.priors import (
    PRIORS_FILE,
    PagePriors,
    authority,
    depth,
    in_degrees,
    title_similarity,
)
from handbook.search.searcher import content_words
from handbook.search.synonyms import Synonyms, key, load_groups
from handbook.search.typos import Corrector, edit_budget, typo_cost

from ..conftest import write


def words(*alternatives: str) -> list[list[frozenset[str]]]:
    return [[frozenset([w])] for w in alternatives]


def build(root: Path, pages: dict[str, str]) -> SearchIndex:
    for rel, text in pages.items():
        write(root, rel, text)
    index = SearchIndex(Handbook.open(root))
    index.update()
    return index


def top_paths(index: SearchIndex, query: str, **kwargs: object) -> list[str]:
    paths: list[str] = []
    for hit in index.search(query, 10, **kwargs).hits:  # type: ignore[arg-type]
        if hit.path not in paths:
            paths.append(hit.path)
    return paths


# ---------------------------------------------------------------- page priors, one by one


def test_title_similarity_is_one_only_when_the_title_is_the_query() -> None:
    assert title_similarity(words("valu"), ["valu"]) == 1.0
    assert title_similarity(words("code", "review"), ["code", "review"]) == 1.0
    near = title_similarity(words("code", "review"), ["branch", "code", "review"])
    assert 0.5 < near < 1.0
    assert title_similarity(words("code", "review"), ["code", "tool"]) < near
    assert title_similarity(words("valu"), ["stream"]) == 0.0
    assert title_similarity([], ["valu"]) == 0.0


def test_title_similarity_counts_a_synonym_as_the_word() -> None:
    laptop = [[frozenset(["laptop"]), frozenset(["comput"])]]
    assert title_similarity([*laptop, [frozenset(["setup"])]], ["comput", "setup"]) == 1.0


def test_in_degrees_count_other_pages_once_through_the_resolver() -> None:
    def resolve(href: str, source: str) -> LinkTarget:
        if href.startswith("http"):
            return LinkTarget("external", url=href)
        return LinkTarget("page", path=href.removeprefix("/"))

    links = {
        "a.md": ["/hub.md", "/hub.md", "#top", "https://example.com"],
        "b.md": ["/hub.md", "/b.md"],
        "hub.md": ["/a.md"],
    }
    assert in_degrees(links, resolve) == Counter({"hub.md": 2, "a.md": 1})


def test_authority_is_log_in_degree_scaled_to_the_most_linked_page() -> None:
    scores = authority({"hub.md": 99, "a.md": 9, "b.md": 0})
    assert scores["hub.md"] == 1.0
    assert scores["a.md"] == pytest.approx(0.5, abs=0.01)  # log(10)/log(100)
    assert "b.md" not in scores
    assert authority({}) == {}


def test_depth_and_landing_pages() -> None:
    assert depth("values.md") == 0
    assert depth("team/a/page.md") == 2
    assert depth("team/README.md") == 0  # a landing page stands for its folder
    assert is_landing("a/_index.md") and is_landing("a/index.md") and is_landing("README.md")
    assert not is_landing("a/indexes.md")


def test_priors_side_file_round_trip_and_damage(tmp_path: Path) -> None:
    PagePriors({"a.md": 0.5}).save(tmp_path)
    assert PagePriors.load(tmp_path).authority == {"a.md": 0.5}
    (tmp_path / PRIORS_FILE).write_text('{"version": 1, "authority": {"a.md": "x", "b.md": 0.2}}')
    assert PagePriors.load(tmp_path).authority == {"b.md": 0.2}  # wrong-shape entries dropped
    (tmp_path / PRIORS_FILE).write_text("{not json")
    assert PagePriors.load(tmp_path).authority == {}


def test_link_hrefs_are_scanned_from_markdown_html_and_references() -> None:
    markdown = 'See [a](../a.md#x), [b](b.md "title"), <a href="/c/">c</a> and [d][ref].'
    assert link_hrefs(markdown, {"REF": {"href": "d.md"}}) == ["../a.md#x", "b.md", "/c/", "d.md"]


# ---------------------------------------------------------------- typos, synonyms, questions


def test_edit_budget_grows_with_length() -> None:
    assert [edit_budget(w) for w in ("leev", "leave", "vacation", "onboarding")] == [0, 1, 1, 2]


def test_typo_cost_counts_a_swap_once_and_a_first_letter_twice() -> None:
    assert typo_cost("trasnit", "transit") == 1
    assert typo_cost("rollbak", "rollback") == 1
    assert typo_cost("mocking", "locking") == 2
    assert typo_cost("values", "values") == 0


def test_a_known_word_is_corrected_only_to_a_far_more_frequent_one() -> None:
    corrector = Corrector(Counter({"onboarding": 40, "onbaording": 1, "deploy": 30, "deplay": 2}))
    assert corrector.correct("onbaording") == "onboarding"  # 40 ≥ 20 × 1
    assert corrector.correct("deplay") is None  # 30 < 20 × 2
    assert corrector.correct("onbording") == "onboarding"  # unknown: any word within budget
    assert corrector.correct("leev") is None  # too short to correct


def test_corrections_stay_within_the_budget_and_skip_inflections() -> None:
    corrector = Corrector(Counter({"locking": 500, "rollback": 50, "rollbacks": 50}))
    assert corrector.correct("mocking") is None  # a first-letter change costs two
    assert corrector.correct("rollbak") == "rollback"
    assert Corrector(Counter({"policies": 100})).correct("policy") is None  # same stem


def test_completions_are_the_most_frequent_words_with_the_prefix() -> None:
    corrector = Corrector(Counter({"onboard": 3, "onboarding": 90, "once": 50, "o": 1}))
    assert corrector.completions("onbo") == ["onboarding", "onboard"]
    assert corrector.completions("o") == []


def test_synonym_keys_ignore_inflection_and_punctuation() -> None:
    assert key("On-Call") == key("on call")
    assert key("Laptops") == key("laptop")
    assert key("1:1") == "1 1"


def test_builtin_synonyms_are_symmetric() -> None:
    synonyms = Synonyms()
    assert "computer" in synonyms.expand("laptops")
    assert "laptop" in synonyms.expand("computer")
    assert "time off" in synonyms.expand("PTO") and "pto" in synonyms.expand("time off")
    assert synonyms.expand("kubernetes") == ["k8s"]
    assert synonyms.expand("values") == []


def test_handbook_synonyms_file(tmp_path: Path) -> None:
    write(tmp_path, "synonyms.yaml", "- [laptop, workstation]\n- not a group\n- [ship it, release]\n")
    assert load_groups(tmp_path / "synonyms.yaml") == [["laptop", "workstation"], ["ship it", "release"]]
    synonyms = Synonyms.for_handbook(tmp_path)
    assert "workstation" in synonyms.expand("laptop") and "computer" in synonyms.expand("laptop")
    write(tmp_path, "synonyms.yaml", "laptop: [: bad")
    assert load_groups(tmp_path / "synonyms.yaml") == []


def test_question_frame_is_dropped() -> None:
    assert content_words("how do I request access to an app".split()) == [
        "request",
        "access",
        "to",
        "an",
        "app",
    ]
    assert content_words(["how", "do", "I"]) == ["how", "do", "I"]  # nothing else: kept as typed


# ---------------------------------------------------------------- through a real index

FILLER = "Teams write things down here so the next person can find them.\n"


def test_a_page_titled_as_the_query_wins_over_deep_pages_that_use_the_word_more(tmp_path: Path) -> None:
    index = build(
        tmp_path / "hb",
        {
            "company/values.md": "# Values\n\nWe are kind. We ship small changes.\n",
            "teams/data/pipelines/value-stream.md": (
                "# Mapping the value stream\n\n" + "The value stream shows value added at each step.\n" * 5
            ),
            "templates/okr.md": "# OKR template\n\nValues: state the value you expect.\n",
        },
    )
    assert top_paths(index, "values")[0] == "company/values.md"


def test_linked_to_pages_win_ties_and_authority_follows_updates(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    pages = {
        "eng/code-review.md": "# Code review\n\nEvery change is reviewed before it merges.\n",
        "teams/a/code-review.md": "# Code review\n\nEvery change is reviewed before it merges.\n",
    }
    for n in range(6):
        pages[f"notes/n{n}.md"] = f"# Note {n}\n\n{FILLER}See [the review guide](../eng/code-review.md).\n"
    index = build(root, pages)
    priors = PagePriors.load(index.directory)
    assert priors.authority == {"eng/code-review.md": 1.0}
    assert top_paths(index, "code review")[:2] == ["eng/code-review.md", "teams/a/code-review.md"]
    # Now the other page is the one everybody links to: an incremental update moves authority.
    for n in range(6):
        write(root, f"notes/n{n}.md", f"# Note {n}\n\n{FILLER}See [reviews](../teams/a/code-review.md).\n")
    for n in range(6, 20):
        write(root, f"notes/n{n}.md", f"# Note {n}\n\n{FILLER}[Reviews](/teams/a/code-review.md)\n")
    index = SearchIndex(Handbook.open(root), index.directory)
    index.update()
    assert PagePriors.load(index.directory).authority == {"teams/a/code-review.md": 1.0}
    assert top_paths(index, "code review")[0] == "teams/a/code-review.md"


def test_shallow_and_landing_pages_break_ties(tmp_path: Path) -> None:
    text = "# Deploys\n\nHow deploys work.\n"
    index = build(tmp_path / "hb", {"a/b/c/deploys.md": text, "ops/README.md": text, "x/y/deploys.md": text})
    assert top_paths(index, "deploys")[0] == "ops/README.md"


def test_a_misspelling_present_somewhere_is_still_corrected(tmp_path: Path) -> None:
    pages = {f"p{n}.md": f"# Page {n}\n\nOnboarding step {n}: onboarding buddies.\n" for n in range(12)}
    pages["typo.md"] = "# Old notes\n\nOur onbaording was slow.\n"
    index = build(tmp_path / "hb", pages)
    result = index.search("onbaording", 5)
    assert result.corrected and result.suggestion == "onboarding"
    assert result.original == '"onbaording"'
    assert "showing results for onboarding" in result.notice and '"onbaording"' in result.notice
    assert result.hits[0].path != "typo.md"
    for exact in (index.search('"onbaording"', 5), index.search("onbaording", 5, correct=False)):
        assert not exact.corrected and exact.hits[0].path == "typo.md"


def test_synonyms_find_what_the_page_calls_otherwise(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    index = build(
        root,
        {
            "it/computer-setup.md": "# Computer setup\n\nInstall the agent and turn on disk encryption.\n",
            "people/time-off.md": "# Time off\n\nAsk your manager two weeks ahead.\n",
            "eng/ship.md": "# Shipping\n\nHow we release.\n",
        },
    )
    assert top_paths(index, "laptop setup")[0] == "it/computer-setup.md"
    assert top_paths(index, "PTO")[0] == "people/time-off.md"
    assert top_paths(index, "vacation")[0] == "people/time-off.md"
    assert "eng/ship.md" not in top_paths(index, "launch")
    write(root, "synonyms.yaml", "- [launch, release]\n")
    index = SearchIndex(Handbook.open(root), index.directory)
    assert top_paths(index, "launch")[0] == "eng/ship.md"


def test_questions_prefer_the_section_naming_the_action(tmp_path: Path) -> None:
    index = build(
        tmp_path / "hb",
        {
            "tools/wiki.md": (
                "# Wiki\n\n## Access\n\nThe wiki app needs access; app access is per team. Access to the app "
                "is logged.\n"
            ),
            "process/access.md": (
                "# Accounts\n\n## Request access\n\nFile a ticket to request access to any app.\n"
            ),
        },
    )
    hit = index.search("how do I request access to an app", 5).hits[0]
    assert (hit.path, hit.anchor) == ("process/access.md", "request-access")


def test_the_word_being_typed_matches_its_completions(tmp_path: Path) -> None:
    index = build(
        tmp_path / "hb", {"onboarding.md": "# Onboarding\n\nYour first week.\n", "x.md": "# X\n\nOther.\n"}
    )
    assert index.search("onboa", 5).hits == []
    assert top_paths(index, "onboa", prefix=True) == ["onboarding.md"]
    assert top_paths(index, "first onboa", prefix=True)[0] == "onboarding.md"
    assert index.search("onboa ", 5, prefix=True).hits == []  # a finished word is not a prefix


def test_a_synonyms_file_of_aliases_that_expand_too_far_is_refused(tmp_path: Path) -> None:
    # "A billion laughs": small as written, ten to the eighth values once its aliases are expanded.
    lines = ["- &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"- &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 9)]
    lines += ["- [laptop, computer]"]
    (tmp_path / "synonyms.yaml").write_text("\n".join(lines) + "\n")
    assert load_groups(tmp_path / "synonyms.yaml") == []  # refused, as glossaries and plans are
