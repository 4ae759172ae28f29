"""Line up the annotators' layers of one article into review items, each with a status.

An item is one entity span, quote or stance as the annotators gave it: identical versions are
grouped first, then groups of different annotators that match loosely (overlapping spans, quotes
with overlapping content, stances with the same holder and target) are joined. Statuses:

- ``agreed``: every reviewed annotator has it, identically;
- ``only``: some annotators have it identically, the others nothing like it (``only A``, ``only B``);
- ``label_differs``: same bounds, different label (quote: kind or speaker; stance: polarity);
- ``boundary_differs``: different bounds (quote content or cue; stance evidence), label maybe too.

Decisions already recorded for the article are attached, so a view knows what is still open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from annotator import text as T
from annotator.models import GOLD, TABLES
from annotator.review.layers import (
    Layer,
    Mention,
    QuoteItem,
    StanceItem,
    load_layers,
    overlap,
    same_holder,
    same_speaker,
    same_target,
)
from annotator.store import A, D, project_variants

RD = TABLES["review_decision"]

AGREED, ONLY, LABEL_DIFFERS, BOUNDARY_DIFFERS = "agreed", "only", "label_differs", "boundary_differs"
Version = Mention | QuoteItem | StanceItem


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    decision: str  # accept | reject | correct
    reviewer_id: int
    source_annotator_id: int | None
    gold_item_id: int | None


@dataclass(frozen=True, slots=True)
class ReviewItem:
    key: str  # stable within the article: what a decision row's item_key refers to
    kind: str  # span | quote | stance
    status: str
    versions: tuple[tuple[int, Version], ...]  # (annotator_id, that annotator's version)
    start: int  # position in the article, for ordering and scrolling to it
    end: int
    decision: Decision | None = None

    @property
    def annotators(self) -> tuple[int, ...]:
        return tuple(a for a, _ in self.versions)

    @property
    def decided(self) -> bool:
        return self.decision is not None

    def version(self, annotator_id: int | None = None) -> tuple[int, Version]:
        """That annotator's version, or the first one; KeyError when they do not have the item."""
        for a, v in self.versions:
            if annotator_id is None or a == annotator_id:
                return a, v
        raise KeyError(f"annotator {annotator_id} has no version of {self.key}")


@dataclass(frozen=True, slots=True)
class Alignment:
    doc_id: int
    annotator_ids: tuple[int, ...]
    text: str
    items: tuple[ReviewItem, ...]

    def item(self, key: str) -> ReviewItem:
        for it in self.items:
            if it.key == key:
                return it
        raise KeyError(key)

    @property
    def pending(self) -> list[ReviewItem]:
        return [it for it in self.items if not it.decided]

    @property
    def agreed_pending(self) -> list[ReviewItem]:
        return [it for it in self.items if it.status == AGREED and not it.decided]

    @property
    def complete(self) -> bool:
        """Every item has a decision (an article with nothing to review is complete)."""
        return all(it.decided for it in self.items)


def _group[V](per_ann: Sequence[tuple[int, Sequence[V]]], same: Callable[[V, V], bool],
              score: Callable[[V, V], float]) -> list[dict[int, V]]:
    """Identical versions into units, then join units of disjoint annotators by best loose match."""
    units: list[dict[int, V]] = []
    for ann, items in per_ann:
        for it in items:
            home = next((u for u in units if ann not in u and same(next(iter(u.values())), it)), None)
            if home is None:
                units.append({ann: it})
            else:
                home[ann] = it
    everyone = len(per_ann)
    units.sort(key=lambda u: -len(u))
    groups, used = [], [False] * len(units)
    for i, unit in enumerate(units):
        if used[i]:
            continue
        used[i] = True
        group, rep = dict(unit), next(iter(unit.values()))
        while len(group) < everyone:
            best: tuple[float, int] | None = None
            for j in range(i + 1, len(units)):
                if used[j] or units[j].keys() & group.keys():
                    continue
                s = score(rep, next(iter(units[j].values())))
                if s > 0 and (best is None or s > best[0]):
                    best = (s, j)
            if best is None:
                break
            used[best[1]] = True
            group.update(units[best[1]])
        groups.append(group)
    return groups


def _status[V](group: dict[int, V], everyone: int, same: Callable[[V, V], bool],
               same_bounds: Callable[[V, V], bool]) -> str:
    vs = list(group.values())
    if all(same(vs[0], v) for v in vs[1:]):
        return AGREED if len(group) == everyone else ONLY
    return LABEL_DIFFERS if all(same_bounds(vs[0], v) for v in vs[1:]) else BOUNDARY_DIFFERS


def _party(m: Mention | None, ent: int | None, txt: str, variants: T.Variants) -> str:
    if m is not None:
        return f"{m.start}-{m.end}"
    if ent is not None:
        return f"e{ent}"
    return T.normalize(txt, variants).strip() or "-"


def _stance_key(s: StanceItem, variants: T.Variants) -> str:
    holder = "article" if s.scope == "article" else _party(s.holder, s.holder_entity_id, s.holder_text, variants)
    target = (f"e{s.target_entity_id}" if s.target_entity_id is not None
              else s.target_topic or T.normalize(s.target_text, variants).strip())
    return f"stance:{holder}>{target}"


def _stance_pos(s: StanceItem) -> tuple[int, int]:
    if s.holder is not None:
        return s.holder.bounds
    return s.evidence[0] if s.evidence else (0, 0)


def align_article(conn: Connection, doc_id: int, annotator_ids: Sequence[int] | None = None) -> Alignment:
    """Review items of one article for the given annotators (default: all non-gold who annotated it)."""
    text = conn.execute(select(D.c.text).where(D.c.id == doc_id)).scalar_one()
    if annotator_ids is None:
        humans = [int(r[0]) for r in conn.execute(select(A.c.id).where(A.c.name != GOLD).order_by(A.c.id))]
        layers = load_layers(conn, humans, [doc_id])
        ids = tuple(a for a in humans if (doc_id, a) in layers and layers[(doc_id, a)].annotated)
    else:
        ids = tuple(annotator_ids)
        layers = load_layers(conn, ids, [doc_id])
    return align_layers(doc_id, ids, text, {a: layers.get((doc_id, a)) for a in ids},
                        _decisions(conn, [doc_id]).get(doc_id, {}), project_variants(conn))


def align_many(conn: Connection, targets: dict[int, tuple[int, ...]]) -> dict[int, Alignment]:
    """Alignments of many articles ({doc_id: annotator ids}) with a few queries per 900 articles."""
    out: dict[int, Alignment] = {}
    docs = sorted(targets)
    anns = sorted({a for ids in targets.values() for a in ids})
    variants = project_variants(conn)
    for i in range(0, len(docs), 900):
        part = docs[i : i + 900]
        layers = load_layers(conn, anns, part)
        decisions = _decisions(conn, part)
        texts = dict(conn.execute(select(D.c.id, D.c.text).where(D.c.id.in_(part))).all())
        for doc in part:
            ids = targets[doc]
            out[doc] = align_layers(doc, ids, texts[doc], {a: layers.get((doc, a)) for a in ids},
                                    decisions.get(doc, {}), variants)
    return out


def align_layers(doc_id: int, ids: tuple[int, ...], text: str, lay: dict[int, Layer | None],
                 decisions: dict[Any, Decision], variants: T.Variants = T.DEFAULT) -> Alignment:
    """The alignment itself, over layers already loaded (no database access); ``variants``: the
    project's spelling table, under which typed speakers, holders and targets are compared."""
    have = {a: layer for a, layer in lay.items() if layer is not None}
    n = len(ids)
    raw: list[tuple[str, str, dict[int, Any], int, int, str]] = []

    def add(kind: str, groups: list[dict[int, Any]], same: Any, bounds: Any, key: Any, pos: Any) -> None:
        for g in groups:
            rep = next(iter(g.values()))
            raw.append((kind, _status(g, n, same, bounds), g, *pos(rep), key(rep)))

    def s_same(x: Mention, y: Mention) -> bool:
        return x.bounds == y.bounds and x.label == y.label

    add("span", _group([(a, have[a].entities if a in have else []) for a in ids], s_same,
                       lambda x, y: overlap(x.bounds, y.bounds)),
        s_same, lambda x, y: x.bounds == y.bounds, lambda r: f"span:{r.start}-{r.end}:{r.label}", lambda r: r.bounds)

    def q_bounds(x: QuoteItem, y: QuoteItem) -> bool:
        return x.content == y.content and x.cue == y.cue

    def q_same(x: QuoteItem, y: QuoteItem) -> bool:
        return q_bounds(x, y) and x.kind == y.kind and same_speaker(text, x, y, variants)

    add("quote", _group([(a, have[a].quotes if a in have else []) for a in ids], q_same,
                        lambda x, y: overlap(x.content, y.content)),
        q_same, q_bounds, lambda r: f"quote:{r.content[0]}-{r.content[1]}", lambda r: r.content)

    def t_match(x: StanceItem, y: StanceItem) -> float:
        return (1 + (x.polarity == y.polarity)) if same_holder(text, x, y, variants) and same_target(x, y, variants) else 0

    def t_same(x: StanceItem, y: StanceItem) -> bool:
        return t_match(x, y) == 2 and x.evidence == y.evidence

    add("stance", _group([(a, have[a].stances if a in have else []) for a in ids], t_same, t_match),
        t_same, lambda x, y: x.evidence == y.evidence, lambda r: _stance_key(r, variants), _stance_pos)

    order = {"span": 0, "quote": 1, "stance": 2}
    raw.sort(key=lambda r: (r[3], r[4], order[r[0]], r[5]))
    items, seen = [], set()
    for kind, status, g, start, end, key in raw:
        k, i = key, 1
        while k in seen:
            i += 1
            k = f"{key}#{i}"
        seen.add(k)
        versions = tuple((a, g[a]) for a in ids if a in g)
        dec = decisions.get(k) or next(
            (d for (a, v) in versions if (d := decisions.get((kind, a, v.id))) is not None), None)
        items.append(ReviewItem(k, kind, status, versions, start, end, dec))
    return Alignment(doc_id, ids, text, tuple(items))


def _decisions(conn: Connection, doc_ids: Sequence[int]) -> dict[int, dict[Any, Decision]]:
    """Per article: the latest decision per item key and per (kind, annotator, item id) it covered."""
    out: dict[int, dict[Any, Decision]] = {}
    rows = conn.execute(
        select(RD.c.id, RD.c.decision, RD.c.reviewer_id, RD.c.source_annotator_id, RD.c.gold_item_id,
               RD.c.item_key, RD.c.item_kind, RD.c.detail, RD.c.doc_id)
        .where(RD.c.doc_id.in_(list(doc_ids))).order_by(RD.c.id)
    )
    for rid, decision, reviewer, src, gold, key, kind, detail, doc in rows:
        d = Decision(rid, decision, reviewer, src, gold)
        per = out.setdefault(doc, {})
        per[key] = d
        for a, item_id in (detail or {}).get("versions", []):
            per[(kind, a, item_id)] = d
    return out
