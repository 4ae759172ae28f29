"""Long jobs (project-wide suggestions, exports) off the GUI thread, with progress and cancel.

A :class:`Task` is a ``QThread`` running one plain function ``fn(progress, cancelled)``: the
core's runners already take exactly these two callbacks, so nothing of the core is duplicated
here. The function runs in the worker thread and must create no Qt objects; it talks to the GUI
only through this object's signals, which Qt queues to the thread that owns the receivers.
The Store is safe to use from the worker: SQLAlchemy engines are thread-safe and every core
call opens its own connection and transaction (an in-memory SQLite project is the exception:
it has one shared connection, so run tasks on project files).

:class:`ProgressDialog` is the view of a running task: a bar, a line of text, and Cancel.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
TaskFn = Callable[[ProgressFn, CancelledFn], Any]


#: while a task runs, the interpreter switches threads every millisecond instead of every 5: the
#: GUI thread re-takes the GIL after each Qt call it makes, and waiting up to 5 ms each time behind
#: a busy worker added up to stalls of a quarter second while painting (bench/bench_assist_gui.py)
SWITCH_INTERVAL = 0.001
_running = 0
_running_lock = threading.Lock()
_saved_interval = sys.getswitchinterval()


def _task_started() -> None:
    global _running, _saved_interval
    with _running_lock:
        if _running == 0:
            _saved_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved_interval, SWITCH_INTERVAL))
        _running += 1


def _task_ended() -> None:
    global _running
    with _running_lock:
        _running -= 1
        if _running == 0:
            sys.setswitchinterval(_saved_interval)


class Cancelled(Exception):
    """Raised inside a task by :meth:`Task.check` (or by the task itself) to stop early."""


class Task(QThread):
    """Runs ``fn(progress, cancelled)`` in a worker thread; exactly one of ``succeeded``,
    ``failed`` or ``cancelledDone`` is emitted at the end, then ``QThread.finished``."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # fn's return value
    failed = Signal(str)  # a message for the user (the traceback goes to ``details``)
    cancelledDone = Signal()  # the task stopped because cancel() was called

    def __init__(self, fn: TaskFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.details = ""
        self.outcome = ""  # "" while running; then "succeeded" | "failed" | "cancelled"

    # called from the GUI thread
    def cancel(self) -> None:
        """Ask the task to stop; it does at its next ``cancelled()`` check or progress report."""
        self._cancel.set()

    # called from the worker thread
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancel was asked (for functions with no cancel hook)."""
        if self._cancel.is_set():
            raise Cancelled

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))

    def run(self) -> None:
        _task_started()
        try:
            self._run()
        finally:
            _task_ended()

    def _run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel.is_set)
        except Cancelled:
            self.outcome = "cancelled"
            self.cancelledDone.emit()
            return
        except Exception as e:  # shown to the user; the GUI thread never sees a raw traceback
            self.error = e
            self.details = traceback.format_exc()
            self.outcome = "failed"
            self.failed.emit(str(e) or type(e).__name__)
            return
        self.result = result
        if self._cancel.is_set() and getattr(result, "cancelled", False):
            self.outcome = "cancelled"
            self.cancelledDone.emit()
            return
        self.outcome = "succeeded"
        self.succeeded.emit(result)


def stopping(progress: ProgressFn, cancelled: CancelledFn) -> ProgressFn:
    """``progress`` that also raises :class:`Cancelled` once cancel was asked: for core functions
    that report progress but take no cancel flag, such as exports (their files are written
    atomically, so stopping half-way leaves nothing behind)."""

    def report(done: int, total: int) -> None:
        if cancelled():
            raise Cancelled
        progress(done, total)

    return report


class ProgressDialog(QProgressDialog):
    """Window-modal progress of a :class:`Task`: the window keeps painting and Cancel stays live,
    while edits that would race the task are held until it ends. Closes itself when it ends."""

    def __init__(
        self, task: Task, label: str, parent: QWidget | None = None, *, cancellable: bool = True
    ) -> None:
        super().__init__(label, self.tr("Cancel"), 0, 0, parent)
        self._cancellable = cancellable
        if not cancellable:  # e.g. one transaction: it cannot stop half-way
            self.setCancelButton(None)
        self.setObjectName("taskProgress")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.task = task
        self._label = label
        task.progressed.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self.canceled.connect(self._on_cancel)
        self.show()  # at once, not after the first progress report (a chunk may take seconds)

    def _on_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.setRange(0, 0)  # busy indicator
            return
        self.setRange(0, total)
        self.setValue(min(done, total))
        self.setLabelText(f"{self._label}\n{done:,} / {total:,}")

    def _on_cancel(self) -> None:
        if not self._cancellable:  # Esc: the task goes on, and so does the dialog
            self.show()
            return
        self.task.cancel()
        self.setLabelText(self.tr("Stopping…"))
        self.setCancelButtonText("")  # hide the button: the task stops at its next check
        self.show()  # QProgressDialog hides itself on cancel; stay up until the task has stopped

    def _on_finished(self) -> None:
        self.canceled.disconnect(self._on_cancel)  # closing emits canceled(); the task is over
        self.close()
        self.deleteLater()
