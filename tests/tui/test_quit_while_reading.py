"""Quitting while workers read every page (glossary, onboarding plan): they stop at the next page.

A thread cannot be killed and the process waits for it at exit: before, `q` on a big handbook's
first start left the shell waiting for a minute. Each test holds the worker on its first page until
the app has cancelled it, then checks that no further page was read and the work ended with Stopped.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.worker import get_current_worker

import handbook.glossary
import handbook.glossary.build
import handbook.onboarding
import handbook.onboarding.cache
from handbook.cancel import Stopped
from handbook.content import Handbook
from handbook.tui.app import HandbookApp

from ..conftest import write

PAGES = 20


def many_pages(root: Path) -> Handbook:
    write(root, "index.md", "# Home\n\nWelcome.\n")
    for n in range(PAGES):
        write(
            root,
            f"team-{n:02}.md",
            f"# Team {n}\n\n## Glossary\n\n**Widget {n}**: a part we make.\n\n"
            "## Week 1\n\n- Set up your laptop\n- Meet your buddy\n\n## Month 1\n\n- Ship a change\n",
        )
    return Handbook.open(root)


def held_until_cancelled(real: Callable[..., Any], calls: list[str]) -> Callable[..., Any]:
    """``real``, except that its first call waits until the worker running it has been cancelled."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append("page")
        if len(calls) == 1:
            worker = get_current_worker()
            for _ in range(1000):  # at most 10 s: the test fails below rather than hang
                if worker.is_cancelled:
                    break
                threading.Event().wait(0.01)
        return real(*args, **kwargs)

    return wrapper


def finished(real: Callable[..., Any], outcome: list[BaseException | None], done: threading.Event) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = real(*args, **kwargs)
        except BaseException as exc:
            outcome.append(exc)
            raise
        else:
            outcome.append(None)
            return result
        finally:
            done.set()

    return wrapper


@pytest.mark.parametrize("part", ["glossary", "onboarding"])
async def test_quitting_stops_a_worker_reading_every_page(
    part: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hb = many_pages(tmp_path / "hb")
    calls: list[str] = []
    outcome: list[BaseException | None] = []
    done = threading.Event()
    if part == "glossary":
        monkeypatch.setattr(
            handbook.glossary.build,
            "_page_sources",
            held_until_cancelled(handbook.glossary.build._page_sources, calls),
        )
        monkeypatch.setattr(
            handbook.glossary, "load_glossary", finished(handbook.glossary.load_glossary, outcome, done)
        )
    else:
        monkeypatch.setattr(
            handbook.onboarding.cache,
            "_page_plans",
            held_until_cancelled(handbook.onboarding.cache._page_plans, calls),
        )
        monkeypatch.setattr(
            handbook.onboarding, "Onboarding", finished(handbook.onboarding.Onboarding, outcome, done)
        )
    app = HandbookApp(hb)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("q")
    assert await asyncio.to_thread(done.wait, 15), "the worker never ended"
    assert len(outcome) == 1 and isinstance(outcome[0], Stopped)
    assert len(calls) == 1  # no page read after the app was cancelled (there are 21 to read)
