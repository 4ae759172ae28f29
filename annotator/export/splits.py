"""Leakage-safe train/dev/test splits: near-duplicate articles always land in the same split.

Outlets republish the same wire story with a new headline, a dropped paragraph or another
spelling (أميركا/أمريكا). Such copies in train and test inflate every score, so articles are
grouped first and whole groups are assigned to splits.

Grouping: word shingles of the normalized text (``annotator.text.normalize``, so diacritics,
letter forms and spelling variants do not hide a copy), a one-permutation MinHash sketch, LSH
banding for candidate pairs, the sketch's Jaccard estimate to confirm, and union-find. Articles
that share a declared event id (``meta["event"]``) are grouped too. The sketch is hand-written
(~60 lines) on ``zlib.crc32``; every per-shingle step runs inside C (``map``/``dict``/``sorted``),
~0.9 ms per 4,000-character article (10,000 articles in about ten seconds on two cores, see
``bench/bench_export.py``) without adding numpy or datasketch to a desktop app's dependencies.
"""

from __future__ import annotations

import random
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import rshift
from typing import Any

from annotator import text as T

SPLIT_NAMES = ("train", "dev", "test")


def _shingle_table() -> dict[int, str | None]:
    """KEY_TABLE completed for the BMP below U+3000, with every non-word character mapped to a space.

    ``text.translate(table).split()`` then gives the words of ``normalize(text)`` (what the regex
    ``[^\\W_]+`` finds) without the regex and without translate's slow missing-key path.
    """
    table: dict[int, str | None] = {}
    for c in range(0x3000):
        mapped = T.KEY_TABLE.get(c, chr(c))
        table[c] = mapped if mapped is None or mapped.isalnum() else " "
    return table


_SHINGLE_TABLE = _shingle_table()


#: spelling variants applied per distinct word (a cache hit costs far less than the variant regex
#: over the whole text); multi-word variants such as بيونغ يانغ are not unified here
_variant = lru_cache(maxsize=1 << 17)(T.DEFAULT.apply)


def words(text: str) -> list[str]:
    """The words of ``annotator.text.normalize(text)`` (letter forms, marks and variants unified)."""
    return list(map(_variant, text.translate(_SHINGLE_TABLE).split()))


@dataclass(frozen=True)
class GroupParams:
    shingle: int = 3  # words per shingle
    threshold: float = 0.3  # estimated Jaccard at or above which two articles are one story
    bins: int = 128  # sketch size
    event_key: str = "event"  # meta field naming an event; equal values are grouped

    def __post_init__(self) -> None:
        if self.bins < 2 or self.bins & (self.bins - 1):
            raise ValueError(f"bins must be a power of two, got {self.bins}")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.shingle < 1:
            raise ValueError(f"shingle must be at least 1 word, got {self.shingle}")


def sketch(text: str, params: GroupParams) -> list[int]:
    """One-permutation MinHash of the word shingles of ``text`` (``params.bins`` values)."""
    enc = list(map(str.encode, words(text)))
    # crc32(c, crc32(b, crc32(a))): the CRC of the k words run together, one C call per word
    grams = map(zlib.crc32, enc)
    for i in range(1, min(params.shingle, len(enc))):
        grams = map(zlib.crc32, enc[i:], grams)
    hashes = sorted(set(grams), reverse=True)
    shift = 32 - (params.bins.bit_length() - 1)
    binmin = dict(zip(map(rshift, hashes, repeat(shift)), hashes, strict=True))  # smallest wins
    m = params.bins
    if not binmin:
        return [-1] * m  # nothing to compare: matches no one (see _candidates)
    # rotation densification: an empty bin borrows the next non-empty bin's value, offset by
    # the distance, so short texts still give comparable sketches
    out = [0] * m
    nxt = None
    for j in range(2 * m - 1, -1, -1):
        v = binmin.get(j % m)
        if v is not None:
            nxt = (v, j)
        elif j < m and nxt is not None:
            out[j] = nxt[0] + (nxt[1] - j) * (1 << 32)
        if j < m and v is not None:
            out[j] = v
    return out


def _bands(params: GroupParams) -> tuple[int, int]:
    """(bands, rows): the most rows per band that still catches a pair at the threshold 95% of the time."""
    for rows in range(8, 0, -1):
        bands = params.bins // rows
        if 1 - (1 - params.threshold**rows) ** bands >= 0.95:
            return bands, rows
    return params.bins, 1


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(frozen=True)
class Grouping:
    """Groups of article indices and the facts the dataset card reports."""

    groups: list[list[int]]
    params: GroupParams
    bands: int
    rows: int
    pairs_confirmed: int

    def report(self) -> dict[str, Any]:
        sizes = Counter(len(g) for g in self.groups)
        return {
            "method": f"MinHash (one permutation, {self.params.bins} bins) over {self.params.shingle}-word "
            f"shingles of normalized text, LSH {self.bands} bands x {self.rows} rows, union-find",
            "threshold": self.params.threshold,
            "event_key": self.params.event_key,
            "articles": sum(sizes[s] * s for s in sizes),
            "groups": len(self.groups),
            "groups_of_several": sum(c for s, c in sizes.items() if s > 1),
            "largest": max(sizes, default=0),
            "sizes": {str(s): sizes[s] for s in sorted(sizes)},
            "pairs_confirmed": self.pairs_confirmed,
        }


def group_articles(texts: Sequence[str], events: Sequence[str | None] = (), params: GroupParams | None = None) -> Grouping:
    """Group near-duplicate texts (and equal event ids); groups are sorted lists of indices."""
    params = params or GroupParams()
    return group_sketches([sketch(t, params) for t in texts], events, params)


def group_sketches(sketches: Sequence[list[int]], events: Sequence[str | None], params: GroupParams) -> Grouping:
    """Group articles by their sketches (see :func:`sketch`) and declared event ids."""
    n = len(sketches)
    uf = _UnionFind(n)
    bands, rows = _bands(params)
    confirmed = 0
    need = params.threshold * params.bins
    for b in range(bands):
        lo = b * rows
        buckets: dict[tuple[int, ...], list[int]] = {}
        for i, sk in enumerate(sketches):
            if sk[0] == -1:
                continue
            buckets.setdefault(tuple(sk[lo : lo + rows]), []).append(i)
        for members in buckets.values():
            # compare each member with the bucket's first and its predecessor: linear, not quadratic
            for k in range(1, len(members)):
                i = members[k]
                for j in {members[0], members[k - 1]}:
                    if uf.find(i) == uf.find(j):
                        continue
                    same = sum(map(int.__eq__, sketches[i], sketches[j]))
                    if same >= need:
                        uf.union(i, j)
                        confirmed += 1
    first: dict[str, int] = {}
    for i, ev in enumerate(events):
        if ev:
            if ev in first:
                uf.union(first[ev], i)
            else:
                first[ev] = i
    by_root: dict[int, list[int]] = {}
    for i in range(n):
        by_root.setdefault(uf.find(i), []).append(i)
    return Grouping(sorted(by_root.values()), params, bands, rows, confirmed)


def assign_splits(groups: Sequence[Sequence[int]], percents: Sequence[int], seed: int) -> dict[int, str]:
    """Whole groups to train/dev/test, approximating ``percents``; the same seed gives the same split.

    Groups are shuffled with the seed, placed largest first (so big groups go where there is
    room), each into the split furthest below its target share.
    """
    if len(percents) != 3 or any(p < 0 for p in percents) or sum(percents) <= 0:
        raise ValueError(f"a split needs three non-negative percentages, got {tuple(percents)}")
    total = sum(len(g) for g in groups)
    order = list(groups)
    random.Random(seed).shuffle(order)
    order.sort(key=len, reverse=True)  # stable: equal sizes keep the shuffled order
    weights = [p / sum(percents) for p in percents]
    have = [0, 0, 0]
    out: dict[int, str] = {}
    for g in order:
        k = max((i for i in range(3) if weights[i] > 0), key=lambda i: weights[i] * total - have[i])
        have[k] += len(g)
        for i in g:
            out[i] = SPLIT_NAMES[k]
    return out
