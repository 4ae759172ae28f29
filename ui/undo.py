"""One QUndoStack over the core commands.

``UndoAdapter.push`` runs the command in the store first (one committed transaction), so a
refused edit raises :class:`~annotator.store.CommandError` to the caller and never reaches the
stack; only then is it pushed, with its first ``redo`` skipped. Undo and redo go through the
same store, and every change is announced with the command's ``Changes`` so views refresh only
what was touched.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.commands import Changes, Command
from annotator.store import Store
from ui.command_text import command_text


class _StackCommand(QUndoCommand):
    def __init__(self, adapter: UndoAdapter, command: Command, who: int | None) -> None:
        super().__init__(command_text(command.text))  # the Edit menu's name, in the interface language
        self._adapter = adapter
        self.command = command
        self._who = who
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._adapter._apply(self, undo=False)

    def undo(self) -> None:
        self._adapter._apply(self, undo=True)


class UndoAdapter(QObject):
    """The app's single undo stack; ``changed`` carries the ``Changes`` of every do/undo/redo."""

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, store: Store, who: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.who = who
        self.stack = QUndoStack(self)

    def push(self, command: Command) -> Changes:
        """Do ``command`` now (committed), then put it on the stack; raises CommandError if refused."""
        changes = self.store.run(command, self.who)
        self.stack.push(_StackCommand(self, command, self.who))
        self.changed.emit(changes)
        return changes

    def record(self, command: Command, changes: Changes) -> None:
        """Put a command that was already done (committed, e.g. by a worker thread with the same
        annotator) on the stack, so it is undone like any other edit; announces its ``changes``."""
        self.stack.push(_StackCommand(self, command, self.who))
        self.changed.emit(changes)

    def _apply(self, qcmd: _StackCommand, *, undo: bool) -> None:
        try:
            changes = self.store.run(qcmd.command, self.who, undo=undo)
        except Exception as e:  # e.g. the project became read-only or locked meanwhile
            qcmd.setObsolete(True)
            text = self.tr("Could not undo “%1”: %2") if undo else self.tr("Could not redo “%1”: %2")
            self.failed.emit(text.replace("%2", str(e)).replace("%1", qcmd.text()))
            return
        self.changed.emit(changes)

    def clear(self) -> None:
        self.stack.clear()

    def command_texts(self) -> list[Any]:
        return [self.stack.text(i) for i in range(self.stack.count())]
