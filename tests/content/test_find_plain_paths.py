"""``find`` answers a plain relative path without building the link resolver: the same answer."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook

from ..conftest import write


def refs(hb: Handbook) -> list[str]:
    """Each page as people type it: its path, without the suffix, in other cases, as a folder."""
    out: list[str] = []
    for info in hb.pages:
        stem = info.path.rsplit(".", 1)[0]
        out += [info.path, stem, stem.upper(), info.path.upper(), info.folder, f"{stem}.html", f"./{stem}"]
    return [r for r in out if r]


def same_as_the_resolver(hb: Handbook) -> None:
    for ref in refs(hb):
        direct = hb._plain_path(ref)
        if direct is not None:
            target = hb.resolver.resolve(ref, "")
            assert (target.kind, target.path) == ("page", direct), ref


def test_the_same_page_as_the_resolver(tmp_path: Path, corpora: Path) -> None:
    write(tmp_path, "ops.md", "# Ops page\n")
    write(tmp_path, "ops/index.md", "# Ops folder\n")
    write(tmp_path, "ops/deploys.md", "# Deploys\n")
    write(tmp_path, "ops/deploys.txt", "Deploys as text\n")
    write(tmp_path, "Guide.MD", "# Guide\n")
    hb = Handbook.open(tmp_path)
    same_as_the_resolver(hb)
    assert hb.find("ops").path == "ops.md" and hb.find("ops/deploys").path == "ops/deploys.md"
    assert hb.find("guide").path == "Guide.MD"  # not plain: the resolver's case-blind answer
    same_as_the_resolver(Handbook.open())
    for corpus in sorted(corpora.iterdir()):
        same_as_the_resolver(Handbook.open(corpus))
