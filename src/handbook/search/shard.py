"""One shard of the search index: a Whoosh index and the manifest of the pages committed to it.

``update_shard`` is what an indexing worker process runs: it reads, prepares and writes its own pages
with the block writer (``writer``), which holds postings in memory; it commits when that reaches
``COMMIT_POSTINGS`` (a 40 MB handbook's shard commits once: one segment, each term written once) and
records pages in the manifest only once they are committed, so a killed build resumes from there.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import Index

from handbook.files import write_atomic
from handbook.search import first_tier
from handbook.search.analysis import add_spellable
from handbook.search.documents import PageJob, page_documents
from handbook.search.schema import SCHEMA_VERSION, build_schema
from handbook.search.writer import BlockWriter

SHARDS = 2  # separate Whoosh indexes, built in parallel; a page's shard is a stable hash of its path
COMMIT_POSTINGS = 2_500_000  # a shard commits when its writer holds this many postings (~30 MB)
PROGRESS_EVERY = 32  # pages prepared between progress reports
MAX_VOCABULARY = 200_000  # most frequent surface words kept per shard for spelling suggestions


def shard_dirs(directory: Path) -> list[Path]:
    """The shard folders of an index, by name: never a ``.damaged`` copy set aside beside them."""
    return [directory / f"shard-{n}" for n in range(SHARDS)]


def index_exists(directory: Path) -> bool | None:
    """True/False, or None when what is there cannot be read (Whoosh raises even to answer this)."""
    try:
        return whoosh_index.exists_in(str(directory))
    except Exception:  # a damaged table of contents
        return None


class Shard:
    """One Whoosh index and the manifest of the pages committed to it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.manifest_path = directory / "manifest.json"
        self.vocabulary_path = directory / "vocabulary.json"
        self.links_path = directory / "links.json"
        self.acronyms_path = directory / "acronyms.json"
        self.pages: dict[str, list[Any]] = {}

    def load_vocabulary(self) -> Counter[str]:
        try:
            data = json.loads(self.vocabulary_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Counter()
        if not isinstance(data, dict):
            return Counter()
        # A cache: entries of the wrong shape are dropped, never trusted (JSON keys are strings).
        if all(type(v) is int for v in data.values()):  # as written: no copy checked entry by entry
            return Counter(data)
        return Counter({str(k): v for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)})

    def save_vocabulary(self, words: Counter[str]) -> None:
        """Words seen in this shard's pages with their counts (words of removed pages may linger). The
        most frequent are kept; among words as frequent as the last one kept, the first alphabetically,
        not the first met: what is kept does not depend on the order pages and words were counted."""
        kept = sorted(words.items(), key=lambda item: (-item[1], item[0]))[:MAX_VOCABULARY]
        write_atomic(self.vocabulary_path, json.dumps(dict(kept)))

    def load_links(self) -> dict[str, list[str]]:
        """Each committed page's hrefs (for page authority); a missing or damaged file is empty."""
        try:
            data = json.loads(self.links_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(k): [str(h) for h in v if isinstance(h, str)] for k, v in data.items() if isinstance(v, list)
        }

    def save_links(self, links: dict[str, list[str]]) -> None:
        write_atomic(self.links_path, json.dumps(links))

    def load_acronyms(self) -> dict[str, list[list[str]]]:
        """Each committed page's acronyms spelled out in its titles: ``[[ACR, expansion], …]``."""
        try:
            data = json.loads(self.acronyms_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(k): [
                [p[0], p[1]]
                for p in v
                if isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            ]
            for k, v in data.items()
            if isinstance(v, list)
        }

    def save_acronyms(self, acronyms: dict[str, list[list[str]]]) -> None:
        write_atomic(self.acronyms_path, json.dumps(acronyms))

    def load_manifest(self) -> bool:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if (
            not isinstance(data, dict)
            or data.get("schema") != SCHEMA_VERSION
            or not isinstance(data.get("pages"), dict)
        ):
            return False
        pages = data["pages"]
        if not all(_manifest_entry(entry) for entry in pages.values()):
            return False  # a wrong-shape entry: the manifest cannot be trusted, the shard is rebuilt
        self.pages = pages
        return True

    def save_manifest(self) -> None:
        write_atomic(
            self.manifest_path, json.dumps({"schema": SCHEMA_VERSION, "pages": self.pages}), durable=True
        )

    def open(self) -> tuple[Index, str]:
        """The shard's index, created if missing. Returns (index, why it had to be rebuilt, or "")."""
        reason = ""
        exists = index_exists(self.directory)
        if self.directory.exists() and not self.directory.is_dir():
            reason = "a file stood where its folder should be"
            self.set_aside()
        elif exists is None:
            reason = "it could not be read (damaged table of contents)"
            self.set_aside()
        elif exists:
            try:
                ix = whoosh_index.open_dir(str(self.directory))
                with ix.searcher() as searcher:
                    searcher.doc_count()
                if self.load_manifest():
                    return ix, ""
                reason = "its list of indexed pages was missing or from another version"
            except Exception as exc:  # any failure to read it means it cannot be trusted
                reason = f"it could not be read ({type(exc).__name__}: {exc})"
            self.set_aside()
        elif self.directory.exists() and any(self.directory.iterdir()):
            reason = "it was incomplete"
            self.set_aside()
        self.directory.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(self.directory), build_schema())
        self.pages = {}
        self.save_manifest()
        return ix, reason

    def set_aside(self) -> None:
        """Keep the last damaged copy for inspection rather than deleting it outright."""
        aside = self.directory.with_name(self.directory.name + ".damaged")
        _remove(aside)
        try:
            self.directory.rename(aside)
        except OSError:
            _remove(self.directory)


def _remove(path: Path) -> None:
    """A folder or a file (what stands where a shard should be may be either); gone is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _manifest_entry(entry: Any) -> bool:
    """[size, mtime_ns, sha1]: what update_shard writes for each committed page."""
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and all(isinstance(n, int) and not isinstance(n, bool) for n in entry[:2])
        and isinstance(entry[2], str)
    )


@dataclass(frozen=True)
class ShardWork:
    directory: str
    root: str
    jobs: list[PageJob]
    removed: list[str]


def update_shard(work: ShardWork, progress: Any = None) -> dict[str, Any]:
    """Apply one shard's changes: removals, then pages in committed batches. Runs in a worker too."""
    shard = Shard(Path(work.directory))
    ix, _ = shard.open()
    result: dict[str, Any] = {"added": 0, "changed": 0, "removed": 0, "unreadable": []}
    writer: BlockWriter | None
    links = shard.load_links()
    acronyms = shard.load_acronyms()
    if work.removed:
        writer = BlockWriter(ix)
        for path in work.removed:
            writer.delete_by_term("path", path)
            shard.pages.pop(path, None)
            links.pop(path, None)
            acronyms.pop(path, None)
        whoosh: Any = writer
        whoosh.commit()
        shard.save_manifest()
        shard.save_links(links)
        shard.save_acronyms(acronyms)
        result["removed"] = len(work.removed)
    pending: list[tuple[str, list[Any]]] = []  # (path, its manifest entry) of pages not committed
    prepared = 0
    writer = None
    waiting = first_tier.marked(shard.directory)  # a first tier (titles, headings) awaiting bodies
    # The first tier's words are all a vocabulary beside it holds: the bodies' count starts afresh.
    words = shard.load_vocabulary() if work.jobs and not waiting else Counter()
    surface: Counter[str] = Counter()  # the pages' words whose letter runs go into ``words`` at the end
    if work.jobs and not waiting and not shard.pages and len(work.jobs) >= first_tier.FIRST_TIER_FROM:
        shard.save_vocabulary(first_tier.write(ix, shard.directory, work.jobs))  # completions meanwhile
        waiting = first_tier.marked(shard.directory)
    for job in work.jobs:
        page = page_documents(job)
        words.update(page.words)
        surface.update(page.surface)
        links[page.path] = page.links
        if page.acronyms:
            acronyms[page.path] = [list(pair) for pair in page.acronyms]
        else:
            acronyms.pop(page.path, None)
        if writer is None:
            writer = BlockWriter(ix)
        if page.path in shard.pages:
            writer.delete_by_term("path", page.path)
            result["changed"] += 1
        else:
            result["added"] += 1
        if page.error:
            result["unreadable"].append(f"{page.path}: {page.error}")
        for document in page.documents:
            writer.add_document(**document)
        pending.append((page.path, [page.size, page.mtime_ns, page.digest]))  # not its documents
        prepared += 1
        if progress is not None and prepared % PROGRESS_EVERY == 0:
            progress.put(PROGRESS_EVERY)
        if writer.postings >= COMMIT_POSTINGS:
            _commit(writer, shard, pending)
            writer, pending = None, []
    if writer is not None or waiting:
        _commit(writer or BlockWriter(ix), shard, pending, drop=waiting)
        first_tier.unmark(shard.directory)
    if progress is not None and prepared % PROGRESS_EVERY:
        progress.put(prepared % PROGRESS_EVERY)
    if work.jobs:
        add_spellable(surface, words)  # each distinct word's runs found once, for all the pages
        shard.save_vocabulary(words)
        shard.save_links(links)
        shard.save_acronyms(acronyms)
    return result


def _commit(writer: BlockWriter, shard: Shard, pages: list[tuple[str, list[Any]]], drop: str = "") -> None:
    """One segment; a small update also merges the small segments earlier updates left. ``drop``: the
    first tier's segment, which the bodies replace (nothing is merged then)."""
    whoosh: Any = writer  # Whoosh's commit has no annotations
    if drop:
        whoosh.commit(mergetype=first_tier.dropping(drop))
    else:
        whoosh.commit(merge=len(pages) < 32)
    shard.pages.update(pages)
    shard.save_manifest()


def shard_process(work: ShardWork, updates: Any, results: Any) -> None:
    """Worker process body: update one shard, report progress and the outcome through queues."""
    try:
        results.put(update_shard(work, updates))
    except OSError as exc:  # the cache cannot be written: the parent says so in words
        results.put({"error": exc.strerror or str(exc), "unwritable": True})
    except Exception as exc:  # reported to the parent, which raises it as an indexing failure
        results.put({"error": f"{type(exc).__name__}: {exc}"})
