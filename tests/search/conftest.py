"""A small handbook built for search tests, indexed for real in a temporary cache dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.search import SearchIndex

from ..conftest import write

PAGES = {
    "index.md": "---\ntitle: Home\n---\n# Home\n\nWelcome. Read the on-call guide first.\n",
    "ops/on-call.md": (
        "---\ntitle: On-call guide\ntags: [ops, pager]\n---\n# On-call guide\n\n"
        "## Paging\n\nWhen paged, acknowledge within five minutes.\n\n"
        "## Handing off a shift\n\nWrite a handoff note for the next engineer.\n"
    ),
    "ops/incidents.md": (
        "# Incident response\n\n## Severity levels\n\nSEV1 means customers cannot log in.\n\n"
        "## Postmortems\n\nEvery SEV1 gets a blameless postmortem within five days.\n"
    ),
    "dev/python.md": (
        "# Python style\n\n## Naming\n\nUse snake_case for functions like `get_user_name` and "
        "CamelCase for classes such as HttpClient. Version v2.1 of the linter is required.\n"
    ),
    "dev/deploy.md": (
        "# Deploying\n\n## Canary releases\n\nA canary release sends one percent of traffic to the new "
        "version before the rollout continues.\n\n## Rollbacks\n\nRoll back with `deployctl rollback`.\n"
    ),
}


@pytest.fixture
def handbook_root(tmp_path: Path) -> Path:
    root = tmp_path / "hb"
    for rel, text in PAGES.items():
        write(root, rel, text)
    return root


@pytest.fixture
def index(handbook_root: Path) -> SearchIndex:
    search_index = SearchIndex(Handbook.open(handbook_root))
    search_index.update()
    return search_index
