"""Whether this process may fork workers (parallel import readers, the native export's second half)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable


def can_fork(settle: Callable[[], object] | None = None) -> bool:
    """Linux, one thread, no Qt: the CLI, scripts, the benchmark. Not the GUI, whose threads and
    Qt state a fork would copy half-way; there the work runs in the calling process.

    ``settle`` waits for the caller's own helper threads to end (a project's WAL checkpoint after
    an import, :meth:`annotator.store.Store.settle`); it is called only where nothing else rules
    a fork out, so the GUI never waits for it.
    """
    if sys.platform != "linux" or "PySide6.QtCore" in sys.modules:
        return False
    if settle is not None and threading.active_count() > 1:
        settle()
    return threading.active_count() == 1
