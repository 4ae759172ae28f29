"""The assignment dialog: every article to 2 of 4 annotators, balanced, reported, undoable; each
annotator's article list then shows their queue."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from annotator.store import DS, Store
from tests.conftest import add_document
from ui.article_list import ArticleListPanel
from ui.assign_dialog import AssignDialog
from ui.undo import UndoAdapter


def assigned(path: Path) -> dict[int, set[int]]:
    """doc -> annotators assigned, read through a fresh connection."""
    s = Store.open(path)
    try:
        with s.read() as conn:
            rows = conn.execute(select(DS.c.doc_id, DS.c.annotator_id).where(DS.c.assigned.is_(True))).all()
    finally:
        s.close()
    out: dict[int, set[int]] = {}
    for d, a in rows:
        out.setdefault(d, set()).add(a)
    return out


def test_every_article_to_two_of_four_then_undo(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "project.db"
    store = Store.open(path)
    docs = [add_document(store, f"مقال رقم {i} عن بغداد", uid=f"d{i}") for i in range(6)]
    team = [store.annotator_id(n) for n in ("sara", "omar", "lina", "ali")]
    undo = UndoAdapter(store, team[0])
    dlg = AssignDialog(store, undo)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.chosen() == team and dlg.overlap.value() == 2 and dlg.only_unassigned.isChecked()
    QTest.keyClick(dlg.assign_button, Qt.Key.Key_Space)  # the keyboard presses the Assign button
    got = assigned(path)
    assert sorted(got) == docs
    assert all(len(anns) == 2 and anns <= set(team) for anns in got.values())
    loads = Counter(a for anns in got.values() for a in anns)
    assert sorted(loads.values()) == [3, 3, 3, 3]  # 12 assignments over 4 people
    text = dlg.report.text()
    assert "Assigned 6 articles, each to 2 annotators" in text
    for name in ("sara", "omar", "lina", "ali"):
        assert f"{name}: 3" in text
    assert "Shared articles per pair:" in text

    QTest.keyClick(dlg.assign_button, Qt.Key.Key_Space)  # only unassigned: nothing left
    assert "Nothing to assign" in dlg.report.text()
    assert assigned(path) == got

    undo.stack.undo()  # the empty run
    undo.stack.undo()  # the assignment
    assert assigned(path) == {}

    dlg.annotators.item(3).setCheckState(Qt.CheckState.Unchecked)  # three people: overlap at most 3
    assert dlg.overlap.maximum() == 3
    store.close()


def test_each_annotators_article_list_shows_their_queue(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "project.db"
    store = Store.open(path)
    docs = [add_document(store, f"مقال رقم {i} عن بغداد", uid=f"d{i}") for i in range(8)]
    team = [store.annotator_id(n) for n in ("sara", "omar", "lina", "ali")]
    undo = UndoAdapter(store, team[0])
    # sara's list is open while the articles are assigned, as in the main window
    open_list = ArticleListPanel(store, team[0])
    qtbot.addWidget(open_list)
    assert not open_list.queue_filter.isChecked() and open_list.model.ids() == docs  # no queue yet: everything
    open_list.queue_filter.setChecked(True)
    assert open_list.model.ids() == []
    undo.changed.connect(lambda ch: open_list.refresh(ch.docs | {d for d, _a in ch.statuses}))
    dlg = AssignDialog(store, undo)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    QTest.keyClick(dlg.assign_button, Qt.Key.Key_Space)
    got = assigned(path)
    queue = {a: sorted(d for d, anns in got.items() if a in anns) for a in team}
    assert all(len(q) == 4 for q in queue.values())  # 8 articles x 2 / 4 annotators
    assert open_list.model.ids() == queue[team[0]]  # the open list followed the assignment
    for a in team:  # a list opened by each annotator shows their queue, checked by default
        panel = ArticleListPanel(store, a)
        qtbot.addWidget(panel)
        assert panel.queue_filter.isChecked()
        assert panel.model.ids() == queue[a]
        panel.queue_filter.setChecked(False)  # and everything when unchecked
        assert panel.model.ids() == docs
    panel.set_annotator(team[1])  # switching annotator shows the new annotator's queue
    assert panel.queue_filter.isChecked() and panel.model.ids() == queue[team[1]]
    undo.stack.undo()
    assert open_list.model.ids() == []
    store.close()
