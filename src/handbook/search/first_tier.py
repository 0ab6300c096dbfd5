"""The first tier of a cold build: every page's title and headings, searchable within seconds.

A first build of a big handbook takes a while (bodies are most of the work). Before its bodies, each
worker writes one small segment for its pages — a document per page title and per heading, with
their terms weighted as in the full documents — so a search finds pages by title or heading almost
at once. The segment is marked in ``first-tier.json``; the commit that brings in the bodies drops it
(or, if the build was killed, the next update's does). Headings come from a line scan of the raw
page: no normalising and no parse, so a page the scan is unsure of gives only its title.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from handbook.files import write_atomic
from handbook.search.analysis import add_terms, count_spellable, words_of
from handbook.search.documents import PageJob
from handbook.search.schema import HEADING_REPEAT, TERMS_FIELD, TITLE_REPEAT
from handbook.search.writer import BlockWriter

FIRST_TIER_FILE = "first-tier.json"
FIRST_TIER_FROM = 64  # pages: below this a whole build takes about as long


def documents(job: PageJob, words: Counter[str]) -> list[dict[str, Any]]:
    """A page's title document and one per heading the scan finds (none when it is unsure)."""
    # Imported here: a search that finds the index up to date needs no Markdown parser.
    from handbook.content.normalise import split_heading_attributes
    from handbook.content.outline import scan
    from handbook.content.parse import heading_text, slugify

    title_terms: Counter[str] = Counter()
    add_terms(words_of(job.title), title_terms, TITLE_REPEAT)
    count_spellable(job.title, words)
    base = {"path": job.path, "title": job.title, "trail": "", "markdown": "", "chapter": job.chapter}
    base["tags"] = ",".join(t.lower() for t in job.tags)
    found = [{**base, "anchor": "", "heading": job.title, TERMS_FIELD: title_terms}]
    try:
        text = (Path(job.root) / job.path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return found
    outline = scan(_body(text))
    seen: dict[str, int] = {}
    for _, _, content in outline.headings if outline else []:
        raw, explicit, _ = split_heading_attributes(content)
        heading = heading_text(raw)
        if not heading or heading == job.title:
            continue
        anchor = explicit or slugify(heading) or "section"
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        counts = title_terms.copy()
        add_terms(words_of(heading), counts, HEADING_REPEAT)
        count_spellable(heading, words)
        anchor = anchor if count == 0 else f"{anchor}-{count}"
        found.append({**base, "anchor": anchor, "heading": heading, TERMS_FIELD: counts})
    return found


def _body(text: str) -> str:
    """The page without YAML or TOML front matter (roughly: this tier only needs headings)."""
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, 3)
            if end >= 0:
                return text[end + 4 :]
    return text


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
