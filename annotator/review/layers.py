"""Each annotator's layer of an article as plain values, loaded in bulk with a handful of queries.

Agreement over thousands of articles and the review of one article share this loader. Only items
with status ``active`` count (open suggestions are nobody's annotation yet).

An annotator has *annotated* an article when their status on it is ``done`` or they have at least
one active entity span, quote or stance in it. Articles someone merely opened (or was assigned)
count as missing for that annotator, not as "no entities here".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, insert, select

from annotator import text as T
from annotator.store import DS, SE, ST, D, Q, S

Bounds = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity span: offsets, label, linked canonical entity."""

    id: int
    start: int
    end: int
    label: str
    entity_id: int | None = None

    @property
    def bounds(self) -> Bounds:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class QuoteItem:
    id: int
    content: Bounds
    cue: Bounds | None
    speaker: Mention | None  # the speaker mention, when the quote points at one
    speaker_entity_id: int | None
    speaker_text: str
    kind: str


@dataclass(frozen=True, slots=True)
class StanceItem:
    id: int
    scope: str
    holder: Mention | None
    holder_entity_id: int | None
    holder_text: str
    target_entity_id: int | None
    target_topic: str | None
    target_text: str
    polarity: str
    evidence: tuple[Bounds, ...] = ()


@dataclass(slots=True)
class Layer:
    """One annotator's work on one article."""

    doc_id: int
    annotator_id: int
    entities: list[Mention] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    stances: list[StanceItem] = field(default_factory=list)
    status: str = "not_started"

    @property
    def annotated(self) -> bool:
        return self.status == "done" or bool(self.entities or self.quotes or self.stances)


def _chunks(ids: Sequence[int], n: int = 900) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def insert_many(conn: Connection, t: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement batch and return their new ids in order (RETURNING: SQLite, PostgreSQL)."""
    if not rows:
        return []
    res = conn.execute(insert(t).returning(t.c.id, sort_by_parameter_order=True), list(rows))
    return [int(r[0]) for r in res]


def load_layers(
    conn: Connection, annotator_ids: Sequence[int], doc_ids: Sequence[int] | None = None
) -> dict[tuple[int, int], Layer]:
    """Layers keyed by (doc_id, annotator_id) for the given annotators (and articles, if given)."""
    if not annotator_ids:
        return {}
    anns = list(annotator_ids)

    def where(t: Table) -> list[ColumnElement[bool]]:
        cond: list[ColumnElement[bool]] = [t.c.annotator_id.in_(anns)]
        if doc_ids is not None:
            cond.append(t.c.doc_id.in_(list(doc_ids)))
        return cond

    if doc_ids is not None and len(doc_ids) > 900:  # keep IN lists small; chunk by article
        out: dict[tuple[int, int], Layer] = {}
        for part in _chunks(list(doc_ids)):
            out.update(load_layers(conn, anns, part))
        return out

    layers: dict[tuple[int, int], Layer] = {}

    def layer(doc: int, ann: int) -> Layer:
        lay = layers.get((doc, ann))
        if lay is None:
            lay = layers[(doc, ann)] = Layer(doc, ann)
        return lay

    spans: dict[int, tuple[int, int, str, str, int | None]] = {}
    rows = conn.execute(
        select(S.c.id, S.c.doc_id, S.c.annotator_id, S.c.start, S.c.end, S.c.layer, S.c.label, S.c.entity_id)
        .where(S.c.status == "active", *where(S))
        .order_by(S.c.doc_id, S.c.start, S.c["end"], S.c.id)
    )
    for sid, doc, ann, a, b, lay_name, label, ent in rows:
        spans[sid] = (a, b, lay_name, label, ent)
        if lay_name == "entity":
            layer(doc, ann).entities.append(Mention(sid, a, b, label, ent))

    def mention(sid: int | None) -> Mention | None:
        s = spans.get(sid) if sid is not None else None
        return Mention(sid, s[0], s[1], s[3], s[4]) if s is not None and sid is not None else None

    def bounds(sid: int | None) -> Bounds | None:
        s = spans.get(sid) if sid is not None else None
        return (s[0], s[1]) if s is not None else None

    for r in conn.execute(
        select(Q.c.id, Q.c.doc_id, Q.c.annotator_id, Q.c.content_span_id, Q.c.cue_span_id, Q.c.speaker_span_id,
               Q.c.speaker_entity_id, Q.c.speaker_text, Q.c.kind)
        .where(Q.c.status == "active", *where(Q))
        .order_by(Q.c.id)
    ):
        content = bounds(r[3])
        if content is None:  # content span not active: the quote is not really there
            continue
        layer(r[1], r[2]).quotes.append(QuoteItem(r[0], content, bounds(r[4]), mention(r[5]), r[6], r[7], r[8]))
    for lay in layers.values():
        lay.quotes.sort(key=lambda q: (q.content, q.id))

    stance_rows = conn.execute(
        select(ST.c.id, ST.c.doc_id, ST.c.annotator_id, ST.c.scope, ST.c.holder_span_id, ST.c.holder_entity_id,
               ST.c.holder_text, ST.c.target_entity_id, ST.c.target_topic, ST.c.target_text, ST.c.polarity)
        .where(ST.c.status == "active", *where(ST))
        .order_by(ST.c.id)
    ).all()
    evidence: dict[int, list[Bounds]] = {}
    if stance_rows:
        ev_rows = conn.execute(
            select(SE.c.stance_id, SE.c.span_id)
            .select_from(SE.join(ST, ST.c.id == SE.c.stance_id))
            .where(ST.c.status == "active", *where(ST))
        )
        for st_id, sp_id in ev_rows:
            b = bounds(sp_id)
            if b is not None:
                evidence.setdefault(st_id, []).append(b)
    for st in stance_rows:
        ev = tuple(sorted(evidence.get(st[0], ())))
        layer(st[1], st[2]).stances.append(
            StanceItem(st[0], st[3], mention(st[4]), st[5], st[6], st[7], st[8], st[9], st[10], ev)
        )

    for doc, ann, status in conn.execute(select(DS.c.doc_id, DS.c.annotator_id, DS.c.status).where(*where(DS))):
        if status != "not_started" or (doc, ann) in layers:
            layer(doc, ann).status = status
    return layers


def load_texts(conn: Connection, doc_ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
    """(uid, title, text) of the given articles."""
    out: dict[int, tuple[str, str, str]] = {}
    for part in _chunks(sorted(set(doc_ids))):
        for i, uid, title, txt in conn.execute(select(D.c.id, D.c.uid, D.c.title, D.c.text).where(D.c.id.in_(part))):
            out[int(i)] = (uid, title, txt)
    return out


# --- sameness of speakers, holders and targets ---------------------------------------------------


def overlap(a: Bounds, b: Bounds) -> int:
    """Characters shared by two half-open ranges (0 when they only touch)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_party(
    text: str,
    m1: Mention | None, e1: int | None, t1: str,
    m2: Mention | None, e2: int | None, t2: str,
    variants: T.Variants,
) -> bool:
    """Same speaker/holder: overlapping mentions, the same canonical entity, or the same words.

    Words are compared as normalized keys (the project's spelling variants unified); a mention's
    words are its text in the article, so a mention on one side and a typed name on the other
    still agree. Nobody named on both sides agrees.
    """
    if m1 is not None and m2 is not None and overlap(m1.bounds, m2.bounds) > 0:
        return True
    ents1 = {e for e in (e1, m1.entity_id if m1 else None) if e is not None}
    ents2 = {e for e in (e2, m2.entity_id if m2 else None) if e is not None}
    if ents1 & ents2:
        return True
    keys1 = {T.normalize(s, variants).strip() for s in (t1, text[m1.start : m1.end] if m1 else "")} - {""}
    keys2 = {T.normalize(s, variants).strip() for s in (t2, text[m2.start : m2.end] if m2 else "")} - {""}
    if keys1 & keys2:
        return True
    return not (m1 or e1 or t1.strip() or m2 or e2 or t2.strip())


def same_speaker(text: str, a: QuoteItem, b: QuoteItem, variants: T.Variants = T.DEFAULT) -> bool:
    return _same_party(text, a.speaker, a.speaker_entity_id, a.speaker_text,
                       b.speaker, b.speaker_entity_id, b.speaker_text, variants)


def same_holder(text: str, a: StanceItem, b: StanceItem, variants: T.Variants = T.DEFAULT) -> bool:
    if a.scope != b.scope:
        return False
    if a.scope == "article":  # the article's own stance: the outlet holds it
        return True
    return _same_party(text, a.holder, a.holder_entity_id, a.holder_text,
                       b.holder, b.holder_entity_id, b.holder_text, variants)


def same_target(a: StanceItem, b: StanceItem, variants: T.Variants = T.DEFAULT) -> bool:
    """Same canonical entity, same topic, or the same normalized description."""
    if a.target_entity_id is not None and a.target_entity_id == b.target_entity_id:
        return True
    if a.target_topic is not None and a.target_topic == b.target_topic:
        return True
    ka, kb = T.normalize(a.target_text, variants).strip(), T.normalize(b.target_text, variants).strip()
    return bool(ka) and ka == kb
