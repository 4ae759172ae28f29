"""Identity keys of annotations, so merging a file into existing articles skips what is there.

A span is the same when annotator, offsets and label agree; a quote when its content span does;
a stance when holder, target and evidence spans do. Keys of existing rows are loaded in a few
queries for the articles a file touches, never one query per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from annotator.ingest.records import SpanRec
from annotator.store import DS, SE, ST, Q, S

SpanKey = tuple[int, int, int, int, str]  # doc, annotator, start, end, label (entity layer)
QuoteKey = tuple[int, int, int, int]  # doc, annotator, content start, content end
StanceKey = tuple[object, ...]
_CHUNK = 500


def stance_key(
    doc: int,
    aid: int,
    scope: str,
    holder: SpanRec | tuple[int, int, str] | None,
    holder_entity: int | None,
    holder_text: str,
    target_entity: int | None,
    target_topic: str | None,
    target_text: str,
    evidence: Iterable[tuple[int, int]],
) -> StanceKey:
    h = (holder.start, holder.end, holder.label) if isinstance(holder, SpanRec) else holder
    return (doc, aid, scope, h, holder_entity, holder_text.strip(), target_entity, target_topic,
            target_text.strip(), tuple(sorted(evidence)))


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


@dataclass
class Keys:
    entity_spans: dict[SpanKey, int] = field(default_factory=dict)  # -> span id
    quotes: set[QuoteKey] = field(default_factory=set)
    stances: set[StanceKey] = field(default_factory=set)
    statuses: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def load(cls, conn: Connection, doc_ids: Iterable[int]) -> Keys:
        keys = cls()
        ids = sorted(set(doc_ids))
        for part in _chunks(ids):
            spans: dict[int, tuple[int, int, str]] = {}
            for sid, doc, aid, start, end, layer, label in conn.execute(
                select(S.c.id, S.c.doc_id, S.c.annotator_id, S.c.start, S.c.end, S.c.layer, S.c.label)
                .where(S.c.doc_id.in_(part))
            ):
                spans[sid] = (start, end, label)
                if layer == "entity":
                    keys.entity_spans.setdefault((doc, aid, start, end, label), sid)
            content = aliased(S)
            for doc, aid, start, end in conn.execute(
                select(Q.c.doc_id, Q.c.annotator_id, content.c.start, content.c.end)
                .join(content, content.c.id == Q.c.content_span_id)
                .where(Q.c.doc_id.in_(part))
            ):
                keys.quotes.add((doc, aid, start, end))
            evidence: dict[int, list[tuple[int, int]]] = {}
            for stance_id, span_id in conn.execute(
                select(SE.c.stance_id, SE.c.span_id).join(ST, ST.c.id == SE.c.stance_id).where(ST.c.doc_id.in_(part))
            ):
                evidence.setdefault(stance_id, []).append(spans[span_id][:2])
            for r in conn.execute(
                select(ST.c.id, ST.c.doc_id, ST.c.annotator_id, ST.c.scope, ST.c.holder_span_id, ST.c.holder_entity_id,
                       ST.c.holder_text, ST.c.target_entity_id, ST.c.target_topic, ST.c.target_text)
                .where(ST.c.doc_id.in_(part))
            ):
                holder = spans.get(r.holder_span_id) if r.holder_span_id is not None else None
                keys.stances.add(stance_key(r.doc_id, r.annotator_id, r.scope, holder, r.holder_entity_id,
                                            r.holder_text, r.target_entity_id, r.target_topic, r.target_text,
                                            evidence.get(r.id, ())))
            for doc, aid in conn.execute(select(DS.c.doc_id, DS.c.annotator_id).where(DS.c.doc_id.in_(part))):
                keys.statuses.add((doc, aid))
        return keys
