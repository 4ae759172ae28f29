"""Active time on an article: seconds it is open while the annotator is actually working.

Time between two input events counts up to ``IDLE`` seconds, so an article left open over lunch
adds at most that; time while the application is not the active one does not count.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication

IDLE = 120.0  # seconds without input after which the annotator is taken to be away
_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class WorkTimer(QObject):
    """Install on the widgets the annotator works in; :meth:`take` returns and resets the total."""

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._seconds = 0.0
        self._last: float | None = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_state)

    def start(self) -> None:
        self._seconds = 0.0
        self._last = self._clock()

    def activity(self) -> None:
        now = self._clock()
        if self._last is not None:
            self._seconds += min(now - self._last, IDLE)
        self._last = now

    def pause(self) -> None:
        if self._last is not None:
            self.activity()
            self._last = None

    def take(self) -> float:
        """Seconds worked since ``start`` (or the last ``take``), counting up to now."""
        if self._last is not None:
            self.activity()
        seconds, self._seconds = self._seconds, 0.0
        return seconds

    def _on_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            if self._last is None:
                self._last = self._clock()
        else:
            self.pause()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            if self._last is None:
                self._last = self._clock()
            else:
                self.activity()
        return False
