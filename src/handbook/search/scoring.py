"""BM25F with each segment's document lengths read once into memory.

Whoosh's BM25F scorer asks the reader for a document's field length for every document it scores:
without mmap (see ``searcher.open_for_reading``) that is a seek and a read through three layers of
Python per document, a quarter of an as-you-type query's time. The lengths column of a segment is one
byte per document, so it is read whole, once per opened segment, and each score looks its length up
in a list. The scores are the same: the same bytes, decoded by the same function.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.scoring import BM25F, BaseScorer, BM25FScorer
from whoosh.util.numeric import byte_to_length

_DECODED = [byte_to_length(b) for b in range(256)]


class TableBM25F(BM25F):
    """``BM25F`` whose scorers take field lengths from per-segment tables (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self._tables: dict[tuple[int, str], tuple[Any, list[int] | None]] = {}
        self._norms: dict[tuple[int, str], tuple[Any, tuple[float, float, float], list[Any]]] = {}

    def scorer(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> BaseScorer:
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, BM25FScorer):
            table = self._table(searcher.reader(), fieldname)
            if table is not None:
                scorer.dfl = table.__getitem__
        return scorer

    def norms(self, reader: Any, fieldname: str, scorer: Any) -> list[Any] | None:
        """Per document of one segment, the length part of ``bm25()``'s denominator for this scorer's
        constants, ``K1 * ((1 - B) + B * fl / avgfl)``, computed as ``bm25()`` computes it (None where
        no length is stored); None when the segment has no lengths table. For ``bulk``: it is the same
        for every term of a field."""
        constants = (scorer.K1, scorer.B, scorer.avgfl)
        key = (id(reader), fieldname)
        found = self._norms.get(key)
        if found is None or found[0] is not reader or found[1] != constants:
            table = self._table(reader, fieldname)
            if table is None:
                return None
            k1, b, avgfl = constants
            norms = [None if fl is None else k1 * ((1 - b) + b * fl / avgfl) for fl in table]
            found = self._norms[key] = (reader, constants, norms)
        return found[2]

    def _table(self, reader: Any, fieldname: str) -> list[int] | None:
        key = (id(reader), fieldname)
        found = self._tables.get(key)
        if found is None or found[0] is not reader:  # an id can be reused once a reader is gone
            found = self._tables[key] = (reader, lengths_table(reader, fieldname))
        return found[1]


def lengths_table(reader: Any, fieldname: str) -> list[int] | None:
    """Every document's length in ``fieldname`` as ``doc_field_length(n, fieldname, 1)`` gives it, for
    one segment's reader; None when the reader is not one whose lengths column can be read whole."""
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    count = reader.doc_count_all()
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is None:
        return [1] * (count + 1)  # no lengths stored: the scorer's default
    if getattr(column, "_fixedlen", None) != 1 or getattr(column, "_typecode", None) != "B":
        return None
    stored = min(column._count, count + 1)
    raw = column._dbfile.get(column._basepos, stored) if stored else b""
    default = column._default
    # doc_field_length: a zero byte is no stored length (None); past the column, the column's default.
    table: list[Any] = [_DECODED[b] if b else None for b in raw]
    table += [(_DECODED[default] if default else None)] * (count + 1 - len(table))
    return table
