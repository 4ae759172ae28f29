"""Editing quotes and stances after creation: every change undoable, redo keeps ids, refusals write nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator import commands as C
from annotator import store as store_module
from annotator.store import AUDIT, CommandError, Store

from ..conftest import add_document

TEXT = 'قال وزير الخارجية فؤاد حسين إن "العراق يسعى لمواصلة التعاون" مع واشنطن، وأكد أن الحوار مستمر.'


def at(word: str) -> tuple[int, int]:
    a = TEXT.index(word)
    return a, a + len(word)


def _setup(store: Store) -> tuple[int, int, int, int]:
    """An article, an annotator, a PER mention (فؤاد حسين) and a GPE mention (واشنطن)."""
    doc = add_document(store, TEXT)
    who = store.annotator_id("sara")
    per = C.AddSpan(doc, who, *at("فؤاد حسين"), "PER")
    gpe = C.AddSpan(doc, who, *at("واشنطن"), "GPE")
    store.run(per, who)
    store.run(gpe, who)
    assert per.span_id is not None and gpe.span_id is not None
    return doc, who, per.span_id, gpe.span_id


def _audit_count(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(AUDIT)).scalar() or 0)


def test_stance_polarity_target_and_holder_change_and_undo(store: Store) -> None:
    doc, who, per, _gpe = _setup(store)
    add = C.AddStance(
        doc,
        who,
        "favor",
        holder_span_id=per,
        target_topic="us_presence_iraq",
        evidence=[at("يسعى لمواصلة التعاون")],
    )
    store.run(add, who)
    sid = add.stance_id
    assert sid is not None
    pol = C.EditStance(sid, {"polarity": "against"})
    assert pol.text == "Change stance polarity"
    store.run(pol, who)
    assert store.stances(doc)[0].polarity == "against"
    ent = C.CreateEntity("واشنطن", "GPE")
    store.run(ent, who)
    edit = C.EditStance(
        sid,
        {
            "target_topic": None,
            "target_entity_id": ent.entity_id,
            "holder_span_id": None,
            "holder_text": "الوزير",
        },
    )
    store.run(edit, who)
    (st,) = store.stances(doc)
    assert (st.target_topic, st.target_entity_id, st.holder_span_id, st.holder_text) == (
        None,
        ent.entity_id,
        None,
        "الوزير",
    )
    store.undo(edit, who)
    (st,) = store.stances(doc)
    assert (st.target_topic, st.target_entity_id, st.holder_span_id, st.holder_text) == (
        "us_presence_iraq",
        None,
        per,
        "",
    )
    store.undo(pol, who)
    assert store.stances(doc)[0].polarity == "favor"
    store.run(pol, who)  # redo
    assert store.stances(doc)[0].polarity == "against"


def test_stance_evidence_added_and_removed_with_undo_and_redo(store: Store) -> None:
    doc, who, per, _gpe = _setup(store)
    add = C.AddStance(
        doc,
        who,
        "favor",
        holder_span_id=per,
        target_topic="us_presence_iraq",
        evidence=[at("يسعى لمواصلة التعاون")],
    )
    store.run(add, who)
    sid = add.stance_id
    assert sid is not None
    (first,) = add.evidence_span_ids
    more = C.AddStanceEvidence(sid, *at("الحوار مستمر"))
    assert more.text == "Add stance evidence"
    store.run(more, who)
    (st,) = store.stances(doc)
    assert set(st.evidence_span_ids) == {first, more.span_id}
    ev = store.span(more.span_id)  # type: ignore[arg-type]
    assert ev is not None and (ev.layer, ev.label, TEXT[ev.start : ev.end]) == (
        "evidence",
        "EVIDENCE",
        "الحوار مستمر",
    )
    with pytest.raises(CommandError, match="already evidence"):
        store.run(C.AddStanceEvidence(sid, *at("الحوار مستمر")), who)
    store.undo(more, who)
    assert store.stances(doc)[0].evidence_span_ids == (first,) and store.span(more.span_id) is None  # type: ignore[arg-type]
    store.run(more, who)  # redo re-creates the same span id
    assert set(store.stances(doc)[0].evidence_span_ids) == {first, more.span_id}

    remove = C.RemoveStanceEvidence(sid, first)
    assert remove.text == "Remove stance evidence"
    store.run(remove, who)
    assert store.stances(doc)[0].evidence_span_ids == (more.span_id,) and store.span(first) is None
    store.undo(remove, who)
    assert set(store.stances(doc)[0].evidence_span_ids) == {first, more.span_id}
    assert store.span(first) is not None


def test_evidence_edits_refuse_bad_input_without_writing(store: Store) -> None:
    doc, who, per, gpe = _setup(store)
    add = C.AddStance(doc, who, "favor", holder_span_id=per, target_topic="us_presence_iraq")
    store.run(add, who)
    sid = add.stance_id
    assert sid is not None
    before = _audit_count(store)
    with pytest.raises(CommandError, match="outside the article"):
        store.run(C.AddStanceEvidence(sid, 5, len(TEXT) + 3), who)
    with pytest.raises(CommandError, match="not evidence"):
        store.run(C.RemoveStanceEvidence(sid, gpe), who)  # a mention, not this stance's evidence
    with pytest.raises(CommandError, match="no stance"):
        store.run(C.AddStanceEvidence(sid + 99, 0, 3), who)
    assert _audit_count(store) == before and store.span(gpe) is not None
    assert store.stances(doc)[0].evidence_span_ids == ()


def test_quote_speaker_cue_kind_and_content_edits_in_one_batch(store: Store) -> None:
    doc, who, per, gpe = _setup(store)
    add = C.AddQuote(
        doc, who, at("العراق يسعى لمواصلة التعاون"), at("قال"), speaker_text="مسؤول", kind="indirect"
    )
    store.run(add, who)
    qid, content_id, cue_id = add.quote_id, add.content_span_id, add.cue_span_id
    assert qid is not None and content_id is not None and cue_id is not None
    batch = C.Batch(
        [
            C.EditQuote(qid, {"speaker_span_id": per, "speaker_text": "", "kind": "direct"}),
            C.SetQuoteCue(qid, at("وأكد")),
            C.SetQuoteContent(qid, *at("يسعى لمواصلة")),
        ],
        label="Edit quote",
    )
    store.run(batch, who)
    (q,) = store.quotes(doc)
    content, cue = store.span(q.content_span_id), store.span(q.cue_span_id)  # type: ignore[arg-type]
    assert (q.speaker_span_id, q.speaker_text, q.kind) == (per, "", "direct")
    assert (
        content is not None
        and content.id == content_id
        and TEXT[content.start : content.end] == "يسعى لمواصلة"
    )
    assert cue is not None and TEXT[cue.start : cue.end] == "وأكد"
    store.undo(batch, who)  # one step back to the quote as it was
    (q,) = store.quotes(doc)
    content, cue = store.span(content_id), store.span(cue_id)
    assert (q.speaker_span_id, q.speaker_text, q.kind, q.cue_span_id) == (None, "مسؤول", "indirect", cue_id)
    assert content is not None and TEXT[content.start : content.end] == "العراق يسعى لمواصلة التعاون"
    assert cue is not None and TEXT[cue.start : cue.end] == "قال"
    store.run(batch, who)  # redo
    (q,) = store.quotes(doc)
    assert (
        q.kind == "direct"
        and TEXT[store.span(content_id).start : store.span(content_id).end] == "يسعى لمواصلة"
    )  # type: ignore[union-attr]
    # a speaker mention from the quote still resolves after the cue was replaced twice
    assert q.speaker_span_id == per and store.span(gpe) is not None


def test_quote_content_refuses_an_empty_or_outside_range(store: Store) -> None:
    doc, who, _per, _gpe = _setup(store)
    add = C.AddQuote(doc, who, at("العراق يسعى"), None, speaker_text="x")
    store.run(add, who)
    assert add.quote_id is not None
    cmd = C.SetQuoteContent(add.quote_id, 10, 10)
    assert cmd.text == "Change quote content"
    with pytest.raises(CommandError, match=r"outside the article .* or empty"):
        store.run(cmd, who)
    with pytest.raises(CommandError, match="outside"):
        store.run(C.SetQuoteContent(add.quote_id, 0, len(TEXT) + 1), who)
    content = store.span(add.content_span_id)  # type: ignore[arg-type]
    assert content is not None and TEXT[content.start : content.end] == "العراق يسعى"


def test_edit_commands_name_themselves_for_the_undo_menu(store: Store) -> None:
    assert C.AddSpan(1, 1, 0, 3, "PER").text == "Add PER span"
    assert C.SetSpanLabel(1, label="GPE").text == "Relabel span as GPE"
    assert C.EditQuote(1, {"kind": "direct"}).text == "Change quote kind"
    assert C.EditQuote(1, {"speaker_text": "x"}).text == "Change quote speaker"
    assert (
        C.SetQuoteCue(1, (0, 3)).text == "Set quote cue" and C.SetQuoteCue(1, None).text == "Remove quote cue"
    )
    assert C.RemoveStanceEvidence(1, 2).text == "Remove stance evidence"


def test_changes_gather_in_place_as_the_union() -> None:
    a = C.Changes(docs={1}, spans={10}, statuses={(1, 2)})
    b = C.Changes(docs={2}, spans={11}, quotes={5}, stances={6}, entities={7}, statuses={(2, 2)})
    union = a | b
    before = a
    a |= b
    assert a is before and a == union
    assert a == C.Changes({1, 2}, {10, 11}, {5}, {6}, {7}, {(1, 2), (2, 2)})
    assert b == C.Changes(docs={2}, spans={11}, quotes={5}, stances={6}, entities={7}, statuses={(2, 2)})


def test_a_batch_reports_every_command_s_changes(store: Store) -> None:
    doc = add_document(store, "نص قصير للتجربة في الاختبار")
    who = store.annotator_id("sara")
    cmds = [C.AddSpan(doc, who, i, i + 2, "PER") for i in range(0, 20, 3)]
    ch = store.run(C.Batch(list(cmds), "many"), who)
    assert ch.docs == {doc} and ch.spans == {c.span_id for c in cmds} and len(ch.spans) == len(cmds)
    back = store.undo(C.Batch(list(cmds), "many"), who)
    assert back.spans == ch.spans and store.spans(doc) == []


def test_status_changes_and_deletes_go_in_parts_and_undo_exactly(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "IN_MAX", 2)  # SQLite's default build takes 32,766 ids per IN list
    doc = add_document(store, "نص قصير للتجربة في الاختبار مع كلمات كثيرة")
    who = store.annotator_id("sara")
    adds = [C.AddSpan(doc, who, i, i + 2, "PER", status="suggested") for i in range(0, 21, 3)]
    store.run(C.Batch(list(adds), "suggest"), who)
    ids = [a.span_id for a in adds]
    assert all(i is not None for i in ids)
    store.run(C.SetSpanStatus(ids[:2], "rejected"), who)  # two old statuses for the undo below

    def statuses() -> dict[int | None, str]:
        return {s.id: s.status for s in store.spans(doc, layers=["entity"], statuses=("active", "suggested", "rejected"))}

    before = statuses()
    accept = C.SetSpanStatus([*ids, ids[0]], "active")  # a repeated id counts once
    store.run(accept, who)
    assert set(statuses().values()) == {"active"} and len(statuses()) == len(ids)
    store.undo(accept, who)
    assert statuses() == before
    quote = C.AddQuote(doc, who, (0, 10), speaker_span_id=ids[4], speaker_text="x")
    store.run(quote, who)
    gone = C.DeleteSpan(ids[1:6])
    store.run(gone, who)
    assert set(statuses()) == {ids[0], *ids[6:]}
    assert store.quote(quote.quote_id).speaker_span_id is None  # type: ignore[arg-type, union-attr]
    store.undo(gone, who)
    assert statuses() == before and store.quote(quote.quote_id).speaker_span_id == ids[4]  # type: ignore[arg-type, union-attr]
