"""The block writer (search/writer.py) writes the index Whoosh's own writer writes: same terms, postings,
weights, values, block statistics, lengths and stored fields, on real pages; and merges still work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from handbook.search.documents import PageJob, page_documents
from handbook.search.schema import TERMS_FIELD, build_schema
from handbook.search.writer import BlockWriter

BUNDLED = Path(__file__).resolve().parents[2] / "content"


def documents() -> list[dict[str, Any]]:
    found = []
    for path in sorted(BUNDLED.rglob("*.md")):
        rel = path.relative_to(BUNDLED).as_posix()
        page = page_documents(PageJob(str(BUNDLED), rel, path.stem.title(), rel.split("/")[0], ("a", "b c")))
        found += page.documents
    return found


def build(
    folder: Path, docs: list[dict[str, Any]], *, ours: bool, batches: int = 1, compound: bool = True
) -> Any:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    size = -(-len(docs) // batches)
    for start in range(0, len(docs), size):
        writer: Any = BlockWriter(ix, compound=compound) if ours else ix.writer(compound=compound)
        for doc in docs[start : start + size]:
            writer.add_document(**doc)
        writer.commit(merge=False)
    return ix


def postings(reader: Any, field: str, term: bytes) -> list[Any]:
    """Every posting with the statistics of the block it is in."""
    matcher = reader.postings(field, term)
    out = []
    while matcher.is_active():
        out.append(
            (
                matcher.id(),
                matcher.weight(),
                matcher.value(),
                matcher.block_min_length(),
                matcher.block_max_length(),
                matcher.block_max_weight(),
                matcher.block_max_id(),
            )
        )
        matcher.next()
    return out


def summary(ix: Any) -> dict[str, Any]:
    with ix.reader() as reader:
        terms = {}
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            stats = (
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
            )
            terms[(field, term)] = (stats, postings(reader, field, term))
        stored = list(reader.iter_docs())
        lengths = [reader.doc_field_length(n, TERMS_FIELD) for n in range(reader.doc_count_all())]
        return {
            "terms": terms,
            "stored": stored,
            "lengths": lengths,
            "total": reader.field_length(TERMS_FIELD),
        }


def test_the_block_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    docs = documents()
    assert len(docs) > 50
    theirs = summary(build(tmp_path / "whoosh", docs, ours=False))
    ours = summary(build(tmp_path / "ours", docs, ours=True))
    assert ours["terms"].keys() == theirs["terms"].keys()
    for key, expected in theirs["terms"].items():
        assert ours["terms"][key] == expected, key
    assert ours["stored"] == theirs["stored"]
    assert ours["lengths"] == theirs["lengths"] and ours["total"] == theirs["total"]
    assert any(len(p) > 128 for _, p in theirs["terms"].values())  # more than one block for some terms


def segment_files(folder: Path) -> dict[str, bytes]:
    """A one-segment index's files by what they hold (``pst``, ``trm``, ``_stored.col``…), not by the
    segment's random name; the table of contents, which holds that name, left out."""
    return {
        path.name.split(".", 1)[1]: path.read_bytes()
        for path in folder.iterdir()
        if path.name.startswith("MAIN_") and "." in path.name
    }


def test_the_block_writer_writes_whoosh_s_own_bytes(tmp_path: Path) -> None:
    """Posting lists encoded whole (not through Whoosh's posting writer) are Whoosh's bytes exactly:
    block headers, statistics, compression, term infos. Each page twice: long lists, many blocks."""
    docs = documents() * 2
    build(tmp_path / "whoosh", docs, ours=False, compound=False)
    build(tmp_path / "ours", docs, ours=True, compound=False)
    theirs = segment_files(tmp_path / "whoosh")
    ours = segment_files(tmp_path / "ours")
    assert {"pst", "trm", "_stored.col"} <= theirs.keys()
    assert ours.keys() == theirs.keys()
    for kind, data in theirs.items():
        assert ours[kind] == data, kind
    assert theirs["pst"].count(b"W3Bl") > 1000  # many posting lists, not a trivial file


def test_segments_merged_by_the_block_writer_read_as_one(tmp_path: Path) -> None:
    docs = documents()
    merged = build(tmp_path / "ours", docs, ours=True, batches=3)
    writer: Any = BlockWriter(merged)
    writer.delete_by_term("path", docs[0]["path"])
    writer.commit(optimize=True)
    assert len(merged._segments()) == 1
    expected = build(tmp_path / "whoosh", docs, ours=False)
    writer = expected.writer()
    writer.delete_by_term("path", docs[0]["path"])
    writer.commit(optimize=True)
    assert summary(merged)["terms"] == summary(expected)["terms"]
