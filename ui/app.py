"""Application start-up: QApplication, bundled fonts, theme and language, then the project window.

``run_gui`` is what ``annotator`` (no arguments) and ``annotator gui PATH`` call. Every way a
project can fail to open ends in a message with the choice of another project, and unexpected
errors later on are shown in a dialog and logged to the data folder instead of killing the app.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from annotator.cli.common import data_dir
from annotator.db import to_url
from annotator.store import S, Store
from ui.fonts import ensure_fonts, ui_font
from ui.help import ensure_guidelines
from ui.i18n import install_language
from ui.project_dialogs import (
    ProjectLock,
    ask_after_open_failure,
    ask_annotator,
    describe_open_error,
    warn_unknown_labels,
)
from ui.settings import Settings
from ui.themes import apply_theme
from ui.workers import Task


def error_log_path() -> Path:
    return data_dir() / "logs" / "errors.log"


def log_error(text: str) -> Path | None:
    """Append a report to the error log in the data folder; None if even that is impossible."""
    path = error_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        return None
    return path


_in_hook = False


def excepthook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Show an unexpected error in a dialog and log it, instead of crashing or printing a traceback."""
    global _in_hook
    text = "".join(traceback.format_exception(etype, value, tb))
    where = log_error(text)
    if _in_hook or QApplication.instance() is None:
        sys.__stderr__.write(text) if sys.__stderr__ else None
        return
    _in_hook = True
    try:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("App", "Unexpected error"))
        box.setText(QCoreApplication.translate("App", "Something went wrong: %1").replace("%1", f"{etype.__name__}: {value}"))
        box.setInformativeText(
            QCoreApplication.translate("App", "Your annotations up to the last edit are saved. The details were written to %1.")
            .replace("%1", str(where) if where else QCoreApplication.translate("App", "(the log could not be written)")))
        box.setDetailedText(text)
        box.exec()
    finally:
        _in_hook = False


def install_excepthook() -> None:
    sys.excepthook = excepthook


def setup_application(app: QApplication, settings: Settings) -> str:
    """Fonts, theme and language from the settings; returns the Arabic font family."""
    QCoreApplication.setOrganizationName("annotator")
    QCoreApplication.setApplicationName("annotator")
    arabic = ensure_fonts()
    app.setFont(ui_font(app.font().pointSize() if app.font().pointSize() > 0 else 10))
    apply_theme(app, settings.theme)
    install_language(app, settings.language)
    return arabic


def _is_file_target(target: str | Path) -> bool:
    return "://" not in str(target)


def open_store(target: str | Path) -> tuple[Store, ProjectLock | None]:
    """Lock (for SQLite files) and open the project; raises with a message fit for the user."""
    lock = None
    if _is_file_target(target):
        path = Path(target).expanduser().resolve()
        if path.exists() and not path.is_file():
            raise IsADirectoryError(f"{path} is a folder, not a project file")
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = ProjectLock(path)
        lock.acquire()
    try:
        store = Store.open(target)
        store.schema  # noqa: B018  (parse it now so a broken schema is reported here)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return store, lock


def unknown_labels(store: Store) -> list[str]:
    """Entity labels present in spans but missing from the project's schema."""
    with store.read() as conn:
        used = conn.execute(select(S.c.label).where(S.c.layer == "entity").distinct()).scalars().all()
    known = set(store.schema.labels)
    return sorted(str(x) for x in used if x not in known)


def check_labels(store: Store, window: QWidget) -> None:
    """Warn when spans carry entity labels the schema lacks. Finding them reads every span (~0.3 s
    per million), so for a project file a worker thread does it once the window is up."""

    def warn(missing: list[str]) -> None:
        if missing and shiboken6.isValid(window) and window.isVisible():
            warn_unknown_labels(window, missing)

    if store.path is None:  # a server (or an in-memory database, one connection for every thread)
        warn(unknown_labels(store))
        return
    app = QCoreApplication.instance()
    task = Task(lambda _progress, _cancelled: unknown_labels(store), app)
    task.succeeded.connect(warn)
    task.finished.connect(task.deleteLater)
    if app is not None:
        app.aboutToQuit.connect(task.wait)  # never destroy a running thread at exit
    task.start()


class AppController(QObject):
    """Opens projects into main windows; a newly opened project replaces the current window."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.window: QWidget | None = None

    def resolve_annotator(self, store: Store, given: str | None) -> str | None:
        """--annotator, else $ANNOTATOR_USER, else the name kept in settings, else ask (first start)."""
        name: str | None = given or os.environ.get("ANNOTATOR_USER") or self.settings.annotator
        if not name:
            default = os.environ.get("USER") or os.environ.get("USERNAME") or ""
            name = ask_annotator(self.window, [a.name for a in store.annotators()], default)
            if not name:
                return None
        self.settings.annotator = name
        return name

    def open(self, target: str | Path, annotator: str | None = None) -> QWidget | None:
        """Open ``target`` in a new main window (asking for another project on failure); None if given up."""
        from ui.main_window import MainWindow  # imports the Workbench: only once a project is open

        current: str | Path | None = target
        open_now = getattr(self.window, "store", None)
        if open_now is not None and _is_file_target(target) and open_now.path == Path(target).expanduser().resolve():
            self.window.raise_()  # type: ignore[union-attr]
            return self.window  # already open here: its own lock would refuse it
        while current is not None:
            try:
                store, lock = open_store(current)
            except Exception as e:
                current = ask_after_open_failure(self.window, str(current), describe_open_error(e))
                continue
            name = self.resolve_annotator(store, annotator)
            if name is None:
                store.close()
                if lock is not None:
                    lock.release()
                return None
            # the guidelines live next to the project from its first open, ready to edit; in a
            # read-only folder F2 says why they are missing
            with contextlib.suppress(OSError):
                ensure_guidelines(store)
            project = to_url(current) if _is_file_target(current) else str(current)
            window = MainWindow(store, self.settings, store.annotator_id(name), project, lock)
            window.openProjectRequested.connect(self.open)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            old, self.window = self.window, window
            if _is_file_target(current):
                self.settings.last_project = str(Path(current).expanduser().resolve())
            window.show()
            if old is not None:
                old.close()
            check_labels(store, window)
            return window
        return None


def run_gui(target: str | Path, annotator: str | None = None) -> int:
    """Start the desktop app on ``target`` (a project file or URL); returns the exit code."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    settings = Settings()
    setup_application(app, settings)
    install_excepthook()
    controller = AppController(settings, app)
    if controller.open(target, annotator) is None:
        return 1
    _close_on_signals(app)
    return int(app.exec())


def _close_on_signals(app: QApplication) -> None:
    """Ctrl+C or a polite kill closes the windows normally, so layout and time spent are saved."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda _s, _f: app.closeAllWindows())
    # Python runs signal handlers only between bytecodes: wake the interpreter now and then
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
