"""The query step of every export: stored articles and annotations -> :class:`XDoc` objects.

Articles are read in chunks of ids; each chunk costs a fixed handful of bulk selects (statuses,
articles, spans, quotes, stances, evidence links, new canonical entities), never one query per
span, so exports stay fast on 100k articles. The whole export reads one consistent snapshot.
Items come out in a deterministic order (layers by annotator name, items by start, end, label and
then every other field), so the same data always exports to the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection, Text, func, select, type_coerce

from annotator.export.model import (
    ExportError,
    ExportOptions,
    Progress,
    XDoc,
    XEntity,
    XLayer,
    XQuote,
    XSpan,
    XStance,
)
from annotator.models import DOC_STATUSES, GOLD
from annotator.store import DS, SE, ST, A, D, E, Q, S, Store

CHUNK = 1000  # articles per round of bulk queries; keeps IN lists far below any driver limit
_IN_MAX = 5000  # ids per IN list when looking rows up by id

# JSON columns come back as text and are parsed with orjson (SQLAlchemy's json.loads was 10% of an export)
_DOC_COLS = [*(D.c[n] for n in ("id", "uid", "title", "text", "source", "published", "url", "language")),
             type_coerce(D.c.provenance, Text), type_coerce(D.c.meta, Text)]
# origin comes back NULL (None, no string to build) when "manual", the usual case; the status
# column is read only when suggestions are exported (otherwise every span is "active")
_ENT_COLS = [S.c.doc_id, S.c.annotator_id, S.c.start, S.c.end, S.c.label, func.nullif(S.c.origin, "manual"),
             S.c.entity_id, S.c.id, S.c.status]
_MANUAL = {None: "manual"}.get  # _MANUAL(origin, origin): "manual" for NULL, else the origin
_DOC_AID = itemgetter(0, 1)
_ENT_ORDER = itemgetter(2, 3, 4, 7)  # (start, end, label, id) of an entity row: the export order
#: an XSpan from a (start, end, label, text, entity, origin, status) tuple, in C (no __new__ frame)
_make_span = partial(tuple.__new__, XSpan)
_SPAN_COLS = [S.c[n] for n in ("id", "doc_id", "annotator_id", "start", "end", "layer", "label", "origin", "status", "entity_id")]
_QUOTE_COLS = [Q.c[n] for n in ("doc_id", "annotator_id", "content_span_id", "cue_span_id", "speaker_span_id",
                                "speaker_entity_id", "speaker_text", "kind", "origin", "status")]
_STANCE_COLS = [ST.c[n] for n in ("id", "doc_id", "annotator_id", "scope", "holder_span_id", "holder_entity_id",
                                  "holder_text", "target_entity_id", "target_topic", "target_text", "polarity",
                                  "origin", "status")]


def resolve_layers(store: Store, options: ExportOptions) -> list[tuple[int, str]]:
    """The (annotator id, name) pairs the options select, ordered by name."""
    with store.read() as conn:
        known = {str(n): int(i) for i, n in conn.execute(select(A.c.id, A.c.name))}
    if options.layer == "gold":
        names = [GOLD]
    elif options.layer == "all":
        names = list(known)
    elif options.layer == "annotator":
        names = list(dict.fromkeys(options.annotators))
        if not names:
            raise ExportError("layer 'annotator' needs at least one annotator name")
    else:
        raise ExportError(f"unknown layer {options.layer!r}; use gold, all or annotator names")
    missing = [n for n in names if n not in known]
    if missing:
        raise ExportError(f"no annotator named {', '.join(missing)}; the project has: {', '.join(sorted(known))}")
    if options.statuses is not None:
        bad = [s for s in options.statuses if s not in DOC_STATUSES]
        if bad:
            raise ExportError(f"unknown article status {', '.join(bad)}; use {', '.join(DOC_STATUSES)}")
    return sorted(((known[n], n) for n in names), key=lambda p: p[1])


def iter_export_docs(store: Store, options: ExportOptions, progress: Progress | None = None, *,
                     entities: bool = True, items: bool = True) -> Iterator[XDoc]:
    """Every article the options select, in id order, with one :class:`XLayer` per selected layer.

    With ``options.statuses`` an article goes out when at least one selected layer has one of
    those work statuses, and only those layers go with it; without, every article goes out.
    With ``layer='all'`` a layer appears only where that annotator did something (items, a
    status or time); an explicitly named layer always appears. ``entities=False`` leaves the
    entity spans out (``XLayer.entities`` is empty) for exports that do not write them (quotes,
    stances, the split plan), ``items=False`` the quotes and stances (entity-only formats); the
    same articles and layers go out either way.
    """
    layers = resolve_layers(store, options)
    with store.read() as conn:
        if store.dialect == "postgresql":  # one snapshot for the whole export, as SQLite's read gives
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        ids = [r[0] for r in _rows(conn, select(D.c.id).order_by(D.c.id))]
        every = len(layers) == int(conn.execute(select(func.count()).select_from(A)).scalar() or 0)
        loader = _ChunkLoader(conn, layers, every, options, entities, items)
        total = len(ids)
        for i in range(0, total, CHUNK):
            yield from loader.load(ids[i : i + CHUNK])
            if progress is not None:
                progress(min(i + CHUNK, total), total)
        if progress is not None and total == 0:
            progress(0, 0)


def _in_chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _IN_MAX):
        yield ids[i : i + _IN_MAX]


def _ids(col: Any, ids: list[int]) -> Any:
    """``col`` among ``ids`` (sorted): a range when they are contiguous, which SQLAlchemy caches and
    the database walks on its index; an IN list otherwise."""
    if ids[-1] - ids[0] + 1 == len(ids):
        return col.between(ids[0], ids[-1])
    return col.in_(ids)


def _rows(conn: Connection, stmt: Any) -> list[Any]:
    """All rows of ``stmt`` as the driver's plain tuples.

    SQLAlchemy's ``Row`` objects cost ~12% of an export; only for columns the driver returns as
    they are meant (integers, strings, floats, JSON selected as text), never for ORM entities.
    """
    result = conn.execute(stmt)
    try:
        return list(result.cursor.fetchall()) if result.cursor is not None else []
    finally:
        result.close()


def _json(v: Any) -> dict[str, Any]:
    if isinstance(v, str):  # SQLite hands back the stored text; orjson parses it 5x faster than json
        v = orjson.loads(v)
    return v if isinstance(v, dict) else {}


#: item order: (start, end, label); ties keep id order, so re-imported data exports the same way
span_key = attrgetter("start", "end", "label")


def quote_key(q: XQuote) -> tuple[int, int, str]:
    return (q.content.start, q.content.end, q.content.label)


def stance_key(s: XStance) -> tuple[int, int, str]:
    first = s.evidence[0] if s.evidence else s.holder
    return (-1, -1, "") if first is None else (first.start, first.end, first.label)


class _ChunkLoader:
    """Loads chunks of articles over one connection, caching canonical entities between chunks."""

    def __init__(self, conn: Connection, layers: list[tuple[int, str]], every: bool, options: ExportOptions,
                 load_entities: bool = True, load_items: bool = True) -> None:
        self.conn = conn
        self.load_entities = load_entities
        self.load_items = load_items
        self.layers = layers
        self.aids = [a for a, _ in layers]
        self.every = every  # every annotator of the project is selected: no annotator condition needed
        self.explicit = options.layer != "all"
        self.statuses = set(options.statuses) if options.statuses is not None else None
        self.item_statuses = ("active", "suggested") if options.include_suggestions else ("active",)
        self.labels = set(options.labels) if options.labels is not None else None
        self.rename = dict(options.rename)
        self.entities: dict[int, XEntity] = {}
        self.by_uid: dict[str, XEntity] = {}
        self.uid_of: dict[int | None, str | None] = {None: None}  # entity id -> uid

    def _who(self, col: Any) -> Any:
        return col.is_not(None) if self.every else col.in_(self.aids)

    def _candidates(self, ids: list[int], status: dict[tuple[int, int], tuple[str, float]]) -> list[int]:
        """Articles that can qualify under the status filter, found from the status rows alone."""
        if self.statuses is None or (not self.explicit and "not_started" in self.statuses):
            return ids
        if self.explicit and "not_started" in self.statuses:
            return [d for d in ids if any(status.get((d, a), ("not_started",))[0] in self.statuses for a in self.aids)]
        keep = {d for (d, _a), (st, _s) in status.items() if st in self.statuses}
        return [d for d in ids if d in keep]

    def load(self, ids: list[int]) -> list[XDoc]:
        c = self.conn
        status: dict[tuple[int, int], tuple[str, float]] = {
            (d, a): (st, float(sec))
            for d, a, st, sec in _rows(c, select(DS.c.doc_id, DS.c.annotator_id, DS.c.status, DS.c.seconds)
                                       .where(_ids(DS.c.doc_id, ids), self._who(DS.c.annotator_id)))
        }
        ids = self._candidates(ids, status)
        if not ids:
            return []
        docs = _rows(c, select(*_DOC_COLS).where(_ids(D.c.id, ids)).order_by(D.c.id))
        # Entity spans grouped by (article, annotator) in index order; each group is sorted into
        # export order (start, end, label, id) in Python: cheaper than a sort in the database, and
        # str order is code-point order on every backend.
        cond = [_ids(S.c.doc_id, ids), self._who(S.c.annotator_id), S.c.layer == "entity",
                S.c.status.in_(self.item_statuses)]
        if self.labels is not None:
            cond.append(S.c.label.in_(sorted(self.labels)))
        ent_rows: list[Any] = []
        present: set[tuple[int, int]] = set()  # layers with items that are not loaded
        if self.load_entities:
            cols = _ENT_COLS if len(self.item_statuses) > 1 else _ENT_COLS[:-1]
            ent_rows = _rows(c, select(*cols).where(*cond).order_by(S.c.doc_id, S.c.annotator_id))
        elif not self.explicit:  # which layers have entity spans decides which layers appear
            present = set(_rows(c, select(S.c.doc_id, S.c.annotator_id).where(*cond).distinct()))
        spans: dict[int, Any] = {}
        quotes: list[Any] = []
        stances: list[Any] = []
        evidence: dict[int, list[int]] = defaultdict(list)
        if self.load_items:
            spans, quotes, stances, evidence = self._items(ids)
        elif not self.explicit:  # which layers have quotes or stances decides which layers appear
            for t in (Q, ST):
                present.update(_rows(c, select(t.c.doc_id, t.c.annotator_id).distinct().where(
                    _ids(t.c.doc_id, ids), self._who(t.c.annotator_id), t.c.status.in_(self.item_statuses))))
        ent_ids = set(map(itemgetter(6), ent_rows)) | {s[9] for s in spans.values()} | {q[5] for q in quotes}
        ent_ids |= {s[i] for s in stances for i in (5, 7)}
        self._fetch_entities(sorted(e for e in ent_ids if e is not None and e not in self.entities))
        by_layer, linked = self._group_entities(docs, ent_rows)
        for key in present:  # a layer with entities, quotes or stances that were not loaded
            by_layer.setdefault(key, ())
        return self._assemble(docs, status, by_layer, linked, spans, quotes, stances, evidence)

    def _items(self, ids: list[int]) -> tuple[dict[int, Any], list[Any], list[Any], dict[int, list[int]]]:
        """Quotes, stances, their evidence links and the spans they hold (by span id)."""
        c = self.conn
        quotes = _rows(c, select(*_QUOTE_COLS)
                       .where(_ids(Q.c.doc_id, ids), self._who(Q.c.annotator_id), Q.c.status.in_(self.item_statuses))
                       .order_by(Q.c.id))
        stances = _rows(c, select(*_STANCE_COLS)
                        .where(_ids(ST.c.doc_id, ids), self._who(ST.c.annotator_id),
                               ST.c.status.in_(self.item_statuses))
                        .order_by(ST.c.id))
        evidence: dict[int, list[int]] = defaultdict(list)
        if stances:
            for sid, span_id in _rows(c, select(SE.c.stance_id, SE.c.span_id)
                                      .select_from(SE.join(ST, ST.c.id == SE.c.stance_id))
                                      .where(_ids(ST.c.doc_id, ids), self._who(ST.c.annotator_id))
                                      .order_by(SE.c.span_id)):
                evidence[sid].append(span_id)
        # the content, cue, speaker, holder and evidence spans the items hold
        refs = {q[i] for q in quotes for i in (2, 3, 4)} | {s[4] for s in stances}
        refs |= {x for ev in evidence.values() for x in ev}
        refs.discard(None)
        spans: dict[int, Any] = {}
        if refs:  # none (no quotes or stances): no need to look at the chunk's spans at all
            # the chunk's own non-entity spans in one range scan, then the few others by id
            # (links across annotators, entity mentions as speakers or holders)
            spans = {r[0]: r for r in _rows(c, select(*_SPAN_COLS).where(
                _ids(S.c.doc_id, ids), self._who(S.c.annotator_id), S.c.layer != "entity",
                S.c.status != "rejected"))}
            for part in _in_chunks(sorted(refs.difference(spans))):
                spans.update((r[0], r) for r in _rows(c, select(*_SPAN_COLS).where(_ids(S.c.id, list(part)))))
        return spans, quotes, stances, evidence

    def _fetch_entities(self, missing: list[int]) -> None:
        for part in _in_chunks(missing):
            for i, uid, name, type_, aliases in self.conn.execute(
                select(E.c.id, E.c.uid, E.c.name, E.c.type, E.c.aliases).where(E.c.id.in_(part))
            ):
                ent = XEntity(str(uid), str(name), str(type_), tuple(aliases or ()))
                self.entities[int(i)] = self.by_uid[ent.uid] = ent
                self.uid_of[int(i)] = ent.uid

    def _group_entities(self, docs: Iterable[Any], rows: Sequence[Any]
                        ) -> tuple[dict[tuple[int, int], tuple[XSpan, ...]], dict[tuple[int, int], set[int]]]:
        """Entity spans of each (article, annotator) in export order, and the canonical entities
        they link to. The hot loop of every export: per span, only C-level iteration (zip, map).
        Group by group rather than whole columns for the chunk: small tuples stay in the CPU cache."""
        texts = {d[0]: d[3] for d in docs}
        uid_of = self.uid_of
        rename = self.rename
        out: dict[tuple[int, int], tuple[XSpan, ...]] = {}
        linked: dict[tuple[int, int], set[int]] = {}
        for key, grp in groupby(rows, key=_DOC_AID):
            text = texts[key[0]]
            cols = tuple(zip(*sorted(grp, key=_ENT_ORDER), strict=True))
            starts, ends, labels, origins, eids = cols[2:7]
            statuses = cols[8] if len(cols) > 8 else ("active",) * len(starts)
            if rename:
                labels = tuple(map(rename.get, labels, labels))
            uids: Iterable[str | None] = eids  # all None: no canonical entity linked
            if eids.count(None) != len(eids):
                uids = map(uid_of.__getitem__, eids)
                linked[key] = set(eids)
                linked[key].discard(None)
            spans = list(map(_make_span, zip(starts, ends, labels, map(text.__getitem__, map(slice, starts, ends)),
                                              uids, map(_MANUAL, origins, origins), statuses, strict=True)))
            if rename:
                spans.sort(key=span_key)  # renaming can change the order
            out[key] = tuple(spans)
        return out, linked

    def _assemble(self, docs: Sequence[Any], status: dict[tuple[int, int], tuple[str, float]],
                  by_layer: dict[tuple[int, int], tuple[XSpan, ...]], linked: dict[tuple[int, int], set[int]],
                  spans: dict[int, Any], quotes: Iterable[Any], stances: Iterable[Any],
                  evidence: dict[int, list[int]]) -> list[XDoc]:
        q_by: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for q in quotes:
            q_by[(q[0], q[1])].append(q)
        st_by: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for s in stances:
            st_by[(s[1], s[2])].append(s)
        out = []
        for d in docs:
            doc_id, text = d[0], d[3]
            layers: list[XLayer] = []
            kb: set[int] = set()
            for aid, name in self.layers:
                key = (doc_id, aid)
                st, secs = status.get(key, ("not_started", 0.0))
                if self.statuses is not None and st not in self.statuses:
                    continue
                ents, qs, sts = by_layer.get(key), q_by.get(key), st_by.get(key)
                if not (self.explicit or ents is not None or qs or sts or st != "not_started" or secs > 0):
                    continue
                layers.append(XLayer(
                    name, st, secs, ents or (),
                    self._quotes(text, qs, spans, kb) if qs else (),
                    self._stances(text, sts, spans, evidence, kb) if sts else (),
                ))
                if key in linked:
                    kb |= linked[key]
            if self.statuses is not None and not layers:
                continue
            out.append(XDoc(
                d[1], d[2], text, d[4], d[5], d[6], d[7], _json(d[8]), _json(d[9]), tuple(layers),
                tuple(self.by_uid[u] for u in sorted({self.entities[e].uid for e in kb})) if kb else (),
            ))
        return out

    def _span(self, text: str, row: Any, kb: set[int]) -> XSpan | None:
        if row is None:
            return None
        _id, _doc, _aid, start, end, layer, label, origin, status, eid = row
        if layer == "entity":
            label = self.rename.get(label, label)
        if eid is not None:
            kb.add(eid)
        return XSpan(start, end, label, text[start:end], self.entities[eid].uid if eid is not None else None,
                     origin, status)

    def _uid(self, entity_id: int | None, kb: set[int]) -> str | None:
        if entity_id is None:
            return None
        kb.add(entity_id)
        return self.entities[entity_id].uid

    def _quotes(self, text: str, rows: list[Any], spans: dict[int, Any], kb: set[int]) -> tuple[XQuote, ...]:
        out = []
        for _d, _a, content_id, cue_id, speaker_id, speaker_ent, speaker_text, kind, origin, status in rows:
            content = self._span(text, spans.get(content_id), kb)
            if content is None:
                continue
            out.append(XQuote(
                content, self._span(text, spans.get(cue_id), kb) if cue_id else None,
                self._span(text, spans.get(speaker_id), kb) if speaker_id else None,
                self._uid(speaker_ent, kb), speaker_text or "", kind, origin, status,
            ))
        out.sort(key=quote_key)
        return tuple(out)

    def _stances(self, text: str, rows: list[Any], spans: dict[int, Any], evidence: dict[int, list[int]],
                 kb: set[int]) -> tuple[XStance, ...]:
        out = []
        for (sid, _d, _a, scope, holder_id, holder_ent, holder_text, target_ent, topic, target_text,
             polarity, origin, status) in rows:
            ev = [x for x in (self._span(text, spans.get(i), kb) for i in evidence.get(sid, ())) if x is not None]
            ev.sort(key=span_key)
            out.append(XStance(
                scope, self._span(text, spans.get(holder_id), kb) if holder_id else None,
                self._uid(holder_ent, kb), holder_text or "", self._uid(target_ent, kb), topic,
                target_text or "", polarity, tuple(ev), origin, status,
            ))
        out.sort(key=stance_key)
        return tuple(out)
