"""Ranked, section-level search with snippets, typo tolerance, synonyms and page priors.

Candidates: one OR query of the typed words (a question's frame dropped), each word with its other
names (glossary, synonyms) and, while typing, the completions of the last word; BM25F over one field
where the title counts more than headings, headings more than the body. Re-ranking: sections that
cover more of the words rise, a page whose other sections match too lifts its best one, and page
priors (``priors``) apply: a title that is the query wins, linked-to pages and shallow landing pages
come first among equals. Quoted phrases must appear verbatim. A mistyped word is corrected from the
handbook's own vocabulary (``typos``): the results are for the correction, and the words as typed
are offered ("search instead for"; a quoted word is never corrected).
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.highlight import ContextFragmenter, Formatter, highlight
from whoosh.query import And, Or, Query, Term
from whoosh.reading import MultiReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from handbook.content.text import plain_text, readable_text
from handbook.search.analysis import analyzer, terms
from handbook.search.priors import PRIORS_FILE, PagePriors, depth, is_landing, title_similarity
from handbook.search.query import ParsedQuery, parse_query
from handbook.search.schema import TERMS_FIELD
from handbook.search.shard import Shard, index_exists, shard_dirs
from handbook.search.synonyms import Synonyms
from handbook.search.typos import Corrector

Expander = Callable[[str], Sequence[str]]  # a word or the whole query → other ways to say it

CANDIDATES = 60  # sections fetched from the index before re-ranking
COVERAGE_FLOOR = 0.5  # the share of its score a section keeps when it has few of the query words
SIBLINGS = 0.15  # how much a page's other matching sections add to its best one
PER_PAGE = 2  # sections of one page before every page has shown its best
SNIPPET_CHARS = 180
EXPANSION_BOOST = 0.8  # weight of another name of a word (glossary, synonyms) against the word itself
# Page priors (chosen on the `tune` split of tests/relevance/queries.yaml, see benchmarks/relevance.py)
TITLE_WEIGHT = 2.0  # a page title naming the query (similarity 1.0) triples its score; tune: flat from 1 to 3
HEADING_WEIGHT = 0.5  # the same for a section heading (or its heading path), on the section
EXACT_TITLE_BONUS = 1.0  # and a title or heading that *is* the query, whole, wins on top
AUTHORITY_WEIGHT = 0.3  # the most linked-to page of the handbook gets this much more
LANDING_BONUS = 0.05  # a folder's landing page (index, _index, README)
DEPTH_PENALTY = 0.02  # per folder level, at most MAX_DEPTH levels
MAX_DEPTH = 6
N_GRAMS = 3  # word runs of up to this many words are looked up as phrases (glossary, synonyms)


def open_for_reading(directory: Path) -> Any:
    """A shard opened with plain file reads, not mmap: a file truncated under a mapping kills the whole
    process (SIGBUS), while a truncated read is an exception the search can recover from."""
    return FileStorage(str(directory), supports_mmap=False, readonly=True).open_index()


class IndexDamaged(Exception):
    """Reading the index failed (a truncated or missing file): set it aside and build it again."""


@dataclass(frozen=True)
class Hit:
    path: str
    anchor: str
    title: str
    heading: str
    trail: str
    snippet: str  # matched words wrapped in ** **
    score: float

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "anchor": self.anchor,
            "title": self.title,
            "heading": self.heading,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass
class SearchResult:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    suggestion: str = ""  # the query with mistyped words corrected ("showing results for")
    corrected: bool = False  # the hits are for ``suggestion``, not for the words as typed
    original: str = ""  # when corrected: the query to search instead, as typed (its corrected words quoted)

    @property
    def notice(self) -> str:
        """What front ends say about a correction, or ""."""
        if self.corrected:
            return f"showing results for {self.suggestion} · search instead for {self.original}"
        return f"did you mean: {self.suggestion}" if self.suggestion else ""


class MarkFormatter(Formatter):
    """Matched words as **word**; fragments joined with an ellipsis."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{self._text(token.text if replace else text[token.startchar : token.endchar])}**"


class IndexSearcher:
    """Searches the shards of one index; reopens them when an update has committed new data."""

    def __init__(self, directory: Path, synonyms: Synonyms | None = None) -> None:
        self.directory = directory
        self.synonyms = synonyms or Synonyms()
        self._opened: dict[Path, Any] = {}  # shard folder → its open Whoosh index
        self._generations: list[int] = []
        self._searcher: Searcher | None = None
        self._corrector: Corrector | None = None
        self._priors: tuple[int, PagePriors] | None = None  # (side file's mtime, its priors)
        self._title_terms: dict[str, frozenset[str]] = {}
        self._lock = threading.RLock()

    def shard_dirs(self) -> list[Path]:
        return [p for p in shard_dirs(self.directory) if p.is_dir()]

    def available(self) -> bool:
        return any(index_exists(d) for d in self.shard_dirs())

    def searcher(self) -> Searcher | None:
        """A searcher over every readable shard (a damaged one is skipped until the next update).

        Shards stay open between queries; only their generation (a folder listing) is checked, so a
        commit by an update is picked up without re-reading every shard's table of contents per query.
        """
        current = []
        generations = []
        for directory in self.shard_dirs():
            try:
                ix = self._opened.get(directory)
                if ix is None:
                    if not index_exists(directory):
                        continue
                    ix = self._opened[directory] = open_for_reading(directory)
                generations.append(ix.latest_generation())
                current.append(ix)
            except Exception:  # damaged or gone: the next update sets it aside and rebuilds it
                self._opened.pop(directory, None)
        if self._searcher is not None and generations == self._generations:
            return self._searcher
        self.close()
        if not current:
            return None
        self._generations = generations
        # One flat reader over every segment of every shard: nesting multi-segment readers inside a
        # MultiReader makes whoosh3's matchers fail (NotImplementedError in skip_to_quality, IndexError
        # in Or's coordination bonus) as soon as a shard has more than one segment.
        segments = [leaf for ix in current for leaf, _ in ix.reader().leaf_readers()]
        self._searcher = Searcher(MultiReader(segments), weighting=BM25F())
        self._corrector = None
        return self._searcher

    def close(self) -> None:
        searcher, self._searcher = self._searcher, None
        self._generations = []
        if searcher is not None:
            with contextlib.suppress(Exception):  # closing a damaged reader may fail too; it is gone
                searcher.close()

    def corrector(self) -> Corrector:
        if self._corrector is None:
            words: Counter[str] = Counter()
            for directory in self.shard_dirs():
                words.update(Shard(directory).load_vocabulary())
            self._corrector = Corrector(words)
        return self._corrector

    def priors(self) -> PagePriors:
        """The index's page priors, read again only when the side file changed (one stat a query)."""
        try:
            stamp = (self.directory / PRIORS_FILE).stat().st_mtime_ns
        except OSError:
            stamp = 0
        if self._priors is None or self._priors[0] != stamp:
            self._priors = (stamp, PagePriors.load(self.directory) if stamp else PagePriors())
        return self._priors[1]

    def title_terms(self, title: str) -> frozenset[str]:
        """A title's distinct terms (titles repeat across a page's sections and across queries)."""
        found = self._title_terms.get(title)
        if found is None:
            if len(self._title_terms) > 50_000:
                self._title_terms.clear()
            found = self._title_terms[title] = frozenset(terms(title))
        return found

    # ---------------------------------------------------------------- searching

    def search(
        self,
        text: str,
        limit: int = 10,
        *,
        chapters: Sequence[str] = (),
        tags: Sequence[str] = (),
        expand: Expander | None = None,
        prefix: bool = False,
        correct: bool = True,
    ) -> SearchResult:
        """``prefix``: the last word is still being typed (as you type), so its completions match too.
        ``correct``: mistyped words may be corrected (False: search the words exactly as typed)."""
        query = parse_query(text)
        query = ParsedQuery(
            query.text,
            query.words,
            query.phrases,
            [*query.chapters, *chapters],
            [*query.tags, *tags],
            query.verbatim,
        )
        result = SearchResult(query)
        partial = query.words[-1] if prefix and query.words and not text[-1:].isspace() else ""
        try:
            with self._lock:  # one query at a time: a new generation closes the searcher others read
                return self._search(query, result, limit, expand, partial, correct)
        except Exception as exc:  # the index is a cache: anything failing while reading it is damage
            self.close()
            self._opened.clear()
            raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc

    def _search(
        self,
        query: ParsedQuery,
        result: SearchResult,
        limit: int,
        expand: Expander | None,
        partial: str,
        correct: bool,
    ) -> SearchResult:
        searcher = self.searcher()
        if searcher is None or query.is_empty:
            return result
        limit = max(1, min(int(limit), 200))
        expander = self._expander(expand)
        completions = self.corrector().completions(partial) if partial else []
        # The word being typed is incomplete: corrected only when no word of the handbook starts so.
        corrections = self._corrections(query, partial if completions else "") if correct else {}
        if corrections:
            corrected = [corrections.get(w, w) for w in query.words]
            hits = self._run(searcher, query.with_words(corrected), limit, expander, completions)
            if hits:
                result.suggestion = _query_text(query, corrected)
                result.original = _query_text(
                    query, [f'"{w}"' if w in corrections else w for w in query.words]
                )
                result.corrected = True
                result.hits = hits
                return result
        result.hits = self._run(searcher, query, limit, expander, completions)
        return result

    def _expander(self, expand: Expander | None) -> Expander:
        """The glossary's other names for a word or phrase, then the synonyms'."""
        synonyms = self.synonyms.expand
        if expand is None:
            return synonyms

        def both(text: str) -> list[str]:
            return list(dict.fromkeys([*expand(text), *synonyms(text)]))

        return both

    def _corrections(self, query: ParsedQuery, partial: str) -> dict[str, str]:
        """Typed word → the word meant, for the words the vocabulary says were mistyped.

        ``partial`` (a word still being typed, that words of the handbook start with) and quoted
        words are never corrected."""
        corrector = self.corrector()
        verbatim = {w.lower() for w in query.verbatim}
        found: dict[str, str] = {}
        for word in query.words:
            if (partial and word is partial) or word.lower() in verbatim or word.lower() in QUESTION_WORDS:
                continue
            meant = corrector.correct(word)
            if meant:
                found[word] = meant
        return found

    def _run(
        self,
        searcher: Searcher,
        query: ParsedQuery,
        limit: int,
        expand: Expander,
        completions: Sequence[str] = (),
    ) -> list[Hit]:
        words = content_words(query.words)
        by_word: list[list[frozenset[str]]] = []  # per word: sets of terms, any one of which covers it
        clauses: list[Query] = []
        for number, word in enumerate(words):
            forms = terms(word)
            if number == len(words) - 1 and completions:
                forms = list(dict.fromkeys([*forms, *(t for c in completions for t in terms(c))]))
            if forms:
                clauses.append(_word(forms))
            by_word.append([frozenset([t]) for t in forms])
        phrase_terms = [t for t in (terms(p) for p in query.phrases) if t]
        clauses += [And([_word([term]) for term in t]) for t in phrase_terms]
        alternatives = _expansions(query, words, expand, by_word)
        wanted = [w for w in by_word if w] + [[frozenset(t)] for t in phrase_terms]
        if not clauses and not alternatives:
            return []
        pool = max(CANDIDATES, limit * 3) * (3 if query.phrases else 1)
        whoosh_query = (
            Or(clauses + alternatives)
            if len(clauses) + len(alternatives) > 1
            else (clauses + alternatives)[0]
        )
        # Iterate, never list() or len(): Whoosh's Results.__len__ counts every matching document.
        results = searcher.search(whoosh_query, limit=pool, filter=_filters(query), terms=True)
        candidates = []
        for result in results:
            markdown = result.get("markdown", "")
            if query.phrases and not _has_phrases(markdown, query.phrases):
                continue
            matched = {
                text.decode() if isinstance(text, bytes) else text for _, text in result.matched_terms()
            }
            candidates.append(_Candidate(result, float(result.score or 0.0), matched))
        highlight_terms = {term for alternatives in wanted for t in alternatives for term in t}
        ranked = rank(candidates, wanted, self.priors(), self.title_terms)
        return [
            Hit(
                path=c.result["path"],
                anchor=c.result.get("anchor", ""),
                title=c.result.get("title", ""),
                heading=c.result.get("heading", ""),
                trail=c.result.get("trail", ""),
                snippet=snippet(c.result.get("markdown", ""), highlight_terms),
                score=c.final,
            )
            for c in ranked[:limit]
        ]


def _word(word_terms: list[str]) -> Query:
    """One typed word: any of its terms (an identifier's forms)."""
    unique = list(dict.fromkeys(word_terms))
    return Term(TERMS_FIELD, unique[0]) if len(unique) == 1 else Or([Term(TERMS_FIELD, t) for t in unique])


# Words that make a question a question but say nothing about the answer. Dropped from queries
# (only while other words remain), never from the index.
QUESTION_WORDS = frozenset(
    """
    how what where when who whom whose why which do does did done doing can could should would will
    shall may might must i me my mine we our us you your need needs want wants get got there here any
    anything something someone somebody way ways please
    """.split()
)


def content_words(words: list[str]) -> list[str]:
    """A question's content words: its frame (how do I, where can we…) out, while anything is left."""
    kept = [w for w in words if w.lower().strip("?!.,;:") not in QUESTION_WORDS]
    return kept or words


def _query_text(query: ParsedQuery, words: list[str]) -> str:
    """The query again, as words, phrases and filters (for "showing results for")."""
    return " ".join(
        [*words, *(f'"{p}"' for p in query.phrases)]
        + [f"in:{c}" for c in query.chapters]
        + [f"tag:{t}" for t in query.tags]
    )


@dataclass
class _Candidate:
    result: Any
    score: float
    matched: set[str]
    final: float = 0.0


def rank(
    candidates: list[_Candidate],
    wanted: list[list[frozenset[str]]],
    priors: PagePriors | None = None,
    title_terms: Callable[[str], frozenset[str]] = lambda title: frozenset(terms(title)),
) -> list[_Candidate]:
    """Re-rank BM25 candidates: sections that cover more of the query's words rise, and a page whose
    other sections also match lifts its best one (the words of a question are often spread over a
    page's sections); then the page priors. At most two sections of a page come before every page
    has had its best one."""
    if not candidates:
        return []
    priors = priors or PagePriors()

    def coverage(matched: set[str]) -> float:
        if not wanted:
            return 1.0
        return sum(1 for alternatives in wanted if any(t <= matched for t in alternatives)) / len(wanted)

    pages: dict[str, list[_Candidate]] = {}
    exact: set[str] = set()  # pages with a title or heading that is the query
    for c in candidates:
        heading = heading_similarity(
            wanted, c.result.get("heading", ""), c.result.get("trail", ""), title_terms
        )
        if heading >= 1.0:
            exact.add(c.result["path"])
        c.final = (
            c.score
            * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(c.matched))
            * (1 + HEADING_WEIGHT * heading)
        )
        pages.setdefault(c.result["path"], []).append(c)
    page_scores: dict[str, float] = {}
    for path, sections in pages.items():
        sections.sort(key=lambda c: c.final, reverse=True)
        page_matched = set().union(*(c.matched for c in sections))
        best = sections[0].final
        title = title_similarity(wanted, sorted(title_terms(sections[0].result.get("title", ""))))
        if title >= 1.0:
            exact.add(path)
        page_scores[path] = (
            best * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(page_matched))
            + SIBLINGS * sum(c.final for c in sections[1:])
        ) * page_prior(path, title, path in exact, priors)
    order = sorted(pages, key=lambda p: page_scores[p], reverse=True)
    for path in order:
        for c in pages[path]:
            c.final *= page_scores[path] / (pages[path][0].final or 1.0)
    first = [c for p in order for c in pages[p][:PER_PAGE]]
    rest = sorted((c for p in order for c in pages[p][PER_PAGE:]), key=lambda c: c.final, reverse=True)
    return first + rest


def heading_similarity(
    wanted: list[list[frozenset[str]]],
    heading: str,
    trail: str,
    title_terms: Callable[[str], frozenset[str]],
) -> float:
    """How nearly a section's heading (alone, or with the headings above it) names the query."""
    if not heading:
        return 0.0
    alone = title_similarity(wanted, sorted(title_terms(heading)))
    if not trail or trail == heading:
        return alone
    return max(alone, title_similarity(wanted, sorted(title_terms(trail))))


def page_prior(path: str, title: float, exact: bool, priors: PagePriors) -> float:
    """A page's multiplier: its title naming the query, an exact title or heading, its authority,
    and, to break ties, shallow pages and landing pages first."""
    return (
        (1 + TITLE_WEIGHT * title)
        * (1 + (EXACT_TITLE_BONUS if exact else 0.0))
        * (1 + AUTHORITY_WEIGHT * priors.authority.get(path, 0.0))
        * (1 + (LANDING_BONUS if is_landing(path) else 0.0))
        * (1 - DEPTH_PENALTY * min(depth(path), MAX_DEPTH))
    )


def _expansions(
    query: ParsedQuery, words: list[str], expand: Expander, by_word: list[list[frozenset[str]]]
) -> list[Query]:
    """Other ways to say the query, its words or its runs of words (glossary: acronym ↔ expansion;
    synonyms), at a lower weight. Each also covers the words it stands for (added to ``by_word``)."""
    asked: list[tuple[str, int, int]] = []
    whole = query.text.strip()
    if len(query.words) > 1 and whole:
        asked.append((whole, 0, len(words)))
    for size in range(min(N_GRAMS, len(words)), 0, -1):
        asked += [(" ".join(words[i : i + size]), i, i + size) for i in range(len(words) - size + 1)]
    clauses: list[Query] = []
    seen: set[str] = set()
    for text, start, end in asked:
        if not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        for alternative in expand(text):
            alt_terms = terms(alternative)
            if not alt_terms:
                continue
            clauses.append(And([_word([t]) for t in alt_terms], boost=EXPANSION_BOOST))
            for position in range(start, end):
                by_word[position].append(frozenset(alt_terms))
    return clauses


def _filters(query: ParsedQuery) -> Query | None:
    parts: list[Query] = []
    if query.chapters:
        parts.append(Or([Term("chapter", c) for c in query.chapters]))
    if query.tags:
        parts.append(Or([Term("tags", t) for t in query.tags]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def _squash(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _has_phrases(markdown: str, phrases: list[str]) -> bool:
    haystack = _squash(plain_text(markdown))
    return all(_squash(p) in haystack for p in phrases)


_MARK = re.compile(r"\*\*(.+?)\*\*")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_match) pieces, for front ends that style the matched words."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for m in _MARK.finditer(snippet):
        parts += [(snippet[position : m.start()], False), (m.group(1), True)]
        position = m.end()
    parts.append((snippet[position:], False))
    return [p for p in parts if p[0]]


def snippet(markdown: str, highlight_terms: set[str]) -> str:
    """A short passage of the section with the matched words marked; its opening if none match.

    Cut from the section's readable text (the Markdown parsed as the reader parses it), not from a
    regex approximation, which lost underscores and left half-stripped links; a section with no
    text besides its heading shows the heading.
    """
    flat = readable_text(markdown) or " ".join(plain_text(markdown).split())
    if highlight_terms:
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        marked = highlight(flat, highlight_terms, analyzer(), fragmenter, MarkFormatter(), top=1)
        if marked:
            return marked
    return flat[:SNIPPET_CHARS] + ("…" if len(flat) > SNIPPET_CHARS else "")
