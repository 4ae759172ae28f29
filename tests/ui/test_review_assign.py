"""The assignment dialog: every article to 2 of 4 annotators, balanced, reported, undoable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from annotator.store import DS, Store
from tests.conftest import add_document
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
