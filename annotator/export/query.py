"""The query step of every export: stored articles and annotations -> :class:`XDoc` objects.

Articles are read in chunks of ids; each chunk costs a fixed handful of bulk selects (statuses,
articles, spans, quotes, stances, evidence links, new canonical entities), never one query per
span, so exports stay fast on 100k articles; entity spans come one row per (article, annotator)
with their columns concatenated by the database (see ``_ChunkLoader._entity_groups``). The whole
export reads one consistent snapshot.
Items come out in a deterministic order (layers by annotator name, items by start, end, label and
then every other field), so the same data always exports to the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice, repeat
from operator import attrgetter, itemgetter, lt
from typing import Any

import orjson
from sqlalchemy import Connection, Text, cast, func, literal, select, type_coerce
from sqlalchemy.dialects.postgresql import aggregate_order_by

from annotator.export.model import (
    EntityColumns,
    ExportError,
    ExportOptions,
    Progress,
    XDoc,
    XEntity,
    XLayer,
    XQuote,
    XSpan,
    XStance,
    _make_span,
)
from annotator.models import DOC_STATUSES, GOLD
from annotator.store import DS, SE, ST, A, D, E, Q, S, Store, in_parts

CHUNK = 1000  # articles per round of bulk queries; keeps IN lists far below any driver limit

# JSON columns come back as text and are parsed with orjson (SQLAlchemy's json.loads was 10% of an export)
_DOC_COLS = [*(D.c[n] for n in ("id", "uid", "title", "text", "source", "published", "url", "language")),
             type_coerce(D.c.provenance, Text), type_coerce(D.c.meta, Text)]
#: separator of the label, origin and status lists an entity group comes with (never in a label:
#: a group whose label list does not split into one label per span is read again row by row)
_SEP = "\x1f"
_ENT_ROW_COLS = [S.c.start, S.c.end, S.c.label, S.c.origin, S.c.entity_id, S.c.id, S.c.status]
_MANUAL_ORIGIN, _ACTIVE = "manual", "active"
#: one layer's entity spans as columns in export order: (doc id, annotator id, starts, ends, labels,
#: canonical entity ids or None when none is linked, origins, statuses)
_Group = tuple[int, int, Sequence[int], Sequence[int], Sequence[str], Sequence[int | None] | None,
               Sequence[str], Sequence[str]]


def _agg(pg: bool, col: Any, sep: Any = None) -> Any:
    """The group's values of ``col`` as one string (``sep`` between them; "," by default)."""
    if pg:  # string_agg takes text; the ORDER BY keeps every concatenation in the same row order
        return func.string_agg(cast(col, Text), aggregate_order_by(sep if sep is not None else literal(","), S.c.id))
    return func.group_concat(col, sep) if sep is not None else func.group_concat(col)
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
                     entities: bool = True, items: bool = True, columns: bool = False,
                     part: tuple[int, int] | None = None) -> Iterator[XDoc]:
    """Every article the options select, in id order, with one :class:`XLayer` per selected layer.

    With ``options.statuses`` an article goes out when at least one selected layer has one of
    those work statuses, and only those layers go with it; without, every article goes out.
    With ``layer='all'`` a layer appears only where that annotator did something (items, a
    status or time); an explicitly named layer always appears. ``entities=False`` leaves the
    entity spans out (``XLayer.entities`` is empty) for exports that do not write them (quotes,
    stances, the split plan), ``items=False`` the quotes and stances (entity-only formats); the
    same articles and layers go out either way. ``columns=True`` gives each layer's entity spans
    as :class:`EntityColumns` (the same spans, made into XSpans only when something iterates them).
    ``part=(k, n)``: only the k-th of n consecutive shares of the articles (by id), for writers
    that export in several processes.
    """
    layers = resolve_layers(store, options)
    with store.read() as conn:
        if store.dialect == "postgresql":  # one snapshot for the whole export, as SQLite's read gives
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        ids = [r[0] for r in _rows(conn, select(D.c.id).order_by(D.c.id))]
        if part is not None:
            k, n = part
            ids = ids[len(ids) * k // n:len(ids) * (k + 1) // n]
        every = len(layers) == int(conn.execute(select(func.count()).select_from(A)).scalar() or 0)
        loader = _ChunkLoader(conn, layers, every, options, entities, items, columns)
        total = len(ids)
        for i in range(0, total, CHUNK):
            yield from loader.load(ids[i : i + CHUNK])
            if progress is not None:
                progress(min(i + CHUNK, total), total)
        if progress is not None and total == 0:
            progress(0, 0)


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
                 load_entities: bool = True, load_items: bool = True, columns: bool = False) -> None:
        self.conn = conn
        self.columns = columns
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
        self.read_full = False  # read entity layers with every column at once (see _entity_groups)

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
        cond = [_ids(S.c.doc_id, ids), self._who(S.c.annotator_id), S.c.layer == "entity",
                S.c.status.in_(self.item_statuses)]
        if self.labels is not None:
            cond.append(S.c.label.in_(sorted(self.labels)))
        groups: list[_Group] = []
        present: set[tuple[int, int]] = set()  # layers with items that are not loaded
        if self.load_entities:
            groups = self._entity_groups(cond)
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
        ent_ids = {e for g in groups if g[5] is not None for e in g[5]}
        ent_ids |= {s[9] for s in spans.values()} | {q[5] for q in quotes}
        ent_ids |= {s[i] for s in stances for i in (5, 7)}
        self._fetch_entities(sorted(e for e in ent_ids if e is not None and e not in self.entities))
        by_layer, linked = self._group_entities(docs, groups)
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
            for part in in_parts(sorted(refs.difference(spans))):
                spans.update((r[0], r) for r in _rows(c, select(*_SPAN_COLS).where(_ids(S.c.id, list(part)))))
        return spans, quotes, stances, evidence

    def _fetch_entities(self, missing: list[int]) -> None:
        for part in in_parts(missing):
            for i, uid, name, type_, aliases in self.conn.execute(
                select(E.c.id, E.c.uid, E.c.name, E.c.type, E.c.aliases).where(E.c.id.in_(part))
            ):
                ent = XEntity(str(uid), str(name), str(type_), tuple(aliases or ()))
                self.entities[int(i)] = self.by_uid[ent.uid] = ent
                self.uid_of[int(i)] = ent.uid

    def _entity_groups(self, cond: list[Any]) -> list[_Group]:
        """The selected entity spans of the chunk, one :data:`_Group` of columns per (article, annotator).

        The database concatenates each layer's columns (``group_concat``/``string_agg``): one row
        per layer instead of one per span, the numbers parsed by orjson in C (a row tuple and its
        objects per span were most of an export's read time). Within one query every aggregate
        sees a group's rows in the same order, so the concatenations line up span by span.

        The lean query reads offsets and labels only, and origin and status as min/max: a layer
        whose spans all share one origin and status and link no canonical entity (the usual case)
        needs no more, and ties in (start, end, label) are then identical spans. Other layers are
        read again in full, with ids for the order of ties. When most layers of a chunk needed
        that, the next chunk is read in full straight away.
        """
        pg = self.conn.dialect.name == "postgresql"
        key = [S.c.doc_id, S.c.annotator_id]
        out: dict[tuple[int, int], _Group] = {}
        full: list[tuple[int, int]] = []
        if not self.read_full:
            # one item status selected (no suggestions): every span has it, no need to aggregate
            status = [cast(literal(self.item_statuses[0]), Text)] * 2 if len(self.item_statuses) == 1 else \
                [func.min(S.c.status), func.max(S.c.status)]
            lean = [*key, func.count(), _agg(pg, S.c.start), _agg(pg, S.c.end), _agg(pg, S.c.label, literal(_SEP)),
                    func.min(S.c.origin), func.max(S.c.origin), *status, func.count(S.c.entity_id)]
            for doc_id, aid, n, starts_s, ends_s, labels_s, o_min, o_max, s_min, s_max, n_eid in _rows(
                    self.conn, select(*lean).where(*cond).group_by(*key)):
                labels = labels_s.split(_SEP)
                if n_eid or o_min != o_max or s_min != s_max or len(labels) != n:
                    full.append((doc_id, aid))
                    continue
                starts, ends = orjson.loads(f"[{starts_s}]"), orjson.loads(f"[{ends_s}]")
                if not all(map(lt, starts, islice(starts, 1, None))):  # not in (start, end, label) order
                    starts, ends, labels = zip(*sorted(zip(starts, ends, labels, strict=True)), strict=True)
                out[(doc_id, aid)] = (doc_id, aid, starts, ends, labels, None, (o_min,) * n, (s_min,) * n)
            self.read_full = len(full) * 2 > len(out) + len(full)
            if not full:
                return list(out.values())  # in no particular order: _group_entities keys them
        need = set(full)
        parts = [cond] if self.read_full and not full else \
            [[*cond[1:], _ids(S.c.doc_id, list(p))] for p in in_parts(sorted({d for d, _ in full}))]
        cols = [*key, func.count(), _agg(pg, S.c.start), _agg(pg, S.c.end), _agg(pg, S.c.label, literal(_SEP)),
                _agg(pg, S.c.origin, literal(_SEP)), _agg(pg, S.c.status, literal(_SEP)), func.count(S.c.entity_id),
                _agg(pg, func.coalesce(S.c.entity_id, 0)), _agg(pg, S.c.id)]
        for where in parts:  # cond[0] is the chunk's doc_id condition, narrowed to the layers' articles
            for doc_id, aid, n, starts_s, ends_s, labels_s, origins_s, statuses_s, n_eid, eids_s, ids_s in _rows(
                    self.conn, select(*cols).where(*where).group_by(*key)):
                if full and (doc_id, aid) not in need:
                    continue
                labels = labels_s.split(_SEP)
                origins, statuses = origins_s.split(_SEP), statuses_s.split(_SEP)
                if len(labels) != n or len(origins) != n or len(statuses) != n:
                    out[(doc_id, aid)] = self._group_rows(doc_id, aid, cond)  # a value holding the separator
                    continue
                starts, ends = orjson.loads(f"[{starts_s}]"), orjson.loads(f"[{ends_s}]")
                eids = [e or None for e in orjson.loads(f"[{eids_s}]")] if n_eid else None
                ids = orjson.loads(f"[{ids_s}]")
                # export order (start, end, label, id); ids are unique, so no comparison goes further
                starts, ends, labels, _, origins, eids_o, statuses = zip(*sorted(zip(
                    starts, ends, labels, ids, origins, eids if eids is not None else ids, statuses, strict=True)),
                    strict=True)
                out[(doc_id, aid)] = (doc_id, aid, starts, ends, labels, eids_o if eids is not None else None,
                                      origins, statuses)
        return list(out.values())  # in no particular order: _group_entities keys them

    def _group_rows(self, doc_id: int, aid: int, cond: list[Any]) -> _Group:
        """One layer's entity spans read row by row (the fallback of :meth:`_entity_groups`)."""
        rows = sorted(_rows(self.conn, select(*_ENT_ROW_COLS).where(*cond, S.c.doc_id == doc_id,
                                                                   S.c.annotator_id == aid)),
                      key=itemgetter(0, 1, 2, 5))
        starts, ends, labels, origins, eids, _, statuses = zip(*rows, strict=True)
        return (doc_id, aid, starts, ends, labels, eids if any(e is not None for e in eids) else None,
                origins, statuses)

    def _group_entities(self, docs: Iterable[Any], groups: Sequence[_Group]
                        ) -> tuple[dict[tuple[int, int], tuple[XSpan, ...] | EntityColumns],
                                   dict[tuple[int, int], set[int]]]:
        """Entity spans of each (article, annotator) in export order, and the canonical entities
        they link to. The hot loop of every export: per span, only C-level iteration (zip, map)."""
        texts = {d[0]: d[3] for d in docs}
        uid_of = self.uid_of
        rename = self.rename
        out: dict[tuple[int, int], tuple[XSpan, ...] | EntityColumns] = {}
        linked: dict[tuple[int, int], set[int]] = {}
        for doc_id, aid, starts, ends, labels, eids, origins, statuses in groups:
            key = (doc_id, aid)
            text = texts[doc_id]
            if self.columns and not rename:  # renaming can change the order: made as spans below
                if eids is not None:
                    linked[key] = {e for e in eids if e is not None}
                out[key] = EntityColumns(text, starts, ends, labels,
                                         None if eids is None else list(map(uid_of.__getitem__, eids)),
                                         origins, statuses)
                continue
            if rename:
                labels = tuple(map(rename.get, labels, labels))
            uids: Iterable[str | None] = repeat(None)  # no canonical entity linked
            if eids is not None:
                uids = map(uid_of.__getitem__, eids)
                linked[key] = {e for e in eids if e is not None}
            spans = list(map(_make_span, zip(starts, ends, labels, map(text.__getitem__, map(slice, starts, ends)),
                                              uids, origins, statuses, strict=False)))  # uids may be repeat(None)
            if rename:
                spans.sort(key=span_key)  # renaming can change the order
            out[key] = tuple(spans)
        return out, linked

    def _assemble(self, docs: Sequence[Any], status: dict[tuple[int, int], tuple[str, float]],
                  by_layer: dict[tuple[int, int], tuple[XSpan, ...] | EntityColumns], linked: dict[tuple[int, int], set[int]],
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
