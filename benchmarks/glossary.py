"""Glossary recall and junk on the corpora and seeds in ../shared.

Recall: of the terms each real glossary defines (tests/glossary/gold.yaml, judged by reading), the
share ``define`` finds. Junk: of 40 extracted terms drawn at random (fixed seed) per corpus, the share
judged not to be terms (tests/glossary/judged.yaml). Terms drawn that were never judged are listed, so
the judged set grows with the extractor. Targets: recall ≥ 0.95 on every glossary, junk ≤ 1 %.

    python benchmarks/glossary.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

from handbook.content import Handbook
from handbook.glossary import build_glossary

HERE = Path(__file__).resolve().parents[1]
SHARED = HERE.parent / "shared"
GOLD = HERE / "tests" / "glossary" / "gold.yaml"
JUDGED = HERE / "tests" / "glossary" / "judged.yaml"
SAMPLE = 40
SEED = 13


def corpus_path(name: str) -> Path:
    return SHARED / name if name.startswith("seeds/") else SHARED / "corpora" / name


def sample(terms: list[str]) -> list[str]:
    """40 extracted terms at random, the same ones for the same glossary."""
    return sorted(random.Random(SEED).sample(terms, min(SAMPLE, len(terms))))


def main() -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} is not here: nothing to measure", file=sys.stderr)
        return 1
    gold: dict[str, dict[str, list[str]]] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    judged: dict[str, dict[str, Any]] = yaml.safe_load(JUDGED.read_text(encoding="utf-8")) or {}
    failed = False
    print(f"{'corpus / glossary':<74} {'recall':>7} {'junk':>7}")
    for name, glossaries in gold.items():
        glossary = build_glossary(Handbook.open(corpus_path(name)))
        terms = [t.term for t in glossary.terms]
        verdicts = judged.get(name, {})
        drawn = sample(terms) if not name.startswith("seeds/") else terms
        unjudged = [t for t in drawn if t not in verdicts]
        junk = [t for t in drawn if verdicts.get(t) == "junk"]
        share = len(junk) / len(drawn) if drawn else 0.0
        print(f"{name} ({len(terms)} terms)".ljust(74), f"{'':>7} {share:>7.1%}")
        if junk:
            print(f"    junk: {', '.join(junk)}")
        if unjudged:
            print(f"    not judged yet: {', '.join(unjudged)}")
        failed |= share > 0.01 or bool(unjudged)
        for where, expected in glossaries.items():
            missing = [t for t in expected if glossary.lookup(t) is None]
            recall = 1 - len(missing) / len(expected) if expected else 1.0
            print(f"  {where}"[:74].ljust(74), f"{recall:>7.2f}")
            if missing:
                print(f"    missed: {', '.join(missing)}")
            failed |= recall < 0.95
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
