"""Ranked, section-level search with snippets, typo tolerance and a "did you mean".

Ranking: BM25F over three pre-analysed fields weighted title > headings > body; each typed word may
match in any of them; the words are OR-ed with a coordination bonus, so sections that have all the
words come first but partial matches still show. Quoted phrases must appear verbatim in the section.
When there are few hits, words the handbook does not contain are corrected from its own vocabulary
and searched too, and the correction is offered as "did you mean".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.highlight import ContextFragmenter, Formatter, highlight
from whoosh.query import And, Or, Query, Term
from whoosh.reading import MultiReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.spelling import ListCorrector

from handbook.content.text import plain_text
from handbook.search.analysis import analyzer, terms
from handbook.search.indexer import Shard, index_exists
from handbook.search.query import ParsedQuery, parse_query
from handbook.search.schema import FIELD_WEIGHTS

Expander = Callable[[str], Sequence[str]]  # a word or the whole query → other ways to say it

FEW_HITS = 3  # below this many hits, known words are corrected too (a rarer spelling may be meant)
COORDINATION = 0.8  # how much matching all the words matters (Whoosh's Or "scale")
SNIPPET_CHARS = 180


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
        self._indexes: list[Any] = []
        self._generations: list[int] = []
        self._searcher: Searcher | None = None
        self._corrector: tuple[ListCorrector, Counter[str]] | None = None

    def shard_dirs(self) -> list[Path]:
        return sorted(p for p in self.directory.glob("shard-*") if p.is_dir())

    def available(self) -> bool:
        return any(index_exists(d) for d in self.shard_dirs())

    def searcher(self) -> Searcher | None:
        """A searcher over every readable shard (a damaged one is skipped until the next update)."""
        current = []
        for directory in self.shard_dirs():
            if not index_exists(directory):
                continue
            try:
                current.append((directory, whoosh_index.open_dir(str(directory))))
            except Exception:  # damaged: the next update sets it aside and rebuilds it
                continue
        generations = [ix.latest_generation() for _, ix in current]
        if self._searcher is not None and generations == self._generations:
            return self._searcher
        self.close()
        if not current:
            return None
        self._indexes = [ix for _, ix in current]
        self._generations = generations
        self._searcher = Searcher(MultiReader([ix.reader() for ix in self._indexes]), weighting=BM25F())
        self._corrector = None
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None

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
        searcher = self.searcher()
        if searcher is None or query.is_empty:
            return result
        limit = max(1, min(int(limit), 200))
        hits = self._run(searcher, query, limit, expand)
        unknown = [w for w in query.words if not self._known(searcher, w)]
        if query.words and (unknown or len(hits) < FEW_HITS):
            corrected = self._correct(searcher, query.words)
            if corrected != query.words:
                result.suggestion = " ".join(
                    [*corrected, *(f'"{p}"' for p in query.phrases)]
                    + [f"in:{c}" for c in query.chapters]
                    + [f"tag:{t}" for t in query.tags]
                )
                more = self._run(searcher, query.with_words(corrected), limit, expand)
                result.corrected = bool(more)
                if unknown:  # the corrected words are what was meant: their hits lead
                    hits, more = more, hits
                seen = {(h.path, h.anchor) for h in hits}
                hits += [h for h in more if (h.path, h.anchor) not in seen]
        result.hits = hits[:limit]
        return result

    def _run(self, searcher: Searcher, query: ParsedQuery, limit: int, expand: Expander | None) -> list[Hit]:
        word_terms = [t for t in (terms(w) for w in query.words) if t]
        phrase_terms = [t for t in (terms(p) for p in query.phrases) if t]
        clauses: list[Query] = [_any_field(t) for t in word_terms]
        clauses += [And([_any_field([term]) for term in t]) for t in phrase_terms]
        if expand is not None:
            clauses += _expansions(query, expand)
        if not clauses:
            return []
        whoosh_query = Or(clauses, scale=COORDINATION) if len(clauses) > 1 else clauses[0]
        filters = _filters(query)
        fetch = limit * 4 if query.phrases else limit
        results = searcher.search(whoosh_query, limit=fetch, filter=filters)
        highlight_terms = {term for t in word_terms + phrase_terms for term in t}
        hits: list[Hit] = []
        for found in results:
            markdown = found.get("markdown", "")
            if query.phrases and not _has_phrases(markdown, query.phrases):
                continue
            hits.append(
                Hit(
                    path=found["path"],
                    anchor=found.get("anchor", ""),
                    title=found.get("title", ""),
                    heading=found.get("heading", ""),
                    trail=found.get("trail", ""),
                    snippet=snippet(markdown, highlight_terms),
                    score=float(found.score or 0.0),
                )
            )
            if len(hits) >= limit:
                break
        return hits

    @staticmethod
    def _known(searcher: Searcher, word: str) -> bool:
        """True if the index has the word (or it is only stop words, which nothing could correct)."""
        stems = terms(word)
        reader = searcher.reader()
        return not stems or any(reader.doc_frequency(f, s) for s in stems for f in FIELD_WEIGHTS)

    def _correct(self, searcher: Searcher, words: list[str]) -> list[str]:
        """Words the index does not know, replaced by the closest, most frequent word it does know."""
        corrector, counts = self.corrector()
        out = []
        for word in words:
            lowered = word.lower()
            if self._known(searcher, word) or not lowered.isalpha() or len(lowered) < 3:
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


def _any_field(word_terms: list[str]) -> Query:
    """One typed word: any of its terms (identifier forms), in any field, weighted by field."""
    return Or([Term(f, t, boost=w) for t in dict.fromkeys(word_terms) for f, w in FIELD_WEIGHTS.items()])


def _expansions(query: ParsedQuery, expand: Expander) -> list[Query]:
    """Other ways to say the query or its words (glossary: acronym ↔ expansion), at a lower weight."""
    clauses: list[Query] = []
    asked = [query.text.strip(), *query.words] if len(query.words) > 1 else [*query.words]
    for text in dict.fromkeys(a for a in asked if a):
        for alternative in expand(text):
            alt_terms = terms(alternative)
            if alt_terms:
                clauses.append(And([_any_field([t]) for t in alt_terms], boost=0.8))
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


def snippet(markdown: str, highlight_terms: set[str]) -> str:
    """A short passage of the section with the matched words marked; its opening if none match."""
    text = plain_text(markdown)
    lines = text.split("\n", 1)
    body = lines[1] if len(lines) > 1 and lines[1].strip() else text  # the first line is the heading
    flat = " ".join(body.split())
    if highlight_terms:
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        marked = highlight(flat, highlight_terms, analyzer(), fragmenter, MarkFormatter(), top=1)
        if marked:
            return marked
    return flat[:SNIPPET_CHARS] + ("…" if len(flat) > SNIPPET_CHARS else "")
