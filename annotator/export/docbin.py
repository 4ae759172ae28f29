"""spaCy ``.spacy`` files (``DocBin``) written straight from our tokens, without spaCy ``Doc`` objects.

spaCy's own route (``Doc(vocab, words, spaces)``, ``Doc.char_span`` per entity, ``filter_spans``,
``doc.ents = ...``, ``DocBin.add``) costs ~40 µs per entity here: 200,000 entities took 8 s
against the 1 s an export of them may take. This module computes the same thing with numpy per
article and serializes it in DocBin's layout (zlib-compressed msgpack: token attribute columns as
one uint64 array, spaces, lengths, the strings, span groups and user data per doc):

- tokens: ``words``/``spaces`` that rebuild the text exactly (:mod:`annotator.export.spacy_tokens`);
- entity placement: ``Doc.char_span`` semantics, ``strict`` first and ``expand`` when an edge
  falls inside a token (counted in :class:`SpacyAlignment`), then ``spacy.util.filter_spans``
  (longest first, earlier first among equals) for ``doc.ents``;
- columns: ``ORTH``, ``ENT_IOB``, ``ENT_TYPE``, ``ENT_KB_ID`` (the canonical entity's id when a
  mention is linked), as spaCy's ``Doc.to_array`` gives them; attributes left out (tag, lemma,
  norm...) load as they would from a fresh ``Doc``;
- ``doc.spans["sc"]`` (when asked) holds every placed entity, nested ones included.

tests/core/test_export_docbin.py holds the docs loaded back equal to those spaCy's own route
builds, on the sample articles and on random texts and spans. :func:`layout_matches` checks the
installed spaCy's DocBin layout before this writer is used; spacy_fmt falls back to spaCy's
route when it does not match.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np

from annotator.export.spacy_tokens import DocTokens

#: spaCy's attribute ids (spacy.attrs), checked by :func:`layout_matches`
ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID = 65, 77, 78, 452
ATTRS = [ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID]  # ORTH first, the others sorted, as DocBin orders them
#: the keys of a DocBin message (spaCy 3.2+), checked by :func:`layout_matches`
MSG_KEYS = frozenset({"version", "attrs", "tokens", "spaces", "lengths", "strings", "cats", "flags",
                      "span_groups", "user_data"})
IOB_B, IOB_I, IOB_O = 3, 1, 2  # spaCy's ent_iob codes
_SPAN = struct.Struct(">QQQllll")  # SpanGroup.to_bytes: id, kb_id, label, start, end, start_char, end_char


@dataclass
class SpacyAlignment:
    """How entity character spans met spaCy's tokens (``Doc.char_span``)."""

    strict: int = 0
    expanded: int = 0
    failed: int = 0  # no token inside the span (only whitespace)
    overlapping: int = 0  # became overlapping after expansion: left out of doc.ents


@dataclass
class Placed:
    """The entities ``Doc.char_span`` places, in input order: token ranges and their span index."""

    index: np.ndarray  # which input spans (positions into the starts/ends given)
    first: np.ndarray  # first token
    stop: np.ndarray  # one past the last token


def place(idx: np.ndarray, lens: np.ndarray, starts: np.ndarray, ends: np.ndarray,
          align: SpacyAlignment) -> Placed:
    """``Doc.char_span(start, end, alignment_mode="strict")``, else ``"expand"``, for every span at once.

    ``idx``/``lens`` are the tokens' character offsets and lengths; with their trailing spaces
    the tokens tile the text, so the token holding character ``c`` is the last one starting at
    or before it (spaCy's ``token_by_char``). Spans must lie inside the text (validated export).
    """
    s = np.asarray(starts, dtype=np.int64)
    e = np.asarray(ends, dtype=np.int64)
    if not len(s) or not len(idx):
        align.failed += len(s)
        empty = np.zeros(0, dtype=np.int64)
        return Placed(empty, empty, empty)
    first = np.searchsorted(idx, s, side="right") - 1
    last = np.searchsorted(idx, e - 1, side="right") - 1
    strict = (idx[first] == s) & (idx[last] + lens[last] == e)
    # expand: a start in the previous token's trailing space moves to the next token
    first = first + (~strict & (s == idx[first] + lens[first]))
    ok = first <= last
    n_strict = int(strict.sum())
    n_ok = int(ok.sum())
    align.strict += n_strict
    align.expanded += n_ok - n_strict
    align.failed += len(s) - n_ok
    index = np.flatnonzero(ok)
    return Placed(index, first[index], last[index] + 1)


def filter_spans(first: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """``spacy.util.filter_spans`` on token ranges: the positions of the kept ones, by first token.

    Longest first, the earlier among equally long, each kept unless its first or last token is
    already taken; duplicates keep the first given. Only spans in a cluster of overlapping ones
    take a Python step (the choice inside one cluster never depends on another).
    """
    n = len(first)
    by_start = np.lexsort((first - stop, first))  # by first token, longest first among equal
    if n < 2:
        return by_start
    f, t = first[by_start], stop[by_start]
    reach = np.maximum.accumulate(t)
    joins = np.zeros(n, dtype=bool)  # overlaps a span before it in this order
    joins[1:] = f[1:] < reach[:-1]
    if not joins.any():
        return by_start  # nothing overlaps (the usual case)
    cluster = np.cumsum(~joins)
    size = np.bincount(cluster)
    crowded = size[cluster] > 1
    alone = by_start[~crowded]
    contested = by_start[crowded]
    # sorted(key=(length, -first), reverse=True) is stable: longest, then earliest, then given order
    order = contested[np.lexsort((contested, first[contested], first[contested] - stop[contested]))].tolist()
    fs, ts = first.tolist(), stop.tolist()
    taken = bytearray(int(t.max()) + 1)
    kept: list[int] = []
    for k in order:
        a, b = fs[k], ts[k]
        if not taken[a] and not taken[b - 1]:
            kept.append(k)
            taken[a:b] = b"\x01" * (b - a)
    out = np.concatenate([alone, np.asarray(kept, dtype=np.int64)])
    return out[np.argsort(first[out], kind="stable")]


class _Hashes(dict[str, int]):
    """string -> spaCy's id for it (``spacy.strings.get_string_id``: the 64-bit hash, or the
    symbol's number for spaCy's reserved strings such as ``ORG``, 0 for ""), each computed once."""

    def __init__(self, string_id: Callable[[str], int]) -> None:
        super().__init__()
        self._hash = string_id

    def __missing__(self, key: str) -> int:
        h = self[key] = self._hash(key)
        return h

    def ids(self, strings: Iterable[str], n: int) -> np.ndarray:
        return np.fromiter(map(self.__getitem__, strings), dtype=np.uint64, count=n)


@dataclass
class Entry:
    """One doc of a DocBin waiting for its batch: an article layer's tokens, entities, user data."""

    split: str
    tokens: DocTokens  # shared by the layers of one article
    starts: Sequence[int]
    ends: Sequence[int]
    labels: Sequence[str]
    kb_ids: Sequence[str | None] | None  # canonical entity ids; None: none linked
    user_data: dict[str, Any]
    span_group: bool  # also put every placed entity in doc.spans["sc"]


_SPAN_ROW = np.dtype([("id", ">u8"), ("kb", ">u8"), ("label", ">u8"), ("start", ">i4"), ("end", ">i4"),
                      ("start_char", ">i4"), ("end_char", ">i4")])  # SpanGroup.to_bytes's ">QQQllll"
assert _SPAN_ROW.itemsize == _SPAN.size


def adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """The Adler-32 of two byte strings one after the other from theirs (zlib's adler32_combine)."""
    base = 65521
    rem = len2 % base
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (adler2 & 0xFFFF) + base - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + base - rem
    sum1 -= base if sum1 >= base else 0
    sum1 -= base if sum1 >= base else 0
    sum2 -= (base << 1) if sum2 >= (base << 1) else 0
    sum2 -= base if sum2 >= base else 0
    return sum1 | (sum2 << 16)


class _Deflated:
    """A byte stream compressed as it arrives (raw deflate, ended at a byte boundary without a
    final block, so that it can sit between other deflate parts of one zlib stream)."""

    def __init__(self, level: int) -> None:
        self._z = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.parts: list[bytes] = []
        self.adler = 1  # Adler-32 of nothing
        self.length = 0

    def feed(self, data: bytes) -> None:
        self.parts.append(self._z.compress(data))
        self.adler = zlib.adler32(data, self.adler)
        self.length += len(data)

    def close(self) -> bytes:
        self.parts.append(self._z.flush(zlib.Z_SYNC_FLUSH))
        return b"".join(self.parts)


def _deflate(data: bytes, level: int, final: bool) -> bytes:
    z = zlib.compressobj(level, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH)


@dataclass
class WriterPart:
    """A :class:`DocBinWriter`'s docs, finished, to be appended to another writer's (a forked
    process's half of an export): token columns as a closed raw-deflate part, and the rest."""

    tokens: bytes
    adler: int  # Adler-32 of the uncompressed columns
    length: int  # their size in bytes
    spaces: bytes
    lengths: bytes
    span_groups: list[bytes]
    user_data: list[bytes]
    strings: set[str]


class DocBinWriter:
    """One ``.spacy`` file being written: its token columns are compressed batch by batch on a
    worker thread (zlib releases the GIL) while the export goes on; the rest of DocBin's message
    is packed at the end and the parts joined into one zlib stream."""

    def __init__(self, pool: ThreadPoolExecutor, packer: Any, level: int) -> None:
        self._pool = pool
        self._pack = packer.pack
        self._level = level
        self._tokens = _Deflated(level)
        self._fed: list[Future[None]] = []
        self.spaces: list[np.ndarray] = []
        self.lengths: list[np.ndarray] = []
        self.span_groups: list[bytes] = []
        self.user_data: list[bytes] = []
        self.strings: set[str] = {""}
        self._after: list[WriterPart] = []  # another process's docs, after these

    def __len__(self) -> int:
        return len(self.user_data)

    def part(self) -> WriterPart:
        """These docs, finished, for another writer to :meth:`extend` with."""
        for f in self._fed:
            f.result()
        assert not self._after
        return WriterPart(self._tokens.close(), self._tokens.adler, self._tokens.length,
                          (np.concatenate(self.spaces) if self.spaces else np.zeros(0, bool)).tobytes(),
                          (np.concatenate(self.lengths) if self.lengths else np.zeros(0, np.int32))
                          .astype(np.int32).tobytes(),
                          self.span_groups, self.user_data, self.strings)

    def extend(self, part: WriterPart) -> None:
        """Add docs another writer made (:meth:`part`) after all of these."""
        self._after.append(part)
        self.spaces.append(np.frombuffer(part.spaces, dtype=bool))
        self.lengths.append(np.frombuffer(part.lengths, dtype=np.int32))
        self.span_groups += part.span_groups
        self.user_data += part.user_data
        self.strings |= part.strings

    def add_rows(self, cols: np.ndarray, spaces: np.ndarray, lengths: np.ndarray, span_groups: list[bytes],
                 user_data: list[bytes], docs: Iterable[DocTokens], entries: Iterable[Entry]) -> None:
        """Docs laid out together: their token columns one after the other, and per doc the rest
        (``docs``: their distinct tokenizations, ``entries``: what they were made from)."""
        self._fed.append(self._pool.submit(self._tokens.feed, np.ascontiguousarray(cols, dtype=np.uint64).tobytes()))
        self.spaces.append(spaces)
        self.lengths.append(lengths)
        self.span_groups += span_groups
        self.user_data += user_data
        by_vocab: dict[int, tuple[list[str], list[np.ndarray]]] = {}
        for d in docs:  # the strings used, once per batch vocabulary
            by_vocab.setdefault(id(d.vocab), (d.vocab, []))[1].append(d.which)
        for vocab, used in by_vocab.values():
            present = np.zeros(len(vocab), dtype=bool)
            for which in used:
                present[which] = True
            self.strings.update(vocab if present.all() else map(vocab.__getitem__, np.flatnonzero(present).tolist()))
        for en in entries:  # labels and kb ids, as DocBin.add collects them
            self.strings.update(en.labels)
            if en.kb_ids is not None:
                self.strings.update(filter(None, en.kb_ids))

    def to_bytes(self, version: str) -> bytes:
        """The file: zlib of DocBin's msgpack message (map keys in an order of our choosing)."""
        for f in self._fed:
            f.result()
        tokens = self._tokens.close() + b"".join(p.tokens for p in self._after)  # deflate parts join
        size, columns_adler = self._tokens.length, self._tokens.adler
        for p in self._after:
            size, columns_adler = size + p.length, adler32_combine(columns_adler, p.adler, p.length)
        if size >= 1 << 32:
            raise ValueError(f"{size} bytes of token columns do not fit one DocBin (msgpack's limit is 4 GiB)")
        n = len(self.user_data)
        pack = self._pack
        head = (b"\x8a" + pack("version") + pack(version) + pack("attrs") + pack(ATTRS)  # a map of 10 keys
                + pack("tokens") + b"\xc6" + struct.pack(">I", size))  # bin 32 header: the columns follow
        rest = b"".join(pack(k) + pack(v) for k, v in (
            ("spaces", (np.concatenate(self.spaces) if self.spaces else np.zeros(0, bool)).tobytes()),
            ("lengths", (np.concatenate(self.lengths) if self.lengths else np.zeros(0, np.int32))
             .astype(np.int32).tobytes()),
            ("strings", sorted(self.strings)),
            ("cats", [{}] * n),
            ("flags", [{"has_unknown_spaces": False}] * n),
            ("span_groups", self.span_groups),
            ("user_data", self.user_data),
        ))
        adler = zlib.adler32(rest, adler32_combine(zlib.adler32(head), columns_adler, size))
        return (b"\x78\x01" + _deflate(head, self._level, final=False) + tokens  # zlib header: deflate, 32K window
                + _deflate(rest, self._level, final=True) + struct.pack(">I", adler))


def layout_matches() -> str | None:
    """None when the installed spaCy's DocBin has the layout this writer produces, else what differs."""
    import srsly.msgpack
    from spacy import attrs
    from spacy.tokens import DocBin

    ids = [attrs.ORTH, attrs.ENT_IOB, attrs.ENT_TYPE, attrs.ENT_KB_ID]
    if ids != ATTRS:
        return f"spaCy's attribute ids {ids} are not {ATTRS}"
    probe = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"], store_user_data=True)
    order = [int(a) for a in probe.attrs]
    if order != ATTRS:
        return f"DocBin orders the attributes {order}"
    # not srsly.msgpack_loads: it ends with gc.enable(), which would undo the export's paused collector
    msg = srsly.msgpack.unpackb(zlib.decompress(probe.to_bytes()), raw=False)
    if set(msg) != MSG_KEYS:
        return f"a DocBin message has the keys {sorted(msg)}"
    return None


class FastDocBins:
    """The ``.spacy`` files of an export, one :class:`DocBinWriter` per split. Docs are queued
    (:meth:`add`) and laid out a batch at a time (:meth:`flush`): placing, filtering and tagging
    the entities of ~250 articles costs a few numpy calls instead of a few per article."""

    def __init__(self, level: int = 1) -> None:
        import srsly.msgpack
        from spacy.strings import get_string_id
        from spacy.tokens import DocBin

        self.version = str(DocBin().version)
        self.hashes = _Hashes(get_string_id)
        self._packer = srsly.msgpack.Packer(use_bin_type=True)
        self._level = level  # zlib level: any loads; 1 is ~3x faster than spaCy's 6 for ~10% more bytes
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="docbin-deflate")
        self.bins: dict[str, DocBinWriter] = {}
        self.pending: list[Entry] = []
        self.align = SpacyAlignment()

    def string_ids(self, words: list[str]) -> np.ndarray:
        """spaCy's ids of ``words`` (uint64)."""
        return self.hashes.ids(words, len(words))

    def add(self, entry: Entry) -> None:
        self.pending.append(entry)

    def writer(self, split: str) -> DocBinWriter:
        w = self.bins.get(split)
        if w is None:
            w = self.bins[split] = DocBinWriter(self._pool, self._packer, self._level)
        return w

    def to_bytes(self, split: str) -> bytes:
        self.flush()
        return self.writer(split).to_bytes(self.version)

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def half_state(self) -> tuple[dict[str, WriterPart], SpacyAlignment]:
        """Every split's docs, finished, and the alignment counts (a forked half of an export)."""
        self.flush()
        return {name: w.part() for name, w in self.bins.items()}, self.align

    def merge(self, state: tuple[dict[str, WriterPart], SpacyAlignment]) -> None:
        """Append a forked half's docs (:meth:`half_state`) after the docs of this process."""
        self.flush()
        parts, align = state
        for name, part in parts.items():
            self.writer(name).extend(part)
        self.align.strict += align.strict
        self.align.expanded += align.expanded
        self.align.failed += align.failed
        self.align.overlapping += align.overlapping

    def flush(self) -> None:
        """Lay out the queued docs: all of them as one array of rows (tokens), spans placed and
        filtered on it (each doc has its own rows and characters, so none interact), then each
        split's rows go to its writer."""
        entries, self.pending = self.pending, []
        if not entries:
            return
        m = len(entries)
        toks = [en.tokens for en in entries]
        rows = np.fromiter((len(t.orth) for t in toks), dtype=np.int64, count=m)
        row0 = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(rows, out=row0[1:])
        n = int(row0[-1])
        char0 = np.zeros(m + 1, dtype=np.int64)  # each doc's characters after the previous doc's
        np.cumsum(np.fromiter((t.length + 1 for t in toks), dtype=np.int64, count=m), out=char0[1:])
        idx = np.concatenate([t.idx for t in toks]) + np.repeat(char0[:-1], rows)
        lens = np.concatenate([t.lens for t in toks])
        nspans = np.fromiter((len(en.starts) for en in entries), dtype=np.int64, count=m)
        total = int(nspans.sum())
        shift = np.repeat(char0[:-1], nspans)
        starts = np.fromiter(chain.from_iterable(en.starts for en in entries), np.int64, total) + shift
        ends = np.fromiter(chain.from_iterable(en.ends for en in entries), np.int64, total) + shift
        lab_h = self.hashes.ids(chain.from_iterable(en.labels for en in entries), total)
        kb_h = np.zeros(total, dtype=np.uint64)
        span0 = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(nspans, out=span0[1:])
        for k, en in enumerate(entries):
            if en.kb_ids is not None:
                kb_h[span0[k]:span0[k + 1]] = self.hashes.ids((u or "" for u in en.kb_ids), int(nspans[k]))
        placed = place(idx, lens, starts, ends, self.align)
        kept = filter_spans(placed.first, placed.stop)
        self.align.overlapping += len(placed.index) - len(kept)
        cols = np.zeros((n, len(ATTRS)), dtype=np.uint64)
        cols[:, 0] = np.concatenate([t.orth for t in toks])
        cols[:, 1] = IOB_O
        a, b, which = placed.first[kept], placed.stop[kept], placed.index[kept]
        cols[a, 1] = IOB_B
        inner = np.bincount(a + 1, minlength=n + 1) - np.bincount(b, minlength=n + 1)
        cols[np.cumsum(inner[:n]) > 0, 1] = IOB_I
        width = b - a  # every token of a kept entity gets its label and kb id
        of_row = np.repeat(np.arange(len(a)), width)
        ent_rows = np.arange(int(width.sum())) - np.repeat(np.cumsum(width) - width, width) + np.repeat(a, width)
        cols[ent_rows, 2] = lab_h[which][of_row]
        cols[ent_rows, 3] = kb_h[which][of_row]
        groups = self._span_groups(entries, placed, idx - np.repeat(char0[:-1], rows), lens, row0, span0,
                                   lab_h, kb_h)
        user_data = [self._packer.pack(en.user_data) for en in entries]
        spaces = np.concatenate([t.spaces for t in toks])
        names = list(dict.fromkeys(en.split for en in entries))
        for name in names:
            sel = [k for k, en in enumerate(entries) if en.split == name]
            if len(names) == 1:
                part_cols, part_spaces = cols, spaces
            else:
                mask = np.repeat(np.fromiter((en.split == name for en in entries), dtype=bool, count=m), rows)
                part_cols, part_spaces = cols[mask], spaces[mask]
            docs = {id(toks[k]): toks[k] for k in sel}.values()  # an article's layers share its tokens
            self.writer(name).add_rows(part_cols, part_spaces, rows[sel], [groups[k] for k in sel],
                                       [user_data[k] for k in sel], docs, [entries[k] for k in sel])

    def _span_groups(self, entries: list[Entry], placed: Placed, local_idx: np.ndarray, lens: np.ndarray,
                     row0: np.ndarray, span0: np.ndarray, lab_h: np.ndarray, kb_h: np.ndarray) -> list[bytes]:
        """Each doc's ``SpanGroups.to_bytes()``: empty, or ``{"sc": every placed entity}`` when asked."""
        out = [_NO_GROUPS] * len(entries)
        asked = [k for k, en in enumerate(entries) if en.span_group]
        if not asked:
            return out
        entry = np.searchsorted(span0, placed.index, side="right") - 1
        a, b, which = placed.first, placed.stop, placed.index
        rec = np.zeros(len(which), dtype=_SPAN_ROW)
        rec["kb"], rec["label"] = kb_h[which], lab_h[which]
        rec["start"], rec["end"] = a - row0[entry], b - row0[entry]
        rec["start_char"], rec["end_char"] = local_idx[a], local_idx[b - 1] + lens[b - 1]
        raw = rec.tobytes()
        size = _SPAN_ROW.itemsize
        bounds = np.searchsorted(entry, np.arange(len(entries) + 1)).tolist()
        for k in asked:
            spans = [raw[j * size:(j + 1) * size] for j in range(bounds[k], bounds[k + 1])]
            group = self._packer.pack({"name": "sc", "attrs": {}, "spans": spans})
            out[k] = bytes(self._packer.pack({group: ["sc"]}))
        return out


_NO_GROUPS = b"\x90"  # SpanGroups.to_bytes() of a doc without span groups (an empty msgpack list)
