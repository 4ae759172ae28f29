"""Revoking a recorded decision in a later session, and deciding the item again."""

from __future__ import annotations

from annotator import commands as C
from annotator.review.adjudicate import AcceptAllAgreed, AcceptItem, RejectItem
from annotator.review.revoke import RevokeDecision
from annotator.store import Store

from ..conftest import add_document
from .test_adjudicate import align, decisions

TEXT = "قال جو بايدن إن القوات ستبقى في العراق."


def setup(store: Store) -> tuple[int, int]:
    doc = add_document(store, TEXT)
    biden = (TEXT.index("جو بايدن"), TEXT.index("جو بايدن") + len("جو بايدن"))
    content = (TEXT.index("القوات"), len(TEXT) - 1)
    for name in ("sara", "omar"):
        who = store.annotator_id(name)
        m = C.AddSpan(doc, who, *biden, "PER")
        store.run(m)
        store.run(C.AddQuote(doc, who, content, speaker_span_id=m.span_id, kind="direct"))
    return doc, store.annotator_id("rev", role="reviewer")


def test_revoke_keeps_what_other_decisions_need(store: Store) -> None:
    doc, rev = setup(store)
    al = align(store, doc)
    items = {it.kind: it for it in al.items}
    assert sorted(items) == ["quote", "span"] and len(al.items) == 2
    span_item, quote_item = items["span"], items["quote"]
    store.run(AcceptItem(doc, rev, quote_item, annotator_ids=al.annotator_ids), rev)  # creates the mention too
    store.run(AcceptItem(doc, rev, span_item, annotator_ids=al.annotator_ids), rev)  # reuses it
    gold = store.gold_id
    assert store.doc_status(doc, gold)[0] == "done"
    [mention] = store.spans(doc, gold, layers=["entity"])
    quote_decision = next(r for r in decisions(store) if r["item_kind"] == "quote")

    revoke = RevokeDecision(quote_decision["id"])  # type: ignore[arg-type]
    store.run(revoke, rev)
    assert store.quotes(doc, gold) == []
    assert [s.id for s in store.spans(doc, gold, layers=["entity"])] == [mention.id]  # the span decision needs it
    assert [it.kind for it in align(store, doc).pending] == ["quote"]
    assert store.doc_status(doc, gold)[0] == "in_progress"
    store.undo(revoke, rev)
    assert [q.id for q in store.quotes(doc, gold)] == [quote_decision["gold_item_id"]]
    assert store.doc_status(doc, gold)[0] == "done" and len(decisions(store)) == 2


def test_revoke_then_decide_again(store: Store) -> None:
    doc, rev = setup(store)
    bulk = AcceptAllAgreed(doc, rev)
    store.run(bulk, rev)
    gold = store.gold_id
    span_decision = next(r for r in decisions(store) if r["item_kind"] == "span")
    assert span_decision["detail"]["created"] == {"span": [span_decision["gold_item_id"]]}
    # the gold quote uses the mention as its speaker: revoking the span decision keeps it
    store.run(RevokeDecision(span_decision["id"]), rev)  # type: ignore[arg-type]
    assert len(store.spans(doc, gold, layers=["entity"])) == 1
    quote_decision = next(r for r in decisions(store) if r["item_kind"] == "quote")
    store.run(RevokeDecision(quote_decision["id"]), rev)  # type: ignore[arg-type]
    assert store.quotes(doc, gold) == [] and decisions(store) == []
    assert store.spans(doc, gold, layers=["entity", "quote", "cue"]) == []  # the kept mention went with its quote
    al = align(store, doc)
    assert len(al.pending) == 2
    for it in al.items:
        store.run(RejectItem(doc, rev, it, annotator_ids=al.annotator_ids), rev)
    assert [r["decision"] for r in decisions(store)] == ["reject", "reject"]
    assert store.doc_status(doc, gold)[0] == "done"
