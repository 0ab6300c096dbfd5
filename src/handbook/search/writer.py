"""A Whoosh segment writer for our documents that keeps postings in memory and writes them in blocks.

Whoosh's own writer sends every posting through a sorting pool (a tuple per posting, sized, sorted,
spilled to disk in runs and merged), then adds them one at a time to the posting writer, looking up
each document's field length as it goes: on a 40 MB handbook that was two thirds of indexing. Here a
section's counted terms go straight into one array per term; at commit each term's postings are
already in document order, so its blocks are cut from the arrays and written whole, with the same
block statistics (lengths, weights) Whoosh computes. The files are Whoosh's own: readers, merges and
deletions are untouched. Only what our schema needs is fast; anything else (a merged segment's
postings, another field) still arrives as postings, one at a time, kept in memory beside ours.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from whoosh.writing import SegmentWriter

from handbook.search.schema import TERMS_FIELD

_SHIFT = 32  # a posting of the terms field in one integer: document << 32 | frequency
_LOW = (1 << _SHIFT) - 1


class BlockWriter(SegmentWriter):
    """``SegmentWriter`` with an in-memory posting pool and whole-block writing (see the module)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        whoosh: Any = super()  # Whoosh's writer has no annotations
        whoosh.__init__(ix, **kwargs)
        self._terms: dict[str, array[int]] = {}  # term → document << 32 | frequency, in document order
        self._others: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}
        self.postings = 0  # postings held, for callers that commit by size
        self._merged = False  # a merge added postings: the arrays may need sorting
        self._index_cache: dict[tuple[str, Any], list[tuple[bytes, int, float, bytes]]] = {}
        fields = self.schema
        self._plan = [(name, fields[name]) for name in sorted(fields.names())]

    def add_document(self, **fields: Any) -> None:
        """Our documents, as Whoosh would add them (stored values, lengths), terms into the arrays."""
        self._whoosh._check_state()
        perdoc = self.perdocwriter
        docnum = self.docnum
        perdoc.start_doc(docnum)
        for name, field in self._plan:
            value = fields.get(name)
            if value is None:
                continue
            length = 0
            if name == TERMS_FIELD and isinstance(value, Mapping):
                length = self._add_terms(docnum, value)
            elif field.indexed:
                for tbytes, freq, weight, vbytes in self._indexed(name, field, value):
                    if field.scorable:
                        length += freq
                    self._others.setdefault((name, tbytes), []).append((docnum, weight, vbytes))
                    self.postings += 1
            perdoc.add_field(name, field, value if field.stored else None, length)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    @property
    def _whoosh(self) -> Any:
        """This writer as Whoosh's untyped ``SegmentWriter``."""
        return self

    def _indexed(self, name: str, field: Any, value: Any) -> list[tuple[bytes, int, float, bytes]]:
        """A field's postings for a value: a page's sections repeat its path, chapter and tags."""
        key = (name, value)
        found = self._index_cache.get(key)
        if found is None:
            if len(self._index_cache) > 10_000:
                self._index_cache.clear()
            found = self._index_cache[key] = list(field.index(value))
        return found

    def _add_terms(self, docnum: int, counts: Mapping[str, int]) -> int:
        terms = self._terms
        base = docnum << _SHIFT
        for term, freq in counts.items():
            found = terms.get(term)
            if found is None:
                terms[term] = array("Q", (base | freq,))
            else:
                found.append(base | freq)
        self.postings += len(counts)
        return sum(counts.values())

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        """A merged segment's postings (a commit that merges small segments): kept beside ours."""
        for fieldname, tbytes, docnum, weight, vbytes in self._whoosh._process_posts(
            reader.iter_postings(), startdoc, docmap
        ):
            self._merged = True
            if fieldname == TERMS_FIELD:
                found = self._terms.setdefault(tbytes.decode("utf-8"), array("Q"))
                found.append(docnum << _SHIFT | int(weight))
            else:
                self._others.setdefault((fieldname, tbytes), []).append((docnum, weight, vbytes))
            self.postings += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self._whoosh.per_document_reader()
        try:
            by_field: dict[str, list[tuple[bytes, Any]]] = {}
            for (name, tbytes), postings in self._others.items():
                by_field.setdefault(name, []).append((tbytes, postings))
            fields = sorted({*by_field, *([TERMS_FIELD] if self._terms else [])})
            writer = self.fieldwriter
            for name in fields:
                field = self.schema[name]
                sizes = _field_lengths(lengths, name, self.docnum)
                writer.start_field(name, field)
                if name == TERMS_FIELD:
                    for term in sorted(self._terms):  # code point order is UTF-8 byte order
                        codes = self._terms[term]
                        if self._merged:
                            codes = array("Q", sorted(codes))
                        _write_term(writer, term.encode("utf-8"), _counted(codes), sizes)
                else:
                    for tbytes, postings in sorted(by_field[name]):
                        postings.sort(key=lambda p: p[0])
                        _write_term(writer, tbytes, _generic(postings), sizes)
                writer.finish_field()
            writer.close()
        finally:
            lengths.close()
        self._terms.clear()
        self._others.clear()


def _field_lengths(lengths: Any, name: str, count: int) -> list[int]:
    """Each document's length in a field as the posting writer sees it (the byte-rounded value)."""
    get = lengths.doc_field_length_reader(name)
    return [get(docnum) or 0 for docnum in range(count)]


_HALVES = sys.byteorder == "little" and array("Q").itemsize == 8 and array("I").itemsize == 4
_Chunk = tuple["array[int]", "array[float]", bytes | None]


def _counted(codes: array[int]) -> Iterator[_Chunk]:
    if _HALVES:  # each 8-byte code is its two 4-byte halves: frequency, then document
        halves = array("I", codes.tobytes())
        ids, freqs = halves[1::2], halves[0::2]
    else:
        ids = array("I", (code >> _SHIFT for code in codes))
        freqs = array("I", (code & _LOW for code in codes))
    for start in range(0, len(ids), _BLOCK):
        chunk = freqs[start : start + _BLOCK]
        weights = array("f", chunk)
        if chunk.itemsize != 4:
            raise RuntimeError("unsigned int is not 4 bytes here")
        values = array("I", chunk)
        values.byteswap()  # Whoosh packs frequencies big-endian ("!I")
        yield ids[start : start + _BLOCK], weights, values.tobytes()


def _generic(postings: list[tuple[int, float, bytes | None]]) -> Iterator[_Chunk]:
    for start in range(0, len(postings), _BLOCK):
        chunk = postings[start : start + _BLOCK]
        ids = array("I", (p[0] for p in chunk))
        weights = array("f", (p[1] for p in chunk))
        values = b"".join(p[2] or b"" for p in chunk)
        yield ids, weights, values or None


_BLOCK = 128  # postings per block (Whoosh's W3Codec default)


def _write_term(writer: Any, tbytes: bytes, chunks: Iterable[_Chunk], sizes: list[int]) -> None:
    """One term's posting list, block by block, with the block statistics ``add_posting`` keeps."""
    writer.start_term(tbytes)
    postings = writer._postwriter
    if postings._blocklimit != _BLOCK:
        raise RuntimeError("the codec's block size is not the one this writer cuts")
    pending = False
    for ids, weights, values in chunks:
        if pending:
            postings._write_block()
        postings._ids = ids
        postings._weights = weights
        postings._values = [values] if values else []
        positive = [sizes[d] for d in ids if sizes[d]]
        postings._minlength = min(positive) if positive else None
        postings._maxlength = max(positive) if positive else 0
        postings._maxweight = max(max(weights), 0)
        pending = True
    writer.finish_term()
