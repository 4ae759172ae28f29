"""The main window driven with keys and menus: search, navigation, mark done, undo, theme, language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.store import Store
from ui.main_window import MainWindow

from .test_app_support import build_project, close_window, open_window, reset_app, type_text


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / "news.db"
    return path, build_project(path)


@pytest.fixture
def window(project: tuple[Path, list[int]], qtbot: QtBot) -> Iterator[MainWindow]:
    w = open_window(project[0])
    assert isinstance(w, MainWindow)
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    close_window(w)
    reset_app()


def status_in_db(path: Path, doc_id: int) -> str:
    """Read through a brand-new Store (a fresh connection), as another process would."""
    fresh = Store.open(path)
    try:
        return fresh.doc_status(doc_id, fresh.annotator_id("tester", create=False))[0]
    finally:
        fresh.close()


def menu_action(window: MainWindow, menu: str, prefix: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.menus[menu].actions() if a.text().startswith(prefix))


def test_opens_project_and_lists_articles(window: MainWindow, project: tuple[Path, list[int]]) -> None:
    _path, ids = project
    assert window.articles.model.rowCount() == len(ids)
    assert window.current_document() == ids[0]
    assert window.workbench.current_document() == ids[0]
    assert window.articles.current_document() == ids[0]
    assert window.progress_label.text() == "Done \u20660 / 4\u2069"
    titles = [window.articles.model.index(r, 0).data() for r in range(4)]
    assert titles[1] == "الحوار مع أميركا"


def test_search_with_spelling_variant_filters_the_list(window: MainWindow, project: tuple[Path, list[int]],
                                                      qtbot: QtBot) -> None:
    _path, ids = project
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.articles.search.hasFocus()
    type_text(window.articles.search, "امريكا")
    qtbot.waitUntil(lambda: window.articles.model.rowCount() == 1, timeout=2000)
    assert window.articles.model.ids() == [ids[1]]
    qtbot.mouseClick(window.articles.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.articles.view.visualRect(window.articles.model.index(0, 0)).center())
    assert window.workbench.current_document() == ids[1]


def test_next_and_previous_unfinished_keys(window: MainWindow, project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    _path, ids = project
    window.workbench.view.setFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_document() == ids[1]
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current_document() == ids[0]
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # wraps
    assert window.current_document() == ids[3]


def test_ctrl_enter_marks_done_moves_on_and_undo_from_edit_menu(window: MainWindow, project: tuple[Path, list[int]],
                                                               qtbot: QtBot) -> None:
    path, ids = project
    window.workbench.view.setFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status_in_db(path, ids[0]) == "done"
    assert window.current_document() == ids[1]
    assert window.progress_label.text() == "Done \u20661 / 4\u2069"
    assert window.articles.model.data(window.articles.model.index(0, 3)) == "done"
    # the next Ctrl+Enter skips articles already done
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert window.current_document() == ids[2]
    undo = menu_action(window, "edit", "Undo")
    assert undo.text() == "Undo Mark article done"
    undo.trigger()
    assert status_in_db(path, ids[1]) == "not_started"
    assert window.progress_label.text() == "Done \u20661 / 4\u2069"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_in_db(path, ids[0]) == "not_started"
    assert window.progress_label.text() == "Done \u20660 / 4\u2069"
    assert menu_action(window, "edit", "Redo").text() == "Redo Mark article done"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert status_in_db(path, ids[0]) == "done"


def test_tagging_in_the_workbench_refreshes_only_its_row(window: MainWindow, project: tuple[Path, list[int]],
                                                         qtbot: QtBot) -> None:
    path, ids = project
    model = window.articles.model
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b: changed.extend(range(a.row(), b.row() + 1)))
    text = window.store.document(ids[0]).text
    start = text.index("فؤاد")
    window.workbench.view.select_range(start, start + len("فؤاد حسين"))  # type: ignore[attr-defined]
    window.workbench.view.setFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_1)
    assert model.row_data(0).spans == 1
    assert set(changed) == {0}
    assert menu_action(window, "edit", "Undo").text() == "Undo Add PER span"
    assert status_in_db(path, ids[0]) == "in_progress"


def test_theme_switch_from_view_menu(window: MainWindow, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette().color(QPalette.ColorRole.Window).lightness()
    menu_action(window, "view", "&Dark").trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80 < light
    assert window.settings.theme == "dark"
    assert window.act_dark.isChecked()
    menu_action(window, "view", "&Light").trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() == light


def test_arabic_interface_is_right_to_left_with_translated_menus(window: MainWindow, qtbot: QtBot) -> None:
    window.act_arabic.trigger()
    QApplication.processEvents()  # the LanguageChange event re-sets every text
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.articles.view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    titles = [m.title() for m in window.menuBar().findChildren(type(window.menus["file"]))
              if m in window.menus.values()]
    assert "&ملف" in titles and "&تحرير" in titles
    assert window.menus["file"].title() == "&ملف"
    assert window.progress_label.text() == "المنجز \u20660 / 4\u2069"
    assert window.articles.model.headerData(0, Qt.Orientation.Horizontal) == "العنوان"
    assert menu_action(window, "edit", "تراجع").text().startswith("تراجع عن")
    assert window.settings.language == "ar"
    window.act_english.trigger()
    QApplication.processEvents()
    assert window.menus["file"].title() == "&File"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_layout_font_size_and_last_article_are_remembered(project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    path, ids = project
    first = open_window(path)
    first.open_document(ids[2])
    first.splitter.setSizes([333, 700])
    sizes = first.splitter.sizes()
    first.act_bigger.trigger()
    first.act_bigger.trigger()
    assert first.settings.font_size == 18
    close_window(first)
    second = open_window(path)
    try:
        assert second.current_document() == ids[2]
        assert second.splitter.sizes()[0] == sizes[0]
        assert second.settings.font_size == 18
        assert second.workbench.view.font().pointSize() == 18
    finally:
        close_window(second)
        reset_app()


def test_help_keys_show_shortcuts_and_the_projects_guidelines(window: MainWindow, project: tuple[Path, list[int]],
                                                              qtbot: QtBot) -> None:
    path, _ids = project
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window._dialogs["shortcuts"]
    assert sheet.isVisible()
    text = sheet.browser.toPlainText()  # type: ignore[attr-defined]
    assert "Mark done and go to next" in text and "Alt+Down" in text and "PER" in text
    guide = path.with_name("news.guidelines.md")
    assert guide.exists()  # written from the template when the project was first opened
    qtbot.keyClick(window, Qt.Key.Key_F2)
    browser = window._dialogs["guidelines"].browser  # type: ignore[attr-defined]
    assert "Annotation guidelines" in browser.toPlainText()
    guide.write_text("# قواعد المشروع\n\nلا تعلّم الألقاب.\n", encoding="utf-8")
    window._dialogs["guidelines"].reload()  # type: ignore[attr-defined]
    assert "لا تعلّم الألقاب." in browser.toPlainText()
