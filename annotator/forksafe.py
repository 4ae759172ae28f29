"""Whether this process may fork workers (parallel import readers, the native export's second half)."""

from __future__ import annotations

import sys
import threading


def can_fork() -> bool:
    """Linux, one thread, no Qt: the CLI, scripts, the benchmark. Not the GUI, whose threads and
    Qt state a fork would copy half-way; there the work runs in the calling process."""
    return sys.platform == "linux" and threading.active_count() == 1 and "PySide6.QtCore" not in sys.modules
