"""Where the judged query set's handbooks are: read by its test and by benchmarks/relevance.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("queries.yaml")
CORPORA = ROOT.parent / "shared" / "corpora"
HANDBOOKS = {
    "18f": CORPORA / "18f",
    "bundled": ROOT / "content",
    "thoughtbot": CORPORA / "thoughtbot-guides",
    "marsbased": CORPORA / "marsbased-handbook",
    "meltano": CORPORA / "meltano-handbook",
    "ms-playbook": CORPORA / "ms-engineering-playbook",
    "srcd": CORPORA / "srcd-guide",
}
