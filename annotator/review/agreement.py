"""Inter-annotator agreement over a project: entity spans, token labels, quotes and stances.

Definitions:

- Articles compared: for a pair, those both annotators *annotated* (status ``done`` or at least one
  active item, see :mod:`annotator.review.layers`); elsewhere an annotator's values are missing.
- Entity spans, exact: same start, end and label. Overlap: same label and at least one shared
  character, paired one-to-one greedily by the size of the overlap. Precision and recall take the
  first annotator of the pair as reference; F1 is symmetric. Overall figures add the counts of all
  pairs (micro average).
- Token labels: every token of :func:`annotator.text.tokenize` (words, numbers, punctuation) gets
  the label of the annotator's shortest entity span overlapping it, else ``O``. Cohen's kappa per
  pair (overall: the mean over pairs); Krippendorff's alpha (nominal) over all chosen annotators,
  one unit per token, an annotator's value missing on articles they did not annotate. Per label:
  the same on "this label or not".
- Quotes: paired one-to-one by overlap of their content spans; among pairs, the share with the same
  speaker (overlapping speaker mentions, the same canonical entity or the same normalized words)
  and the same kind. Stances: paired when holder and target are the same; among pairs, the share
  with the same polarity.
- Article disagreement: per pair, items that are not identical in both layers (entity span with
  the same bounds and label, quote with the same content, kind and speaker, stance with the same
  polarity) over all distinct items; the article's score is the mean over its pairs.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator import text as T
from annotator.review import metrics as M
from annotator.review.layers import (
    Layer,
    Mention,
    load_layers,
    load_texts,
    overlap,
    same_holder,
    same_speaker,
    same_target,
)
from annotator.store import CommandError, Store

OUTSIDE = "O"


@dataclass(slots=True)
class Ratio:
    agree: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.agree / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        v = self.value
        return {"agreement": None if v is None else round(v, 4), "agree": self.agree, "of": self.total}


@dataclass(slots=True)
class PairAgreement:
    a: str
    b: str
    articles: int = 0
    exact: dict[str, M.PRF] = field(default_factory=dict)  # per label
    loose: dict[str, M.PRF] = field(default_factory=dict)  # per label, overlap matching
    tokens: Counter[tuple[Hashable, Hashable]] = field(default_factory=Counter)
    quote: M.PRF = field(default_factory=M.PRF)
    quote_exact: M.PRF = field(default_factory=M.PRF)
    speaker: Ratio = field(default_factory=Ratio)
    kind: Ratio = field(default_factory=Ratio)
    stance: M.PRF = field(default_factory=M.PRF)
    polarity: Ratio = field(default_factory=Ratio)

    def total(self, per_label: dict[str, M.PRF]) -> M.PRF:
        out = M.PRF()
        for prf in per_label.values():
            out += prf
        return out

    def kappa(self, label: str | None = None) -> float | None:
        return M.kappa_from_counts(self.tokens if label is None else M.binary(label, self.tokens))

    def alpha(self, label: str | None = None) -> float | None:
        pairs = self.tokens if label is None else M.binary(label, self.tokens)
        units: Counter[tuple[tuple[Hashable, int], ...]] = Counter()
        for (x, y), c in pairs.items():
            units[M.unit_key((x, y))] += c
        return M.alpha_from_units(units)

    def to_dict(self, labels: Sequence[str]) -> dict[str, Any]:
        return {
            "a": self.a, "b": self.b, "articles": self.articles,
            "entity_exact": self.total(self.exact).to_dict(),
            "entity_overlap": self.total(self.loose).to_dict(),
            "token_kappa": _r(self.kappa()), "token_alpha": _r(self.alpha()),
            "quote": {"content_overlap": self.quote.to_dict(), "content_exact": self.quote_exact.to_dict(),
                      "same_speaker": self.speaker.to_dict(), "same_kind": self.kind.to_dict()},
            "stance": {"holder_target": self.stance.to_dict(), "same_polarity": self.polarity.to_dict()},
            "labels": {
                lab: {"entity_exact": self.exact.get(lab, M.PRF()).to_dict(),
                      "entity_overlap": self.loose.get(lab, M.PRF()).to_dict(),
                      "token_kappa": _r(self.kappa(lab)), "token_alpha": _r(self.alpha(lab))}
                for lab in labels
            },
        }


@dataclass(frozen=True, slots=True)
class ArticleAgreement:
    doc_id: int
    uid: str
    title: str
    annotators: tuple[str, ...]
    score: float  # 0 = identical layers, 1 = nothing in common
    disagreements: int
    items: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "uid": self.uid, "title": self.title, "annotators": list(self.annotators),
                "score": round(self.score, 4), "disagreements": self.disagreements, "items": self.items}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def token_labels(starts: Sequence[int], ends: Sequence[int], mentions: Sequence[Mention]) -> list[str]:
    """Each token's label: the shortest of the annotator's entity spans overlapping it, else ``O``."""
    labels = [OUTSIDE] * len(starts)
    best = [1 << 60] * len(starts)
    for m in mentions:
        n = m.end - m.start
        i = bisect_right(ends, m.start)  # first token ending after the span starts
        while i < len(starts) and starts[i] < m.end:
            if n < best[i]:
                best[i], labels[i] = n, m.label
            i += 1
    return labels


def compare_entities(a: Sequence[Mention], b: Sequence[Mention], pair: PairAgreement) -> int:
    """Add exact and overlap counts per label to ``pair``; returns exact matches."""
    matched = 0
    for lab in {m.label for m in a} | {m.label for m in b}:
        la = [m for m in a if m.label == lab]
        lb = [m for m in b if m.label == lab]
        ca, cb = Counter(m.bounds for m in la), Counter(m.bounds for m in lb)
        tp = sum(min(c, cb[k]) for k, c in ca.items())
        matched += tp
        pair.exact.setdefault(lab, M.PRF()).add(tp, len(la), len(lb))
        loose = M.greedy_match(la, lb, lambda x, y: overlap(x.bounds, y.bounds))
        pair.loose.setdefault(lab, M.PRF()).add(len(loose), len(la), len(lb))
    return matched


def compare_quotes(text: str, a: Layer, b: Layer, pair: PairAgreement, variants: T.Variants = T.DEFAULT) -> int:
    """Quote counts into ``pair``; returns quotes identical in content, kind and speaker."""
    qa, qb = a.quotes, b.quotes
    ca, cb = Counter(q.content for q in qa), Counter(q.content for q in qb)
    pair.quote_exact.add(sum(min(c, cb[k]) for k, c in ca.items()), len(qa), len(qb))
    matches = M.greedy_match(qa, qb, lambda x, y: overlap(x.content, y.content))
    pair.quote.add(len(matches), len(qa), len(qb))
    identical = 0
    for i, j in matches:
        spk = same_speaker(text, qa[i], qb[j], variants)
        kind = qa[i].kind == qb[j].kind
        pair.speaker.agree += spk
        pair.kind.agree += kind
        identical += spk and kind and qa[i].content == qb[j].content
    pair.speaker.total += len(matches)
    pair.kind.total += len(matches)
    return identical


def compare_stances(text: str, a: Layer, b: Layer, pair: PairAgreement, variants: T.Variants = T.DEFAULT) -> int:
    """Stance counts into ``pair``; returns pairs with the same holder, target and polarity."""
    sa, sb = a.stances, b.stances

    def score(x: Any, y: Any) -> float:
        if not (same_holder(text, x, y, variants) and same_target(x, y, variants)):
            return 0
        return 2 if x.polarity == y.polarity else 1

    matches = M.greedy_match(sa, sb, score)
    pair.stance.add(len(matches), len(sa), len(sb))
    same = sum(sa[i].polarity == sb[j].polarity for i, j in matches)
    pair.polarity.agree += same
    pair.polarity.total += len(matches)
    return same


@dataclass(slots=True)
class AgreementReport:
    """Everything ``annotator agree`` prints: overall, per label, per pair, per article."""

    annotators: list[str]
    labels: list[str]
    pairs: list[PairAgreement]
    units: Counter[tuple[tuple[Hashable, int], ...]]  # token units over all annotators, for alpha
    articles: list[ArticleAgreement]  # most disagreeing first

    def alpha(self, label: str | None = None) -> float | None:
        return M.alpha_from_units(self.units if label is None else M.binary_units(label, self.units))

    def kappa(self, label: str | None = None) -> float | None:
        """Mean pairwise Cohen's kappa (Light's kappa); the kappa itself with two annotators."""
        ks = [k for p in self.pairs if (k := p.kappa(label)) is not None]
        return sum(ks) / len(ks) if ks else None

    def prf(self, attr: str, label: str | None = None) -> M.PRF:
        out = M.PRF()
        for p in self.pairs:
            per_label: dict[str, M.PRF] = getattr(p, attr)
            out += p.total(per_label) if label is None else per_label.get(label, M.PRF())
        return out

    def _sum(self, attr: str) -> Any:
        items = [getattr(p, attr) for p in self.pairs]
        out = type(items[0])() if items else M.PRF()
        for x in items:
            if isinstance(out, M.PRF):
                out += x
            else:
                out.agree += x.agree
                out.total += x.total
        return out

    def overall(self) -> dict[str, Any]:
        return {
            "entity_exact": self.prf("exact").to_dict(),
            "entity_overlap": self.prf("loose").to_dict(),
            "token_kappa": _r(self.kappa()),
            "token_alpha": _r(self.alpha()),
            "quote": {"content_overlap": self._sum("quote").to_dict(),
                      "content_exact": self._sum("quote_exact").to_dict(),
                      "same_speaker": self._sum("speaker").to_dict(),
                      "same_kind": self._sum("kind").to_dict()},
            "stance": {"holder_target": self._sum("stance").to_dict(),
                       "same_polarity": self._sum("polarity").to_dict()},
        }

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "articles_compared": len(self.articles),
            "overall": self.overall(),
            "labels": {
                lab: {"entity_exact": self.prf("exact", lab).to_dict(),
                      "entity_overlap": self.prf("loose", lab).to_dict(),
                      "token_kappa": _r(self.kappa(lab)), "token_alpha": _r(self.alpha(lab))}
                for lab in self.labels
            },
            "pairs": [p.to_dict(self.labels) for p in self.pairs],
            "articles": [a.to_dict() for a in self.articles[:top]],
        }


def resolve_annotators(store: Store, names: Sequence[str] | None) -> list[tuple[int, str]]:
    """(id, name) of the named annotators, or of every annotator except gold; unknown names are errors."""
    if names:
        known = {a.name: a.id for a in store.annotators(include_gold=True)}
        missing = [n for n in names if n not in known]
        if missing:
            raise CommandError(f"no annotator named {', '.join(map(repr, missing))}")
        return [(known[n], n) for n in dict.fromkeys(names)]
    return [(a.id, a.name) for a in store.annotators()]


def compute_agreement(
    store: Store, annotators: Sequence[str] | None = None, *, doc_ids: Sequence[int] | None = None
) -> AgreementReport:
    """Agreement between the given annotators (default: all but gold) over the project or ``doc_ids``."""
    who = resolve_annotators(store, annotators)
    ids = [i for i, _ in who]
    names = dict(who)
    with store.read() as conn:
        layers = load_layers(conn, ids, doc_ids)
        by_doc: dict[int, dict[int, Layer]] = {}
        for (doc, ann), lay in layers.items():
            if lay.annotated:
                by_doc.setdefault(doc, {})[ann] = lay
        by_doc = {d: v for d, v in by_doc.items() if len(v) >= 2}
        texts = load_texts(conn, by_doc)
    labels = list(store.schema.labels)
    variants = store.variants  # speakers, holders and targets typed in different spellings agree
    pairs = {(a, b): PairAgreement(names[a], names[b]) for a, b in combinations(ids, 2)}
    raw: Counter[tuple[str | None, ...]] = Counter()  # token units as they come: few distinct ones
    articles = []
    for doc in sorted(by_doc):
        uid, title, text = texts[doc]
        lays = by_doc[doc]
        bounds = T.token_bounds(text)  # the tokens of T.tokenize, without building Token objects
        starts, ends = [a for a, _ in bounds], [b for _, b in bounds]
        tags = {ann: token_labels(starts, ends, lay.entities) for ann, lay in lays.items()}
        for lay in lays.values():
            labels.extend(m.label for m in lay.entities if m.label not in labels)
        columns = [tags[a] for a in ids if a in tags]
        raw.update(zip(*columns, strict=True))
        scores, wrong, items = [], 0, 0
        for a, b in combinations([i for i in ids if i in lays], 2):
            pair, la, lb = pairs[(a, b)], lays[a], lays[b]
            pair.articles += 1
            pair.tokens.update(zip(tags[a], tags[b], strict=True))
            agreed = compare_entities(la.entities, lb.entities, pair)
            agreed += compare_quotes(text, la, lb, pair, variants)
            agreed += compare_stances(text, la, lb, pair, variants)
            n = sum(len(x.entities) + len(x.quotes) + len(x.stances) for x in (la, lb))
            union = n - agreed
            wrong += union - agreed
            items = max(items, union)
            scores.append((union - agreed) / union if union else 0.0)
        articles.append(ArticleAgreement(doc, uid, title, tuple(names[a] for a in ids if a in lays),
                                         sum(scores) / len(scores), wrong, items))
    articles.sort(key=lambda x: (-x.score, -x.disagreements, x.doc_id))
    units: Counter[tuple[tuple[Hashable, int], ...]] = Counter()
    for u, times in raw.items():
        units[M.unit_key(u)] += times
    return AgreementReport([n for _, n in who], labels, list(pairs.values()), units, articles)
