"""Same-event grouping for leakage-safe splits: several outlets' own reports of one event.

Near-duplicate detection (:mod:`annotator.export.splits`) catches copies of one wire story. Five
outlets writing their own report of the same talks share almost no 3-word shingles (<= 3% on the
sample articles) but share the event's *distinctive* words: names, places, the subject
(حسين، بلينكن، الحوار، الاستراتيجي). So this pass compares articles on those words:

- content words of the normalized text: Arabic function words, reporting verbs and calendar
  words (:data:`STOPWORDS`; pyarabic ships no stop-word list), numbers and tokens under three
  letters dropped, the article and its proclitics stripped (العراق/والعراق/للعراق -> عراق), and
  a bare proclitic (وواشنطن -> واشنطن) stripped when the rest is a word of the corpus at least
  as frequent;
- weights ``(1 + log tf) * log(1 + (N + prior) / df)`` over the exported corpus; only words found in at
  least two and at most :meth:`EventParams.max_df` articles are evidence (a word in a large share
  of the corpus says nothing about the event, and would make the comparison quadratic);
- candidates from an inverted index over each article's :attr:`EventParams.top_k` heaviest
  evidence words (a pair must share :attr:`EventParams.min_shared` of them), scored by cosine;
  dated articles further apart than :attr:`EventParams.max_days` are never linked;
- **average linkage**: pairs are taken strongest first, and two groups merge only when the mean
  similarity over all their cross pairs reaches the threshold (computed exactly from summed
  vectors). Unlike single linkage (union-find over every pair above the threshold), a chain of
  weak links (A~B, B~C, C~D ...) cannot grow one giant group across a corpus.

Sums run in a fixed order and ties are broken by a word's first use in its article or by the
index, so the result depends neither on hash order nor (the caller puts articles in a canonical
order first) on the order the articles came in. 10,000 articles take about a second
(``bench/bench_splits.py``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain, combinations, islice, pairwise

import numpy as np

from annotator import text as T

_STOP_SOURCE = """
في من على الى إلى عن مع ما ماذا لا لم لن ليس ليست ان أن إن إنه إنها انه انها أنه أنها كان كانت
كانوا يكون تكون يكونوا قد لقد هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك الذي التي الذين اللذين
اللتين اللواتي اللاتي هو هي هم هما هن نحن أنا أنت أنتم إياه له لها لهم لهما به بها بهم فيه فيها
فيهم منه منها منهم عليه عليها عليهم إليه إليها إليهم عنه عنها عنهم معه معها معهم بين بعد قبل
عند عندما حتى منذ خلال حول ضد دون غير سوى أو أم ثم كما كل كلا بعض أي أية أيضا فقط إلا لكن لكنه
لكنها لكنهما بل إذا إذ لو لولا هناك هنا حيث كيف متى أين لدى لذلك كذلك ذات ذو وفق وفقا نحو عبر
مثل جدا أكثر أقل أول سوف تم يتم سيتم وقد وكان وكانت أما إما لأن كي لكي مما فيما بينما بينهم
بينها إزاء تجاه قال قالت يقول تقول قالوا أكد أكدت يؤكد أضاف أضافت يضيف أشار أشارت يشير
تابع تابعت أوضح أوضحت لفت أعلن أعلنت ذكر ذكرت أفاد أفادت مضيفا مشيرا مؤكدا موضحا لافتا
اليوم أمس غدا الماضي المقبل الحالي الجاري عام العام يوم أيام شهر سنة الأحد الاثنين الثلاثاء
الأربعاء الخميس الجمعة السبت صباح مساء يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس
سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين
واحد اثنان اثنين ثلاثة أربعة خمسة عشرة مئة مائة ألف مليون مليار نسبة المئة بالمئة
يأتي تأتي جاء جاءت أنّ بشأن بسبب ضمن عدد عدة كثير كثيرا أخرى آخر الأخرى الآخر
الذى حين حينها أمام وراء فوق تحت لاسيما خصوصا سيما إنما ولا وما هل نفس نفسه نفسها
the and for with that this from you your are was were not but all any can has have our use more
"""

STOPWORDS: frozenset[str] = frozenset(T.normalize(w) for w in _STOP_SOURCE.split())
"""Arabic function words, reporting verbs and calendar words, normalized (``annotator.text``)."""

_MIN_LETTERS = 3
#: the definite article with its proclitics, longest first (ل + ال is written لل)
_ARTICLES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
#: bare proclitics, stripped only on corpus evidence (see :func:`_aliases`)
_BARE = frozenset(("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"))
_BARE_FIRST = frozenset(p[0] for p in _BARE)


@lru_cache(maxsize=1 << 17)
def content_word(word: str) -> str | None:
    """The event key of one normalized word: the article and its proclitics off; ``None`` for a
    function word, a number or a token shorter than three letters."""
    if word in STOPWORDS or not word.isalpha():
        return None
    if word[0] in "وف" and word[1:] in STOPWORDS:
        return None
    for art in _ARTICLES:
        if word.startswith(art) and len(word) - len(art) >= _MIN_LETTERS:
            word = word[len(art):]
            if word in STOPWORDS or ("ال" + word) in STOPWORDS:
                return None
            break
    return word if len(word) >= _MIN_LETTERS else None


@dataclass(frozen=True)
class EventParams:
    threshold: float = 0.14  # mean cosine at or above which groups report one event (0 turns the pass off)
    top_k: int = 24  # heaviest evidence words per article in the candidate index
    min_shared: int = 3  # index words two articles must share to be compared
    keep: int = 128  # heaviest evidence words kept per article for the cosine
    max_df_share: float = 0.01  # words in more than this share of the articles are no evidence ...
    max_df_floor: int = 20  # ... unless they are in at most this many (small corpora)
    max_days: int = 183  # dated articles further apart are never one event
    prior: int = 20  # IDF counts this many more articles (containing none of the words): see vectors()

    def __post_init__(self) -> None:
        if not 0 <= self.threshold <= 1:
            raise ValueError(f"event threshold must be in [0, 1], got {self.threshold}")
        if self.keep < self.top_k or self.top_k < self.min_shared or self.min_shared < 1:
            raise ValueError("the event index needs keep >= top_k >= min_shared >= 1")

    def max_df(self, n: int) -> int:
        """The most articles a word may occur in and still count as evidence of one event."""
        return max(self.max_df_floor, int(self.max_df_share * n))


def _aliases(df: Counter[str]) -> dict[str, str]:
    """word -> the word without a bare proclitic, where the rest is a corpus word at least as
    frequent (وواشنطن -> واشنطن, but لبنان stays unless بنان is as common)."""
    out: dict[str, str] = {}
    for w, n in df.items():
        if w[0] not in _BARE_FIRST:
            continue
        for k in (2, 1):
            rest = w[k:]
            if w[:k] in _BARE and len(rest) >= _MIN_LETTERS and df.get(rest, 0) >= n:
                out[w] = rest
                break
    return out


def vectors(bags: Sequence[Sequence[str]], params: EventParams) -> list[dict[str, float]]:
    """Per article (its content words), its :attr:`EventParams.keep` heaviest evidence words with
    TF-IDF weights over the article's full norm (so a dot product is a cosine), heaviest first;
    ties keep the order of first use in the article, so the result does not depend on the corpus order.

    IDF counts :attr:`EventParams.prior` extra articles that hold none of the words: in a small
    export made mostly of one event's reports, the event's own words would otherwise look common
    (the five samples alone score 0.12-0.22 without it, 0.19-0.3 with it; unrelated articles stay
    under 0.11).
    """
    counts = [Counter(bag) for bag in bags]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    alias = _aliases(df)
    if alias:
        for c in counts:
            for w in sorted(c.keys() & alias.keys()):
                to = alias[w]
                df[w] -= 1
                if to not in c:
                    df[to] += 1
                c[to] += c.pop(w)
    n = len(bags)
    vocab = list(df)
    word_id = {w: i for i, w in enumerate(vocab)}
    lens = np.fromiter(map(len, counts), dtype=np.int64, count=n)
    total = int(lens.sum())
    # all articles' (word, tf) entries in one array each, article after article (CSR layout)
    ids = np.fromiter(chain.from_iterable(map(word_id.__getitem__, c) for c in counts), dtype=np.int64, count=total)
    tfs = np.fromiter(chain.from_iterable(c.values() for c in counts), dtype=np.int64, count=total)
    dfs = np.fromiter(df.values(), dtype=np.float64, count=len(vocab))
    idf = np.log1p((n + params.prior) / np.maximum(dfs, 1))
    evidence = (dfs > 1) & (dfs <= params.max_df(n))
    log_tf = np.concatenate([[0.0], 1 + np.log(np.arange(1, int(tfs.max(initial=1)) + 1))])
    weights = log_tf[tfs] * idf[ids]
    art = np.repeat(np.arange(n), lens)
    norms = np.sqrt(np.bincount(art, weights=weights * weights, minlength=n))
    norms[norms == 0] = 1.0
    pos = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens)  # place in the article
    sel = np.flatnonzero(evidence[ids])
    o = sel[np.lexsort((pos[sel], -weights[sel], art[sel]))]  # per article: heaviest first, then first used
    a_o = art[o]
    starts = np.searchsorted(a_o, np.arange(n + 1))
    rank = np.arange(len(o)) - starts[a_o]
    o = o[rank < params.keep]
    bounds = np.searchsorted(art[o], np.arange(n + 1)).tolist()
    top_words = ids[o].tolist()
    top_weights = (weights[o] / norms[art[o]]).tolist()
    return [dict(zip(map(vocab.__getitem__, top_words[lo:hi]), top_weights[lo:hi], strict=True))
            for lo, hi in pairwise(bounds)]


def _day(d: str | None) -> int | None:
    try:
        return date.fromisoformat(d[:10]).toordinal() if d else None
    except ValueError:
        return None


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return math.fsum(x * b[w] for w, x in a.items() if w in b)


def candidate_pairs(vecs: Sequence[dict[str, float]], params: EventParams,
                    dates: Sequence[str | None] = ()) -> list[tuple[float, int, int]]:
    """(score, i, j) for every pair sharing enough index words and scoring at or above the
    threshold, strongest first (ties by index)."""
    index: dict[str, list[int]] = {}
    for i, v in enumerate(vecs):
        for w in islice(v, params.top_k):
            index.setdefault(w, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for w in sorted(index):
        if len(index[w]) > 1:
            shared.update(combinations(index[w], 2))
    days = [_day(d) for d in dates] + [None] * (len(vecs) - len(dates))
    out = []
    for (i, j), k in shared.items():
        if k < params.min_shared:
            continue
        di, dj = days[i], days[j]
        if di is not None and dj is not None and abs(di - dj) > params.max_days:
            continue
        score = dot(vecs[i], vecs[j])
        if score >= params.threshold:
            out.append((-score, i, j))
    out.sort()
    return [(-s, i, j) for s, i, j in out]


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> int:
        """Join the sets of ``a`` and ``b``; the smaller root survives. Returns it."""
        ra, rb = self.find(a), self.find(b)
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        return keep


@dataclass
class EventLinks:
    """What the same-event pass decided, for the grouping and the dataset card."""

    joins: list[tuple[int, int, float]] = field(default_factory=list)  # (i, j, pair score), in order
    candidates: int = 0  # pairs at or above the threshold
    refused_linkage: int = 0  # pairs whose groups were not similar enough on average
    refused_size: int = 0  # pairs whose union would pass the size cap


def link_events(bags: Sequence[Sequence[str]], sizes: Sequence[int], params: EventParams, max_group: int,
                dates: Sequence[str | None] = ()) -> EventLinks:
    """Average-linkage merging of articles (or near-duplicate groups, ``sizes`` articles each)
    that report one event; a merge never makes a group of more than ``max_group`` articles."""
    res = EventLinks()
    if params.threshold <= 0 or len(bags) < 2:
        return res
    vecs = vectors(bags, params)
    pairs = candidate_pairs(vecs, params, dates)
    res.candidates = len(pairs)
    uf = UnionFind(len(bags))
    total: dict[int, dict[str, float]] = {}  # root -> summed member vectors (groups of several only)
    members = [1] * len(bags)
    articles = list(sizes)
    for score, i, j in pairs:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        if articles[ri] + articles[rj] > max_group:
            res.refused_size += 1
            continue
        if members[ri] > 1 or members[rj] > 1:
            mean = dot(total.get(ri, vecs[ri]), total.get(rj, vecs[rj])) / (members[ri] * members[rj])
            if mean < params.threshold:
                res.refused_linkage += 1
                continue
        summed = Counter(total.get(ri, vecs[ri]))
        summed.update(total.get(rj, vecs[rj]))
        total.pop(ri, None)
        total.pop(rj, None)
        root = uf.union(ri, rj)
        total[root] = dict(summed)
        members[root] = members[ri] + members[rj]
        articles[root] = articles[ri] + articles[rj]
        res.joins.append((i, j, score))
    return res
