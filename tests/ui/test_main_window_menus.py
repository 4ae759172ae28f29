"""The remaining menu items do what they say: export, list navigation, text size, reset layout, open."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow

from .test_app_support import build_project, close_window, open_window, reset_app


@pytest.fixture
def window(tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    path = tmp_path / "news.db"
    build_project(path)
    w = open_window(path)
    assert isinstance(w, MainWindow)
    qtbot.waitExposed(w)
    yield w
    close_window(w)
    reset_app()


def test_every_menu_item_has_a_text_and_a_handler(window: MainWindow) -> None:
    for menu in window.menus.values():
        for act in menu.actions():
            if act.isSeparator() or act.menu() is not None:
                continue
            assert act.text(), menu.title()
            assert act.receivers("2triggered(bool)") > 0 or act in (window.act_undo, window.act_redo), act.text()


def test_export_from_the_file_menu_writes_this_annotators_work(window: MainWindow, tmp_path: Path,
                                                             qtbot: QtBot) -> None:
    window.act_done.trigger()  # something of ours in the project
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window._dialogs["export"]
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.layer.currentData() == ("annotator", "tester")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window._dialogs["export"] is dialog  # one export dialog at a time
    dialog.format.setCurrentText("native")
    for box in dialog.statuses.values():
        box.setChecked(True)
    out = tmp_path / "exports" / "out.jsonl"
    dialog.output.clear()
    QTest.keyClicks(dialog.output, str(out))
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
    assert dialog.error == "" and dialog.report is not None
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 4 and dialog.report.documents == 4
    assert str(out) in dialog.result_view.toPlainText()
    QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_list_navigation_text_size_and_reset_layout(window: MainWindow, qtbot: QtBot) -> None:
    ids = window.articles.model.ids()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert window.current_document() == ids[1]
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert window.current_document() == ids[0]
    size = window.settings.font_size
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == size - 1
    assert window.workbench.view.font().pointSize() == size - 1
    window.splitter.setSizes([150, 900])
    window.save_layout()
    window.act_reset_layout.trigger()
    assert window.settings.layout("splitter") is None
    assert window.splitter.sizes()[0] > 150


def test_open_project_from_the_file_menu_replaces_the_window(window: MainWindow, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    other = tmp_path / "other.db"
    build_project(other, [("عنوان", "rudaw", "2022-01-01", "نص قصير عن بغداد.")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.act_open.trigger()
    new = window._controller.window  # type: ignore[attr-defined]
    try:
        assert isinstance(new, MainWindow) and new is not window
        assert new.store.path == other
        assert new.articles.model.rowCount() == 1
        QApplication.processEvents()
        assert not shiboken6.isValid(window)  # the old window closed (and was deleted)
    finally:
        close_window(new)


def test_opening_the_project_already_open_keeps_the_window(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.store.path is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(window.store.path), ""))
    window.act_open.trigger()
    assert window._controller.window is window  # type: ignore[attr-defined]
    assert shiboken6.isValid(window) and window.isVisible()
