"""Quotes and stances in the Workbench, and the side panels, checked through a fresh connection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.wb_helpers import ARTICLE, Bench, make_bench, type_text
from ui.dialogs import QuoteEditor, StanceEditor


@pytest.fixture
def b(qtbot, tmp_path: Path) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    yield from make_bench(qtbot, tmp_path)


def tag(b: Bench, word: str, key: Qt.Key) -> int:
    a = ARTICLE.index(word)
    b.select(a, a + len(word))
    b.key(key)
    assert b.wb.selected is not None
    return b.wb.selected[1]


def test_quote_with_clicked_speaker_and_suggested_cue_then_undo_redo(b: Bench) -> None:
    speaker = tag(b, "فؤاد حسين", Qt.Key.Key_1)
    q = ARTICLE.index('"العراق')
    qe = ARTICLE.index('التعاون"') + len('التعاون"')
    b.select(q, qe)
    b.key(Qt.Key.Key_Q)
    editor = b.wb.editor
    assert isinstance(editor, QuoteEditor)
    assert editor.cue.currentText() == "قال"  # the nearest cue word is suggested
    assert editor.kind.currentData() == "direct"  # it is in quotation marks
    b.click_at(ARTICLE.index("فؤاد") + 1)  # pick the speaker in the text
    assert editor.speaker.currentData() == speaker
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert b.wb.editor is None
    fresh = b.fresh()
    (quote,) = fresh.quotes(b.doc_id, b.annotator_id)
    content, cue = fresh.span(quote.content_span_id), fresh.span(quote.cue_span_id)  # type: ignore[arg-type]
    assert (
        ARTICLE[content.start : content.end] == "العراق يسعى لمواصلة التعاون"
    )  # snapped inside the marks; type: ignore[union-attr]
    assert ARTICLE[cue.start : cue.end] == "قال"  # type: ignore[union-attr]
    assert (quote.speaker_span_id, quote.kind) == (speaker, "direct")
    row = b.wb.panel.quotes.data(b.wb.panel.quotes.index(0))
    assert row.startswith("فؤاد حسين ← قال ← «")
    # the selected quote emphasises its speaker and cue
    assert b.wb.selected == ("quote", quote.id)
    assert b.wb.highlighter is not None and b.wb.highlighter.related == {speaker, quote.cue_span_id}
    b.undo.stack.undo()
    assert b.fresh().quotes(b.doc_id, b.annotator_id) == [] and b.wb.panel.quotes.rowCount() == 0
    b.undo.stack.redo()
    assert [x.id for x in b.fresh().quotes(b.doc_id, b.annotator_id)] == [quote.id]
    assert b.wb.panel.quotes.rowCount() == 1


def test_unnamed_speaker_as_free_text_and_delete_from_panel(b: Bench) -> None:
    a = ARTICLE.index("يستعد")
    b.select(a, a + len("يستعد للحوار"))
    b.key(Qt.Key.Key_Q)
    editor = b.wb.editor
    assert isinstance(editor, QuoteEditor)
    editor.speaker.setFocus()
    editor.speaker.lineEdit().clear()
    type_text(editor.speaker.lineEdit(), "مسؤولون أميركيون")
    editor.kind.setCurrentIndex(editor.kind.findData("indirect"))
    QTest.keyClick(editor.speaker.lineEdit(), Qt.Key.Key_Return)
    (quote,) = b.fresh().quotes(b.doc_id, b.annotator_id)
    assert (quote.speaker_span_id, quote.speaker_text, quote.kind) == (None, "مسؤولون أميركيون", "indirect")
    lst = b.wb.panel.quote_list
    b.wb.panel.setCurrentIndex(1)
    lst.setFocus()
    lst.setCurrentIndex(b.wb.panel.quotes.index(0))
    QTest.keyClick(lst, Qt.Key.Key_Delete)
    assert b.fresh().quotes(b.doc_id, b.annotator_id) == []


def test_stance_with_holder_topic_and_two_evidence_ranges(b: Bench) -> None:
    holder = tag(b, "فؤاد حسين", Qt.Key.Key_1)
    e1 = ARTICLE.index("يسعى لمواصلة التعاون")
    b.select(e1, e1 + len("يسعى لمواصلة التعاون"))
    b.key(Qt.Key.Key_S)
    editor = b.wb.editor
    assert isinstance(editor, StanceEditor)
    e2 = ARTICLE.index("للحوار الاستراتيجي")
    b.select(e2, e2 + len("للحوار الاستراتيجي"))
    b.wb.view.setFocus()
    b.key(Qt.Key.Key_E)
    b.click_at(ARTICLE.index("حسين") + 1)
    assert editor.holder.currentData() == holder
    editor.target.setCurrentIndex(editor.target.findData("topic:strategic_dialogue"))
    editor.polarity.setCurrentIndex(editor.polarity.findData("favor"))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    fresh = b.fresh()
    (st,) = fresh.stances(b.doc_id, b.annotator_id)
    assert (st.scope, st.holder_span_id, st.target_topic, st.polarity) == (
        "mention",
        holder,
        "strategic_dialogue",
        "favor",
    )
    ev = [fresh.span(i) for i in st.evidence_span_ids]
    assert [ARTICLE[s.start : s.end] for s in ev if s] == ["يسعى لمواصلة التعاون", "للحوار الاستراتيجي"]
    assert "فؤاد حسين ← favor ←" in b.wb.panel.stances.data(b.wb.panel.stances.index(0))
    b.undo.stack.undo()
    assert b.fresh().stances(b.doc_id, b.annotator_id) == [] and b.wb.panel.stances.rowCount() == 0
    b.undo.stack.redo()
    assert len(b.fresh().stances(b.doc_id, b.annotator_id)) == 1 and b.wb.panel.stances.rowCount() == 1


def test_article_level_stance_per_topic(b: Bench) -> None:
    box = b.wb.panel.topic_boxes["us_presence_iraq"]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Down)  # — → favor
    QTest.keyClick(box, Qt.Key.Key_Down)  # favor → against
    rows = b.fresh().stances(b.doc_id, b.annotator_id)
    assert [(s.scope, s.target_topic, s.polarity, s.holder_span_id) for s in rows] == [
        ("article", "us_presence_iraq", "against", None)
    ]
    assert b.wb.panel.stances.rowCount() == 0  # not a mention-level stance
    b.undo.stack.undo()
    assert b.fresh().stances(b.doc_id, b.annotator_id)[0].polarity == "favor"
    assert box.currentData() == "favor"
    b.undo.stack.undo()
    assert b.fresh().stances(b.doc_id, b.annotator_id) == [] and box.currentData() == ""
    b.undo.stack.redo()
    assert box.currentData() == "favor"


def test_panel_rows_jump_to_their_spans(b: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(f"سطر رقم {i} في المقال" for i in range(300)) + "\nوصل فؤاد حسين إلى بغداد."
    b.wb.set_document(None)
    from tests.conftest import add_document

    doc = add_document(b.store, text, uid="long")
    b.wb.set_document(doc)
    view = b.wb.view
    view.setFocus()
    a = text.index("فؤاد حسين")
    b.select(a, a + 9)
    b.key(Qt.Key.Key_1)
    view.verticalScrollBar().setValue(0)
    QTest.qWait(10)
    assert view.firstVisibleBlock().blockNumber() < 10
    lst = b.wb.panel.mention_list
    b.wb.clear_selection()
    QTest.mouseClick(
        lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualRect(b.wb.panel.mentions.index(0)).center()
    )
    (span,) = b.fresh().spans(doc, b.annotator_id)
    assert b.wb.selected == ("span", span.id)
    assert view.firstVisibleBlock().blockNumber() > 200  # scrolled to the last paragraph
    assert view.positions.to_cp(view.textCursor().position()) == a


def test_time_on_article_is_written_when_switching(b: Bench, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = [1000.0]
    monkeypatch.setattr(b.wb.timer, "_clock", lambda: clock[0])
    b.wb.timer.start()
    for _ in range(3):
        clock[0] += 20
        b.key(Qt.Key.Key_Right)
    clock[0] += 1000  # away from the desk: counts at most the idle limit
    b.wb.set_document(None)
    status, seconds = b.fresh().doc_status(b.doc_id, b.annotator_id)
    assert (status, seconds) == ("not_started", pytest.approx(60 + 120))  # reading is not an edit
