"""The project search dock: normalized search with hits in context, jump by key, label all hits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from annotator.store import Store
from tests.conftest import add_document
from tests.ui.wb_helpers import type_text
from ui.search_panel import HTML_ROLE, SearchPanel, show_hit
from ui.undo import UndoAdapter
from ui.workbench import Workbench

DOC_A = "زار الوزير أميركا الأسبوع الماضي، وقال إن أميركا شريك."
DOC_B = "العلاقات بين العراق وامريكا قوية، وقد عاد الوفد من أمريكا أمس."


@dataclass
class Setup:
    store: Store
    path: Path
    win: QMainWindow
    wb: Workbench
    panel: SearchPanel
    undo: UndoAdapter
    docs: tuple[int, int]
    who: int

    def spans(self, doc: int) -> list[tuple[int, int, str]]:
        fresh = Store.open(self.path)
        try:
            return [(s.start, s.end, s.label) for s in fresh.spans(doc, self.who)]
        finally:
            fresh.close()


@pytest.fixture
def s(qtbot, tmp_path: Path) -> Iterator[Setup]:  # type: ignore[no-untyped-def]
    path = tmp_path / "project.db"
    store = Store.open(path)
    a = add_document(store, DOC_A, title="زيارة الوزير")
    b = add_document(store, DOC_B, title="العلاقات مع امريكا")
    who = store.annotator_id("alice")
    undo = UndoAdapter(store, who)
    win = QMainWindow()
    wb = Workbench(store, undo, who)
    panel = SearchPanel(store, undo, lambda: who)
    win.setCentralWidget(wb)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
    panel.hitActivated.connect(lambda d, x, y: show_hit(wb.set_document, wb.view, d, x, y))
    qtbot.addWidget(win)
    win.resize(1200, 600)
    win.show()
    qtbot.waitExposed(win)
    wb.set_document(a)
    yield Setup(store, path, win, wb, panel, undo, (a, b), who)
    wb.set_document(None)
    store.close()


def test_search_finds_variant_spellings_in_context_and_jumps_by_key(s: Setup) -> None:
    s.panel.focus_query()
    type_text(s.panel.query, "أمريكا")
    QTest.keyClick(s.panel.query, Qt.Key.Key_Return)  # search now, focus the results
    hits = s.panel.model.hits
    a, b = s.docs
    assert [(h.doc_id, h.match) for h in hits] == [(a, "أميركا"), (a, "أميركا"), (b, "امريكا"), (b, "أمريكا")]
    assert s.panel.count.text() == "4 hits in 2 articles"
    clitic = hits[2]
    assert clitic.context_before.endswith("العراق و")  # و stays in the context, not in the match
    html = s.panel.model.data(s.panel.model.index(2), HTML_ROLE)
    assert "العلاقات مع امريكا" in html and ">امريكا</span> قوية" in html  # title, then the match emphasised
    assert QApplication.focusWidget() is s.panel.results
    QTest.keyClick(s.panel.results, Qt.Key.Key_Down)
    QTest.keyClick(s.panel.results, Qt.Key.Key_Down)
    QTest.keyClick(s.panel.results, Qt.Key.Key_Return)  # open article b with the hit selected
    assert s.wb.current_document() == b
    assert (
        s.wb.view.selection()
        == (clitic.start, clitic.end)
        == (DOC_B.index("امريكا"), DOC_B.index("امريكا") + 6)
    )
    assert QApplication.focusWidget() is s.wb.view
    QTest.keyClick(s.wb.view, Qt.Key.Key_3)  # tag it at once
    assert s.spans(b) == [(clitic.start, clitic.end, "GPE")]


def test_double_click_jumps_too(s: Setup) -> None:
    s.panel.search("واشنطن")
    assert s.panel.model.hits == [] and s.panel.count.text() == "No hits"
    s.wb.set_document(s.docs[1])
    s.panel.search("الوزير")
    rect = s.panel.results.visualRect(s.panel.model.index(0))
    # a real double-click is press, release, then a double-click press: QTest's DClick is only the last
    QTest.mouseClick(s.panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(s.panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert s.wb.current_document() == s.docs[0]
    assert s.wb.view.selection() == (DOC_A.index("الوزير"), DOC_A.index("الوزير") + 6)


def test_label_all_hits_is_one_undoable_command(s: Setup) -> None:
    s.panel.search("امريكا")
    s.panel.label.setCurrentIndex(s.panel.label.findData("GPE"))
    QTest.mouseClick(s.panel.label_button, Qt.MouseButton.LeftButton)
    a, b = s.docs
    assert s.spans(a) == [(i, i + 6, "GPE") for i in (DOC_A.index("أميركا"), DOC_A.rindex("أميركا"))]
    assert s.spans(b) == [(i, i + 6, "GPE") for i in (DOC_B.index("امريكا"), DOC_B.index("أمريكا"))]
    assert s.undo.command_texts() == ["Label 4 hits as GPE"]
    assert s.wb.state is not None and len(s.wb.state.spans) == 2  # the open article shows them
    QTest.mouseClick(s.panel.label_button, Qt.MouseButton.LeftButton)  # again: nothing new to label
    assert s.undo.command_texts() == ["Label 4 hits as GPE"]
    s.undo.stack.undo()
    assert s.spans(a) == [] and s.spans(b) == []
