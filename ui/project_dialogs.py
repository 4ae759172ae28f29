"""Dialogs around opening a project: who is annotating, and clear messages when a project cannot open.

Nothing here shows a traceback: each failure (locked by another writer, written by a newer
version, not a project, a broken schema) becomes a message a user can act on, with the choice
to pick another project or quit.
"""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import DatabaseError, OperationalError

from annotator.db import NewerProjectError, ProjectError
from annotator.schema import SchemaError

LOCK_SUFFIX = ".lock"


def lock_path(db: Path) -> Path:
    """The lock file kept next to a SQLite project while a window has it open for writing."""
    return db.with_name(db.name + LOCK_SUFFIX)


class ProjectLockedError(ProjectError):
    """Another annotator window or process holds the project's lock file."""


class ProjectLock:
    """A QLockFile next to the SQLite file; a lock left by a crashed process is taken over."""

    def __init__(self, db: Path) -> None:
        self.path = lock_path(db)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # stale only when the owning process is gone, never by age

    def acquire(self) -> None:
        if self._lock.tryLock(0):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname)
            where = ""
            if isinstance(info, tuple) and len(info) >= 2 and info[0]:
                pid, host = info[-3], info[-2]
                where = QCoreApplication.translate("ProjectDialogs", "(process %1 on %2)").replace("%1", str(pid)).replace(
                    "%2", host if host != socket.gethostname() else QCoreApplication.translate("ProjectDialogs", "this computer"))
            raise ProjectLockedError(
                QCoreApplication.translate("ProjectDialogs", "Another annotator window or process has this project open for writing %1. "
                    "Close it there first, or open another project.").replace("%1", where).replace("  ", " ")
            )
        raise ProjectLockedError(QCoreApplication.translate("ProjectDialogs", "Cannot create the lock file %1 (is the folder read-only?).")
                                 .replace("%1", str(self.path)))

    def release(self) -> None:
        self._lock.unlock()


def describe_open_error(exc: BaseException) -> str:
    """A sentence a user can act on for an exception raised while opening a project."""
    if isinstance(exc, ProjectLockedError):
        return str(exc)
    if isinstance(exc, NewerProjectError):
        return QCoreApplication.translate("ProjectDialogs", "This project was saved by a newer version of annotator. Update annotator to open it; "
                   "this version leaves the file untouched.") + "\n\n" + str(exc)
    if isinstance(exc, SchemaError):
        return QCoreApplication.translate("ProjectDialogs", "The project's label schema is broken, so its labels cannot be shown.") + "\n\n" + str(exc)
    if isinstance(exc, ProjectError):
        return str(exc)
    if isinstance(exc, OperationalError | DatabaseError):
        return QCoreApplication.translate("ProjectDialogs", "The file is not an annotator project or cannot be read (it may be damaged, "
                   "or locked by another program).") + "\n\n" + str(getattr(exc, "orig", exc))
    if isinstance(exc, OSError):
        return QCoreApplication.translate("ProjectDialogs", "The project file cannot be read.") + "\n\n" + str(exc)
    return QCoreApplication.translate("ProjectDialogs", "The project cannot be opened.") + "\n\n" + f"{type(exc).__name__}: {exc}"


def ask_after_open_failure(parent: QWidget | None, target: str, message: str) -> str | None:
    """Show why ``target`` did not open; return another project chosen by the user, or None.

    With no window open yet (``parent`` None) giving up quits the app; otherwise it just cancels.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ProjectDialogs", "Cannot open project"))
    box.setText(QCoreApplication.translate("ProjectDialogs", "Cannot open the project %1").replace("%1", target))
    box.setInformativeText(message)
    choose = box.addButton(QCoreApplication.translate("ProjectDialogs", "Open another project…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("ProjectDialogs", "Quit") if parent is None else QCoreApplication.translate("ProjectDialogs", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not choose:
        return None
    return choose_project_file(parent)


def choose_project_file(parent: QWidget | None, start: str = "") -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("ProjectDialogs", "Open project"), start,
                                                QCoreApplication.translate("ProjectDialogs", "Annotator projects (*.db *.sqlite);;All files (*)"))
    return path or None


def warn_unknown_labels(parent: QWidget | None, labels: list[str]) -> None:
    """Spans carry labels the project's schema no longer defines: say so once, keep working."""
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("ProjectDialogs", "Labels missing from the schema"),
        QCoreApplication.translate("ProjectDialogs", "Some spans use labels that the project's schema does not define: %1. They are shown "
            "in grey and cannot be applied by key; add them back to the schema to edit them.")
        .replace("%1", ", ".join(labels)),
    )


class AnnotatorDialog(QDialog):
    """Asks who is annotating: pick a known name of this project or type a new one."""

    def __init__(self, names: list[str], current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is annotating?"))
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.addItems(names)
        self.combo.setEditText(current)
        self.combo.setMinimumWidth(260)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.combo.editTextChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        self.ok_button.setEnabled(bool(current.strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Your name. Your annotations, progress and undo history are "
                                        "kept under it; you can switch later from the File menu."), self,
                                wordWrap=True))
        layout.addWidget(self.combo)
        layout.addWidget(buttons)

    def name(self) -> str:
        return self.combo.currentText().strip()


def ask_annotator(parent: QWidget | None, names: list[str], current: str = "") -> str | None:
    """The name typed or picked, or None when the user cancelled."""
    dlg = AnnotatorDialog(names, current, parent)
    if dlg.exec() != QDialog.DialogCode.Accepted or not dlg.name():
        return None
    return dlg.name()
