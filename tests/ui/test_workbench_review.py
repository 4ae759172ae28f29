"""Suggestions, editing from the panels, Ctrl+Enter and the view's settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.commands import AddQuote, AddSpan
from tests.ui.wb_helpers import ARTICLE, Bench, make_bench
from ui.dialogs import QuoteEditor, StanceEditor


@pytest.fixture
def b(qtbot, tmp_path: Path) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    yield from make_bench(qtbot, tmp_path)


def suggest(b: Bench, word: str, label: str) -> int:
    a = ARTICLE.index(word)
    cmd = AddSpan(b.doc_id, b.annotator_id, a, a + len(word), label, origin="suggested", status="suggested")
    b.undo.push(cmd)  # as the suggestion engine's run would, through the same stack
    assert cmd.span_id is not None
    return cmd.span_id


def test_suggestions_are_drawn_dashed_accepted_with_a_rejected_with_delete(b: Bench) -> None:
    s1 = suggest(b, "واشنطن", "GPE")
    s2 = suggest(b, "بغداد", "GPE")
    hl = b.wb.highlighter
    assert hl is not None
    block = b.wb.view.document().firstBlock()
    marks = hl._marks[block.blockNumber()]
    assert any(m.kind == "box" and m.dashed for m in marks)  # outlined, not filled
    assert block.layout().formats() == []
    b.click_at(ARTICLE.index("واشنطن") + 2)
    assert b.wb.selected == ("span", s1)
    b.key(Qt.Key.Key_A)
    assert b.fresh().span(s1).status == "active"  # type: ignore[union-attr]
    assert len(block.layout().formats()) == 1  # now filled like any annotation
    b.wb.select("span", s2)
    b.key(Qt.Key.Key_Delete)
    assert b.fresh().span(s2).status == "rejected"  # type: ignore[union-attr]
    assert s2 not in b.wb.state.spans  # type: ignore[union-attr]
    b.undo.stack.undo()
    assert b.fresh().span(s2).status == "suggested" and s2 in b.wb.state.spans  # type: ignore[union-attr]


def test_suggested_quote_is_accepted_as_a_whole(b: Bench) -> None:
    a = ARTICLE.index("العراق يسعى")
    e = ARTICLE.index('التعاون"') + len("التعاون")
    cmd = AddQuote(
        b.doc_id,
        b.annotator_id,
        (a, e),
        (0, 3),
        speaker_text="الوزير",
        origin="suggested",
        status="suggested",
    )
    b.undo.push(cmd)
    b.click_at(a + 3)
    assert b.wb.selected == ("quote", cmd.quote_id)
    b.key(Qt.Key.Key_A)
    fresh = b.fresh()
    (q,) = fresh.quotes(b.doc_id, b.annotator_id)
    assert q.status == "active" and fresh.span(q.content_span_id).status == "active"  # type: ignore[union-attr]


def test_edit_quote_from_the_panel_changes_cue_and_kind_in_one_undo_step(b: Bench) -> None:
    a = ARTICLE.index("العراق يسعى")
    e = ARTICLE.index('التعاون"') + len("التعاون")
    cmd = AddQuote(b.doc_id, b.annotator_id, (a, e), None, speaker_text="الوزير", kind="indirect")
    b.undo.push(cmd)
    lst = b.wb.panel.quote_list
    b.wb.panel.setCurrentIndex(1)
    ix = b.wb.panel.quotes.index(0)
    pos = lst.visualRect(ix).center()
    QTest.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert b.wb.selected == ("quote", cmd.quote_id)  # a click selects and jumps
    QTest.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    editor = b.wb.editor
    assert isinstance(editor, QuoteEditor)
    assert editor.speaker.currentText() == "الوزير" and editor.cue.currentData() is None
    editor.cue.setCurrentIndex(1)  # the suggested nearest cue, قال
    editor.kind.setCurrentIndex(editor.kind.findData("direct"))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    fresh = b.fresh()
    (q,) = fresh.quotes(b.doc_id, b.annotator_id)
    cue = fresh.span(q.cue_span_id)  # type: ignore[arg-type]
    assert q.kind == "direct" and cue is not None and ARTICLE[cue.start : cue.end] == "قال"
    assert "قال" in b.wb.panel.quotes.data(b.wb.panel.quotes.index(0))
    b.undo.stack.undo()
    (q,) = b.fresh().quotes(b.doc_id, b.annotator_id)
    assert (q.kind, q.cue_span_id) == ("indirect", None)


def test_edit_stance_from_the_panel_with_enter(b: Bench) -> None:
    e = ARTICLE.index("يسعى")
    b.select(e, e + 4)
    b.key(Qt.Key.Key_S)
    editor = b.wb.editor
    assert isinstance(editor, StanceEditor)
    editor.holder.setEditText("الحكومة العراقية")
    editor.polarity.setCurrentIndex(editor.polarity.findData("against"))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    (st,) = b.fresh().stances(b.doc_id, b.annotator_id)
    assert (st.holder_text, st.polarity, st.target_topic) == (
        "الحكومة العراقية",
        "against",
        "us_presence_iraq",
    )
    lst = b.wb.panel.stance_list
    lst.setFocus()
    lst.setCurrentIndex(b.wb.panel.stances.index(0))
    QTest.keyClick(lst, Qt.Key.Key_Return)
    editor = b.wb.editor
    assert isinstance(editor, StanceEditor) and editor.holder.currentText() == "الحكومة العراقية"
    editor.polarity.setCurrentIndex(editor.polarity.findData("neutral"))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert b.fresh().stances(b.doc_id, b.annotator_id)[0].polarity == "neutral"
    assert "neutral" in b.wb.panel.stances.data(b.wb.panel.stances.index(0))


def test_escape_closes_a_form_without_writing(b: Bench) -> None:
    e = ARTICLE.index("يسعى")
    b.select(e, e + 4)
    b.key(Qt.Key.Key_Q)
    assert b.wb.editor is not None
    QTest.keyClick(b.wb.editor, Qt.Key.Key_Escape)
    assert b.wb.editor is None and b.fresh().quotes(b.doc_id, b.annotator_id) == []


def test_ctrl_enter_asks_the_shell_to_mark_done(b: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(b.wb.markDoneRequested, timeout=1000):
        b.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_font_size_change_keeps_highlights_and_text_is_never_read_back(b: Bench) -> None:
    text = "قال\u00a0الوزير إن فؤاد حسين وصل"
    from tests.conftest import add_document

    doc = add_document(b.store, text, uid="nbsp")
    b.wb.set_document(doc)
    b.wb.view.setFocus()
    a = text.index("فؤاد")
    b.select(a, a + 9)
    b.key(Qt.Key.Key_1)
    b.wb.set_font_size(24)
    assert b.wb.view.font().pointSize() == 24
    block = b.wb.view.document().firstBlock()
    assert [(f.start, f.length) for f in block.layout().formats()] == [(a, 9)]
    assert b.wb.state is not None and b.wb.state.text == text  # NBSP kept: the stored text, not Qt's
    assert b.wb.view.toPlainText() != text  # Qt's copy has a plain space: why we never read it
    tooltip = b.wb._tooltip(a + 1)
    assert "PER" in tooltip


def test_switching_annotator_shows_only_their_annotations(b: Bench) -> None:
    a = ARTICLE.index("بغداد")
    b.select(a, a + 5)
    b.key(Qt.Key.Key_3)
    bob = b.store.annotator_id("bob")
    b.undo.who = bob
    b.wb.set_annotator(bob)
    assert b.wb.current_document() == b.doc_id and b.wb.panel.mentions.rowCount() == 0
    b.wb.view.setFocus()
    b.select(a, a + 5)
    b.key(Qt.Key.Key_4)
    fresh = b.fresh()
    assert [s.label for s in fresh.spans(b.doc_id, bob)] == ["LOC"]
    assert [s.label for s in fresh.spans(b.doc_id, b.annotator_id)] == ["GPE"]
