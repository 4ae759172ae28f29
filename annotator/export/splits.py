"""Leakage-safe train/dev/test splits: articles about one story always land in the same split.

Outlets republish the same wire story with a new headline, a dropped paragraph or another
spelling (أميركا/أمريكا), and several outlets write their own report of the same event. Such
articles in train and test inflate every score, so articles are grouped first and whole groups
are assigned to splits. Three passes, each reported on the dataset card:

1. near-duplicates: word shingles of the normalized text (``annotator.text.normalize``, so
   diacritics, letter forms and spelling variants do not hide a copy), a one-permutation MinHash
   sketch, LSH banding for candidate pairs, the sketch's Jaccard estimate to confirm;
2. same event: independent reports share few shingles (<= 3% between the sample articles) but
   share distinctive content words; :mod:`annotator.export.events` links the near-duplicate
   groups by TF-IDF cosine with average linkage;
3. declared events: articles with the same ``meta["event"]`` are grouped as the user said.

Copying is transitive (single linkage: a text half from story A and half from story B joins
both); topical similarity is not, so pass 2 uses average linkage. Both passes take their links
strongest first and refuse a merge that would make a group of more than :meth:`GroupParams.cap`
articles: a corpus of remixed copies cannot become one giant group that no split could hold
(refused links are counted on the card).

The result does not depend on the order the articles come in: they are put into a canonical
order (by sketch) first, and the groups are listed in that order for :func:`assign_splits`.
The sketch is hand-written on ``zlib.crc32`` and numpy (already a dependency; no datasketch):
per distinct token the work is cached, per article and per pair it is vectorised. 10,000
articles of ~3,800 characters take about 4 s of CPU on the 2-core machine, under load
(``bench/bench_splits.py``).
"""

from __future__ import annotations

import random
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np

from annotator import text as T
from annotator.export.events import EventLinks, EventParams, UnionFind, content_word, link_events

SPLIT_NAMES = ("train", "dev", "test")


def _shingle_table() -> dict[int, str | None]:
    """KEY_TABLE completed for the BMP below U+3000, with every non-word character mapped to a space.

    ``token.translate(table).split()`` then gives the words of ``normalize(token)`` (what the
    regex ``[^\\W_]+`` finds) without the regex.
    """
    table: dict[int, str | None] = {}
    for c in range(0x3000):
        mapped = T.KEY_TABLE.get(c, chr(c))
        table[c] = mapped if mapped is None or mapped.isalnum() else " "
    return table


_SHINGLE_TABLE = _shingle_table()


class _TokenCache(dict[str, tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]]):
    """token -> (its normalized words, their CRCs, its content words), computed once per distinct token.

    News text repeats its words, so most look-ups are hits; a plain dict with ``__missing__`` is
    a C-level look-up (about half the cost of ``lru_cache``). Emptied when it grows past
    :attr:`LIMIT` entries, to keep memory bounded on a huge vocabulary.
    No whitespace character is deleted by KEY_TABLE, so splitting at whitespace first changes
    nothing. Multi-word variants such as بيونغ يانغ are not unified here.
    """

    LIMIT = 1 << 18

    def __missing__(self, token: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
        if len(self) >= self.LIMIT:
            self.clear()
        ws = tuple(map(T.DEFAULT.apply, token.translate(_SHINGLE_TABLE).split()))
        out = ws, tuple(zlib.crc32(w.encode()) for w in ws), tuple(filter(None, map(content_word, ws)))
        self[token] = out
        return out


_token = _TokenCache().__getitem__


def words(text: str) -> list[str]:
    """The words of ``annotator.text.normalize(text)`` (letter forms, marks and variants unified)."""
    return list(chain.from_iterable(map(_WORDS, map(_token, text.split()))))


_WORDS, _CRCS, _CONTENT = itemgetter(0), itemgetter(1), itemgetter(2)


@dataclass(frozen=True)
class GroupParams:
    shingle: int = 3  # words per shingle
    threshold: float = 0.3  # estimated Jaccard at or above which two articles are one story
    bins: int = 128  # sketch size
    event_key: str = "event"  # meta field naming an event; equal values are grouped
    events: EventParams = field(default_factory=EventParams)  # same-event pass (threshold 0: off)
    max_group: int = 0  # most articles passes 1-2 put in one group; 0: see cap()

    def __post_init__(self) -> None:
        if self.bins < 2 or self.bins & (self.bins - 1):
            raise ValueError(f"bins must be a power of two, got {self.bins}")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.shingle < 1:
            raise ValueError(f"shingle must be at least 1 word, got {self.shingle}")
        if self.max_group < 0:
            raise ValueError(f"max_group must be positive (or 0 for automatic), got {self.max_group}")

    def cap(self, n: int) -> int:
        """The group size cap for ``n`` articles: ``max_group``, else 1% of them but at least 50."""
        return self.max_group or max(50, n // 100)


class Sketch(list[int]):
    """A MinHash sketch that also carries what the other passes and the card need: the article's
    content words (see :func:`annotator.export.events.content_word`), its publication date and a
    label (its first line, the title). A plain ``list[int]`` takes part in pass 1 only."""

    __slots__ = ("content", "label", "published")

    def __init__(self, values: list[int], content: tuple[str, ...] = (), label: str = "",
                 published: str | None = None) -> None:
        super().__init__(values)
        self.content = content
        self.label = label
        self.published = published


def _label(text: str) -> str:
    rest = text.lstrip()
    line = rest[:200].splitlines()[0].strip() if rest else ""
    return line if len(line) <= 80 else line[:79] + "…"


def sketch(text: str, params: GroupParams, published: str | None = None) -> Sketch:
    """Everything grouping needs of one article (``published``: an ISO date, when known)."""
    toks = list(map(_token, text.split()))
    crcs = np.fromiter(chain.from_iterable(map(_CRCS, toks)), dtype=np.uint64)
    content = tuple(chain.from_iterable(map(_CONTENT, toks))) if params.events.threshold > 0 else ()
    return Sketch(_minhash(crcs, params), content, _label(text), published)


_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def _minhash(wh: np.ndarray, params: GroupParams) -> list[int]:
    """One-permutation MinHash of the word shingles (``params.bins`` values) from the words' CRCs."""
    m = params.bins
    n = len(wh)
    if not n:
        return [-1] * m  # nothing to compare: matches no one (see _near_duplicates)
    # a shingle's hash: the words' CRCs combined and mixed (splitmix64's finalizer), top 32 bits
    k = min(params.shingle, n)
    h = wh[: n - k + 1]
    for r in range(1, k):
        h = h * _MIX[0] + wh[r : n - k + 1 + r]
    h = (h ^ (h >> np.uint64(30))) * _MIX[1]
    h = (h ^ (h >> np.uint64(27))) * _MIX[2]
    hashes = np.sort((h >> np.uint64(32)).astype(np.int64))  # sorted values: sorted bins (top bits)
    hb = hashes >> (32 - (m.bit_length() - 1))
    first = np.flatnonzero(np.concatenate(([True], hb[1:] != hb[:-1])))
    bins, values = hb[first], hashes[first]  # each non-empty bin and its smallest hash
    # rotation densification: an empty bin borrows the next non-empty bin's value (circularly),
    # offset by the distance, so short texts still give comparable sketches
    j = np.arange(m)
    nxt = np.searchsorted(bins, j) % len(bins)
    out: list[int] = (values[nxt] + ((bins[nxt] - j) % m << 32)).tolist()
    return out


def _bands(params: GroupParams) -> tuple[int, int]:
    """(bands, rows): the most rows per band that still catches a pair at the threshold 95% of the time."""
    for rows in range(8, 0, -1):
        bands = params.bins // rows
        if 1 - (1 - params.threshold**rows) ** bands >= 0.95:
            return bands, rows
    return params.bins, 1


@dataclass(frozen=True)
class Grouping:
    """Groups of article indices (each sorted; the list in canonical order) and the facts the
    dataset card reports."""

    groups: list[list[int]]
    params: GroupParams
    bands: int
    rows: int
    pairs_confirmed: int  # near-duplicate pairs joined
    pairs_event: int = 0  # same-event pairs joined
    labels: list[str] = field(default_factory=list)  # each article's first line, for examples
    cap: int = 0
    refused: int = 0  # links refused by the size cap or the linkage rule
    event_pairs: list[tuple[int, int, float]] = field(default_factory=list)  # (i, j, score) joined

    def report(self, largest: int = 5, examples: int = 3) -> dict[str, Any]:
        sizes = Counter(len(g) for g in self.groups)
        ev = self.params.events
        big = sorted((g for g in self.groups if len(g) > 1), key=lambda g: -len(g))[:largest]
        return {
            "method": f"MinHash (one permutation, {self.params.bins} bins) over {self.params.shingle}-word "
            f"shingles of normalized text, LSH {self.bands} bands x {self.rows} rows",
            "threshold": self.params.threshold,
            "event_method": "TF-IDF cosine over content words (function words, numbers and clitics "
            f"removed; evidence words in 2 to max({ev.max_df_floor}, {ev.max_df_share:.0%}) of the "
            f"articles, {ev.keep} heaviest kept), candidates sharing {ev.min_shared} of each article's "
            f"{ev.top_k} heaviest words, average linkage, dates at most {ev.max_days} days apart"
            if ev.threshold > 0 else "off",
            "event_threshold": ev.threshold,
            "event_key": self.params.event_key,
            "cap": self.cap,
            "refused": self.refused,
            "articles": sum(sizes[s] * s for s in sizes),
            "groups": len(self.groups),
            "groups_of_several": sum(c for s, c in sizes.items() if s > 1),
            "largest": max(sizes, default=0),
            "sizes": {str(s): sizes[s] for s in sorted(sizes)},
            "pairs_confirmed": self.pairs_confirmed,
            "pairs_event": self.pairs_event,
            "largest_groups": [
                {"size": len(g), "examples": [self.labels[i] for i in g[:examples] if i < len(self.labels)]}
                for g in big
            ],
            "event_examples": self._event_examples(largest),
        }


    def _event_examples(self, most: int) -> list[tuple[str, str, float]]:
        """The strongest same-event pair of each group that has one, largest groups first."""
        group_of = {i: k for k, g in enumerate(self.groups) for i in g}
        best: dict[int, tuple[int, int, float]] = {}
        for i, j, s in self.event_pairs:
            k = group_of[i]
            if k not in best or s > best[k][2]:
                best[k] = (i, j, s)
        ranked = sorted(best.items(), key=lambda kv: (-len(self.groups[kv[0]]), -kv[1][2]))[:most]
        label = self.labels.__getitem__ if self.labels else str
        return [(label(i), label(j), round(s, 3)) for _, (i, j, s) in ranked]


def group_articles(texts: Sequence[str], events: Sequence[str | None] = (), params: GroupParams | None = None, *,
                   dates: Sequence[str | None] = ()) -> Grouping:
    """Group near-duplicate texts, reports of one event and equal event ids (see the module doc).
    ``dates`` are ISO publication dates per article, where known."""
    params = params or GroupParams()
    return group_sketches([sketch(t, params, dates[i] if i < len(dates) else None) for i, t in enumerate(texts)],
                          events, params)


def group_sketches(sketches: Sequence[list[int]], events: Sequence[str | None], params: GroupParams) -> Grouping:
    """Group articles by their sketches (see :func:`sketch`) and declared event ids."""
    n = len(sketches)
    # canonical order: the same articles in any order give the same groups and the same split
    order = sorted(range(n), key=lambda i: (sketches[i], _content(sketches[i]), _label_of(sketches[i]), i))
    sks = [sketches[i] for i in order]
    cap = params.cap(n)
    uf = UnionFind(n)
    size = [1] * n
    bands, rows = _bands(params)
    confirmed, refused = _near_duplicates(sks, params, bands, rows, uf, size, cap)
    links = _same_event(sks, params, uf, size, cap)
    refused += links.refused_size + links.refused_linkage
    where: dict[str, int] = {}
    for pos, i in enumerate(order):
        ev = events[i] if i < len(events) else None
        if ev:
            if ev in where:
                uf.union(where[ev], pos)
            else:
                where[ev] = pos
    by_root: dict[int, list[int]] = {}
    for pos in range(n):
        by_root.setdefault(uf.find(pos), []).append(order[pos])
    groups = [sorted(g) for g in by_root.values()]  # roots are each group's first canonical position
    labels = [_label_of(sk) for sk in sketches]
    joined = [(order[i], order[j], s) for i, j, s in links.joins]
    return Grouping(groups, params, bands, rows, confirmed, len(links.joins), labels, cap, refused, joined)


def _near_duplicates(sks: Sequence[list[int]], params: GroupParams, bands: int, rows: int,
                     uf: UnionFind, size: list[int], cap: int) -> tuple[int, int]:
    """Pass 1: join LSH candidates whose sketches agree, strongest first, while the group stays
    under the cap. Returns (pairs joined, pairs refused by the cap).

    Linkage is single (transitive) on purpose: an article made of half of story A and half of
    story B leaks into whichever split holds A or B, so all three belong together."""
    n = len(sks)
    if n < 2:
        return 0, 0
    need = params.threshold * params.bins
    m = np.array(sks, dtype=np.int64)
    live = np.flatnonzero(m[:, 0] != -1)  # an empty text matches no one
    found = []
    mult = np.uint64(0x9E3779B97F4A7C15)
    for band in range(bands):
        # one 64-bit key per band (a rare collision only costs a comparison: pairs are confirmed)
        key = np.zeros(len(live), dtype=np.uint64)
        for col in m[live, band * rows : (band + 1) * rows].T.astype(np.uint64):
            key = key * mult + col
        o = np.argsort(key, kind="stable")
        k = key[o]
        dup = np.flatnonzero(k[1:] == k[:-1]) + 1  # positions (in o) equal to their predecessor
        if not len(dup):
            continue
        start = np.zeros(len(o), dtype=np.int64)
        start[1:] = np.where(k[1:] != k[:-1], np.arange(1, len(o)), 0)
        first = np.maximum.accumulate(start)
        # each member against the bucket's first and its predecessor: linear, not quadratic
        for j in (o[first[dup]], o[dup - 1]):
            found.append(live[j] * n + live[o[dup]])
    if not found:
        return 0, 0
    cand = np.unique(np.concatenate(found))
    first_of, second = cand // n, cand % n
    same = np.concatenate([(m[first_of[c : c + 65536]] == m[second[c : c + 65536]]).sum(axis=1)
                           for c in range(0, len(cand), 65536)])
    ok = same >= need
    order = np.lexsort((second[ok], first_of[ok], -same[ok]))  # strongest first, ties by position
    joined = refused = 0
    for i, j in zip(first_of[ok][order].tolist(), second[ok][order].tolist(), strict=True):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        if size[ri] + size[rj] > cap:
            refused += 1
            continue
        root = uf.union(ri, rj)
        size[root] = size[ri] + size[rj]
        joined += 1
    return joined, refused


def _same_event(sks: Sequence[list[int]], params: GroupParams, uf: UnionFind, size: list[int], cap: int) -> EventLinks:
    """Pass 2: link near-duplicate groups that report one event (each group represented by its
    member with the most content words: counted per article, a story's copies would make its own
    words look common and pull it away from other outlets' reports)."""
    if params.events.threshold <= 0:
        return EventLinks()
    members: dict[int, list[int]] = {}
    for i in range(len(sks)):
        members.setdefault(uf.find(i), []).append(i)
    reps = [max(g, key=lambda i: (len(_content(sks[i])), -i)) for g in members.values()]
    bags = [_content(sks[r]) for r in reps]
    if not any(bags):
        return EventLinks()
    sizes = [len(g) for g in members.values()]
    dates = [_published(sks[r]) for r in reps]
    links = link_events(bags, sizes, params.events, cap, dates)
    joins = []
    for a, b, score in links.joins:
        ra, rb = uf.find(reps[a]), uf.find(reps[b])
        root = uf.union(ra, rb)
        size[root] = size[ra] + size[rb]
        joins.append((reps[a], reps[b], score))
    links.joins = joins
    return links


def _content(sk: list[int]) -> tuple[str, ...]:
    return sk.content if isinstance(sk, Sketch) else ()


def _published(sk: list[int]) -> str | None:
    return sk.published if isinstance(sk, Sketch) else None


def _label_of(sk: list[int]) -> str:
    return sk.label if isinstance(sk, Sketch) else ""


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
