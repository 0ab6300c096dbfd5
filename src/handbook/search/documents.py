"""A page → its search documents (one per section). Runs in indexing worker processes.

Everything CPU-heavy per page happens here: reading, normalising, splitting into sections, reducing
Markdown to text, analysing terms. The writer then only adds ready-made documents.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.search.analysis import (
    add_compounds,
    add_spellable,
    add_terms,
    count_spellable,
    count_terms,
    surface_words,
    words_of,
)
from handbook.search.schema import HEADING_REPEAT, MAX_STORED_TEXT, TERMS_FIELD, TITLE_REPEAT


@dataclass(frozen=True)
class PageJob:
    root: str
    path: str
    title: str
    chapter: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class PageDocuments:
    path: str
    size: int
    mtime_ns: int
    digest: str
    documents: list[dict[str, Any]]
    error: str = ""
    # Spellable letter runs, for "did you mean": of its headings, and of text where a capital sigma makes
    # a word's lower case depend on its neighbours. The rest of its text is in ``surface``: its words
    # (repeats and all: the shard counts them in C), whose runs the shard finds once for all its pages
    # (``analysis.add_spellable``) — a page's own count is ``spellable()``.
    words: Counter[str] = field(default_factory=Counter)
    surface: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # hrefs written in the page, for page authority
    acronyms: list[tuple[str, str]] = field(default_factory=list)  # spelled out in its titles

    def spellable(self) -> Counter[str]:
        """The page's spellable letter runs, all counted."""
        counted = self.words.copy()
        add_spellable(Counter(self.surface), counted)
        return counted


def file_digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def page_documents(job: PageJob) -> PageDocuments:
    """Read and split one page. Never raises: a page that cannot be read is reported, not fatal."""
    full = Path(job.root) / job.path
    try:
        stat = full.stat()
        data = full.read_bytes()
    except OSError as exc:
        return PageDocuments(job.path, 0, 0, "", [], error=f"cannot read: {exc.strerror}")
    digest = file_digest(data)
    words: Counter[str] = Counter()
    surface: list[str] = []
    try:
        documents, links = build_documents(job, data, words, surface)
        acronyms = title_acronyms([job.title, *(d["heading"] for d in documents)], job.path)
    except Exception as exc:  # one bad page must not stop the index: report it and go on
        return PageDocuments(job.path, stat.st_size, stat.st_mtime_ns, digest, [], f"{type(exc).__name__}")
    return PageDocuments(
        job.path,
        stat.st_size,
        stat.st_mtime_ns,
        digest,
        documents,
        words=words,
        surface=surface,
        links=links,
        acronyms=acronyms,
    )


def title_acronyms(titles: list[str], source: str) -> list[tuple[str, str]]:
    """Acronyms a page or section title spells out ("Test-Driven Development (TDD)"): the page is
    where the acronym is defined, so a search for it should find the page even where the text below
    only says the words, or only the letters. Found as the glossary finds them in running text."""
    found: dict[str, tuple[str, str]] = {}
    for title in titles:
        if "(" in title:
            from handbook.glossary.acronyms import inline_acronyms

            for entry in inline_acronyms(title, source):
                found.setdefault(entry.term.lower(), (entry.term, entry.definition))
    return list(found.values())


# Link scans stop at the next `]` (where the next try starts): linear on `](` repeated, not quadratic.
_LINK_TARGET = re.compile(r"\]\((?:[^()\]\n]|\([^()\]\n]*+\))*+\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)


def searchable(markdown: str) -> str:
    """The words of a section for matching: Markdown punctuation is ignored by the tokenizer anyway,
    so only link targets (URLs and paths, noise for matching) need to go. Much cheaper than the full
    parse of ``readable_text``, which only runs for the few snippets a query shows."""
    if "](" in markdown:
        markdown = _LINK_TARGET.sub("]", markdown)
    if "]:" in markdown:
        markdown = _REF_DEF.sub("", markdown)
    return markdown


_INLINE_HREF = re.compile(
    r"\]\(\s*+<?([^()\s<>\]]++(?:\([^()\s\]]*+\)[^()\s<>\]]*+)*+)>?(?:\s+[\"'(][^\n)\]]*+)?\)"
)
_HTML_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def link_hrefs(markdown: str, references: dict[str, Any]) -> list[str]:
    """The hrefs a page's Markdown links to: inline links, HTML links and ``[label]: url`` definitions.

    A scan, not a parse: the authority prior only counts which pages are linked, and the full inline
    parse that ``Page.links`` does would cost more than the rest of indexing a page.
    """
    hrefs = _INLINE_HREF.findall(markdown) if "](" in markdown else []
    if "href" in markdown:
        hrefs += _HTML_HREF.findall(markdown)
    hrefs += [str(ref.get("href", "")) for ref in references.values() if isinstance(ref, dict)]
    return [h for h in hrefs if h]


_BRACKETED = re.compile(r"\[([^\[\]]{1,999})\]")


def references_used(markdown: str, references: dict[str, Any]) -> dict[str, Any]:
    """The page's ``[label]: url`` definitions that this section's ``[text][label]`` links use.

    Stored with the section's Markdown, so its snippet can be parsed alone and still show such a link
    as its words, without brackets.
    """
    if not references or "[" not in markdown:
        return {}
    labels = {" ".join(m.group(1).split()).lower().upper() for m in _BRACKETED.finditer(markdown)}
    return {label: ref for label, ref in references.items() if label in labels}


def build_documents(
    job: PageJob, data: bytes, words: Counter[str] | None = None, surface: list[str] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """The page's search documents (one per section) and the hrefs it links to; ``words`` gets the
    spellable letter runs of its headings and text (for "did you mean"), or, given ``surface``, the
    text's words go there, for their runs to be found later, once per distinct word."""
    # The normaliser and markdown-it here: a search that finds the index up to date imports neither.
    from handbook.content.normalise import normalise
    from handbook.content.parse import build_sections, reference_block

    norm = normalise(data)
    sections, references = build_sections(norm.text, job.title)
    title_terms: Counter[str] = Counter()
    add_terms(words_of(job.title), title_terms, TITLE_REPEAT)
    add_compounds(job.title, title_terms, TITLE_REPEAT)
    tags = ",".join(t.lower() for t in job.tags)
    documents = []
    for section in sections:
        if not section.level and not section.markdown.strip():
            continue
        trail = [t for t in section.heading_path if t != job.title]
        heading = section.title if section.level else job.title
        text = searchable(section.markdown)
        body = surface_words(text)
        counts = title_terms.copy()
        add_terms(words_of(" ".join(trail)), counts, HEADING_REPEAT)
        count_terms(body, counts)
        add_compounds(text, counts)
        if words is not None:
            count_spellable(heading, words)
            if surface is not None and "Σ" not in text:  # (a sigma's lower case needs its neighbours)
                surface += body
            else:
                count_spellable(text, words)
        documents.append(
            {
                "path": job.path,
                "anchor": section.anchor,
                "title": job.title,
                "heading": heading,
                "trail": " › ".join(trail),
                "markdown": section.markdown[:MAX_STORED_TEXT]
                + reference_block(references_used(section.markdown, references)),
                "chapter": job.chapter,
                "tags": tags,
                TERMS_FIELD: counts,
            }
        )
    return documents, link_hrefs(norm.text, references)
