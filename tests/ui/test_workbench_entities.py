"""Entity tagging in the Workbench, driven by real key and mouse events, checked in the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.wb_helpers import ARTICLE, Bench, make_bench


@pytest.fixture
def b(qtbot, tmp_path: Path) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    yield from make_bench(qtbot, tmp_path)


def spans(b: Bench, **kw):  # type: ignore[no-untyped-def]
    s = b.fresh()
    try:
        return s.spans(b.doc_id, b.annotator_id, **kw)
    finally:
        s.close()


def test_tag_entity_by_selection_and_key_and_undo_redo(b: Bench) -> None:
    a = ARTICLE.index("فؤاد حسين")
    b.select(a, a + len("فؤاد حسين"))
    b.key(Qt.Key.Key_1)
    rows = spans(b)
    assert [(r.start, r.end, r.label, r.layer) for r in rows] == [(a, a + 9, "PER", "entity")]
    assert b.fresh().doc_status(b.doc_id, b.annotator_id)[0] == "in_progress"
    assert b.wb.panel.mentions.rowCount() == 1
    b.undo.stack.undo()
    assert spans(b) == [] and b.wb.panel.mentions.rowCount() == 0
    b.undo.stack.redo()
    assert [(r.start, r.label) for r in spans(b)] == [(a, "PER")]
    assert b.wb.state is not None and rows[0].id in b.wb.state.spans


def test_keyboard_selection_snaps_away_the_conjunction(b: Bench) -> None:
    w = ARTICLE.index("والعراق")
    b.select(w, w)  # caret before the word, then extend it with shift+arrows over "والعراق"
    view = b.wb.view
    for _ in range(len("والعراق")):
        b.key(Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # in a right-to-left line, Left reads on
    assert view.selection() == (w, w + len("والعراق"))
    b.key(Qt.Key.Key_3)
    rows = spans(b)
    assert [(ARTICLE[r.start : r.end], r.label) for r in rows] == [("العراق", "GPE")]


def test_alt_key_keeps_the_exact_selection_with_its_clitic(b: Bench) -> None:
    w = ARTICLE.index("والعراق")
    b.select(w, w + len("والعراق"))
    b.key(Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert [ARTICLE[r.start : r.end] for r in spans(b)] == ["والعراق"]


def test_partial_selection_expands_to_the_word(b: Bench) -> None:
    w = ARTICLE.index("واشنطن")
    b.select(w + 2, w + 4)
    b.key(Qt.Key.Key_3)
    assert [ARTICLE[r.start : r.end] for r in spans(b)] == ["واشنطن"]


def test_click_relabel_delete_and_undo(b: Bench) -> None:
    a = ARTICLE.index("بغداد")
    b.select(a, a + 5)
    b.key(Qt.Key.Key_4)  # LOC
    b.wb.clear_selection()
    assert b.wb.selected is None
    b.click_at(a + 2)
    (row,) = spans(b)
    assert b.wb.selected == ("span", row.id)
    b.key(Qt.Key.Key_3)  # no text selected: relabel the selected mention
    assert [r.label for r in spans(b)] == ["GPE"]
    b.key(Qt.Key.Key_Delete)
    assert spans(b) == []
    b.undo.stack.undo()
    assert [r.label for r in spans(b)] == ["GPE"]
    b.undo.stack.undo()
    assert [r.label for r in spans(b)] == ["LOC"]
    b.undo.stack.redo()
    b.undo.stack.redo()
    assert spans(b) == []


def test_tab_cycles_mentions_and_backspace_deletes(b: Bench) -> None:
    for word, key in (("فؤاد", Qt.Key.Key_1), ("واشنطن", Qt.Key.Key_3), ("بغداد", Qt.Key.Key_3)):
        a = ARTICLE.index(word)
        b.select(a, a + len(word))
        b.key(key)
    b.wb.clear_selection()
    ids = [r.id for r in spans(b)]
    b.wb.view.setFocus()
    b.key(Qt.Key.Key_Tab)
    first = b.wb.selected
    b.key(Qt.Key.Key_Tab)
    second = b.wb.selected
    assert (
        first is not None and second is not None and first[1] in ids and second[1] in ids and first != second
    )
    b.key(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert b.wb.selected == first
    b.key(Qt.Key.Key_Backspace)
    assert first[1] not in [r.id for r in spans(b)]


def test_unknown_label_is_a_visible_message_not_a_traceback(b: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    a = ARTICLE.index("بغداد")
    b.select(a, a + 5)
    with qtbot.waitSignal(b.wb.statusMessage) as sig:
        b.wb.tag("NOPE")
    assert "NOPE" in sig.args[0]
    assert b.wb.banner.isVisible() and "NOPE" in b.wb.banner.text()
    assert spans(b) == []


def test_link_mention_creates_entity_in_one_batch(b: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    a = ARTICLE.index("واشنطن")
    b.select(a, a + 6)
    b.key(Qt.Key.Key_3)
    b.key(Qt.Key.Key_L)
    dlg = b.wb.link_dialog
    assert dlg is not None and dlg.isVisible()
    assert "Create new" in dlg.results.item(dlg.results.count() - 1).text()
    QTest.keyClick(dlg.query, Qt.Key.Key_Return)
    fresh = b.fresh()
    (row,) = fresh.spans(b.doc_id, b.annotator_id)
    ent = fresh.entity(row.entity_id)  # type: ignore[arg-type]
    assert ent is not None and (ent.name, ent.type) == ("واشنطن", "GPE")
    assert "→ واشنطن" in b.wb.panel.mentions.data(b.wb.panel.mentions.index(0))
    b.undo.stack.undo()  # one undo removes the link and the new entity
    fresh2 = b.fresh()
    assert fresh2.spans(b.doc_id, b.annotator_id)[0].entity_id is None and fresh2.entities() == []
    # link to the existing entity after redo, through the autocomplete list
    b.undo.stack.redo()
    b.undo.stack.undo()
    from annotator.commands import CreateEntity

    b.store.run(CreateEntity("واشنطن العاصمة", "GPE", aliases=["واشنطن"]))
    b.wb.select("span", row.id)
    b.key(Qt.Key.Key_L)
    dlg = b.wb.link_dialog
    assert dlg is not None and dlg.results.item(0).text().startswith("واشنطن العاصمة")
    dlg.accept()
    linked = b.fresh().spans(b.doc_id, b.annotator_id)[0].entity_id
    assert linked is not None
    b.key(Qt.Key.Key_L)  # a linked mention can be unlinked from the same dialog
    dlg = b.wb.link_dialog
    assert dlg is not None
    last = dlg.results.item(dlg.results.count() - 1)
    assert last.text().startswith("✕") and "واشنطن العاصمة" in last.text()
    dlg.results.setCurrentItem(last)
    dlg.accept()
    assert b.fresh().spans(b.doc_id, b.annotator_id)[0].entity_id is None


def test_hover_shows_label_annotator_entity_and_origin(b: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    a = ARTICLE.index("فؤاد حسين")
    b.select(a, a + 9)
    b.key(Qt.Key.Key_1)
    vp = b.wb.view.viewport()
    point: QPoint = b.wb.view.rect_of(a + 2, a + 3)
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, point, vp.mapToGlobal(point)))
    text = QToolTip.text()
    assert "PER" in text and "alice" in text and "manual" in text and "not linked" in text
    far = b.wb.view.rect_of(ARTICLE.index("statement"), ARTICLE.index("statement") + 1)
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, far, vp.mapToGlobal(far)))
    assert b.wb.view.offset_at(far) == ARTICLE.index("statement")
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_mouse_drag_selects_and_key_tags(b: Bench) -> None:
    view = b.wb.view
    word = "الاستراتيجي"
    a = ARTICLE.index(word)
    c = view.textCursor()
    # the visual edges of the word: in a right-to-left line its start is on the right
    c.setPosition(a)
    right = view.cursorRect(c).center()
    c.setPosition(a + len(word))
    left = view.cursorRect(c).center()
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, right)
    QTest.mouseMove(vp, left)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, left)
    assert view.textCursor().hasSelection()
    b.key(Qt.Key.Key_5)
    assert [(ARTICLE[r.start : r.end], r.label) for r in spans(b)] == [(word, "EVENT")]


def test_relabel_and_delete_keep_the_selection_where_it_was(b: Bench) -> None:
    ids = []
    for word in ("فؤاد حسين", "واشنطن", "بغداد"):
        a = ARTICLE.index(word)
        b.select(a, a + len(word))
        b.key(Qt.Key.Key_1)
        assert b.wb.selected is not None
        ids.append(b.wb.selected[1])
    b.wb.select("span", ids[1])
    b.key(Qt.Key.Key_3)  # relabel: the same mention stays selected, its panel row too
    assert b.wb.selected == ("span", ids[1])
    assert b.wb.panel.mention_list.current_id() == ids[1]
    b.key(Qt.Key.Key_Delete)  # the panel's current row goes: nothing else gets selected
    assert b.wb.selected is None
    assert b.wb.panel.mention_list.current_id() is None
    assert [r.id for r in spans(b)] == [ids[0], ids[2]]
