"""Exports in two processes: a forked child writes the second half of the articles while this
process writes the first (native JSONL and the training formats; about 1.6x faster on two cores).

Only where forking is safe (:func:`annotator.forksafe.can_fork`: the CLI and scripts, not the
GUI), on a SQLite project, with enough articles to pay for the fork. The child opens the project
afresh (never the inherited connections) and reports a picklable result through a pipe. Both
halves must be one snapshot of the project: a connection watches ``PRAGMA data_version`` from
before the fork until the child is done, and if anything was committed meanwhile (or the child
failed) the caller writes the export again in one process. An :class:`ExportError` of the child
(a span failing validation) is raised here, as it would be in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from annotator.export.model import ExportError, Progress
from annotator.forksafe import can_fork
from annotator.store import Store

#: below this many articles an export runs in one process (a fork costs more than it saves)
FORK_MIN_ARTICLES = 2000


def forkable(store: Store) -> bool:
    """Whether this export may run in two processes (a checkpoint still running after an import,
    which would keep the process from forking, is waited for: :func:`can_fork`)."""
    return (store.dialect == "sqlite" and store.path is not None and (os.cpu_count() or 1) >= 2
            and store.doc_count() >= FORK_MIN_ARTICLES and can_fork(store.settle))


class Halves:
    """Progress of the two halves as one (``progress(done, total)`` over all the articles): this
    process reports its own through :meth:`here`, the child's arrives through the pipe, ahead of
    its last word (its result), which :meth:`poll` keeps."""

    def __init__(self, progress: Progress | None, receive: Connection) -> None:
        self.progress = progress
        self.receive = receive
        self.mine = self.theirs = self.my_total = 0
        self.their_total: int | None = None  # unknown until the child reports
        self.last: tuple[str, Any] | None = None

    def here(self, done: int, total: int) -> None:
        self.mine, self.my_total = done, total
        self.poll()
        self.report()

    def poll(self) -> tuple[str, Any] | None:
        """Read what the child sent so far; its last word once it came."""
        while self.last is None and self.receive.poll():
            try:
                msg: tuple[str, Any] = self.receive.recv()
            except EOFError:  # the process ended without a word
                msg = ("error", None)
            if msg[0] == "progress":
                self.theirs, self.their_total = msg[1]
            else:
                self.last = msg
        return self.last

    def report(self) -> None:
        total = self.my_total + (self.my_total if self.their_total is None else self.their_total)
        if self.progress is not None and total:
            self.progress(self.mine + self.theirs, total)


def in_two[R](store: Store, child: Callable[[Store, Progress], R], here: Callable[[Progress], None],
              progress: Progress | None = None) -> R | None:
    """``child(project opened afresh, its progress)`` in a forked process while ``here(progress)``
    runs in this one; the child's result, or None when the work must be done again in one
    process. ``progress`` sees both halves as one."""
    assert store.path is not None
    watch = watcher(store.path)  # sees commits by anyone else
    try:
        version = watch.execute("PRAGMA data_version").fetchone()[0]
        ctx = multiprocessing.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(store.path, child, send), name="export-half", daemon=True)
        halves = Halves(progress, receive)
        try:
            proc.start()
            send.close()
            here(halves.here)
            got = halves.poll()
            while got is None:  # the child's progress, then its last word
                receive.poll(None)
                got = halves.poll()
                halves.report()
            proc.join()
        finally:
            receive.close()
            if proc.is_alive():
                proc.kill()
                proc.join()
        if got[0] == "export-error":
            raise ExportError(got[1])
        same = watch.execute("PRAGMA data_version").fetchone()[0] == version
        return got[1] if got[0] == "ok" and proc.exitcode == 0 and same else None
    finally:
        watch.close()


def part_path(out: Path, what: str = "") -> Path:
    """A hidden file beside ``out`` for the forked half's output (``what``: which of several)."""
    return out.with_name(f".{out.name}.{os.getpid()}{'.' + what if what else ''}.part")


def append_part(part: Path, f: IO[bytes]) -> None:
    """The forked half's output, after this process's in ``f``."""
    with part.open("rb") as src:
        shutil.copyfileobj(src, f, 1 << 22)


def watcher(path: Path) -> sqlite3.Connection:
    """A read-only connection to the project file for ``PRAGMA data_version`` (the path quoted
    for SQLite's URI syntax: spaces, ``#``, ``?`` and ``%`` in folder names)."""
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


def _child(path: Path, work: Callable[[Store, Progress], Any], send: Connection) -> None:
    def progress(done: int, total: int) -> None:
        send.send(("progress", (done, total)))

    try:
        send.send(("ok", work(Store.open(path), progress)))
    except ExportError as e:
        send.send(("export-error", str(e)))
    except Exception as e:  # reported as a failure: the parent writes the export alone
        send.send(("error", repr(e)))
    finally:
        send.close()
