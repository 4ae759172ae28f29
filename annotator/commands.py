"""Every edit as a command object: ``do(tx) -> Changes`` and ``undo(tx) -> Changes``.

Commands keep plain snapshots (ids and values), never live ORM objects. ``do`` may run again
after ``undo`` (redo): rows are re-created with the ids they had, so later commands on the undo
stack that refer to them stay valid. Run them with :meth:`annotator.store.Store.run`, which
wraps each in one transaction with an audit row. The CLI, the GUI and the tests share them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from sqlalchemy import and_, delete, insert, select, update

from annotator.models import DOC_STATUSES, LAYERS, SPAN_STATUSES, utcnow
from annotator.store import DS, SE, ST, CommandError, Q, S, Tx, in_parts

__all__ = [
    "AddQuote",
    "AddSpan",
    "AddStance",
    "AddStanceEvidence",
    "Batch",
    "Changes",
    "Command",
    "CommandError",
    "CreateEntity",
    "DeleteQuote",
    "DeleteSpan",
    "DeleteStance",
    "EditQuote",
    "EditStance",
    "LinkEntity",
    "RemoveStanceEvidence",
    "SetDocStatus",
    "SetQuoteContent",
    "SetQuoteCue",
    "SetSpanBounds",
    "SetSpanLabel",
    "SetSpanStatus",
    "UpdateEntity",
]


@dataclass
class Changes:
    """What an edit touched, so each view refreshes only that (Anki's OpChanges)."""

    docs: set[int] = field(default_factory=set)
    spans: set[int] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)
    stances: set[int] = field(default_factory=set)
    entities: set[int] = field(default_factory=set)
    statuses: set[tuple[int, int]] = field(default_factory=set)  # (doc_id, annotator_id)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.docs | other.docs,
            self.spans | other.spans,
            self.quotes | other.quotes,
            self.stances | other.stances,
            self.entities | other.entities,
            self.statuses | other.statuses,
        )

    def __ior__(self, other: Changes) -> Changes:
        """In place: a batch gathering its commands' changes one by one stays linear."""
        self.docs |= other.docs
        self.spans |= other.spans
        self.quotes |= other.quotes
        self.stances |= other.stances
        self.entities |= other.entities
        self.statuses |= other.statuses
        return self


class Command(Protocol):
    @property
    def text(self) -> str: ...

    def do(self, tx: Tx) -> Changes: ...

    def undo(self, tx: Tx) -> Changes: ...


class _Base:
    def audit(self) -> dict[str, Any]:
        d = asdict(self)  # type: ignore[call-overload]
        return {k: v for k, v in d.items() if not k.startswith("_")}


def _check_range(tx: Tx, doc_id: int, start: int, end: int) -> None:
    n = tx.doc_length(doc_id)
    if not (0 <= start < end <= n):
        raise CommandError(f"span {start}:{end} is outside the article (length {n}) or empty")


def _check_label(tx: Tx, layer: str, label: str) -> None:
    if layer not in LAYERS:
        raise CommandError(f"unknown layer {layer!r}")
    if layer == "entity" and tx.store.schema.entity(label) is None:
        raise CommandError(f"label {label!r} is not in the project's schema ({', '.join(tx.store.schema.labels)})")


# --- span dependents: what deleting spans takes with it, and how to put it back ---------------


@dataclass
class _Dependents:
    spans: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    nulled: list[tuple[str, int, str, int]] = field(default_factory=list)  # (table, row id, column, span id)


def _capture(tx: Tx, span_ids: list[int]) -> _Dependents:
    dep = _Dependents()
    if not span_ids:
        return dep
    c = tx.conn
    span_ids = list(dict.fromkeys(span_ids))
    for part in in_parts(span_ids):
        dep.spans += [dict(r) for r in c.execute(select(S).where(S.c.id.in_(part))).mappings()]
        dep.quotes += [dict(r) for r in c.execute(select(Q).where(Q.c.content_span_id.in_(part))).mappings()]
        dep.evidence += [dict(r) for r in c.execute(select(SE).where(SE.c.span_id.in_(part))).mappings()]
    gone_quotes = {q["id"] for q in dep.quotes}
    for table, t, cols in (
        ("quote", Q, ("cue_span_id", "speaker_span_id")),
        ("stance", ST, ("holder_span_id",)),
    ):
        for col in cols:
            for part in in_parts(span_ids):
                for rid, sid in c.execute(select(t.c.id, t.c[col]).where(t.c[col].in_(part))):
                    if not (table == "quote" and rid in gone_quotes):
                        dep.nulled.append((table, rid, col, sid))
    return dep


def _delete_spans(tx: Tx, dep: _Dependents) -> Changes:
    ids = [s["id"] for s in dep.spans]
    for table, rid, col, _sid in dep.nulled:
        tx.update(table, rid, {col: None})
    for part in in_parts(ids):
        tx.conn.execute(delete(SE).where(SE.c.span_id.in_(part)))
    for part in in_parts([q["id"] for q in dep.quotes]):
        tx.conn.execute(delete(Q).where(Q.c.id.in_(part)))
    for part in in_parts(ids):
        tx.conn.execute(delete(S).where(S.c.id.in_(part)))
    return _dep_changes(dep)


def _restore_spans(tx: Tx, dep: _Dependents) -> Changes:
    if dep.spans:
        tx.conn.execute(insert(S), dep.spans)
    if dep.quotes:
        tx.conn.execute(insert(Q), dep.quotes)
    if dep.evidence:
        tx.conn.execute(insert(SE), dep.evidence)
    for table, rid, col, sid in dep.nulled:
        tx.update(table, rid, {col: sid})
    return _dep_changes(dep)


def _dep_changes(dep: _Dependents) -> Changes:
    ch = Changes(docs={s["doc_id"] for s in dep.spans}, spans={s["id"] for s in dep.spans})
    ch.quotes = {q["id"] for q in dep.quotes} | {rid for t, rid, _, _ in dep.nulled if t == "quote"}
    ch.stances = {e["stance_id"] for e in dep.evidence} | {rid for t, rid, _, _ in dep.nulled if t == "stance"}
    return ch


# --- spans ------------------------------------------------------------------------------------


@dataclass
class AddSpan(_Base):
    doc_id: int
    annotator_id: int
    start: int
    end: int
    label: str
    layer: str = "entity"
    origin: str = "manual"
    status: str = "active"
    entity_id: int | None = None
    span_id: int | None = None  # set by the first do(); redo re-creates the same id

    @property
    def text(self) -> str:
        return f"Add {self.label} span" if self.layer == "entity" else f"Add {self.layer} span"

    def values(self) -> dict[str, Any]:
        v = {
            "doc_id": self.doc_id,
            "annotator_id": self.annotator_id,
            "start": self.start,
            "end": self.end,
            "layer": self.layer,
            "label": self.label,
            "origin": self.origin,
            "status": self.status,
            "entity_id": self.entity_id,
        }
        if self.span_id is not None:
            v["id"] = self.span_id
        return v

    def do(self, tx: Tx) -> Changes:
        _check_range(tx, self.doc_id, self.start, self.end)
        _check_label(tx, self.layer, self.label)
        if self.status not in SPAN_STATUSES:
            raise CommandError(f"unknown span status {self.status!r}")
        self.span_id = tx.insert("span", self.values())
        return Changes(docs={self.doc_id}, spans={self.span_id})

    def undo(self, tx: Tx) -> Changes:
        assert self.span_id is not None
        tx.delete("span", self.span_id)
        return Changes(docs={self.doc_id}, spans={self.span_id})


@dataclass
class DeleteSpan(_Base):
    """Delete spans; quotes whose content they are go too, references to them are cleared."""

    span_ids: list[int]
    doc_id: int | None = None
    _dep: _Dependents | None = None

    @property
    def text(self) -> str:
        return "Delete span" if len(self.span_ids) == 1 else f"Delete {len(self.span_ids)} spans"

    def do(self, tx: Tx) -> Changes:
        self._dep = _capture(tx, self.span_ids)
        if len(self._dep.spans) != len(set(self.span_ids)):
            raise CommandError(f"no span with id(s) {sorted(set(self.span_ids) - {s['id'] for s in self._dep.spans})}")
        self.doc_id = self._dep.spans[0]["doc_id"]
        return _delete_spans(tx, self._dep)

    def undo(self, tx: Tx) -> Changes:
        assert self._dep is not None
        return _restore_spans(tx, self._dep)


@dataclass
class _SetSpanFields(_Base):
    span_id: int
    doc_id: int | None = None
    _old: dict[str, Any] | None = None

    def new_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def validate(self, tx: Tx, row: dict[str, Any]) -> None:
        """Refuse a bad new value before anything is written."""

    def do(self, tx: Tx) -> Changes:
        row = tx.must_get("span", self.span_id)
        new = self.new_values()
        self.validate(tx, row)
        self.doc_id = row["doc_id"]
        self._old = {k: row[k] for k in new}
        tx.update("span", self.span_id, new)
        return Changes(docs={row["doc_id"]}, spans={self.span_id})

    def undo(self, tx: Tx) -> Changes:
        assert self._old is not None and self.doc_id is not None
        tx.update("span", self.span_id, self._old)
        return Changes(docs={self.doc_id}, spans={self.span_id})


@dataclass
class SetSpanLabel(_SetSpanFields):
    label: str = ""

    @property
    def text(self) -> str:
        return f"Relabel span as {self.label}"

    def new_values(self) -> dict[str, Any]:
        return {"label": self.label}

    def validate(self, tx: Tx, row: dict[str, Any]) -> None:
        _check_label(tx, row["layer"], self.label)


@dataclass
class SetSpanBounds(_SetSpanFields):
    start: int = 0
    end: int = 0

    @property
    def text(self) -> str:
        return "Change span boundaries"

    def new_values(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    def validate(self, tx: Tx, row: dict[str, Any]) -> None:
        _check_range(tx, row["doc_id"], self.start, self.end)


@dataclass
class LinkEntity(_SetSpanFields):
    """Link a mention to a canonical entity (``None`` unlinks)."""

    entity_id: int | None = None

    @property
    def text(self) -> str:
        return "Link mention to entity" if self.entity_id is not None else "Unlink mention"

    def new_values(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id}

    def validate(self, tx: Tx, row: dict[str, Any]) -> None:
        if self.entity_id is not None:
            tx.must_get("entity", self.entity_id)


@dataclass
class SetSpanStatus(_Base):
    """Accept (``active``) or reject suggestions, or turn spans back into suggestions."""

    span_ids: list[int]
    status: str
    doc_id: int | None = None
    _old: dict[int, str] | None = None

    @property
    def text(self) -> str:
        verb = {"active": "Accept", "rejected": "Reject", "suggested": "Re-suggest"}.get(self.status, "Set")
        n = len(self.span_ids)
        return f"{verb} suggestion" if n == 1 else f"{verb} {n} suggestions"

    def do(self, tx: Tx) -> Changes:
        if self.status not in SPAN_STATUSES:
            raise CommandError(f"unknown span status {self.status!r}")
        ids = list(dict.fromkeys(self.span_ids))
        rows = [r for part in in_parts(ids)
                for r in tx.conn.execute(select(S.c.id, S.c.status, S.c.doc_id).where(S.c.id.in_(part)))]
        if len(rows) != len(ids):
            raise CommandError("some spans no longer exist")
        self._old = {r[0]: r[1] for r in rows}
        self.doc_id = rows[0][2] if rows else None
        for part in in_parts(ids):
            tx.conn.execute(update(S).where(S.c.id.in_(part)).values(status=self.status))
        return Changes(docs={r[2] for r in rows}, spans=set(ids))

    def undo(self, tx: Tx) -> Changes:
        assert self._old is not None
        by_status: dict[str, list[int]] = {}
        for sid, st in self._old.items():
            by_status.setdefault(st, []).append(sid)
        for st, ids in by_status.items():  # one statement per old status (and part), not per span
            for part in in_parts(ids):
                tx.conn.execute(update(S).where(S.c.id.in_(part)).values(status=st))
        return Changes(docs={self.doc_id} if self.doc_id else set(), spans=set(self._old))


# --- canonical entities -------------------------------------------------------------------------


@dataclass
class CreateEntity(_Base):
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    uid: str | None = None
    entity_id: int | None = None

    @property
    def text(self) -> str:
        return f"Create entity {self.name}"

    def do(self, tx: Tx) -> Changes:
        name = self.name.strip()
        if not name:
            raise CommandError("an entity needs a name")
        if tx.store.schema.entity(self.type) is None:
            raise CommandError(f"entity type {self.type!r} is not in the project's schema")
        if self.uid is None:
            import uuid

            self.uid = uuid.uuid4().hex[:16]
        values: dict[str, Any] = {"uid": self.uid, "name": name, "type": self.type, "aliases": list(self.aliases)}
        if self.entity_id is not None:
            values["id"] = self.entity_id
        self.entity_id = tx.insert("entity", values)
        return Changes(entities={self.entity_id})

    def undo(self, tx: Tx) -> Changes:
        assert self.entity_id is not None
        tx.delete("entity", self.entity_id)
        return Changes(entities={self.entity_id})


@dataclass
class UpdateEntity(_Base):
    entity_id: int
    name: str | None = None
    type: str | None = None
    aliases: list[str] | None = None
    _old: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return "Edit entity"

    def do(self, tx: Tx) -> Changes:
        row = tx.must_get("entity", self.entity_id)
        new: dict[str, Any] = {
            k: v for k, v in (("name", self.name), ("type", self.type), ("aliases", self.aliases)) if v is not None
        }
        if "type" in new and tx.store.schema.entity(str(new["type"])) is None:
            raise CommandError(f"entity type {new['type']!r} is not in the project's schema")
        self._old = {k: row[k] for k in new}
        tx.update("entity", self.entity_id, new)
        return Changes(entities={self.entity_id})

    def undo(self, tx: Tx) -> Changes:
        assert self._old is not None
        tx.update("entity", self.entity_id, self._old)
        return Changes(entities={self.entity_id})


# --- quotes -------------------------------------------------------------------------------------


@dataclass
class AddQuote(_Base):
    """A quote: content range, optional cue range, speaker (mention, entity or free text), kind."""

    doc_id: int
    annotator_id: int
    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    speaker_span_id: int | None = None
    speaker_entity_id: int | None = None
    speaker_text: str = ""
    kind: str = "direct"
    origin: str = "manual"
    status: str = "active"
    quote_id: int | None = None
    content_span_id: int | None = None
    cue_span_id: int | None = None

    @property
    def text(self) -> str:
        return "Add quote"

    def do(self, tx: Tx) -> Changes:
        schema = tx.store.schema
        if self.kind not in schema.quote_kinds:
            raise CommandError(f"quote kind {self.kind!r} is not one of {', '.join(schema.quote_kinds)}")
        content = AddSpan(self.doc_id, self.annotator_id, *self.content, label="QUOTE", layer="quote",
                          origin=self.origin, status=self.status, span_id=self.content_span_id)
        content.do(tx)
        self.content_span_id = content.span_id
        if self.cue is not None:
            cue = AddSpan(self.doc_id, self.annotator_id, *self.cue, label="CUE", layer="cue",
                          origin=self.origin, status=self.status, span_id=self.cue_span_id)
            cue.do(tx)
            self.cue_span_id = cue.span_id
        if self.speaker_span_id is not None:
            sp = tx.must_get("span", self.speaker_span_id)
            if sp["doc_id"] != self.doc_id:
                raise CommandError("the speaker mention is in another article")
        values: dict[str, Any] = {
            "doc_id": self.doc_id,
            "annotator_id": self.annotator_id,
            "content_span_id": self.content_span_id,
            "cue_span_id": self.cue_span_id,
            "speaker_span_id": self.speaker_span_id,
            "speaker_entity_id": self.speaker_entity_id,
            "speaker_text": self.speaker_text.strip(),
            "kind": self.kind,
            "origin": self.origin,
            "status": self.status,
        }
        if self.quote_id is not None:
            values["id"] = self.quote_id
        self.quote_id = tx.insert("quote", values)
        spans = {self.content_span_id} | ({self.cue_span_id} if self.cue_span_id else set())
        return Changes(docs={self.doc_id}, spans=spans, quotes={self.quote_id})  # type: ignore[arg-type]

    def undo(self, tx: Tx) -> Changes:
        assert self.quote_id is not None and self.content_span_id is not None
        tx.delete("quote", self.quote_id)
        spans = [s for s in (self.content_span_id, self.cue_span_id) if s is not None]
        tx.conn.execute(delete(S).where(S.c.id.in_(spans)))
        return Changes(docs={self.doc_id}, spans=set(spans), quotes={self.quote_id})


@dataclass
class DeleteQuote(_Base):
    quote_id: int
    doc_id: int | None = None
    _quote: dict[str, Any] | None = None
    _dep: _Dependents | None = None

    @property
    def text(self) -> str:
        return "Delete quote"

    def do(self, tx: Tx) -> Changes:
        q = tx.must_get("quote", self.quote_id)
        self.doc_id = q["doc_id"]
        own = [q["content_span_id"], *([q["cue_span_id"]] if q["cue_span_id"] else [])]
        self._dep = _capture(tx, own)
        ch = _delete_spans(tx, self._dep)
        ch.quotes.add(self.quote_id)
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self._dep is not None
        ch = _restore_spans(tx, self._dep)
        ch.quotes.add(self.quote_id)
        return ch


_QUOTE_FIELDS = ("kind", "speaker_span_id", "speaker_entity_id", "speaker_text", "status")


@dataclass
class EditQuote(_Base):
    """Change a quote's kind, speaker or status; only the fields given in ``values`` change."""

    quote_id: int
    values: dict[str, Any]
    doc_id: int | None = None
    _old: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        if set(self.values) == {"kind"}:
            return "Change quote kind"
        return "Change quote speaker" if any(k.startswith("speaker") for k in self.values) else "Edit quote"

    def do(self, tx: Tx) -> Changes:
        bad = set(self.values) - set(_QUOTE_FIELDS)
        if bad:
            raise CommandError(f"cannot edit quote field(s) {sorted(bad)}")
        q = tx.must_get("quote", self.quote_id)
        if "kind" in self.values and self.values["kind"] not in tx.store.schema.quote_kinds:
            raise CommandError(f"quote kind {self.values['kind']!r} is not in the schema")
        sp = self.values.get("speaker_span_id")
        if sp is not None and tx.must_get("span", sp)["doc_id"] != q["doc_id"]:
            raise CommandError("the speaker mention is in another article")
        self.doc_id = q["doc_id"]
        self._old = {k: q[k] for k in self.values}
        tx.update("quote", self.quote_id, self.values)
        if "status" in self.values:  # a quote's own spans share its status (suggestions)
            tx.conn.execute(update(S).where(S.c.id.in_([q["content_span_id"], q["cue_span_id"]])).values(status=self.values["status"]))
        return Changes(docs={q["doc_id"]}, quotes={self.quote_id}, spans={q["content_span_id"]})

    def undo(self, tx: Tx) -> Changes:
        assert self._old is not None and self.doc_id is not None
        q = tx.must_get("quote", self.quote_id)
        tx.update("quote", self.quote_id, self._old)
        if "status" in self._old:
            tx.conn.execute(update(S).where(S.c.id.in_([q["content_span_id"], q["cue_span_id"]])).values(status=self._old["status"]))
        return Changes(docs={self.doc_id}, quotes={self.quote_id}, spans={q["content_span_id"]})


@dataclass
class SetQuoteCue(_Base):
    """Replace (or remove, with ``cue=None``) a quote's cue span."""

    quote_id: int
    cue: tuple[int, int] | None
    doc_id: int | None = None
    new_span_id: int | None = None
    _old_span: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return "Set quote cue" if self.cue else "Remove quote cue"

    def do(self, tx: Tx) -> Changes:
        q = tx.must_get("quote", self.quote_id)
        self.doc_id = q["doc_id"]
        ch = Changes(docs={q["doc_id"]}, quotes={self.quote_id})
        if q["cue_span_id"] is not None:
            self._old_span = tx.must_get("span", q["cue_span_id"])
            tx.update("quote", self.quote_id, {"cue_span_id": None})
            tx.delete("span", q["cue_span_id"])
            ch.spans.add(q["cue_span_id"])
        if self.cue is not None:
            add = AddSpan(q["doc_id"], q["annotator_id"], *self.cue, label="CUE", layer="cue",
                          origin="manual", status=q["status"], span_id=self.new_span_id)
            add.do(tx)
            self.new_span_id = add.span_id
            tx.update("quote", self.quote_id, {"cue_span_id": self.new_span_id})
            ch.spans.add(self.new_span_id)  # type: ignore[arg-type]
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self.doc_id is not None
        ch = Changes(docs={self.doc_id}, quotes={self.quote_id})
        tx.update("quote", self.quote_id, {"cue_span_id": None})
        if self.new_span_id is not None:
            tx.delete("span", self.new_span_id)
            ch.spans.add(self.new_span_id)
        if self._old_span is not None:
            tx.conn.execute(insert(S), [self._old_span])
            tx.update("quote", self.quote_id, {"cue_span_id": self._old_span["id"]})
            ch.spans.add(self._old_span["id"])
        return ch


@dataclass
class SetQuoteContent(_Base):
    """Move a quote's content boundaries (its content span keeps its id, so links stay valid)."""

    quote_id: int
    start: int
    end: int
    doc_id: int | None = None
    _old: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        return "Change quote content"

    def do(self, tx: Tx) -> Changes:
        q = tx.must_get("quote", self.quote_id)
        _check_range(tx, q["doc_id"], self.start, self.end)
        span = tx.must_get("span", q["content_span_id"])
        self.doc_id = q["doc_id"]
        self._old = (span["start"], span["end"])
        tx.update("span", span["id"], {"start": self.start, "end": self.end})
        return Changes(docs={q["doc_id"]}, spans={span["id"]}, quotes={self.quote_id})

    def undo(self, tx: Tx) -> Changes:
        assert self._old is not None and self.doc_id is not None
        q = tx.must_get("quote", self.quote_id)
        tx.update("span", q["content_span_id"], {"start": self._old[0], "end": self._old[1]})
        return Changes(docs={self.doc_id}, spans={q["content_span_id"]}, quotes={self.quote_id})


# --- stances ------------------------------------------------------------------------------------


@dataclass
class AddStance(_Base):
    """holder -> target -> polarity with evidence ranges; ``scope='article'`` needs no holder."""

    doc_id: int
    annotator_id: int
    polarity: str
    scope: str = "mention"
    holder_span_id: int | None = None
    holder_entity_id: int | None = None
    holder_text: str = ""
    target_entity_id: int | None = None
    target_topic: str | None = None
    target_text: str = ""
    evidence: list[tuple[int, int]] = field(default_factory=list)
    origin: str = "manual"
    status: str = "active"
    stance_id: int | None = None
    evidence_span_ids: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "Add article stance" if self.scope == "article" else "Add stance"

    def do(self, tx: Tx) -> Changes:
        schema = tx.store.schema
        if self.polarity not in schema.polarities:
            raise CommandError(f"polarity {self.polarity!r} is not one of {', '.join(schema.polarities)}")
        if self.target_topic is not None and schema.topic(self.target_topic) is None:
            raise CommandError(f"topic {self.target_topic!r} is not in the project's schema")
        if self.target_topic is None and self.target_entity_id is None and not self.target_text.strip():
            raise CommandError("a stance needs a target: an entity, a topic or a description")
        if self.scope == "mention" and self.holder_span_id is None and self.holder_entity_id is None and not self.holder_text.strip():
            raise CommandError("a stance needs a holder: a mention, an entity or a description")
        if self.holder_span_id is not None and tx.must_get("span", self.holder_span_id)["doc_id"] != self.doc_id:
            raise CommandError("the holder mention is in another article")
        ids = list(self.evidence_span_ids)
        made: list[int] = []
        for i, (a, b) in enumerate(self.evidence):
            add = AddSpan(self.doc_id, self.annotator_id, a, b, label="EVIDENCE", layer="evidence",
                          origin=self.origin, status=self.status, span_id=ids[i] if i < len(ids) else None)
            add.do(tx)
            made.append(add.span_id)  # type: ignore[arg-type]
        self.evidence_span_ids = made
        values: dict[str, Any] = {
            "doc_id": self.doc_id,
            "annotator_id": self.annotator_id,
            "scope": self.scope,
            "holder_span_id": self.holder_span_id,
            "holder_entity_id": self.holder_entity_id,
            "holder_text": self.holder_text.strip(),
            "target_entity_id": self.target_entity_id,
            "target_topic": self.target_topic,
            "target_text": self.target_text.strip(),
            "polarity": self.polarity,
            "origin": self.origin,
            "status": self.status,
        }
        if self.stance_id is not None:
            values["id"] = self.stance_id
        self.stance_id = tx.insert("stance", values)
        if made:
            tx.conn.execute(insert(SE), [{"stance_id": self.stance_id, "span_id": s} for s in made])
        return Changes(docs={self.doc_id}, spans=set(made), stances={self.stance_id})

    def undo(self, tx: Tx) -> Changes:
        assert self.stance_id is not None
        tx.delete("stance", self.stance_id)  # evidence links cascade
        if self.evidence_span_ids:
            tx.conn.execute(delete(S).where(S.c.id.in_(self.evidence_span_ids)))
        return Changes(docs={self.doc_id}, spans=set(self.evidence_span_ids), stances={self.stance_id})


_STANCE_FIELDS = (
    "polarity", "holder_span_id", "holder_entity_id", "holder_text",
    "target_entity_id", "target_topic", "target_text", "status",
)


@dataclass
class EditStance(_Base):
    stance_id: int
    values: dict[str, Any]
    doc_id: int | None = None
    _old: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return "Change stance polarity" if set(self.values) == {"polarity"} else "Edit stance"

    def do(self, tx: Tx) -> Changes:
        bad = set(self.values) - set(_STANCE_FIELDS)
        if bad:
            raise CommandError(f"cannot edit stance field(s) {sorted(bad)}")
        schema = tx.store.schema
        if "polarity" in self.values and self.values["polarity"] not in schema.polarities:
            raise CommandError(f"polarity {self.values['polarity']!r} is not in the schema")
        topic = self.values.get("target_topic")
        if topic is not None and schema.topic(topic) is None:
            raise CommandError(f"topic {topic!r} is not in the project's schema")
        row = tx.must_get("stance", self.stance_id)
        self.doc_id = row["doc_id"]
        self._old = {k: row[k] for k in self.values}
        tx.update("stance", self.stance_id, self.values)
        return Changes(docs={row["doc_id"]}, stances={self.stance_id})

    def undo(self, tx: Tx) -> Changes:
        assert self._old is not None and self.doc_id is not None
        tx.update("stance", self.stance_id, self._old)
        return Changes(docs={self.doc_id}, stances={self.stance_id})


@dataclass
class DeleteStance(_Base):
    stance_id: int
    doc_id: int | None = None
    _row: dict[str, Any] | None = None
    _dep: _Dependents | None = None

    @property
    def text(self) -> str:
        return "Delete stance"

    def do(self, tx: Tx) -> Changes:
        self._row = tx.must_get("stance", self.stance_id)
        self.doc_id = self._row["doc_id"]
        ev = [r[0] for r in tx.conn.execute(select(SE.c.span_id).where(SE.c.stance_id == self.stance_id))]
        self._dep = _capture(tx, ev)
        tx.delete("stance", self.stance_id)
        ch = _delete_spans(tx, self._dep)
        ch.docs.add(self.doc_id)
        ch.stances.add(self.stance_id)
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self._row is not None and self._dep is not None
        tx.conn.execute(insert(ST), [self._row])
        ch = _restore_spans(tx, self._dep)
        ch.docs.add(self._row["doc_id"])
        ch.stances.add(self.stance_id)
        return ch


@dataclass
class AddStanceEvidence(_Base):
    """Add one evidence range to an existing stance (a new ``evidence`` span linked to it)."""

    stance_id: int
    start: int
    end: int
    doc_id: int | None = None
    span_id: int | None = None  # set by the first do(); redo re-creates the same id

    @property
    def text(self) -> str:
        return "Add stance evidence"

    def do(self, tx: Tx) -> Changes:
        row = tx.must_get("stance", self.stance_id)
        linked = select(S.c.start, S.c.end).join(SE, SE.c.span_id == S.c.id).where(SE.c.stance_id == self.stance_id)
        if (self.start, self.end) in {(a, b) for a, b in tx.conn.execute(linked)}:
            raise CommandError("this text is already evidence of the stance")
        add = AddSpan(row["doc_id"], row["annotator_id"], self.start, self.end, label="EVIDENCE",
                      layer="evidence", origin="manual", status=row["status"], span_id=self.span_id)
        add.do(tx)
        self.span_id, self.doc_id = add.span_id, row["doc_id"]
        tx.conn.execute(insert(SE), [{"stance_id": self.stance_id, "span_id": self.span_id}])
        return Changes(docs={row["doc_id"]}, spans={self.span_id}, stances={self.stance_id})  # type: ignore[arg-type]

    def undo(self, tx: Tx) -> Changes:
        assert self.span_id is not None and self.doc_id is not None
        tx.delete("span", self.span_id)  # its evidence link cascades
        return Changes(docs={self.doc_id}, spans={self.span_id}, stances={self.stance_id})


@dataclass
class RemoveStanceEvidence(_Base):
    """Remove one evidence span from a stance (the stance itself stays)."""

    stance_id: int
    span_id: int
    doc_id: int | None = None
    _dep: _Dependents | None = None

    @property
    def text(self) -> str:
        return "Remove stance evidence"

    def do(self, tx: Tx) -> Changes:
        link = and_(SE.c.stance_id == self.stance_id, SE.c.span_id == self.span_id)
        if tx.conn.execute(select(SE.c.span_id).where(link)).first() is None:
            raise CommandError(f"span {self.span_id} is not evidence of stance {self.stance_id}")
        self._dep = _capture(tx, [self.span_id])
        self.doc_id = self._dep.spans[0]["doc_id"]
        ch = _delete_spans(tx, self._dep)
        ch.stances.add(self.stance_id)
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self._dep is not None
        ch = _restore_spans(tx, self._dep)
        ch.stances.add(self.stance_id)
        return ch


# --- work status ------------------------------------------------------------------------------


@dataclass
class SetDocStatus(_Base):
    """Set an annotator's status on an article and add the time spent on it."""

    doc_id: int
    annotator_id: int
    status: str | None = None
    add_seconds: float = 0.0
    assigned: bool | None = None
    _old: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return {"done": "Mark article done", "in_progress": "Mark article in progress",
                "not_started": "Mark article not started"}.get(self.status or "", "Update article status")

    def _key(self) -> Any:
        return and_(DS.c.doc_id == self.doc_id, DS.c.annotator_id == self.annotator_id)

    def do(self, tx: Tx) -> Changes:
        if self.status is not None and self.status not in DOC_STATUSES:
            raise CommandError(f"unknown status {self.status!r}")
        tx.doc_length(self.doc_id)
        row = tx.conn.execute(select(DS).where(self._key())).mappings().first()
        self._old = dict(row) if row else None
        new: dict[str, Any] = dict(row) if row else {"doc_id": self.doc_id, "annotator_id": self.annotator_id,
                                     "status": "not_started", "assigned": False, "seconds": 0.0}
        if self.status is not None:
            new["status"] = self.status
        if self.assigned is not None:
            new["assigned"] = self.assigned
        new["seconds"] = float(new["seconds"]) + max(0.0, self.add_seconds)
        new["updated_at"] = utcnow()
        if row:
            tx.conn.execute(update(DS).where(self._key()).values(**new))
        else:
            tx.conn.execute(insert(DS).values(**new))
        return Changes(docs={self.doc_id}, statuses={(self.doc_id, self.annotator_id)})

    def undo(self, tx: Tx) -> Changes:
        if self._old is None:
            tx.conn.execute(delete(DS).where(self._key()))
        else:
            tx.conn.execute(update(DS).where(self._key()).values(**self._old))
        return Changes(docs={self.doc_id}, statuses={(self.doc_id, self.annotator_id)})


# --- grouping ---------------------------------------------------------------------------------


@dataclass
class Batch(_Base):
    """Several commands done and undone as one (annotate-all, accept-all ...)."""

    commands: list[Any]
    label: str = "Edit"

    @property
    def text(self) -> str:
        return self.label

    @property
    def doc_id(self) -> int | None:
        docs = {getattr(c, "doc_id", None) for c in self.commands}
        return docs.pop() if len(docs) == 1 else None

    def audit(self) -> dict[str, Any]:
        return {"label": self.label, "commands": [[type(c).__name__, c.audit()] for c in self.commands]}

    def do(self, tx: Tx) -> Changes:
        ch = Changes()
        for c in self.commands:
            ch |= c.do(tx)
        return ch

    def undo(self, tx: Tx) -> Changes:
        ch = Changes()
        for c in reversed(self.commands):
            ch |= c.undo(tx)
        return ch
