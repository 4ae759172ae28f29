"""Every tool reached from the real main window: Review, Agreement, Assign, Assist, project search,
Export, and the window's key map (each key bound once), driven with keys and menus."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.commands import AddSpan
from annotator.store import Store
from ui.assign_dialog import AssignDialog
from ui.main_window import DOCK_WIDTH, LIST_MIN, WORKBENCH_MIN, MainWindow

from .test_app_support import ARTICLES, build_project, close_window, open_window, reset_app, type_text

WASHINGTON = (
    ("في واشنطن", "alaraby", "2021-07-27",
     "وصل الوزير إلى واشنطن صباح اليوم، وفي واشنطن التقى مسؤولين من أمريكا. وقال إن واشنطن شريك مهم."),
)


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / "news.db"
    return path, build_project(path, ARTICLES + WASHINGTON)


def open_main(path: Path, qtbot: QtBot) -> MainWindow:
    w = open_window(path)
    assert isinstance(w, MainWindow)
    qtbot.waitExposed(w)
    with qtbot.waitActive(w):
        w.activateWindow()
    return w


@pytest.fixture
def window(project: tuple[Path, list[int]], qtbot: QtBot) -> Iterator[MainWindow]:
    w = open_main(project[0], qtbot)
    yield w
    close_window(w)
    reset_app()


def two_layers(path: Path, doc: int, word: str) -> None:
    """Two other annotators tag ``word`` in ``doc`` (one as GPE, one as LOC), before the window opens."""
    store = Store.open(path)
    try:
        text = store.document(doc).text
        a = text.index(word)
        for name, label in (("sara", "GPE"), ("omar", "LOC")):
            who = store.annotator_id(name)
            store.run(AddSpan(doc, who, a, a + len(word), label), who)
    finally:
        store.close()


def spans(window: MainWindow, doc: int, status: str) -> list[tuple[int, int, str]]:
    return sorted((s.start, s.end, s.label) for s in window.store.spans(doc, window.annotator_id, layers=("entity",),
                                                                        statuses=(status,)))


def close_modal_soon(seen: list[QWidget]) -> None:
    """Close the next modal dialog once its event loop runs, remembering which it was."""
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
            return
        seen.append(dialog)
        assert isinstance(dialog, QDialog)
        dialog.reject()

    QTimer.singleShot(0, close)


# --- Review menu ------------------------------------------------------------------------------------


def test_ctrl_r_reviews_the_current_article_and_shares_the_undo_stack(project: tuple[Path, list[int]],
                                                                       qtbot: QtBot) -> None:
    path, ids = project
    two_layers(path, ids[1], "أميركا")
    window = open_main(path, qtbot)
    try:
        window.open_document(ids[1])
        window.workbench.view.setFocus()
        qtbot.keyClick(window.workbench.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        review = window.review.review_window
        assert review is not None and review.isVisible()
        assert review.view.current_document() == ids[1]
        assert review.view.reviewer_id == window.annotator_id
        assert len(review.view.model.items) == 1  # sara's GPE against omar's LOC
        review.view.accept()  # take the open item (the review window's keys are tested on their own)
        assert window.undo.stack.count() == 1
        assert window.act_undo is not None and window.act_undo.isEnabled()  # one stack, seen here too
        review.close()
        QApplication.processEvents()
        assert window.review.review_window is None  # closed and deleted; Ctrl+R opens a fresh one
        window.act_undo.trigger()
        assert window.undo.stack.index() == 0
    finally:
        close_window(window)
        reset_app()


def test_ctrl_r_without_an_article_says_so(window: MainWindow, qtbot: QtBot) -> None:
    window.open_document(None)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.review.review_window is None
    assert "Open an article" in window.statusBar().currentMessage()


def test_agreement_view_opens_from_the_review_menu(project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    path, ids = project
    two_layers(path, ids[1], "أميركا")
    window = open_main(path, qtbot)
    try:
        act = next(a for a in window.menus["review"].actions() if a.objectName() == "agreement")
        assert act.text() == "A&greement…"
        act.trigger()
        view = window.review.agreement_view
        assert view is not None and view.isVisible()
        qtbot.waitUntil(lambda: view.task is None and view.report is not None, timeout=30_000)
        assert view.isWindow() and view.parent() is window
        act.trigger()
        assert window.review.agreement_view is view  # raised, not opened twice
    finally:
        close_window(window)
        reset_app()


def test_assign_dialog_opens_from_the_review_menu(window: MainWindow) -> None:
    seen: list[QWidget] = []
    close_modal_soon(seen)
    next(a for a in window.menus["review"].actions() if a.objectName() == "assignArticles").trigger()
    assert len(seen) == 1 and isinstance(seen[0], AssignDialog)
    assert seen[0].parent() is window


# --- Assist menu ------------------------------------------------------------------------------------


def test_annotate_all_and_accept_by_key_from_the_main_window(window: MainWindow,
                                                             project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    _path, ids = project
    doc = ids[4]
    window.open_document(doc)
    text = window.store.document(doc).text
    first = text.index("واشنطن")
    view = window.workbench.view
    view.select_range(first, first + len("واشنطن"))  # type: ignore[attr-defined]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_3)  # GPE
    qtbot.keyClick(view, Qt.Key.Key_O)  # annotate all occurrences in this article
    suggested = spans(window, doc, "suggested")
    assert [(text[a:b], label) for a, b, label in suggested] == [("واشنطن", "GPE")] * 2
    assert "Suggested GPE on 2 occurrences" in window.statusBar().currentMessage()
    assert window.articles.model.row_data(window.articles.model.row_of(doc)).spans >= 1
    qtbot.keyClick(view, Qt.Key.Key_BracketRight)  # the next suggestion
    qtbot.keyClick(view, Qt.Key.Key_Y)  # accepted, and the next one selected
    assert len(spans(window, doc, "active")) == 2 and len(spans(window, doc, "suggested")) == 1
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ShiftModifier)  # accept all
    assert len(spans(window, doc, "active")) == 3 and not spans(window, doc, "suggested")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the main window's undo
    assert len(spans(window, doc, "suggested")) == 1


def test_annotate_all_in_the_project_from_the_assist_menu(window: MainWindow,
                                                          project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    _path, ids = project
    window.open_document(ids[1])
    text = window.store.document(ids[1]).text
    a = text.index("أميركا")
    window.workbench.view.select_range(a, a + len("أميركا"))  # type: ignore[attr-defined]
    window.workbench.view.setFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_3)
    act = next(x for x in window.menus["assist"].actions() if x.objectName() == "annotateAllProject")
    assert act.shortcut() == QKeySequence("Shift+O")
    act.trigger()
    # the other spelling in another article is suggested, and nothing else
    other = window.store.document(ids[4]).text
    assert [(other[a:b], label) for a, b, label in spans(window, ids[4], "suggested")] == [("أمريكا", "GPE")]
    assert window.undo.command_texts() == ["Add GPE span", "Suggest 1 occurrence"]
    window.open_document(ids[4])
    window.workbench.view.setFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_BracketRight)
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_N)  # rejected
    assert not spans(window, ids[4], "suggested") and not spans(window, ids[4], "active")


def test_suggest_whole_project_in_background(window: MainWindow, qtbot: QtBot) -> None:
    window.workbench.view.setFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_G,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    task = window.assist.task
    assert task is not None
    with qtbot.waitSignal(window.assist.projectSuggested, timeout=30_000) as got:
        pass
    assert got.args is not None and got.args[0] is not None and got.args[0].articles == 5
    assert window.assist.task is None


def test_closing_the_window_stops_a_running_project_suggestion(project: tuple[Path, list[int]],
                                                               qtbot: QtBot) -> None:
    path, _ids = project
    window = open_main(path, qtbot)
    task = window.assist.suggest_project()
    assert task is not None and window.assist.task is task
    window.close()  # cancels the run and waits for it before the project is closed
    assert task.isFinished()
    qtbot.wait(50)  # the task's queued end arrives after the window is gone: nothing may break
    reopened = open_main(path, qtbot)  # the lock was given back
    try:
        assert reopened.articles.model.rowCount() == 5
    finally:
        close_window(reopened)
        reset_app()


# --- project search dock ----------------------------------------------------------------------------


def test_search_dock_finds_a_spelling_variant_and_opens_the_hit(window: MainWindow,
                                                                project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    _path, ids = project
    assert window.current_document() == ids[0] and not window.search.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.search.isVisible() and window.search.query.hasFocus()
    assert window.search.toggleViewAction().isChecked()
    # the dock's room comes from the article list first, so the article keeps a readable width
    qtbot.waitUntil(lambda: window.search.width() >= DOCK_WIDTH - 20)
    narrowest = max(LIST_MIN, window.articles.minimumSizeHint().width())
    assert window.splitter.sizes()[0] <= narrowest or window.splitter.sizes()[1] >= WORKBENCH_MIN
    type_text(window.search.query, "امريكا")
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)  # search now, focus the results
    hits = window.search.model.hits
    assert sorted(h.doc_id for h in hits) == [ids[1], ids[4]]  # أميركا and أمريكا
    assert hits[0].doc_id == ids[1]
    assert window.search.results.hasFocus()
    qtbot.keyClick(window.search.results, Qt.Key.Key_Return)  # open the hit
    assert window.current_document() == ids[1]
    assert window.articles.current_document() == ids[1]
    text = window.store.document(ids[1]).text
    sel = window.workbench.view.selection()  # type: ignore[attr-defined]
    assert sel is not None and text[sel[0]:sel[1]] == "أميركا"
    assert window.workbench.view.hasFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_3)  # a label key tags the hit at once
    assert spans(window, ids[1], "active") == [(sel[0], sel[1], "GPE")]
    # Ctrl+Shift+F in the dock hides it again
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.search.query.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.search.isVisible() and not window.search.toggleViewAction().isChecked()


def test_label_all_hits_is_one_undoable_step_in_the_main_window(window: MainWindow,
                                                                project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    _path, ids = project
    window.search.focus_query()
    type_text(window.search.query, "واشنطن")
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    n = len(window.search.model.hits)
    assert n >= 3
    window.search.label.setCurrentIndex(window.search.label.findData("GPE"))
    QTest.mouseClick(window.search.label_button, Qt.MouseButton.LeftButton)
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert len(spans(window, ids[4], "active")) == 3
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not spans(window, ids[4], "active")


def test_search_dock_is_remembered_and_reset_layout_hides_it(project: tuple[Path, list[int]], qtbot: QtBot) -> None:
    path, _ids = project
    first = open_main(path, qtbot)
    view_menu = first.menus["view"].actions()
    assert first.search.toggleViewAction() in view_menu and first.search.toggleViewAction().text() == "Search project"
    first.search.toggleViewAction().trigger()
    assert first.search.isVisible()
    close_window(first)
    second = open_main(path, qtbot)
    try:
        assert second.search.isVisible()  # the dock is part of the remembered window state
        second.act_reset_layout.trigger()
        assert not second.search.isVisible() and not second.search.isFloating()
        assert second.settings.layout("state") is None
    finally:
        close_window(second)
        reset_app()


# --- the key map ------------------------------------------------------------------------------------


def bound_keys(top: QWidget) -> dict[str, list[str]]:
    """Every key of every action attached to a widget of the window ``top`` (menus and other windows
    excluded): key -> the names of the actions it triggers."""
    found: dict[str, set[QAction]] = defaultdict(set)
    for w in [top, *top.findChildren(QWidget)]:
        if w.window() is not top:
            continue
        for act in QWidget.actions(w):  # the Workbench's own actions() lists only its annotation keys
            for key in act.shortcuts():
                if not key.isEmpty():
                    found[key.toString()].add(act)
    return {k: sorted(a.objectName() or a.text() for a in acts) for k, acts in found.items()}


def test_no_key_is_bound_twice_in_the_main_window(window: MainWindow, qtbot: QtBot) -> None:
    keys = bound_keys(window)
    twice = {k: names for k, names in keys.items() if len(names) > 1}
    assert twice == {}
    # the window's own keys, the Workbench's label keys, Assist, Review and search are all there
    for key in ("Ctrl+R", "Ctrl+Shift+F", "Ctrl+E", "Ctrl+Z", "O", "Shift+O", "Y", "N", "G", "Ctrl+Shift+G",
                "1", "Alt+1", "A", "Ctrl+Return"):
        assert key in keys, key
    # the menu bar's mnemonics are distinct too
    letters = [m.title().split("&")[1][0].lower() for m in window.menus.values()]
    assert len(letters) == len(set(letters))
    # the review window is its own window with its own (unique) keys
    window.workbench.view.setFocus()
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    review = window.review.review_window
    assert review is not None
    review_keys = bound_keys(review)
    assert {k: n for k, n in review_keys.items() if len(n) > 1} == {}
    assert "Ctrl+Z" in review_keys and "Alt+Down" in review_keys
    assert bound_keys(window) == keys  # opening it added nothing to the main window
    review.close()


def test_shortcut_sheet_lists_the_tools(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    text = window._dialogs["shortcuts"].browser.toPlainText()  # type: ignore[attr-defined]
    for words in ("Review article", "Search the project", "Annotate all occurrences in this article",
                  "Suggest in the whole project"):
        assert words in text, words
