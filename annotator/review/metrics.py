"""Agreement statistics as plain functions: matching, precision/recall/F1, Cohen's kappa, Krippendorff's alpha.

Kept free of storage so tests can check each against numbers worked out by hand. Undefined values
(no items at all, no variation in the data) are ``None`` rather than a made-up 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class PRF:
    """Matched items between a reference side ``a`` and a compared side ``b``.

    precision = tp / |b|, recall = tp / |a|, F1 = 2 tp / (|a| + |b|) (symmetric in a and b).
    """

    tp: int = 0
    a: int = 0
    b: int = 0

    def add(self, tp: int, a: int, b: int) -> None:
        self.tp += tp
        self.a += a
        self.b += b

    def __iadd__(self, other: PRF) -> PRF:
        self.add(other.tp, other.a, other.b)
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / self.b if self.b else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.a if self.a else None

    @property
    def f1(self) -> float | None:
        n = self.a + self.b
        return 2 * self.tp / n if n else None

    def to_dict(self) -> dict[str, Any]:
        return {"precision": _r(self.precision), "recall": _r(self.recall), "f1": _r(self.f1),
                "matched": self.tp, "a": self.a, "b": self.b}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def greedy_match[X, Y](a: Sequence[X], b: Sequence[Y], score: Callable[[X, Y], float]) -> list[tuple[int, int]]:
    """One-to-one pairs (i, j) by descending score (> 0 only); ties go to the earlier items.

    Greedy rather than optimal assignment: it is what a reader expects from "the biggest overlap
    wins", it is deterministic, and for spans in news text the two rarely differ.
    """
    cands = [(s, i, j) for i, x in enumerate(a) for j, y in enumerate(b) if (s := score(x, y)) > 0]
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _s, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return sorted(out)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two equally long label sequences: (p_o - p_e) / (1 - p_e)."""
    return kappa_from_counts(Counter(zip(a, b, strict=True)))


def kappa_from_counts(pairs: Counter[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa from a confusion table {(label_a, label_b): count}; None when p_e is 1."""
    n = sum(pairs.values())
    if n == 0:
        return None
    agree = sum(c for (x, y), c in pairs.items() if x == y)
    ma: Counter[Hashable] = Counter()
    mb: Counter[Hashable] = Counter()
    for (x, y), c in pairs.items():
        ma[x] += c
        mb[y] += c
    p_o = agree / n
    p_e = sum(ma[k] * mb[k] for k in ma) / (n * n)
    if p_e >= 1.0:
        return None
    return (p_o - p_e) / (1 - p_e)


def alpha_nominal(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data; each unit lists one value per coder (None = missing)."""
    return alpha_from_units(Counter(unit_key(u) for u in units))


def alpha_from_units(units: Counter[tuple[tuple[Hashable, int], ...]]) -> float | None:
    """Alpha from identical units counted together: {((value, how many coders gave it), ...): count}.

    Coincidences: a unit with m values adds n_c (n_k - [c == k]) / (m - 1) to o_ck. Then
    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k. Units with fewer than two
    values are not pairable and drop out. None when there is no variation at all.
    """
    n_c: Counter[Hashable] = Counter()
    disagree = 0.0
    for unit, times in units.items():
        m = sum(cnt for _v, cnt in unit)
        if m < 2:
            continue
        same = sum(cnt * (cnt - 1) for _v, cnt in unit)
        disagree += times * (m * (m - 1) - same) / (m - 1)  # sum over c != k of o_ck for this unit
        for v, cnt in unit:
            n_c[v] += cnt * times
    n = sum(n_c.values())
    expected = n * n - sum(c * c for c in n_c.values())  # sum_{c != k} n_c n_k
    if n < 2 or expected == 0:
        return None
    return 1 - (n - 1) * disagree / expected


def unit_key(values: Iterable[Hashable | None]) -> tuple[tuple[Hashable, int], ...]:
    """The counted form of one unit for :func:`alpha_from_units`."""
    return tuple(sorted(Counter(v for v in values if v is not None).items(), key=repr))


def binary(label: Hashable, pairs: Counter[tuple[Hashable, Hashable]]) -> Counter[tuple[Hashable, Hashable]]:
    """Collapse a confusion table to ``label`` vs everything else (per-label kappa)."""
    out: Counter[tuple[Hashable, Hashable]] = Counter()
    for (x, y), c in pairs.items():
        out[(x == label, y == label)] += c
    return out


def binary_units(
    label: Hashable, units: Counter[tuple[tuple[Hashable, int], ...]]
) -> Counter[tuple[tuple[Hashable, int], ...]]:
    """Collapse counted units to ``label`` vs everything else (per-label alpha)."""
    out: Counter[tuple[tuple[Hashable, int], ...]] = Counter()
    for unit, times in units.items():
        yes = sum(c for v, c in unit if v == label)
        no = sum(c for v, c in unit if v != label)
        out[tuple((v, c) for v, c in ((True, yes), (False, no)) if c)] += times
    return out
