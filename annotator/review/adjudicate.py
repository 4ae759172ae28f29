"""Adjudication commands: the reviewer's accept / reject / correct per review item, into the gold layer.

Same protocol as :mod:`annotator.commands` (dataclasses, ``do``/``undo`` returning ``Changes``, plain
snapshots, run with ``store.run``). Every decision writes one ``review_decision`` row (who, when,
which item, from which annotator, what became of it); undo removes the gold rows it created and
that row, while the audit log keeps both the decision and its undo.

Copies into gold reuse what gold already has (a mention accepted earlier becomes the speaker of a
quote accepted later) so the gold layer never holds the same item twice. When the last open item
of an article is decided, the gold layer's status on it becomes ``done``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select

from annotator.commands import AddQuote, AddSpan, AddStance, Changes, CommandError, SetDocStatus
from annotator.models import GOLD, utcnow
from annotator.review.alignment import AGREED, RD, Alignment, ReviewItem, align_article
from annotator.review.layers import Mention, QuoteItem, StanceItem, insert_many
from annotator.store import DS, ST, A, Q, S, Tx

__all__ = ["AcceptAllAgreed", "AcceptItem", "CorrectItem", "RejectItem", "gold_spec"]

SPAN_FIELDS = ("start", "end", "label", "entity_id")
QUOTE_FIELDS = ("content", "cue", "speaker", "speaker_entity_id", "speaker_text", "kind")
STANCE_FIELDS = ("scope", "holder", "holder_entity_id", "holder_text", "target_entity_id", "target_topic",
                 "target_text", "polarity", "evidence")


def gold_id(conn: Connection) -> int:
    return int(conn.execute(select(A.c.id).where(A.c.name == GOLD)).scalar_one())


def _mention(m: Mention | None) -> tuple[int, int, str, int | None] | None:
    return None if m is None else (m.start, m.end, m.label, m.entity_id)


def gold_spec(item: ReviewItem, annotator_id: int | None = None) -> dict[str, Any]:
    """The editable values of one annotator's version: what :class:`CorrectItem` overrides."""
    _a, v = item.version(annotator_id)
    if isinstance(v, Mention):
        return {"start": v.start, "end": v.end, "label": v.label, "entity_id": v.entity_id}
    if isinstance(v, QuoteItem):
        return {"content": v.content, "cue": v.cue, "speaker": _mention(v.speaker),
                "speaker_entity_id": v.speaker_entity_id, "speaker_text": v.speaker_text, "kind": v.kind}
    assert isinstance(v, StanceItem)
    return {"scope": v.scope, "holder": _mention(v.holder), "holder_entity_id": v.holder_entity_id,
            "holder_text": v.holder_text, "target_entity_id": v.target_entity_id, "target_topic": v.target_topic,
            "target_text": v.target_text, "polarity": v.polarity, "evidence": list(v.evidence)}


class _GoldWriter:
    """Writes one spec into gold through the ordinary commands, remembering them for undo/redo."""

    def __init__(self, tx: Tx, doc_id: int, gold: int, steps: list[Any]) -> None:
        self.tx, self.doc_id, self.gold, self.steps = tx, doc_id, gold, steps

    def span(self, start: int, end: int, label: str, entity_id: int | None, layer: str = "entity") -> int:
        found = self.tx.conn.execute(select(S.c.id).where(
            S.c.doc_id == self.doc_id, S.c.annotator_id == self.gold, S.c.layer == layer, S.c.status == "active",
            S.c.start == start, S.c["end"] == end, S.c.label == label)).scalar()
        if found is not None:
            return int(found)
        cmd = AddSpan(self.doc_id, self.gold, start, end, label, layer=layer, origin="adjudicated", entity_id=entity_id)
        cmd.do(self.tx)
        self.steps.append(cmd)
        return cmd.span_id  # type: ignore[return-value]

    def quote(self, spec: dict[str, Any]) -> int:
        content = tuple(spec["content"])
        found = self.tx.conn.execute(
            select(Q.c.id).select_from(Q.join(S, S.c.id == Q.c.content_span_id)).where(
                Q.c.doc_id == self.doc_id, Q.c.annotator_id == self.gold, Q.c.status == "active",
                S.c.start == content[0], S.c["end"] == content[1])).scalar()
        if found is not None:
            return int(found)
        speaker = spec.get("speaker")
        spk_id = self.span(*speaker) if speaker else None
        cmd = AddQuote(self.doc_id, self.gold, content, tuple(spec["cue"]) if spec.get("cue") else None,
                       speaker_span_id=spk_id, speaker_entity_id=spec.get("speaker_entity_id"),
                       speaker_text=spec.get("speaker_text") or "", kind=spec["kind"], origin="adjudicated")
        cmd.do(self.tx)
        self.steps.append(cmd)
        return cmd.quote_id  # type: ignore[return-value]

    def stance(self, spec: dict[str, Any]) -> int:
        holder = spec.get("holder")
        holder_id = self.span(*holder) if holder else None
        values = {"scope": spec.get("scope", "mention"), "holder_span_id": holder_id,
                  "holder_entity_id": spec.get("holder_entity_id"), "holder_text": (spec.get("holder_text") or "").strip(),
                  "target_entity_id": spec.get("target_entity_id"), "target_topic": spec.get("target_topic"),
                  "target_text": (spec.get("target_text") or "").strip(), "polarity": spec["polarity"]}
        found = self.tx.conn.execute(select(ST.c.id).where(
            ST.c.doc_id == self.doc_id, ST.c.annotator_id == self.gold, ST.c.status == "active",
            *[ST.c[k].is_(None) if v is None else ST.c[k] == v for k, v in values.items()])).scalar()
        if found is not None:
            return int(found)
        cmd = AddStance(self.doc_id, self.gold, evidence=[tuple(e) for e in spec.get("evidence") or []],
                        origin="adjudicated", **values)
        cmd.do(self.tx)
        self.steps.append(cmd)
        return cmd.stance_id  # type: ignore[return-value]


def _mark_done_if_complete(
    tx: Tx, doc_id: int, annotator_ids: tuple[int, ...], steps: list[Any], complete: bool | None = None
) -> None:
    """Gold's status on the article becomes ``done`` once every item is decided (``complete`` if known)."""
    if complete is None:
        complete = bool(annotator_ids) and align_article(tx.conn, doc_id, annotator_ids).complete
    if not complete:
        return
    gold = gold_id(tx.conn)
    status = tx.conn.execute(select(DS.c.status).where(and_(DS.c.doc_id == doc_id, DS.c.annotator_id == gold))).scalar()
    if status != "done":
        cmd = SetDocStatus(doc_id, gold, status="done")
        cmd.do(tx)
        steps.append(cmd)


def decision_row(doc_id: int, reviewer_id: int, item: ReviewItem, decision: str, source: int | None,
                 gold_item_id: int | None, detail: dict[str, Any]) -> dict[str, Any]:
    """The review_decision row of one decision (without id)."""
    source_item = dict(item.versions).get(source) if source is not None else None
    return {"doc_id": doc_id, "reviewer_id": reviewer_id, "item_kind": item.kind, "item_key": item.key,
            "source_annotator_id": source, "source_item_id": source_item.id if source_item else None,
            "decision": decision, "gold_item_id": gold_item_id, "detail": detail, "created_at": utcnow()}


def _decision_exists(conn: Connection, doc_id: int, key: str) -> bool:
    return conn.execute(select(RD.c.id).where(RD.c.doc_id == doc_id, RD.c.item_key == key)).first() is not None


@dataclass
class _Decide:
    """Shared by the three decisions. ``annotator_ids``: the reviewed annotators; when given, the
    decision that closes the last open item marks the gold layer's status on the article ``done``."""

    doc_id: int
    reviewer_id: int
    item: ReviewItem
    source_annotator_id: int | None = None
    annotator_ids: tuple[int, ...] = ()
    decision_id: int | None = None
    gold_item_id: int | None = None
    _steps: list[Any] | None = field(default=None, repr=False)

    decision = "accept"

    @property
    def text(self) -> str:
        return f"{self.decision.capitalize()} {self.item.kind}"

    def audit(self) -> dict[str, Any]:
        return {"item_kind": self.item.kind, "item_key": self.item.key, "status": self.item.status,
                "decision": self.decision, "source_annotator_id": self.source_annotator_id,
                "decision_id": self.decision_id, "gold_item_id": self.gold_item_id}

    def write_gold(self, writer: _GoldWriter) -> int | None:
        spec = self.spec()
        if self.item.kind == "span":
            return writer.span(spec["start"], spec["end"], spec["label"], spec.get("entity_id"))
        return writer.quote(spec) if self.item.kind == "quote" else writer.stance(spec)

    def spec(self) -> dict[str, Any]:
        return gold_spec(self.item, self.source_annotator_id)

    def detail(self) -> dict[str, Any]:
        return {"status": self.item.status, "versions": [[a, v.id] for a, v in self.item.versions]}

    def do(self, tx: Tx) -> Changes:
        ch = Changes(docs={self.doc_id})
        first = self._steps is None
        if self._steps is None:  # first time: decide what to write
            if self.item.decided or _decision_exists(tx.conn, self.doc_id, self.item.key):
                raise CommandError(f"{self.item.key} already has a decision; undo it first")
            if self.source_annotator_id is None and (self.decision != "reject" or len(self.item.versions) == 1):
                self.source_annotator_id = self.item.versions[0][0]  # a reject of "only A" is a reject of A's
            if self.source_annotator_id is not None and self.source_annotator_id not in self.item.annotators:
                raise CommandError(f"annotator {self.source_annotator_id} has no version of {self.item.key}")
            steps: list[Any] = []
            self.gold_item_id = self.write_gold(_GoldWriter(tx, self.doc_id, gold_id(tx.conn), steps))
            self._steps = steps
        else:  # redo: the same rows with the same ids
            for s in self._steps:
                ch |= s.do(tx)
        values = decision_row(self.doc_id, self.reviewer_id, self.item, self.decision, self.source_annotator_id,
                              self.gold_item_id, {**self.detail(), "created": _created(self._steps)})
        if self.decision_id is not None:
            values["id"] = self.decision_id
        self.decision_id = tx.insert("review_decision", values)
        if first:  # on redo the status step is already among the steps
            _mark_done_if_complete(tx, self.doc_id, self.annotator_ids, self._steps)
        for s in self._steps:
            ch |= _touched(s)
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self._steps is not None and self.decision_id is not None
        tx.delete("review_decision", self.decision_id)
        ch = Changes(docs={self.doc_id})
        for s in reversed(self._steps):
            ch |= s.undo(tx)
        return ch


def _mk(it: ReviewItem) -> tuple[int, int, str]:
    m = it.versions[0][1]
    return (m.start, m.end, m.label)  # type: ignore[union-attr]


def _created(steps: list[Any]) -> dict[str, list[int]]:
    """Gold rows a decision made (not the ones it reused): what revoking it removes."""
    out: dict[str, list[int]] = {}
    for s in steps:
        for kind, attr in (("stance", "stance_id"), ("quote", "quote_id"), ("span", "span_id")):
            if isinstance(s, (AddSpan, AddQuote, AddStance)) and getattr(s, attr, None) is not None:
                out.setdefault(kind, []).append(getattr(s, attr))
                break
    return out


def _touched(cmd: Any) -> Changes:
    """What a gold-writing step changed, without running it again."""
    if isinstance(cmd, SetDocStatus):
        return Changes(docs={cmd.doc_id}, statuses={(cmd.doc_id, cmd.annotator_id)})
    spans = {s for s in (getattr(cmd, "span_id", None), getattr(cmd, "content_span_id", None),
                         getattr(cmd, "cue_span_id", None), *getattr(cmd, "evidence_span_ids", ())) if s}
    quotes = {cmd.quote_id} if getattr(cmd, "quote_id", None) else set()
    stances = {cmd.stance_id} if getattr(cmd, "stance_id", None) else set()
    return Changes(docs={cmd.doc_id}, spans=spans, quotes=quotes, stances=stances)


@dataclass
class AcceptItem(_Decide):
    """Copy one annotator's version (default: the first) into gold with origin ``adjudicated``."""

    decision = "accept"


@dataclass
class RejectItem(_Decide):
    """Record that the item is wrong; gold gets nothing."""

    decision = "reject"

    def write_gold(self, writer: _GoldWriter) -> int | None:
        return None


@dataclass
class CorrectItem(_Decide):
    """Gold gets a corrected version: the source version's values with ``values`` applied.

    Keys: spans ``start end label entity_id``; quotes ``content cue speaker speaker_entity_id
    speaker_text kind`` (``speaker`` = (start, end, label, entity_id) of a mention or None); stances
    ``holder holder_entity_id holder_text target_entity_id target_topic target_text polarity evidence``.
    """

    values: dict[str, Any] = field(default_factory=dict)

    decision = "correct"

    def spec(self) -> dict[str, Any]:
        allowed = {"span": SPAN_FIELDS, "quote": QUOTE_FIELDS, "stance": STANCE_FIELDS}[self.item.kind]
        bad = set(self.values) - set(allowed)
        if bad:
            raise CommandError(f"cannot correct {self.item.kind} field(s) {sorted(bad)}")
        return {**gold_spec(self.item, self.source_annotator_id), **self.values}

    def detail(self) -> dict[str, Any]:
        return {**super().detail(), "changes": {k: list(v) if isinstance(v, tuple) else v for k, v in self.values.items()}}

    def audit(self) -> dict[str, Any]:
        return {**super().audit(), "values": self.detail()["changes"]}


@dataclass
class AcceptAllAgreed:
    """Accept every agreed item of an article that has no decision yet, as one undoable step.

    ``annotator_ids``: the annotators under review (default: everyone who annotated the article).
    Entity spans, the bulk of the work, go in with a few multi-row statements (project-wide
    accept runs this for thousands of articles); quotes and stances go through :class:`AcceptItem`.
    """

    doc_id: int
    reviewer_id: int
    annotator_ids: tuple[int, ...] | None = None
    alignment: Alignment | None = field(default=None, repr=False)  # aligned in this transaction already
    _spans: list[dict[str, Any]] | None = field(default=None, repr=False)  # gold span rows created
    _decisions: list[dict[str, Any]] = field(default_factory=list, repr=False)  # decision rows (with ids)
    _children: list[AcceptItem] = field(default_factory=list, repr=False)  # quotes and stances
    _tail: list[Any] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        return "Accept all agreed items"

    @property
    def accepted(self) -> int:
        return len(self._decisions) + len(self._children)

    def audit(self) -> dict[str, Any]:
        keys = [d["item_key"] for d in self._decisions] + [c.item.key for c in self._children]
        return {"annotator_ids": list(self.annotator_ids or ()), "accepted": keys}

    def _first(self, tx: Tx) -> None:
        alignment = self.alignment or align_article(tx.conn, self.doc_id, self.annotator_ids)
        self.alignment = None  # a snapshot for this first run only
        self.annotator_ids = alignment.annotator_ids
        todo = [it for it in alignment.items if it.status == AGREED and not it.decided]
        gold = gold_id(tx.conn)
        spans = [it for it in todo if it.kind == "span"]
        labels = set(tx.store.schema.labels)
        unknown = {it.versions[0][1].label for it in spans} - labels  # type: ignore[union-attr]
        if unknown:
            raise CommandError(f"label(s) {sorted(unknown)} are not in the project's schema")
        have = {(a, b, lab): i for i, a, b, lab in tx.conn.execute(
            select(S.c.id, S.c.start, S.c["end"], S.c.label).where(
                S.c.doc_id == self.doc_id, S.c.annotator_id == gold, S.c.layer == "entity", S.c.status == "active"))}
        new: dict[tuple[int, int, str], dict[str, Any]] = {}
        for it in spans:
            m = it.versions[0][1]
            key = (m.start, m.end, m.label)  # type: ignore[union-attr]
            if key not in have and key not in new:
                new[key] = {"doc_id": self.doc_id, "annotator_id": gold, "start": key[0], "end": key[1],
                            "layer": "entity", "label": key[2], "origin": "adjudicated", "status": "active",
                            "entity_id": m.entity_id, "created_at": utcnow()}  # type: ignore[union-attr]
        for (key, row), new_id in zip(new.items(), insert_many(tx.conn, S, list(new.values())), strict=True):
            row["id"] = have[key] = new_id
        self._spans = list(new.values())
        rows = [decision_row(self.doc_id, self.reviewer_id, it, "accept", it.versions[0][0],
                             have[(it.versions[0][1].start, it.versions[0][1].end, it.versions[0][1].label)],  # type: ignore[union-attr]
                             {"status": it.status, "versions": [[a, v.id] for a, v in it.versions],
                              "created": {"span": [have[_mk(it)]]} if _mk(it) in new else {}})
                for it in spans]
        for row, new_id in zip(rows, insert_many(tx.conn, RD, rows), strict=True):
            row["id"] = new_id
        self._decisions = rows
        self._children = [AcceptItem(self.doc_id, self.reviewer_id, it) for it in todo if it.kind != "span"]
        for c in self._children:
            c.do(tx)
        if todo:
            complete = all(it.decided or (it.status == AGREED) for it in alignment.items)
            _mark_done_if_complete(tx, self.doc_id, self.annotator_ids, self._tail, complete)

    def do(self, tx: Tx) -> Changes:
        if self._spans is None:
            self._first(tx)
        else:  # redo: the same rows with the same ids
            if self._spans:
                tx.conn.execute(insert(S), self._spans)
            if self._decisions:
                tx.conn.execute(insert(RD), self._decisions)
            for c in self._children:
                c.do(tx)
            for s in self._tail:
                s.do(tx)
        return self._changes()

    def _changes(self) -> Changes:
        ch = Changes(docs={self.doc_id}, spans={r["id"] for r in self._spans or []})
        for s in [*self._tail, *(st for c in self._children for st in c._steps or [])]:
            ch |= _touched(s)
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self._spans is not None
        for s in reversed(self._tail):
            s.undo(tx)
        for c in reversed(self._children):
            c.undo(tx)
        if self._decisions:
            tx.conn.execute(delete(RD).where(RD.c.id.in_([r["id"] for r in self._decisions])))
        if self._spans:
            tx.conn.execute(delete(S).where(S.c.id.in_([r["id"] for r in self._spans])))
        return self._changes()
