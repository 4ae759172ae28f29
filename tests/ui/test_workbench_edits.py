"""Editing after creation, by keyboard from the panels; undo texts; each edit seen by a fresh connection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import insert

from annotator.store import S
from tests.ui.wb_helpers import ARTICLE, Bench, make_bench
from ui.dialogs import QuoteEditor, StanceEditor


@pytest.fixture
def b(qtbot, tmp_path: Path) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    yield from make_bench(qtbot, tmp_path)


def at(word: str) -> tuple[int, int]:
    a = ARTICLE.index(word)
    return a, a + len(word)


def tag(b: Bench, word: str, key: Qt.Key) -> int:
    b.select(*at(word))
    b.key(key)
    assert b.wb.selected is not None
    return b.wb.selected[1]


def texts(b: Bench, span_ids: tuple[int, ...] | list[int]) -> list[str]:
    fresh = b.fresh()
    out = []
    for i in span_ids:
        s = fresh.span(i)
        assert s is not None
        out.append(ARTICLE[s.start : s.end])
    fresh.close()
    return sorted(out)


def undo_menu_text(b: Bench) -> str:
    """What the shell's Edit menu shows: QUndoStack's undo action with the prefix "Undo"."""
    act = b.undo.stack.createUndoAction(b.wb, "Undo")
    try:
        return act.text()
    finally:
        act.deleteLater()


def test_edit_stance_evidence_target_and_polarity_by_keyboard_in_one_undo_step(b: Bench) -> None:
    holder = tag(b, "فؤاد حسين", Qt.Key.Key_1)
    b.wb.clear_selection()
    b.select(*at("يسعى لمواصلة التعاون"))
    b.key(Qt.Key.Key_S)
    editor = b.wb.editor
    assert isinstance(editor, StanceEditor)
    editor.pick_mention(holder)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    (st,) = b.fresh().stances(b.doc_id, b.annotator_id)
    assert st.polarity == "favor" and texts(b, st.evidence_span_ids) == ["يسعى لمواصلة التعاون"]

    # from the Stances panel: Enter opens the form
    b.wb.panel.setCurrentIndex(2)
    lst = b.wb.panel.stance_list
    lst.setFocus()
    lst.setCurrentIndex(b.wb.panel.stances.index(0))
    QTest.keyClick(lst, Qt.Key.Key_Return)
    editor = b.wb.editor
    assert isinstance(editor, StanceEditor) and editor.evidence.count() == 1
    # more evidence: select with the keyboard in the article, then E
    b.wb.view.setFocus()
    b.select(*at("للحوار الاستراتيجي"))
    b.key(Qt.Key.Key_E)
    assert editor.evidence.count() == 2
    # remove the first evidence from the form's list with Delete
    editor.evidence.setFocus()
    editor.evidence.setCurrentRow(0)
    QTest.keyClick(editor.evidence, Qt.Key.Key_Delete)
    assert editor.value.evidence == [at("للحوار الاستراتيجي")]
    editor.polarity.setFocus()
    editor.polarity.setCurrentIndex(editor.polarity.findData("against"))
    editor.target.setCurrentIndex(editor.target.findData("topic:strategic_dialogue"))
    QTest.keyClick(editor.polarity, Qt.Key.Key_Return)
    assert b.wb.editor is None
    (st2,) = b.fresh().stances(b.doc_id, b.annotator_id)
    assert (st2.id, st2.polarity, st2.target_topic, st2.holder_span_id) == (
        st.id,
        "against",
        "strategic_dialogue",
        holder,
    )
    assert texts(b, st2.evidence_span_ids) == ["للحوار الاستراتيجي"]
    assert undo_menu_text(b) == "Undo Edit stance"
    assert "against" in b.wb.panel.stances.data(b.wb.panel.stances.index(0))
    b.undo.stack.undo()  # one step restores evidence, polarity and target
    (st3,) = b.fresh().stances(b.doc_id, b.annotator_id)
    assert (st3.polarity, st3.target_topic) == ("favor", st.target_topic)
    assert texts(b, st3.evidence_span_ids) == ["يسعى لمواصلة التعاون"]
    assert b.wb.state is not None and b.wb.state.stances[st.id].evidence_span_ids == st3.evidence_span_ids
    b.undo.stack.redo()
    assert texts(b, b.fresh().stances(b.doc_id, b.annotator_id)[0].evidence_span_ids) == [
        "للحوار الاستراتيجي"
    ]


def test_polarity_alone_is_its_own_named_step(b: Bench) -> None:
    b.select(*at("يسعى"))
    b.key(Qt.Key.Key_S)
    editor = b.wb.editor
    assert isinstance(editor, StanceEditor)
    editor.holder.setEditText("الحكومة")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert undo_menu_text(b) == "Undo Add stance"
    (st,) = b.fresh().stances(b.doc_id, b.annotator_id)
    b.wb.select("stance", st.id)
    b.wb.view.setFocus()
    b.key(Qt.Key.Key_Return)  # Enter in the article edits the selected stance
    editor = b.wb.editor
    assert isinstance(editor, StanceEditor)
    editor.polarity.setCurrentIndex(editor.polarity.findData("neutral"))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert b.fresh().stances(b.doc_id, b.annotator_id)[0].polarity == "neutral"
    assert undo_menu_text(b) == "Undo Change stance polarity"


def test_edit_quote_content_cue_speaker_and_kind_then_undo(b: Bench) -> None:
    speaker = tag(b, "فؤاد حسين", Qt.Key.Key_1)
    b.wb.clear_selection()
    b.select(*at("العراق يسعى لمواصلة التعاون"))
    b.key(Qt.Key.Key_Q)
    editor = b.wb.editor
    assert isinstance(editor, QuoteEditor)
    editor.speaker.setEditText("مصدر")
    editor.cue.setCurrentIndex(0)  # no cue
    QTest.keyClick(editor, Qt.Key.Key_Return)
    (q,) = b.fresh().quotes(b.doc_id, b.annotator_id)
    assert (q.speaker_text, q.cue_span_id, q.kind) == ("مصدر", None, "direct")

    b.wb.panel.setCurrentIndex(1)
    lst = b.wb.panel.quote_list
    lst.setFocus()
    lst.setCurrentIndex(b.wb.panel.quotes.index(0))
    QTest.keyClick(lst, Qt.Key.Key_Return)
    editor = b.wb.editor
    assert isinstance(editor, QuoteEditor)
    b.wb.view.setFocus()
    b.select(*at("يسعى لمواصلة"))  # new content boundaries
    b.key(Qt.Key.Key_E)
    assert editor.value.content == at("يسعى لمواصلة")
    assert "يسعى لمواصلة" in editor.content.text()
    b.select(*at("قال"))
    b.key(Qt.Key.Key_C)  # the selected word is the cue
    assert editor.cue.currentData() == at("قال")
    b.click_at(ARTICLE.index("حسين") + 1)  # the speaker by a click on the mention
    editor.kind.setCurrentIndex(editor.kind.findData("indirect"))
    b.key(Qt.Key.Key_Return)  # Enter, focus still in the article: saves the open form
    assert b.wb.editor is None
    fresh = b.fresh()
    (q2,) = fresh.quotes(b.doc_id, b.annotator_id)
    content, cue = fresh.span(q2.content_span_id), fresh.span(q2.cue_span_id)  # type: ignore[arg-type]
    assert content is not None and ARTICLE[content.start : content.end] == "يسعى لمواصلة"
    assert cue is not None and ARTICLE[cue.start : cue.end] == "قال"
    assert (q2.id, q2.speaker_span_id, q2.speaker_text, q2.kind) == (q.id, speaker, "", "indirect")
    assert undo_menu_text(b) == "Undo Edit quote"
    assert b.wb.panel.quotes.data(b.wb.panel.quotes.index(0)).startswith("فؤاد حسين ← قال ← «يسعى لمواصلة»")
    b.undo.stack.undo()
    fresh = b.fresh()
    (q3,) = fresh.quotes(b.doc_id, b.annotator_id)
    content = fresh.span(q3.content_span_id)
    assert (q3.speaker_text, q3.cue_span_id, q3.kind) == ("مصدر", None, "direct")
    assert content is not None and ARTICLE[content.start : content.end] == "العراق يسعى لمواصلة التعاون"


def test_each_entity_edit_is_committed_and_named_in_the_undo_menu(b: Bench) -> None:
    sid = tag(b, "بغداد", Qt.Key.Key_4)
    assert undo_menu_text(b) == "Undo Add LOC span"
    assert [s.label for s in b.fresh().spans(b.doc_id, b.annotator_id)] == ["LOC"]
    b.wb.clear_selection()
    b.click_at(ARTICLE.index("بغداد") + 1)
    b.key(Qt.Key.Key_3)
    assert undo_menu_text(b) == "Undo Relabel span as GPE"
    assert [s.label for s in b.fresh().spans(b.doc_id, b.annotator_id)] == ["GPE"]
    b.key(Qt.Key.Key_L)
    dlg = b.wb.link_dialog
    assert dlg is not None
    dlg.accept()  # the first row: create «بغداد» (GPE)
    assert undo_menu_text(b) == "Undo Create and link بغداد"
    fresh = b.fresh()
    linked = fresh.span(sid)
    assert linked is not None and linked.entity_id is not None
    assert fresh.entity(linked.entity_id).name == "بغداد"  # type: ignore[union-attr]
    b.key(Qt.Key.Key_Delete)
    assert undo_menu_text(b) == "Undo Delete span"
    assert b.fresh().spans(b.doc_id, b.annotator_id) == []
    for _ in range(3):
        b.undo.stack.undo()
    assert [s.label for s in b.fresh().spans(b.doc_id, b.annotator_id)] == ["LOC"]


def test_article_stance_per_topic_committed_and_named(b: Bench) -> None:
    box = b.wb.panel.topic_boxes["strategic_dialogue"]
    b.wb.panel.setCurrentIndex(2)
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Down)
    assert undo_menu_text(b) == "Undo Add article stance"
    (st,) = b.fresh().stances(b.doc_id, b.annotator_id)
    assert (st.scope, st.target_topic, st.polarity) == ("article", "strategic_dialogue", "favor")
    QTest.keyClick(box, Qt.Key.Key_Up)  # back to "—": the article stance goes
    assert b.fresh().stances(b.doc_id, b.annotator_id) == [] and undo_menu_text(b) == "Undo Delete stance"


def test_span_with_a_label_missing_from_the_schema_is_shown_and_relabelled(b: Bench) -> None:
    a, e = at("واشنطن")
    with b.store.write() as conn:  # as an older schema or an import would have left it
        conn.execute(
            insert(S).values(
                doc_id=b.doc_id,
                annotator_id=b.annotator_id,
                start=a,
                end=e,
                layer="entity",
                label="NORP",
                origin="imported",
                status="active",
            )
        )
    b.wb.set_document(None)
    b.wb.set_document(b.doc_id)
    b.wb.view.setFocus()
    assert b.wb.banner.isVisible() and "NORP" in b.wb.banner.text()
    row = b.wb.panel.mentions.data(b.wb.panel.mentions.index(0))
    assert row.startswith("NORP  واشنطن") and "not in the schema" in row
    assert "NORP" in b.wb._tooltip(a + 1) and "not in the schema" in b.wb._tooltip(a + 1)
    block = b.wb.view.document().firstBlock()
    assert [(f.start, f.length) for f in block.layout().formats()] == [(a, e - a)]  # still drawn
    b.click_at(a + 2)
    assert b.wb.selected is not None and b.wb.selected[0] == "span"
    b.key(Qt.Key.Key_3)
    assert [s.label for s in b.fresh().spans(b.doc_id, b.annotator_id)] == ["GPE"]
    assert not b.wb.banner.isVisible()  # nothing left to warn about
    b.undo.stack.undo()
    assert [s.label for s in b.fresh().spans(b.doc_id, b.annotator_id)] == ["NORP"]


def test_overlapping_and_nested_mentions_get_stacked_underlines(b: Bench) -> None:
    outer = tag(b, "وزير الخارجية فؤاد حسين", Qt.Key.Key_1)
    b.wb.clear_selection()
    inner = tag(b, "فؤاد حسين", Qt.Key.Key_1)
    b.wb.clear_selection()
    crossing = tag(b, "الخارجية", Qt.Key.Key_2)
    b.wb.clear_selection()
    lonely = tag(b, "واشنطن", Qt.Key.Key_3)
    b.wb.clear_selection()
    hl = b.wb.highlighter
    assert hl is not None
    marks = hl._marks[0]
    spans = b.wb.state.spans  # type: ignore[union-attr]
    pos = b.wb.view.positions

    def underline_levels(sid: int) -> list[int]:
        s = spans[sid]
        return [
            m.level
            for m in marks
            if m.kind == "overline" and (m.a, m.b) == (pos.to_qt(s.start), pos.to_qt(s.end))
        ]

    levels = {sid: underline_levels(sid) for sid in (outer, inner, crossing)}
    assert all(len(v) == 1 for v in levels.values())
    assert levels[outer] != levels[inner] and levels[outer] != levels[crossing]  # overlapping: never shared
    assert underline_levels(lonely) == []  # a mention alone needs no extra line
    # nesting also deepens the fill: the inner mention is more opaque than its container
    fmts = {
        (f.start, f.length): f.format.background().color().alpha()
        for f in b.wb.view.document().firstBlock().layout().formats()
    }
    s_in, s_out = spans[inner], spans[outer]
    assert fmts[(s_in.start, s_in.end - s_in.start)] > fmts[(s_out.start, s_out.end - s_out.start)]


def test_main_window_edit_menu_names_the_last_edit(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_app_support import build_project, close_window, open_window, reset_app

    path = tmp_path / "news.db"
    build_project(path)
    w = open_window(path)
    try:
        qtbot.waitExposed(w)
        with qtbot.waitActive(w):
            w.activateWindow()
        view = w.workbench.view
        view.setFocus()
        st = w.workbench.state
        assert st is not None
        word = next(t for t in ("العراق", "بغداد", "واشنطن") if t in st.text)
        a = st.text.index(word)
        view.select_range(a, a + len(word))
        QTest.keyClick(view, Qt.Key.Key_1)
        undo = next(x for x in w.menus["edit"].actions() if x.text().startswith("Undo"))
        assert undo.text() == "Undo Add PER span"
        from annotator.store import Store

        fresh = Store.open(path)
        assert [s.label for s in fresh.spans(st.doc.id, st.annotator_id)] == ["PER"]
        fresh.close()
        undo.trigger()
        fresh = Store.open(path)
        assert fresh.spans(st.doc.id, st.annotator_id) == []
        fresh.close()
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # mark done
        fresh = Store.open(path)
        assert fresh.doc_status(st.doc.id, st.annotator_id)[0] == "done"
        fresh.close()
        assert undo.text() == "Undo Mark article done"
    finally:
        close_window(w)
        reset_app()


def test_quote_speaker_is_drawn_linked_to_the_quote_until_undone(b: Bench) -> None:
    speaker = tag(b, "فؤاد حسين", Qt.Key.Key_1)
    b.wb.clear_selection()
    b.select(*at("العراق يسعى لمواصلة التعاون"))
    b.key(Qt.Key.Key_Q)
    editor = b.wb.editor
    assert isinstance(editor, QuoteEditor)
    editor.pick_mention(speaker)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    hl = b.wb.highlighter
    assert hl is not None
    s = b.wb.state.spans[speaker]  # type: ignore[union-attr]

    def speaker_lines() -> list[str]:
        return [
            m.color.name() for m in hl._marks[0] if m.kind == "underline" and (m.a, m.b) == (s.start, s.end)
        ]

    assert speaker_lines() == [hl.quote_color.name()]
    assert "«العراق يسعى لمواصلة التعاون»" in b.wb._tooltip(s.start + 1)
    b.wb.clear_selection()
    b.undo.stack.undo()
    assert speaker_lines() == [] and "«" not in b.wb._tooltip(s.start + 1)


def test_edit_menu_names_follow_the_interface_language(b: Bench) -> None:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    class Arabic(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def, override]
            table = {"Add %1 span": "إضافة وسم %1", "Edit stance": "تعديل الموقف"}
            return table.get(source) if context == "Commands" else None

    tr = Arabic()
    app = QApplication.instance()
    assert app is not None
    app.installTranslator(tr)
    try:
        tag(b, "بغداد", Qt.Key.Key_4)
        assert undo_menu_text(b) == "Undo إضافة وسم LOC"
        assert b.undo.command_texts() == ["إضافة وسم LOC"]
    finally:
        app.removeTranslator(tr)
    tag(b, "واشنطن", Qt.Key.Key_3)
    assert undo_menu_text(b) == "Undo Add GPE span"  # English again, and the audit log stays English
    fresh = b.fresh()
    with fresh.read() as conn:
        from sqlalchemy import select

        from annotator.store import AUDIT

        actions = [r[0] for r in conn.execute(select(AUDIT.c.action))]
    fresh.close()
    assert actions.count("AddSpan") == 2


def test_actions_and_panel_follow_a_language_change(b: Bench) -> None:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    class Arabic(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def, override]
            table = {
                ("Workbench", "Accept suggestion"): "قبول الاقتراح",
                ("SidePanel", "Quotes"): "الاقتباسات",
            }
            return table.get((context, source))

        def isEmpty(self) -> bool:  # Qt announces a language change only for a non-empty one
            return False

    accept = next(a for a in b.wb.actions() if a.objectName() == "acceptSuggestion")
    assert accept.text() == "Accept suggestion" and b.wb.panel.tabText(1) == "Quotes"
    tr = Arabic()
    app = QApplication.instance()
    assert app is not None
    app.installTranslator(tr)
    try:
        QApplication.processEvents()
        assert accept.text() == "قبول الاقتراح" and b.wb.panel.tabText(1) == "الاقتباسات"
    finally:
        app.removeTranslator(tr)
        QApplication.processEvents()
    assert accept.text() == "Accept suggestion" and b.wb.panel.tabText(1) == "Quotes"
