"""Ranked, section-level search with snippets, typo tolerance and a "did you mean".

Ranking: BM25F over three pre-analysed fields weighted title > headings > body; each typed word may
match in any of them. Sections that have all the words come first; when they are too few, sections
with some of the words follow, so a partial match still shows. Quoted phrases must appear verbatim
in the section. Words the handbook does not contain are corrected from its own vocabulary and
searched too; those hits come first, and the correction is offered as "did you mean".
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.highlight import ContextFragmenter, Formatter, highlight
from whoosh.query import And, Or, Query, Term
from whoosh.reading import MultiReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.spelling import ListCorrector

from handbook.content.text import plain_text, readable_text
from handbook.search.analysis import analyzer, terms
from handbook.search.query import ParsedQuery, parse_query
from handbook.search.schema import TERMS_FIELD
from handbook.search.shard import Shard, index_exists, shard_dirs

Expander = Callable[[str], Sequence[str]]  # a word or the whole query → other ways to say it

CANDIDATES = 60  # sections fetched from the index before re-ranking
COVERAGE_FLOOR = 0.5  # the share of its score a section keeps when it has few of the query words
SIBLINGS = 0.15  # how much a page's other matching sections add to its best one
PER_PAGE = 2  # sections of one page before every page has shown its best
SNIPPET_CHARS = 180


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
    suggestion: str = ""  # "did you mean" text, when words were corrected
    corrected: bool = False  # the hits include matches for the corrected words


class MarkFormatter(Formatter):
    """Matched words as **word**; fragments joined with an ellipsis."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{self._text(token.text if replace else text[token.startchar : token.endchar])}**"


class IndexSearcher:
    """Searches the shards of one index; reopens them when an update has committed new data."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._opened: dict[Path, Any] = {}  # shard folder → its open Whoosh index
        self._generations: list[int] = []
        self._searcher: Searcher | None = None
        self._corrector: tuple[ListCorrector, Counter[str]] | None = None
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

    def corrector(self) -> tuple[ListCorrector, Counter[str]]:
        if self._corrector is None:
            words: Counter[str] = Counter()
            for directory in self.shard_dirs():
                words.update(Shard(directory).load_vocabulary())
            self._corrector = (ListCorrector(sorted(words)), words)
        return self._corrector

    # ---------------------------------------------------------------- searching

    def search(
        self,
        text: str,
        limit: int = 10,
        *,
        chapters: Sequence[str] = (),
        tags: Sequence[str] = (),
        expand: Expander | None = None,
    ) -> SearchResult:
        query = parse_query(text)
        query = ParsedQuery(
            query.text, query.words, query.phrases, [*query.chapters, *chapters], [*query.tags, *tags]
        )
        result = SearchResult(query)
        try:
            with self._lock:  # one query at a time: a new generation closes the searcher others read
                return self._search(query, result, limit, expand)
        except Exception as exc:  # the index is a cache: anything failing while reading it is damage
            self.close()
            self._opened.clear()
            raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc

    def _search(
        self, query: ParsedQuery, result: SearchResult, limit: int, expand: Expander | None
    ) -> SearchResult:
        searcher = self.searcher()
        if searcher is None or query.is_empty:
            return result
        limit = max(1, min(int(limit), 200))
        hits = self._run(searcher, query, limit, expand)
        unknown = {w for w in query.words if not self._known(searcher, w)}
        corrected = self._correct(query.words, unknown) if unknown else query.words
        if corrected != query.words:
            result.suggestion = " ".join(
                [*corrected, *(f'"{p}"' for p in query.phrases)]
                + [f"in:{c}" for c in query.chapters]
                + [f"tag:{t}" for t in query.tags]
            )
            meant = self._run(searcher, query.with_words(corrected), limit, expand)
            result.corrected = bool(meant)
            seen = {(h.path, h.anchor) for h in meant}  # what was meant leads; the rest follows
            hits = meant + [h for h in hits if (h.path, h.anchor) not in seen]
        result.hits = hits[:limit]
        return result

    def _run(self, searcher: Searcher, query: ParsedQuery, limit: int, expand: Expander | None) -> list[Hit]:
        words = content_words(query.words)
        word_terms = [t for t in (terms(w) for w in words) if t]
        phrase_terms = [t for t in (terms(p) for p in query.phrases) if t]
        clauses: list[Query] = [_word(t) for t in word_terms]
        clauses += [And([_word([term]) for term in t]) for t in phrase_terms]
        alternatives = _expansions(query, expand) if expand is not None else []
        if not clauses and not alternatives:
            return []
        wanted = [frozenset(t) for t in word_terms + phrase_terms]
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
        highlight_terms = {term for t in word_terms + phrase_terms for term in t}
        ranked = rank(candidates, wanted)
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

    @staticmethod
    def _known(searcher: Searcher, word: str) -> bool:
        """True if the index has the word (or it is only stop words, which nothing could correct)."""
        stems = terms(word)
        reader = searcher.reader()
        return not stems or any(reader.doc_frequency(TERMS_FIELD, s) for s in stems)

    def _correct(self, words: list[str], unknown: set[str]) -> list[str]:
        """The ``unknown`` words replaced by the closest, most frequent word the index does know."""
        corrector, counts = self.corrector()
        out = []
        for word in words:
            lowered = word.lower()
            if word not in unknown or not lowered.isalpha() or len(lowered) < 3:
                out.append(word)
                continue
            maxdist = 1 if len(lowered) <= 5 else 2
            candidates = corrector.suggest(lowered, limit=8, maxdist=maxdist, prefix=1)
            if not candidates:
                out.append(word)
                continue
            best = max(
                candidates, key=lambda c: (SequenceMatcher(None, lowered, c).ratio(), counts.get(c, 0))
            )
            out.append(best)
        return out


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
    kept = [w for w in words if w.lower().strip("?!.,;:") not in QUESTION_WORDS]
    return kept or words


@dataclass
class _Candidate:
    result: Any
    score: float
    matched: set[str]
    final: float = 0.0


def rank(candidates: list[_Candidate], wanted: list[frozenset[str]]) -> list[_Candidate]:
    """Re-rank BM25 candidates: sections that cover more of the query's words rise, and a page whose
    other sections also match lifts its best one (the words of a question are often spread over a
    page's sections). At most two sections of a page come before every page has had its best one."""
    if not candidates:
        return []

    def coverage(matched: set[str]) -> float:
        return sum(1 for forms in wanted if forms & matched) / len(wanted) if wanted else 1.0

    pages: dict[str, list[_Candidate]] = {}
    for c in candidates:
        c.final = c.score * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(c.matched))
        pages.setdefault(c.result["path"], []).append(c)
    page_scores: dict[str, float] = {}
    for path, sections in pages.items():
        sections.sort(key=lambda c: c.final, reverse=True)
        page_matched = set().union(*(c.matched for c in sections))
        best = sections[0].final
        page_scores[path] = best * (
            COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(page_matched)
        ) + SIBLINGS * sum(c.final for c in sections[1:])
    order = sorted(pages, key=lambda p: page_scores[p], reverse=True)
    first = [c for p in order for c in pages[p][:PER_PAGE]]
    rest = sorted((c for p in order for c in pages[p][PER_PAGE:]), key=lambda c: c.final, reverse=True)
    return first + rest


def _expansions(query: ParsedQuery, expand: Expander) -> list[Query]:
    """Other ways to say the query or its words (glossary: acronym ↔ expansion), at a lower weight."""
    clauses: list[Query] = []
    asked = [query.text.strip(), *query.words] if len(query.words) > 1 else [*query.words]
    for text in dict.fromkeys(a for a in asked if a):
        for alternative in expand(text):
            alt_terms = terms(alternative)
            if alt_terms:
                clauses.append(And([_word([t]) for t in alt_terms], boost=0.8))
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
