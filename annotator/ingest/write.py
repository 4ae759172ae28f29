"""Write validated records in bulk: documents, search index, annotators, entities and annotations.

One executemany per table per group of files (never the ORM per row, see PITFALLS), with ids
reserved up front (:func:`insert_with_ids`). Documents are de-duplicated by content hash
and annotations on an existing document are merged: an item already there (same annotator,
layer, offsets and label; quotes and stances by their spans) is skipped, so importing a file
twice, or merging another annotator's export, adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from annotator.ingest.keys import Keys, SpanKey, StanceKey, stance_key
from annotator.ingest.records import DocRec, KbRec, LayerRec, SpanRec
from annotator.models import GOLD, utcnow
from annotator.store import DS, SE, ST, A, D, E, Q, S, Store, bulk_insert, insert_with_ids

CHUNK = 1000  # documents inserted and indexed per statement


@dataclass
class Counts:
    """What one file added (filled in by :meth:`Writer.write`)."""

    imported: int = 0
    duplicates: int = 0
    spans: int = 0
    quotes: int = 0
    stances: int = 0
    doc_ids: list[int] = field(default_factory=list)


class Writer:
    """Holds what the project already has (hashes, uids, annotators, entities) across groups."""

    def __init__(self, store: Store, default_annotator: str) -> None:
        self.store = store
        self.default_annotator = default_annotator
        with store.read() as conn:
            self.hashes: dict[str, int] = {h: i for h, i in conn.execute(select(D.c.content_hash, D.c.id))}
            self.uids: set[str] = {u for (u,) in conn.execute(select(D.c.uid))}
            self.annotators: dict[str, int] = {n: i for n, i in conn.execute(select(A.c.name, A.c.id))}
            ents = conn.execute(select(E.c.id, E.c.uid, E.c.name, E.c.type)).all()
        self.entity_uids: dict[str, int] = {u: i for i, u, _, _ in ents}
        self.entity_names: dict[tuple[str, str], int] = {(n, t): i for i, _, n, t in ents}

    def _uid(self, preferred: str, content_hash: str, taken: set[str]) -> str:
        uid, n = preferred, 8
        while not uid or uid in self.uids or uid in taken:
            uid = f"{preferred}-{content_hash[:n]}" if preferred else content_hash[:n + 8]
            n += 4
        return uid

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction for several :meth:`Session.add` calls; the caches change only on commit."""
        with self.store.write(bulk=True) as conn:
            session = Session(self, conn)
            yield session
        self.hashes.update(session.new_hashes)
        self.uids |= session.new_uids
        self.annotators.update(session.new_annotators)
        self.entity_uids.update(session.new_entities)
        self.entity_names.update(session.new_names)

    def write(self, groups: list[tuple[Counts, list[DocRec]]]) -> None:
        """Write several files' records in one transaction; counts and caches change only on commit."""
        with self.session() as session:
            session.add(groups)

    def _annotators(self, conn: Connection, docs: Iterable[DocRec], new: dict[str, int]) -> None:
        names = {layer.annotator or self.default_annotator for d in docs for layer in d.layers}
        missing = sorted(n for n in names if n not in self.annotators and n not in new)
        if missing:
            rows = [{"name": n, "role": "gold" if n == GOLD else "annotator", "created_at": utcnow()} for n in missing]
            got = insert_with_ids(conn, A, rows)
            new.update(zip(missing, got, strict=True))

    def _entities(self, conn: Connection, kb: Iterable[KbRec], new: dict[str, int],
                  new_names: dict[tuple[str, str], int]) -> None:
        """Ids for the kb entries: matched by uid, else by (name, type), else created."""
        pending: dict[tuple[str, str], dict[str, Any]] = {}
        same_as: list[tuple[str, tuple[str, str]]] = []  # uid -> a row created in this call
        for k in kb:
            if k.uid in self.entity_uids or k.uid in new:
                continue
            key = (k.name, k.type)
            same = self.entity_names.get(key, new_names.get(key))
            if same is not None:  # the same entity under another id: link to the one we have
                new[k.uid] = same
            elif key in pending:
                same_as.append((k.uid, key))
            else:
                pending[key] = {"uid": k.uid, "name": k.name, "type": k.type, "aliases": list(k.aliases),
                                "note": "", "created_at": utcnow()}
                new[k.uid] = -1
        rows = list(pending.values())
        for r, i in zip(rows, insert_with_ids(conn, E, rows), strict=True):
            new[r["uid"]] = i
            new_names[(r["name"], r["type"])] = i
        for uid, key in same_as:
            new[uid] = new_names[key]


class Session:
    """One open import transaction of a :class:`Writer`: records are added batch by batch."""

    def __init__(self, writer: Writer, conn: Connection) -> None:
        self.w = writer
        self.conn = conn
        self.now = utcnow()
        self.new_hashes: dict[str, int] = {}  # content hash -> id of an article added in this session
        self.new_uids: set[str] = set()
        self.new_annotators: dict[str, int] = {}
        self.new_entities: dict[str, int] = {}
        self.new_names: dict[tuple[str, str], int] = {}

    def add(self, groups: list[tuple[Counts, list[DocRec]]]) -> None:
        """Write a batch of files' records (articles, search index, annotations) into the transaction."""
        w, conn, now = self.w, self.conn, self.now
        # 1. documents: new ones get rows; a duplicate points at its article (-id) or at a row here
        rows: list[dict[str, Any]] = []
        recs: list[DocRec] = []
        here: dict[str, int] = {}
        targets: list[tuple[Counts, DocRec, int]] = []  # (file, record, row index or -id)
        for counts, docs in groups:
            for d in docs:
                h = d.content_hash
                known = w.hashes.get(h) or self.new_hashes.get(h)
                if known is not None:
                    targets.append((counts, d, -known))
                    counts.duplicates += 1
                elif h in here:
                    targets.append((counts, d, here[h]))
                    counts.duplicates += 1
                else:
                    uid = w._uid(d.uid, h, self.new_uids)
                    self.new_uids.add(uid)
                    here[h] = len(rows)
                    rows.append({"uid": uid, "title": d.title, "text": d.stored_text, "length": d.length,
                                 "source": d.source, "published": d.published, "url": d.url,
                                 "language": d.language, "content_hash": h, "provenance": d.stored_provenance,
                                 "meta": d.stored_meta, "created_at": now})
                    recs.append(d)
                    targets.append((counts, d, len(rows) - 1))
                    counts.imported += 1
        ids: list[int] = []
        for k in range(0, len(rows), CHUNK):  # chunks bound the memory of the search index keys
            part, part_recs = rows[k : k + CHUNK], recs[k : k + CHUNK]
            got = insert_with_ids(conn, D, part)
            keys = [d.search_key for d in part_recs] if all(d.search_key for d in part_recs) else None
            if w.store.dialect != "sqlite":
                keys = None  # readers make SQLite's keys only
            w.store.index_documents(conn, ((i, d.title, d.text) for i, d in zip(got, part_recs, strict=True)),
                                    new=True, keys=keys)
            ids += got
        resolved = [(c, d, -ref if ref < 0 else ids[ref]) for c, d, ref in targets]
        for c, _d, doc_id in resolved:
            c.doc_ids.append(doc_id)
        self.new_hashes.update({h: ids[i] for h, i in here.items()})
        # 2. annotations
        with_layers = [(c, d, i) for c, d, i in resolved if d.layers]
        if with_layers:
            w._annotators(conn, [d for _, d, _ in with_layers], self.new_annotators)
            w._entities(conn, [k for _, d, _ in with_layers for k in d.kb], self.new_entities, self.new_names)
            merged = {i for (_, _, i), (_, _, ref) in zip(resolved, targets, strict=True) if ref < 0}
            keys_ = Keys.load(conn, merged & {i for _, _, i in with_layers})
            ann = _Annotations(conn, keys_, now, w.annotators | self.new_annotators,
                               w.entity_uids | self.new_entities, w.default_annotator)
            ann.write(with_layers)


class _Annotations:
    """Rows for one transaction's spans, quotes, stances and statuses, with merge de-duplication."""

    def __init__(self, conn: Connection, keys: Keys, now: Any, annotators: dict[str, int],
                 entities: dict[str, int], default_annotator: str) -> None:
        self.annotators = annotators
        self.entities = entities
        self.default_annotator = default_annotator
        self.conn = conn
        self.keys = keys
        self.now = now
        self.spans: list[dict[str, Any]] = []
        self.quotes: list[tuple[Counts, dict[str, Any]]] = []
        self.stances: list[tuple[Counts, dict[str, Any], list[int]]] = []
        self.statuses: list[dict[str, Any]] = []
        self.ref_entity: dict[SpanKey, int] = {}  # new entity-layer spans: key -> index in self.spans

    def span(self, doc: int, aid: int, layer: str, s: SpanRec | tuple[int, int], label: str,
             origin: str, status: str, entity_id: int | None = None) -> int:
        start, end = (s.start, s.end) if isinstance(s, SpanRec) else s
        self.spans.append({"doc_id": doc, "annotator_id": aid, "start": start, "end": end, "layer": layer,
                           "label": label, "origin": origin, "status": status, "entity_id": entity_id,
                           "created_at": self.now})
        return len(self.spans) - 1

    def mention(self, doc: int, aid: int, m: SpanRec | None, origin: str, status: str) -> int | None:
        """Reference to an entity mention: an existing span id (>0), a new row (-index-1), or None."""
        if m is None:
            return None
        key = (doc, aid, m.start, m.end, m.label)
        if key in self.keys.entity_spans:
            return self.keys.entity_spans[key]
        if key not in self.ref_entity:
            self.ref_entity[key] = self.span(doc, aid, "entity", m, m.label, origin, status)
        return -self.ref_entity[key] - 1

    def entity(self, uid: str | None) -> int | None:
        return None if uid is None else self.entities[uid]

    def layer(self, counts: Counts, doc: int, layer: LayerRec) -> None:
        aid = self.annotators[layer.annotator or self.default_annotator]
        if layer.status is not None and (doc, aid) not in self.keys.statuses:
            self.keys.statuses.add((doc, aid))
            self.statuses.append({"doc_id": doc, "annotator_id": aid, "status": layer.status, "assigned": False,
                                  "seconds": layer.seconds, "updated_at": self.now})
        for e in layer.entities:
            key = (doc, aid, e.start, e.end, e.label)
            if key in self.keys.entity_spans or key in self.ref_entity:
                continue
            self.ref_entity[key] = self.span(doc, aid, "entity", e, e.label, e.origin, e.status,
                                             self.entity(e.entity))
            counts.spans += 1
        for q in layer.quotes:
            qkey = (doc, aid, *q.content)
            if qkey in self.keys.quotes:
                continue
            self.keys.quotes.add(qkey)
            content = self.span(doc, aid, "quote", q.content, "QUOTE", q.origin, q.status)
            cue = None if q.cue is None else self.span(doc, aid, "cue", q.cue, "CUE", q.origin, q.status)
            self.quotes.append((counts, {
                "doc_id": doc, "annotator_id": aid, "content_span_id": -content - 1,
                "cue_span_id": None if cue is None else -cue - 1,
                "speaker_span_id": self.mention(doc, aid, q.speaker, q.origin, q.status),
                "speaker_entity_id": self.entity(q.speaker_entity),
                "speaker_text": q.speaker_text.strip(), "kind": q.kind, "origin": q.origin, "status": q.status,
                "created_at": self.now,
            }))
        for st in layer.stances:
            holder_entity, target_entity = self.entity(st.holder_entity), self.entity(st.target_entity)
            skey: StanceKey = stance_key(doc, aid, st.scope, st.holder, holder_entity, st.holder_text,
                                         target_entity, st.target_topic, st.target_text, st.evidence)
            if skey in self.keys.stances:
                continue
            self.keys.stances.add(skey)
            evidence = [self.span(doc, aid, "evidence", ev, "EVIDENCE", st.origin, st.status) for ev in st.evidence]
            self.stances.append((counts, {
                "doc_id": doc, "annotator_id": aid, "scope": st.scope,
                "holder_span_id": self.mention(doc, aid, st.holder, st.origin, st.status),
                "holder_entity_id": holder_entity,
                "holder_text": st.holder_text.strip(),
                "target_entity_id": target_entity,
                "target_topic": st.target_topic, "target_text": st.target_text.strip(),
                "polarity": st.polarity, "origin": st.origin, "status": st.status, "created_at": self.now,
            }, evidence))

    def write(self, docs: list[tuple[Counts, DocRec, int]]) -> None:
        for counts, d, doc_id in docs:
            for layer in d.layers:
                self.layer(counts, doc_id, layer)
        ids: list[int] = []
        if self.spans:
            if self.quotes or self.stances:
                ids = insert_with_ids(self.conn, S, self.spans)
            else:
                bulk_insert(self.conn, S, self.spans)

        def ref(v: int | None) -> int | None:
            return ids[-v - 1] if v is not None and v < 0 else v

        if self.quotes:
            for counts, q in self.quotes:
                for col in ("content_span_id", "cue_span_id", "speaker_span_id"):
                    q[col] = ref(q[col])
                counts.quotes += 1
            bulk_insert(self.conn, Q, [q for _, q in self.quotes])
        if self.stances:
            for counts, st, _ in self.stances:
                st["holder_span_id"] = ref(st["holder_span_id"])
                counts.stances += 1
            got = insert_with_ids(self.conn, ST, [st for _, st, _ in self.stances])
            links = [{"stance_id": sid, "span_id": ids[e]} for sid, (_, _, ev) in zip(got, self.stances, strict=True)
                     for e in ev]
            if links:
                bulk_insert(self.conn, SE, links)
        if self.statuses:
            bulk_insert(self.conn, DS, self.statuses)
