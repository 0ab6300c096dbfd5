"""The first tier of a cold build: every page's title, searchable within seconds.

A first build of a big handbook takes a while (bodies are most of the work). Before its bodies, each
worker writes one small segment for its pages — a document per page title (from the catalog: no file
is read), its terms weighted as in the full documents — so a search finds pages by title almost at
once. The segment is marked in ``first-tier.json``; the commit that brings in the bodies drops it (or,
if the build was killed, the next update's does). Headings wait for the bodies: on a 40 MB handbook
they were 34,000 documents per worker, five seconds before the first answer instead of a fraction.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from handbook.files import write_atomic
from handbook.search.analysis import add_terms, count_spellable, words_of
from handbook.search.documents import PageJob
from handbook.search.schema import TERMS_FIELD, TITLE_REPEAT
from handbook.search.writer import BlockWriter

FIRST_TIER_FILE = "first-tier.json"
FIRST_TIER_FROM = 64  # pages: below this a whole build takes about as long


def documents(job: PageJob, words: Counter[str]) -> list[dict[str, Any]]:
    """A page's title document: its terms weighted as a title is in the full documents."""
    title_terms: Counter[str] = Counter()
    add_terms(words_of(job.title), title_terms, TITLE_REPEAT)
    count_spellable(job.title, words)
    tags = ",".join(t.lower() for t in job.tags)
    return [
        {
            "path": job.path,
            "anchor": "",
            "title": job.title,
            "heading": job.title,
            "trail": "",
            "markdown": "",
            "chapter": job.chapter,
            "tags": tags,
            TERMS_FIELD: title_terms,
        }
    ]


def write(ix: Any, directory: Path, jobs: list[PageJob]) -> Counter[str]:
    """Commit the first tier of ``jobs`` as one segment and mark it; returns the words it holds."""
    words: Counter[str] = Counter()
    writer = BlockWriter(ix)
    for job in jobs:
        for document in documents(job, words):
            writer.add_document(**document)
    segment = writer.newsegment.segment_id()
    whoosh: Any = writer
    whoosh.commit(merge=False)
    write_atomic(directory / FIRST_TIER_FILE, json.dumps({"segment": segment}))
    return words


def marked(directory: Path) -> str:
    """The first tier's segment id, when one is waiting for its bodies."""
    try:
        data = json.loads((directory / FIRST_TIER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(data.get("segment", "")) if isinstance(data, dict) else ""


def dropping(segment: str) -> Any:
    """A merge policy for the commit that brings the bodies: no merging, the first tier left out."""

    def policy(writer: Any, segments: list[Any]) -> list[Any]:
        return [s for s in segments if s.segment_id() != segment]

    return policy


def unmark(directory: Path) -> None:
    (directory / FIRST_TIER_FILE).unlink(missing_ok=True)
