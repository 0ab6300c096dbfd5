"""Build and keep up to date the search index of one handbook, in the user's cache dir.

The index is two shards (separate Whoosh indexes; a page belongs to one by a stable hash of its
path), searched together through Whoosh's ``MultiReader``. A cold build updates both shards at once in
two worker processes that each read, prepare and write their own pages, so both cores work and no
documents cross between processes. Each shard records (size, mtime, hash) of what it committed in its
own manifest: a killed build resumes from its last commit, and an update only touches pages that were
added, changed or removed. Updates are serialised across
processes with a file lock; a damaged shard is set aside and rebuilt with a message, never a crash.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.index import TOC

from handbook import paths
from handbook.content import Handbook, PageInfo
from handbook.search.documents import PageJob, file_digest
from handbook.search.freshness import IndexState, files_digest, pages_digest
from handbook.search.priors import PRIORS_FILE, PagePriors, authority, in_degrees
from handbook.search.schema import SCHEMA_VERSION
from handbook.search.shard import (
    SHARDS,
    Shard,
    ShardWork,
    index_exists,
    shard_dirs,
    shard_process,
    update_shard,
)

if TYPE_CHECKING:
    from filelock import FileLock

Progress = Callable[[int, int], None]  # (pages done, pages to do)

PARALLEL_FROM = 64  # pages to (re)index: below this, worker start-up costs more than it saves


class IndexBusy(Exception):
    """Another process is updating this handbook's index."""


class IndexUnwritable(Exception):
    """The cache folder cannot hold the index (read-only, full, or a file where a folder should be)."""


@dataclass
class UpdateStats:
    pages: int = 0  # pages in the handbook
    sections: int = 0  # documents in the index afterwards
    added: int = 0
    changed: int = 0
    removed: int = 0
    unreadable: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt_because: str = ""  # set when a damaged index was replaced

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed


def _storable(path: str) -> bool:
    """Whoosh stores text as UTF-8: a file name that is not valid UTF-8 cannot be a stored path."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unwritable(directory: Path, why: object) -> str:
    if isinstance(why, OSError) and why.strerror:
        why = f"{why.strerror}: {why.filename}" if why.filename else why.strerror
    return (
        f"the search index cannot be written in {directory} ({why}); "
        "free some space, or set HANDBOOK_CACHE_DIR to a folder you can write"
    )


def shard_of(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS


def index_dir(handbook: Handbook) -> Path:
    return paths.handbook_cache_dir(handbook.location) / f"search-v{SCHEMA_VERSION}"


class Indexer:
    def __init__(self, handbook: Handbook, directory: Path | None = None) -> None:
        self.handbook = handbook
        self.directory = directory or index_dir(handbook)

    @cached_property
    def lock(self) -> FileLock:
        """Taken to change the index (filelock, which imports asyncio, only then)."""
        from filelock import FileLock

        return FileLock(str(self.directory.parent / f"{self.directory.name}.lock"))

    def shard_dirs(self) -> list[Path]:
        return shard_dirs(self.directory)

    def update(
        self,
        progress: Progress | None = None,
        *,
        rebuild: bool = False,
        wait: float = 600,
        cancel: threading.Event | None = None,
    ) -> UpdateStats:
        """Bring the index up to date. Raises IndexBusy if another process holds it and work is due.

        ``cancel`` (set from another thread, e.g. when the app quits) stops between batches; what was
        committed stays, and the next update carries on from there."""
        start = time.perf_counter()
        stats = None if rebuild else self._up_to_date()
        if stats is None:
            with self.locked(wait):
                stats = self._update_locked(progress, cancel, rebuild)
        stats.pages = len(self.handbook.pages)
        stats.seconds = time.perf_counter() - start
        return stats

    @contextlib.contextmanager
    def locked(self, wait: float) -> Iterator[None]:
        """This handbook's index to ourselves: IndexBusy when another process holds it past ``wait``."""
        from filelock import Timeout

        try:
            self.directory.parent.mkdir(parents=True, exist_ok=True)
            self.lock.acquire(timeout=wait)
        except Timeout as exc:
            raise IndexBusy(f"another handbook process is updating the index in {self.directory}") from exc
        except OSError as exc:
            raise IndexUnwritable(_unwritable(self.directory, exc)) from exc
        try:
            yield
        finally:
            self.lock.release()

    def _up_to_date(self) -> UpdateStats | None:
        """Nothing changed since the last complete update, seen without the lock (a warm search takes
        none): an update in another process changes the index's files before it records its state,
        so an index being written never looks up to date here, and takes the locked path."""
        state = IndexState.load(self.directory)
        if state and state.pages == pages_digest(self.handbook.pages) and state.files == self._files_digest():
            return UpdateStats(sections=state.sections)
        return None

    def _update_locked(
        self, progress: Progress | None, cancel: threading.Event | None, rebuild: bool
    ) -> UpdateStats:
        pages = pages_digest(self.handbook.pages)
        if not rebuild:
            state = IndexState.load(self.directory)
            if state and state.pages == pages and state.files == self._files_digest():
                return UpdateStats(sections=state.sections)  # nothing changed: nothing opened
        try:
            if rebuild:
                shutil.rmtree(self.directory, ignore_errors=True)
            self._old_schemas_removed()
            healed = self._folder_healed()
            stats = self._update(progress, cancel)
            if stats.touched or not (self.directory / PRIORS_FILE).exists():
                self.update_priors()
            stats.rebuilt_because = "; ".join(filter(None, [healed, stats.rebuilt_because]))
            stats.sections = self.document_count()
            if not (cancel is not None and cancel.is_set()):
                IndexState(pages, self._files_digest(), stats.sections).save(self.directory)
        except OSError as exc:
            raise IndexUnwritable(_unwritable(self.directory, exc)) from exc
        return stats

    def _files_digest(self) -> str:
        return files_digest(self.directory, self.shard_dirs())

    def _old_schemas_removed(self) -> None:
        """Indexes of an older schema are never read again: they only take room in the cache."""
        for old in self.directory.parent.glob("search-v*"):
            ours = old.name == self.directory.name or old.name.startswith(f"{self.directory.name}.")
            if ours or not old.is_dir():
                continue  # ours (and its .damaged copies); or a lock file
            shutil.rmtree(old, ignore_errors=True)

    def update_priors(self) -> None:
        """Recompute page authority from every committed page's links (a small side file).

        All links are resolved again, not just the changed page's: a page added or removed changes
        where other pages' links lead. Resolving is cheap (dictionary lookups, cached per folder)."""
        links: dict[str, list[str]] = {}
        for directory in self.shard_dirs():
            links.update(Shard(directory).load_links())
        degrees = in_degrees(links, self.handbook.resolver.resolve)
        if self.directory.is_dir():
            PagePriors(authority(degrees)).save(self.directory)

    def _folder_healed(self) -> str:
        """Something that is not a folder where the index folder goes (it is ours: a cache) is removed."""
        if self.directory.exists() and not self.directory.is_dir():
            self.directory.unlink()
            return "a file stood where its folder should be"
        return ""

    def _update(self, progress: Progress | None, cancel: threading.Event | None) -> UpdateStats:
        stats = UpdateStats()
        reasons = []
        works: list[ShardWork] = []
        by_shard: dict[int, list[PageInfo]] = {n: [] for n in range(SHARDS)}
        for info in self.handbook.pages:
            by_shard[shard_of(info.path)].append(info)
        for number, directory in enumerate(self.shard_dirs()):
            shard = Shard(directory)
            _, reason = shard.open()
            if reason:
                reasons.append(reason)
            jobs, removed = self._changes(shard, by_shard[number])
            if jobs or removed:
                works.append(ShardWork(str(directory), str(self.handbook.root), jobs, removed))
        stats.rebuilt_because = "; ".join(dict.fromkeys(reasons))
        stats.unreadable += [
            f"{info.path.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace')}: "
            "its file name is not valid UTF-8"
            for info in self.handbook.pages
            if not _storable(info.path)
        ]
        total = sum(len(w.jobs) for w in works)
        if not works:
            return stats
        if progress:
            progress(0, total)
        for result in self._run(works, total, progress, cancel):
            if result.get("unwritable"):
                raise IndexUnwritable(_unwritable(self.directory, result["error"]))
            if "error" in result:
                raise RuntimeError(f"indexing failed: {result['error']}")
            stats.added += result["added"]
            stats.changed += result["changed"]
            stats.removed += result["removed"]
            stats.unreadable += result["unreadable"]
        return stats

    def _changes(self, shard: Shard, pages: list[PageInfo]) -> tuple[list[PageJob], list[str]]:
        current = {info.path: info for info in pages if _storable(info.path)}
        removed = [path for path in shard.pages if path not in current]
        jobs: list[PageJob] = []
        touched_only = False
        for path, info in current.items():
            entry = shard.pages.get(path)
            if entry is None:
                jobs.append(self._job(info))
            elif entry[0] != info.size or entry[1] != info.mtime_ns:
                if self._same_content(shard, path, entry):
                    touched_only = True
                else:
                    jobs.append(self._job(info))
        if touched_only:
            shard.save_manifest()
        return jobs, removed

    def _same_content(self, shard: Shard, path: str, entry: list[Any]) -> bool:
        """Touched but not edited (same bytes): only the manifest needs the new size and mtime."""
        full = self.handbook.root / path
        try:
            stat = full.stat()
            same = len(entry) > 2 and file_digest(full.read_bytes()) == entry[2]
        except OSError:
            return False
        if same:
            shard.pages[path] = [stat.st_size, stat.st_mtime_ns, entry[2]]
        return same

    def _job(self, info: PageInfo) -> PageJob:
        return PageJob(str(self.handbook.root), info.path, info.title, info.chapter, tuple(info.tags))

    def _run(
        self, works: list[ShardWork], total: int, progress: Progress | None, cancel: threading.Event | None
    ) -> Iterator[dict[str, Any]]:
        if total < PARALLEL_FROM or len(works) < 2 or (os.cpu_count() or 1) < 2:
            done = 0
            for work in works:
                if cancel is not None and cancel.is_set():
                    return
                counter = _Counter(lambda n: progress and progress(n, total), done)
                yield update_shard(work, counter)
                done = counter.done
            return
        # One process per shard, spawned (not forked: the TUI runs this beside Textual's threads).
        import multiprocessing  # only to build: an index found up to date needs none

        context = multiprocessing.get_context("spawn")
        updates = context.Queue()
        results = context.Queue()
        workers = [
            context.Process(target=shard_process, args=(w, updates, results), daemon=True) for w in works
        ]
        for worker in workers:
            worker.start()
        done = 0
        finished: list[dict[str, Any]] = []
        try:
            while len(finished) < len(workers):
                if cancel is not None and cancel.is_set():
                    return  # the finally kills the workers; what they committed stays valid
                with contextlib.suppress(queue.Empty):
                    finished.append(results.get_nowait())
                try:
                    done += updates.get(timeout=0.1)
                    if progress:
                        progress(done, total)
                except queue.Empty:
                    if not any(w.is_alive() for w in workers):
                        break
            while len(finished) < len(workers):  # all exited: their last words may still be in transit
                try:
                    finished.append(results.get(timeout=5))
                except queue.Empty:
                    raise RuntimeError("an indexing worker stopped unexpectedly") from None
            if progress:
                progress(total, total)
        finally:
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
                worker.join(timeout=5)
        yield from finished

    def document_count(self) -> int:
        """Documents in every shard, from their tables of contents (no segment is opened)."""
        count = 0
        for directory in self.shard_dirs():
            if index_exists(directory):
                ix = whoosh_index.open_dir(str(directory))
                count += sum(segment.doc_count() for segment in TOC.read(ix.storage, ix.indexname).segments)
        return count


class _Counter:
    """The progress 'queue' of an in-process update: counts committed pages and reports them."""

    def __init__(self, report: Callable[[int], Any], start: int) -> None:
        self.report = report
        self.done = start

    def put(self, pages: int) -> None:
        self.done += pages
        self.report(self.done)
