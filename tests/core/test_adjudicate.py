"""Review of one article into the gold layer: alignment statuses, decisions, undo, accept-all-agreed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator import commands as C
from annotator.models import TABLES
from annotator.review.adjudicate import AcceptAllAgreed, AcceptItem, CorrectItem, RejectItem
from annotator.review.alignment import AGREED, BOUNDARY_DIFFERS, LABEL_DIFFERS, ONLY, Alignment, align_article
from annotator.store import AUDIT, Store

from ..conftest import add_document
from .test_agreement import OMAR, SARA, TEXT, annotate, tok

RD = TABLES["review_decision"]


def align(store: Store, doc: int, ids: tuple[int, ...] | None = None) -> Alignment:
    with store.read() as conn:
        return align_article(conn, doc, ids)


def decisions(store: Store) -> list[dict[str, object]]:
    with store.read() as conn:
        return [dict(r) for r in conn.execute(select(RD).order_by(RD.c.id)).mappings()]


def gold_spans(store: Store, doc: int) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.label, s.origin) for s in store.spans(doc, store.gold_id)]


@pytest.fixture
def case(store: Store) -> tuple[Store, int, int, int, int]:
    doc = add_document(store, TEXT)
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    reviewer = store.annotator_id("rev", role="reviewer")
    annotate(store, doc, sara, [*SARA, (tok(10), "MISC")])
    annotate(store, doc, omar, OMAR)
    return store, doc, sara, omar, reviewer


def test_alignment_statuses(case: tuple[Store, int, int, int, int]) -> None:
    store, doc, sara, omar, _ = case
    al = align(store, doc)
    assert al.annotator_ids == (sara, omar)
    got = [(it.start, it.end, it.status, it.annotators) for it in al.items]
    assert got == [
        (*tok(2, 3), BOUNDARY_DIFFERS, (sara, omar)),  # جو بايدن / الرئيس جو بايدن
        (*tok(5), AGREED, (sara, omar)),  # واشنطن
        (*tok(7, 9), BOUNDARY_DIFFERS, (sara, omar)),  # ORG, one token shorter for omar
        (*tok(10), ONLY, (sara,)),  # MISC only sara
        (*tok(11), LABEL_DIFFERS, (sara, omar)),  # بغداد GPE / LOC
    ]
    assert not al.complete and len(al.pending) == 5 and len(al.agreed_pending) == 1
    assert len({it.key for it in al.items}) == 5


def test_decisions_fill_gold_and_log_and_undo(case: tuple[Store, int, int, int, int]) -> None:
    store, doc, sara, omar, rev = case
    al = align(store, doc)
    per, washington, org, misc, baghdad = al.items
    ids = al.annotator_ids
    steps = [
        AcceptItem(doc, rev, washington, annotator_ids=ids),
        RejectItem(doc, rev, misc, source_annotator_id=sara, annotator_ids=ids),
        AcceptItem(doc, rev, baghdad, source_annotator_id=omar, annotator_ids=ids),
        CorrectItem(doc, rev, per, source_annotator_id=omar, annotator_ids=ids, values={"start": tok(2)[0]}),
    ]
    for s in steps:
        store.run(s, rev)
    assert sorted(gold_spans(store, doc)) == sorted([
        (*tok(5), "GPE", "adjudicated"), (*tok(11), "LOC", "adjudicated"), (*tok(2, 3), "PER", "adjudicated")])
    rows = decisions(store)
    sara_misc = next(s.id for s in store.spans(doc, sara) if s.label == "MISC")
    omar_baghdad = next(s.id for s in store.spans(doc, omar) if s.label == "LOC")
    assert [(r["decision"], r["reviewer_id"], r["source_annotator_id"], r["item_key"]) for r in rows] == [
        ("accept", rev, sara, washington.key), ("reject", rev, sara, misc.key),
        ("accept", rev, omar, baghdad.key), ("correct", rev, omar, per.key)]
    assert rows[1]["source_item_id"] == sara_misc and rows[1]["gold_item_id"] is None
    assert rows[2]["source_item_id"] == omar_baghdad
    assert rows[2]["gold_item_id"] == next(s.id for s in store.spans(doc, store.gold_id) if s.label == "LOC")
    assert rows[3]["detail"]["changes"] == {"start": tok(2)[0]}
    assert all(r["created_at"] is not None for r in rows)
    assert store.doc_status(doc, store.gold_id)[0] == "not_started"

    last = AcceptItem(doc, rev, org, source_annotator_id=sara, annotator_ids=ids)
    store.run(last, rev)
    assert align(store, doc).complete
    assert store.doc_status(doc, store.gold_id)[0] == "done"  # the last decision closes the article

    with pytest.raises(C.CommandError, match="already has a decision"):
        store.run(RejectItem(doc, rev, org, annotator_ids=ids), rev)

    store.undo(last, rev)
    assert store.doc_status(doc, store.gold_id)[0] == "not_started"
    assert len(decisions(store)) == 4 and len(gold_spans(store, doc)) == 3
    assert [it.key for it in align(store, doc).pending] == [org.key]
    for s in reversed(steps):
        store.undo(s, rev)
    assert gold_spans(store, doc) == [] and decisions(store) == []
    with store.read() as conn:
        actions = [r[0] for r in conn.execute(select(AUDIT.c.action).where(AUDIT.c.action.like("%Item")))]
    assert actions.count("undo AcceptItem") == 3 and actions.count("AcceptItem") == 3  # the log keeps all

    store.run(steps[2], rev)  # redo re-creates the same rows
    assert decisions(store)[0]["id"] == steps[2].decision_id
    assert store.spans(doc, store.gold_id)[0].id == steps[2].gold_item_id


def test_correct_refuses_unknown_fields_and_bad_labels(case: tuple[Store, int, int, int, int]) -> None:
    store, doc, _sara, _omar, rev = case
    per = align(store, doc).items[0]
    with pytest.raises(C.CommandError, match="cannot correct"):
        store.run(CorrectItem(doc, rev, per, values={"polarity": "favor"}), rev)
    with pytest.raises(C.CommandError):
        store.run(CorrectItem(doc, rev, per, values={"label": "NOPE"}), rev)
    assert decisions(store) == [] and gold_spans(store, doc) == []


def test_accept_all_agreed_is_one_undoable_step(case: tuple[Store, int, int, int, int]) -> None:
    store, doc, _sara, omar, rev = case
    annotate(store, doc, omar, [(tok(10), "MISC")])  # now MISC is agreed too
    cmd = AcceptAllAgreed(doc, rev)
    store.run(cmd, rev)
    assert cmd.accepted == 2
    assert sorted(gold_spans(store, doc)) == [(*tok(5), "GPE", "adjudicated"), (*tok(10), "MISC", "adjudicated")]
    assert [r["decision"] for r in decisions(store)] == ["accept", "accept"]
    again = AcceptAllAgreed(doc, rev)
    store.run(again, rev)
    assert again.accepted == 0 and len(gold_spans(store, doc)) == 2  # nothing twice
    store.undo(cmd, rev)
    assert gold_spans(store, doc) == [] and decisions(store) == []
    store.run(cmd, rev)
    assert len(gold_spans(store, doc)) == 2 and len(decisions(store)) == 2


def test_quote_and_stance_bring_their_mentions(store: Store) -> None:
    text = "قال جو بايدن إن القوات ستبقى في العراق. وأضاف أن الحوار مستمر."
    doc = add_document(store, text)
    rev = store.annotator_id("rev", role="reviewer")
    at = text.index
    biden = (at("جو بايدن"), at("جو بايدن") + len("جو بايدن"))
    content = (at("القوات"), at("العراق") + len("العراق"))
    cue = (0, 3)
    evidence = (at("الحوار"), at("مستمر") + len("مستمر"))
    for name in ("sara", "omar"):
        who = store.annotator_id(name)
        m = C.AddSpan(doc, who, *biden, "PER")
        store.run(m)
        store.run(C.AddQuote(doc, who, content, cue=cue, speaker_span_id=m.span_id, kind="direct"))
        pol = "against" if name == "sara" else "favor"
        store.run(C.AddStance(doc, who, pol, holder_span_id=m.span_id, target_topic="us_presence_iraq",
                              evidence=[evidence]))
    al = align(store, doc)
    kinds = {it.kind: it for it in al.items}
    assert {k: it.status for k, it in kinds.items()} == {"span": AGREED, "quote": AGREED, "stance": LABEL_DIFFERS}
    assert len(al.items) == 3
    # accept the quote first: its speaker mention comes into gold with it
    store.run(AcceptItem(doc, rev, kinds["quote"], annotator_ids=al.annotator_ids), rev)
    gold = store.gold_id
    [q] = store.quotes(doc, gold)
    spk = store.span(q.speaker_span_id)  # type: ignore[arg-type]
    assert spk is not None and spk.annotator_id == gold and (spk.start, spk.end) == biden
    assert store.span(q.content_span_id).annotator_id == gold  # type: ignore[union-attr]
    assert (store.span(q.cue_span_id).start, store.span(q.cue_span_id).end) == cue  # type: ignore[arg-type, union-attr]
    # accepting the mention itself now reuses that gold span
    store.run(AcceptItem(doc, rev, kinds["span"], annotator_ids=al.annotator_ids), rev)
    assert len(store.spans(doc, gold, layers=["entity"])) == 1
    # the stance: omar's polarity, sara's holder mention mapped to the same gold mention
    omar = store.annotator_id("omar")
    store.run(AcceptItem(doc, rev, kinds["stance"], source_annotator_id=omar, annotator_ids=al.annotator_ids), rev)
    [st] = store.stances(doc, gold)
    assert (st.polarity, st.holder_span_id, st.target_topic) == ("favor", spk.id, "us_presence_iraq")
    [ev] = st.evidence_span_ids
    ev_span = store.span(ev)
    assert ev_span is not None and ev_span.annotator_id == gold and (ev_span.start, ev_span.end) == evidence
    assert store.doc_status(doc, gold)[0] == "done"
    with store.read() as conn:
        n = conn.execute(select(func.count()).select_from(RD).where(RD.c.item_kind == "stance")).scalar()
    assert n == 1


def test_accept_all_agreed_maps_quote_speaker_to_gold(store: Store) -> None:
    text = "قال جو بايدن إن القوات ستبقى في العراق."
    doc = add_document(store, text)
    rev = store.annotator_id("rev", role="reviewer")
    biden = (text.index("جو بايدن"), text.index("جو بايدن") + len("جو بايدن"))
    content = (text.index("القوات"), len(text) - 1)
    for name, pol in (("sara", "against"), ("omar", "favor")):
        who = store.annotator_id(name)
        m = C.AddSpan(doc, who, *biden, "PER")
        store.run(m)
        store.run(C.AddQuote(doc, who, content, speaker_span_id=m.span_id, kind="direct"))
        store.run(C.AddStance(doc, who, pol, holder_span_id=m.span_id, target_topic="us_presence_iraq"))
    cmd = AcceptAllAgreed(doc, rev)
    store.run(cmd, rev)
    gold = store.gold_id
    assert cmd.accepted == 2  # the mention and the quote; the stance's polarity differs
    [mention] = store.spans(doc, gold, layers=["entity"])
    [quote] = store.quotes(doc, gold)
    assert quote.speaker_span_id == mention.id and store.stances(doc, gold) == []
    assert store.doc_status(doc, gold)[0] != "done"
    store.undo(cmd, rev)
    assert store.spans(doc, gold, layers=["entity", "quote"]) == [] and decisions(store) == []
    store.run(cmd, rev)  # redo
    assert [q.id for q in store.quotes(doc, gold)] == [quote.id]
    assert [(r["item_kind"], r["gold_item_id"]) for r in decisions(store)] == [("span", mention.id), ("quote", quote.id)]


def test_reject_names_the_annotator_of_an_only_item(case: tuple[Store, int, int, int, int]) -> None:
    store, doc, sara, _omar, rev = case
    al = align(store, doc)
    misc = next(it for it in al.items if it.status == ONLY)
    label = next(it for it in al.items if it.status == LABEL_DIFFERS)
    store.run(RejectItem(doc, rev, misc), rev)
    store.run(RejectItem(doc, rev, label), rev)
    assert [(r["source_annotator_id"], r["decision"]) for r in decisions(store)] == [(sara, "reject"), (None, "reject")]
    assert gold_spans(store, doc) == []
