"""Shared set-up for the Workbench tests: a project file, the widget, and a fresh-connection reader."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from annotator.store import Store
from tests.conftest import add_document
from ui.undo import UndoAdapter
from ui.workbench import Workbench

ARTICLE = (
    'قال وزير الخارجية فؤاد حسين إن "العراق يسعى لمواصلة التعاون" مع واشنطن.\n'
    "وزار الوفد والعراق يستعد للحوار الاستراتيجي في بغداد.\n"
    "The US Embassy in Baghdad issued a statement in 2021."
)


@dataclass
class Bench:
    store: Store
    path: Path
    undo: UndoAdapter
    wb: Workbench
    doc_id: int
    annotator_id: int

    def fresh(self) -> Store:
        """A second Store on the same file: what a new connection sees is what was committed."""
        return Store.open(self.path)

    def select(self, start: int, end: int) -> None:
        self.wb.view.select_range(start, end)

    def key(self, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or self.wb.view
        if isinstance(key, str):
            QTest.keyClicks(target, key, modifier)
        else:
            QTest.keyClick(target, key, modifier)

    def click_at(self, cp: int) -> None:
        point: QPoint = self.wb.view.rect_of(cp, cp + 1)
        QTest.mouseClick(
            self.wb.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Arabic included, as key events (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def make_bench(qtbot, tmp_path: Path, text: str = ARTICLE) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    path = tmp_path / "project.db"
    store = Store.open(path)
    doc_id = add_document(store, text, title="عنوان")
    annotator_id = store.annotator_id("alice")
    undo = UndoAdapter(store, annotator_id)
    wb = Workbench(store, undo, annotator_id)
    qtbot.addWidget(wb)
    wb.resize(1100, 700)
    wb.show()
    qtbot.waitExposed(wb)
    wb.activateWindow()
    wb.set_document(doc_id)
    wb.view.setFocus()
    QApplication.processEvents()
    yield Bench(store, path, undo, wb, doc_id, annotator_id)
    wb.set_document(None)
    store.close()
