"""Take back a recorded review decision in a later session (when the undo stack is gone).

The decision row goes, and so do the gold rows it created (``detail["created"]``) and the
adjudicated speaker/holder mentions of the quotes and stances it removes, except mentions something
else in gold still relies on: another decision's item, or the speaker/holder of another gold quote
or stance. Gold's ``done`` on the article returns to ``in_progress``.
Undo puts everything back with the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, select

from annotator.commands import Changes, CommandError, DeleteQuote, DeleteSpan, DeleteStance, SetDocStatus
from annotator.review.adjudicate import gold_id
from annotator.review.alignment import RD
from annotator.store import DS, ST, Q, Tx


@dataclass
class RevokeDecision:
    decision_id: int
    doc_id: int | None = None
    _row: dict[str, Any] | None = field(default=None, repr=False)
    _steps: list[Any] | None = field(default=None, repr=False)  # planned on the first do, replayed on redo

    @property
    def text(self) -> str:
        return "Revoke review decision"

    def audit(self) -> dict[str, Any]:
        row = self._row or {}
        return {"decision_id": self.decision_id, "item_key": row.get("item_key"), "decision": row.get("decision")}

    def _still_needed(self, tx: Tx, span_id: int, gold: int, quotes: list[int], stances: list[int]) -> bool:
        """Another decision points at the span, or a gold quote/stance not being removed uses it."""
        c = tx.conn
        other = c.execute(select(RD.c.id).where(
            RD.c.id != self.decision_id, RD.c.item_kind == "span", RD.c.gold_item_id == span_id)).first()
        used = c.execute(select(Q.c.id).where(Q.c.annotator_id == gold, Q.c.speaker_span_id == span_id,
                                              Q.c.id.not_in(quotes))).first()
        held = c.execute(select(ST.c.id).where(ST.c.annotator_id == gold, ST.c.holder_span_id == span_id,
                                               ST.c.id.not_in(stances))).first()
        return other is not None or used is not None or held is not None

    def _plan(self, tx: Tx, row: dict[str, Any]) -> list[Any]:
        gold = gold_id(tx.conn)
        created = (row["detail"] or {}).get("created", {})
        stances = [i for i in created.get("stance", []) if tx.get("stance", i)]
        quotes = [i for i in created.get("quote", []) if tx.get("quote", i)]
        # the mentions those brought along, even when an earlier (since revoked) decision made them
        spans = list(created.get("span", []))
        spans += [r[0] for r in tx.conn.execute(select(Q.c.speaker_span_id).where(Q.c.id.in_(quotes)))]
        spans += [r[0] for r in tx.conn.execute(select(ST.c.holder_span_id).where(ST.c.id.in_(stances)))]
        keep = []
        for sid in dict.fromkeys(s for s in spans if s is not None):
            span = tx.get("span", sid)
            if span is None or span["annotator_id"] != gold or span["origin"] != "adjudicated":
                continue
            if not self._still_needed(tx, sid, gold, quotes, stances):
                keep.append(sid)
        steps: list[Any] = [*(DeleteStance(i) for i in stances), *(DeleteQuote(i) for i in quotes)]
        if keep:
            steps.append(DeleteSpan(keep))
        status = tx.conn.execute(select(DS.c.status).where(and_(
            DS.c.doc_id == row["doc_id"], DS.c.annotator_id == gold))).scalar()
        if status == "done":
            steps.append(SetDocStatus(row["doc_id"], gold, status="in_progress"))
        return steps

    def do(self, tx: Tx) -> Changes:
        row = tx.get("review_decision", self.decision_id)
        if row is None:
            raise CommandError(f"no review decision with id {self.decision_id}")
        self._row, self.doc_id = row, row["doc_id"]
        if self._steps is None:
            self._steps = self._plan(tx, row)
        ch = Changes(docs={row["doc_id"]})
        for s in self._steps:
            ch |= s.do(tx)
        tx.delete("review_decision", self.decision_id)
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self._row is not None and self._steps is not None
        tx.conn.execute(RD.insert(), [self._row])
        ch = Changes(docs={self._row["doc_id"]})
        for s in reversed(self._steps):
            ch |= s.undo(tx)
        return ch
