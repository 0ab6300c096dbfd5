"""A small handbook made for the reader tests: links of every kind, repeated words, several sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook

from ..conftest import write

INDEX = """---
title: Home
---
# Home

Start with [the setup guide](guide/setup.md#install), then read [on-call](/ops/on-call/).
This one is [broken](missing.md), this one [leaves](https://example.com/docs), and this one
goes [further down](#last-part).

alpha is the first word to find.

## Middle part

Some text with alpha again, and ALPHA in capitals.

## Last part

The end.
"""

SETUP = """# Setup guide

## Requirements

You need a laptop.

## Install

Run `make install`.

## Check

Run `make check`. Go [home](../index.md).
"""

ON_CALL = """# On-call

## Paging

When paged, acknowledge within five minutes.
"""


@pytest.fixture
def small_handbook(tmp_path: Path) -> Handbook:
    root = tmp_path / "hb"
    write(root, "index.md", INDEX)
    write(root, "guide/setup.md", SETUP)
    write(root, "ops/on-call.md", ON_CALL)
    return Handbook.open(root)
