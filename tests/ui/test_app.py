"""Start-up: opening projects, first-start name prompt, and failures shown as messages, not tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, text

from annotator.cli import build_parser
from annotator.cli.common import default_project_path
from annotator.store import S, Store
from ui import app as app_module
from ui.main_window import MainWindow
from ui.project_dialogs import AnnotatorDialog, ProjectLock
from ui.settings import Settings

from .test_app_support import build_project, close_window, open_window, reset_app, type_text


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> list[str]:
    """Every QMessageBox shown, as "title | text | informative text"; answered by closing it."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.windowTitle()} | {box.text()} | {box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, body, *a: shown.append(f"{title} | {body}"))
    return shown


@pytest.fixture
def project(tmp_path: Path, qapp: QApplication) -> Iterator[Path]:
    path = tmp_path / "news.db"
    build_project(path)
    yield path
    reset_app()


def test_a_second_window_on_the_same_project_is_refused_with_a_message(project: Path, messages: list[str]) -> None:
    first = open_window(project)
    assert isinstance(first, MainWindow)
    try:
        assert open_window(project) is None
        assert len(messages) == 1
        assert "Cannot open project" in messages[0]
        assert "Another annotator window or process has this project open" in messages[0]
        assert "this computer" in messages[0]
    finally:
        close_window(first)
    # closing the window releases the lock
    again = open_window(project)
    assert isinstance(again, MainWindow)
    close_window(again)


def test_lock_held_by_another_process_object(project: Path, messages: list[str]) -> None:
    other = ProjectLock(project)
    other.acquire()
    try:
        assert open_window(project) is None
        assert "Another annotator window or process" in messages[0]
    finally:
        other.release()


def test_project_from_a_newer_version_shows_a_message(project: Path, messages: list[str]) -> None:
    store = Store.open(project)
    with store.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    store.close()
    assert open_window(project) is None
    assert "newer version of annotator" in messages[0]
    assert not Path(str(project) + ".lock").exists()  # the lock was given back


def test_a_file_that_is_not_a_project_shows_a_message(tmp_path: Path, messages: list[str]) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not a database\n" * 200)
    assert open_window(junk) is None
    assert "not an annotator project" in messages[0]


def test_choosing_another_project_after_a_failure_opens_it(tmp_path: Path, project: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"x" * 5000)
    asked: list[str] = []

    def answer(parent: object, target: str, message: str) -> str:
        asked.append(target)
        return str(project)

    monkeypatch.setattr(app_module, "ask_after_open_failure", answer)
    window = open_window(junk)
    try:
        assert isinstance(window, MainWindow)
        assert asked == [str(junk)]
        assert window.store.path == project
    finally:
        close_window(window)


def test_labels_missing_from_the_schema_are_reported_and_the_project_still_opens(project: Path,
                                                                                messages: list[str],
                                                                                qtbot: QtBot) -> None:
    store = Store.open(project)
    me = store.annotator_id("tester")
    with store.write() as conn:  # a label the schema lacks (an old schema, or imported data)
        conn.execute(insert(S).values(doc_id=1, annotator_id=me, start=0, end=3,
                                      layer="entity", label="WEAPON", origin="manual", status="active"))
    store.close()
    window = open_window(project)
    try:
        assert isinstance(window, MainWindow)
        qtbot.waitUntil(lambda: bool(messages), timeout=5000)  # found by a scan off the GUI thread
        assert "Labels missing from the schema" in messages[0] and "WEAPON" in messages[0]
    finally:
        close_window(window)


def test_first_start_asks_who_is_annotating_and_remembers(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                          qtbot: QtBot) -> None:
    monkeypatch.delenv("ANNOTATOR_USER")

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AnnotatorDialog)
        dialog.combo.lineEdit().clear()
        type_text(dialog.combo.lineEdit(), "سارة")
        dialog.ok_button.click()

    QTimer.singleShot(0, answer)
    window = open_window(project, annotator=None)
    try:
        assert isinstance(window, MainWindow)
        assert window.store.annotator_name(window.annotator_id) == "سارة"
        assert Settings().annotator == "سارة"
    finally:
        close_window(window)
    again = open_window(project, annotator=None)  # no second question
    try:
        assert again.store.annotator_name(again.annotator_id) == "سارة"
    finally:
        close_window(again)


def test_switch_annotator_from_the_file_menu(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(project)
    try:
        window.act_done.trigger()
        assert window.progress_label.text() == "Done \u20661 / 4\u2069"
        monkeypatch.setattr("ui.main_window.ask_annotator", lambda parent, names, current: "omar")
        window.act_switch.trigger()
        assert window.store.annotator_name(window.annotator_id) == "omar"
        assert window.workbench.annotator_id == window.annotator_id
        assert window.progress_label.text() == "Done \u20660 / 4\u2069"
        assert window.undo.stack.count() == 0
        assert Settings().annotator == "omar"
    finally:
        close_window(window)


def test_unexpected_errors_are_shown_and_logged(messages: list[str]) -> None:
    try:
        raise ValueError("boom in a slot")
    except ValueError as e:
        app_module.excepthook(type(e), e, e.__traceback__)
    assert "Unexpected error" in messages[0] and "boom in a slot" in messages[0]
    log = app_module.error_log_path().read_text(encoding="utf-8")
    assert "ValueError: boom in a slot" in log and "Traceback" in log


def test_gui_command_opens_the_given_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, object]] = []
    monkeypatch.setattr(app_module, "run_gui", lambda target, annotator: calls.append((target, annotator)) or 0)
    args = build_parser().parse_args(["--annotator", "lina", "gui", str(tmp_path / "p.db")])
    assert args.handler(args) == 0
    assert calls == [(tmp_path / "p.db", "lina")]
    args = build_parser().parse_args(["gui"])
    args.handler(args)
    assert calls[-1] == (default_project_path(), None)
