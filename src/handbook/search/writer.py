"""A Whoosh segment writer for our documents that keeps postings in memory and writes them in blocks.

Whoosh's own writer sends every posting through a sorting pool (a tuple per posting, sized, sorted,
spilled to disk in runs and merged), then adds them one at a time to the posting writer, looking up
each document's field length as it goes: on a 40 MB handbook that was two thirds of indexing. Here a
section's counted terms go straight into one array per term; at commit each term's postings are
already in document order, so its blocks are cut from the arrays and written whole, with the same
block statistics (lengths, weights) Whoosh computes. The terms field's posting lists are encoded here
(``_encode_counted``): the bytes Whoosh's posting writer makes, made a term at a time rather than
through its per-block, per-posting Python (a test holds the segment files byte for byte equal to those
Whoosh's own writer makes). The files are Whoosh's own: readers, merges and deletions are untouched.
Only what our schema needs is fast; anything else (a merged segment's postings, another field) still
arrives as postings, one at a time, kept in memory beside ours.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from handbook.search.schema import TERMS_FIELD

_Pair = tuple[float, bytes | None]  # a posting's weight and value (a field other than the terms field)
_SHIFT = 32  # a posting of the terms field in one integer: document << 32 | frequency
_LOW = (1 << _SHIFT) - 1


class BlockWriter(SegmentWriter):
    """``SegmentWriter`` with an in-memory posting pool and whole-block writing (see the module)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        whoosh: Any = super()  # Whoosh's writer has no annotations
        whoosh.__init__(ix, **kwargs)
        self._terms: dict[str, array[int]] = {}  # term → document << 32 | frequency, in document order
        # (field, term) → its documents, and each one's (weight, value): pairs shared, not made per posting
        self._others: dict[tuple[str, bytes], tuple[array[int], list[_Pair]]] = {}
        self.postings = 0  # postings held, for callers that commit by size
        self._merged = False  # a merge added postings: the arrays may need sorting
        self._index_cache: dict[tuple[str, Any], list[tuple[bytes, int, _Pair]]] = {}
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
                for tbytes, freq, pair in self._indexed(name, field, value):
                    if field.scorable:
                        length += freq
                    self._other(name, tbytes, docnum, pair)
            perdoc.add_field(name, field, value if field.stored else None, length)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    @property
    def _whoosh(self) -> Any:
        """This writer as Whoosh's untyped ``SegmentWriter``."""
        return self

    def _indexed(self, name: str, field: Any, value: Any) -> list[tuple[bytes, int, _Pair]]:
        """A field's postings for a value: a page's sections repeat its path, chapter and tags."""
        key = (name, value)
        found = self._index_cache.get(key)
        if found is None:
            if len(self._index_cache) > 10_000:
                self._index_cache.clear()
            found = [(tbytes, freq, (weight, vbytes)) for tbytes, freq, weight, vbytes in field.index(value)]
            self._index_cache[key] = found
        return found

    def _other(self, name: str, tbytes: bytes, docnum: int, pair: _Pair) -> None:
        """A posting of a field other than the terms field."""
        found = self._others.get((name, tbytes))
        if found is None:
            found = self._others[(name, tbytes)] = (array("I"), [])
        found[0].append(docnum)
        found[1].append(pair)
        self.postings += 1

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
                self.postings += 1
            else:
                self._other(fieldname, tbytes, docnum, (weight, vbytes))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self._whoosh.per_document_reader()
        try:
            by_field: dict[str, list[tuple[bytes, tuple[array[int], list[_Pair]]]]] = {}
            for (name, tbytes), postings in self._others.items():
                by_field.setdefault(name, []).append((tbytes, postings))
            fields = sorted({*by_field, *([TERMS_FIELD] if self._terms else [])})
            writer = self.fieldwriter
            for name in fields:
                field = self.schema[name]
                sizes = _field_lengths(lengths, name, self.docnum)
                writer.start_field(name, field)
                if name == TERMS_FIELD:
                    self._write_counted(writer, sizes)
                else:
                    for tbytes, (docs, pairs) in sorted(by_field[name], key=lambda t: t[0]):
                        if self._merged:  # in document order (a stable sort, as Whoosh's pool)
                            order = sorted(range(len(docs)), key=docs.__getitem__)
                            docs, pairs = array("I", [docs[n] for n in order]), [pairs[n] for n in order]
                        _write_term(writer, tbytes, _generic(docs, pairs), sizes)
                writer.finish_field()
            writer.close()
        finally:
            lengths.close()
        self._terms.clear()
        self._others.clear()

    def _write_counted(self, writer: Any, sizes: list[int]) -> None:
        """The terms field's posting lists, each encoded whole and written at once (see the module)."""
        postfile = writer._postfile
        add = writer._tindex.add
        prefix = pack_ushort(writer._fieldid)
        compression = writer._postwriter._compression
        if writer._postwriter._blocklimit != _BLOCK:
            raise RuntimeError("the codec's block size is not the one this writer cuts")
        terms = self._terms
        for term in sorted(terms):  # code point order is UTF-8 byte order
            codes = terms[term]
            if self._merged:
                codes = array("Q", sorted(codes))
            start = postfile.tell()
            encoded, info = _encode_counted(codes, sizes, compression)
            postfile.write(encoded)
            info.set_extent(start, len(encoded))
            add(prefix + term.encode("utf-8"), info.to_bytes())


def _field_lengths(lengths: Any, name: str, count: int) -> list[int]:
    """Each document's length in a field as the posting writer sees it (the byte-rounded value)."""
    get = lengths.doc_field_length_reader(name)
    return [get(docnum) or 0 for docnum in range(count)]


_HALVES = sys.byteorder == "little" and array("Q").itemsize == 8 and array("I").itemsize == 4
_Chunk = tuple["array[int]", "array[float]", bytes | None]


def _encode_counted(codes: array[int], sizes: list[int], compression: int) -> tuple[bytes, W3TermInfo]:
    """One term's posting list as Whoosh's ``W3PostingsWriter`` writes it (header, then per block: its
    length, negative for the last; pickled block info; pickled, maybe compressed, ids as deltas,
    weights minified, values), and its term info, with the same statistics."""
    ids, freqs = _split(codes)
    info = W3TermInfo()
    parts = [WHOOSH3_HEADER_MAGIC]
    count = len(ids)
    weight = 0.0
    for start in range(0, count, _BLOCK):
        block_ids = ids[start : start + _BLOCK]
        block_freqs = freqs[start : start + _BLOCK]
        size = len(block_ids)
        lengths = list(map(sizes.__getitem__, block_ids))
        shortest: int | None = min(lengths)
        if not shortest:  # a document without a length in this field: not a block statistic
            lengths = [n for n in lengths if n]
            shortest = min(lengths) if lengths else None
        longest = max(lengths) if lengths else 0
        heaviest = float(max(block_freqs))
        first = block_freqs[0]
        if block_freqs.count(first) == size:
            weights: Any = None if first == 1 else float(first)
        else:
            weights = tuple(map(float, block_freqs))
        values = array("I", block_freqs)
        if not _BIG_ENDIAN:
            values.byteswap()  # Whoosh packs frequencies big-endian ("!I")
        previous = array("I", (0,))
        previous.extend(block_ids[:-1])
        data = dumps((tuple(map(sub, block_ids, previous)), weights, values.tobytes()), 2)
        level = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if level:
            data = zlib.compress(data, level)
        last = block_ids[-1]
        stats = dumps((size, last, heaviest, level, length_to_byte(shortest), length_to_byte(longest)), 2)
        length = len(stats) + len(data)
        parts += [pack_int(length if start + _BLOCK < count else -length), stats, data]
        # The term info's statistics, as W3TermInfo.add_block gathers them block by block.
        weight += sum(block_freqs)
        if start == 0:
            info._minlength = shortest
            info._minid = block_ids[0]
        else:
            info._minlength = min(info._minlength, shortest)
        info._maxlength = max(info._maxlength, longest)
        info._maxweight = max(info._maxweight, heaviest)
        info._maxid = last
    info._weight = weight
    info._df = count
    return b"".join(parts), info


_BIG_ENDIAN = sys.byteorder == "big"


def _split(codes: array[int]) -> tuple[array[int], array[int]]:
    """Document numbers and frequencies of a term's postings (each code is document << 32 | frequency)."""
    if array("I").itemsize != 4:
        raise RuntimeError("unsigned int is not 4 bytes here")
    if _HALVES:  # each 8-byte code is its two 4-byte halves: frequency, then document
        halves = array("I", codes.tobytes())
        return halves[1::2], halves[0::2]
    return array("I", (code >> _SHIFT for code in codes)), array("I", (code & _LOW for code in codes))


def _generic(docs: array[int], pairs: list[_Pair]) -> Iterator[_Chunk]:
    for start in range(0, len(docs), _BLOCK):
        chunk = pairs[start : start + _BLOCK]
        weights = array("f", (p[0] for p in chunk))
        values = b"".join(p[1] or b"" for p in chunk)
        yield docs[start : start + _BLOCK], weights, values or None


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
