"""The judged sets (gold.yaml, judged.yaml) held against the extractor: every real glossary of
../shared found (recall ≥ 0.95), and no term judged junk extracted."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook.content import Handbook
from handbook.glossary import build_glossary

from ..conftest import SHARED, needs_shared

HERE = Path(__file__).parent
GOLD = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
JUDGED = yaml.safe_load((HERE / "judged.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(GOLD))
def test_recall_and_no_judged_junk(name: str) -> None:
    root = needs_shared(SHARED / name if name.startswith("seeds/") else SHARED / "corpora" / name)
    glossary = build_glossary(Handbook.open(root))
    for where, expected in GOLD[name].items():
        missing = [t for t in expected if glossary.lookup(t) is None]
        assert len(missing) <= 0.05 * len(expected), (where, missing)
    junk = [t.term for t in glossary.terms if JUDGED.get(name, {}).get(t.term) == "junk"]
    assert junk == []
