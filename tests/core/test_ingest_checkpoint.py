"""An import returns once it is committed; copying the write-ahead log into the database file
(the checkpoint) follows on a thread of its own, which forking and closing wait for."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import threading
import types
from pathlib import Path

import pytest

import annotator.ingest as ingest
from annotator.export import forked
from annotator.export.forked import forkable
from annotator.forksafe import can_fork
from annotator.ingest import import_paths
from annotator.store import Store

from ..conftest import SEEDS


def _documents_in(db: Path) -> int:
    """Articles in the database file alone (a copy without its write-ahead log)."""
    copy = db.with_name("copy-" + db.name)
    shutil.copyfile(db, copy)
    conn = sqlite3.connect(copy)
    try:
        return int(conn.execute("SELECT count(*) FROM document").fetchone()[0])
    except sqlite3.OperationalError:  # the schema itself is still only in the log
        return 0
    finally:
        conn.close()
        copy.unlink()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Checkpoints wait until the returned event is set."""
    release = threading.Event()
    real = Store._checkpoint_now

    def held_back(self: Store) -> None:
        assert release.wait(30)
        real(self)

    monkeypatch.setattr(Store, "_checkpoint_now", held_back)
    return release


def test_an_import_returns_committed_before_its_checkpoint(tmp_path: Path, held: threading.Event) -> None:
    db = tmp_path / "p.db"
    store = Store.open(db)
    report = import_paths(store, [SEEDS])
    assert report.imported == 5
    checkpointer = store._checkpointer
    assert checkpointer is not None and checkpointer.is_alive()  # still held back, and the import returned
    other = sqlite3.connect(db)  # committed: another connection reads every article
    assert other.execute("SELECT count(*) FROM document").fetchone()[0] == 5
    other.close()
    assert _documents_in(db) == 0  # the database file alone does not hold them yet
    held.set()
    store.settle()
    assert not checkpointer.is_alive() and store._checkpointer is None
    assert _documents_in(db) == 5  # copied from the log into the file
    store.close()


def test_closing_waits_for_the_checkpoint(tmp_path: Path, held: threading.Event) -> None:
    db = tmp_path / "p.db"
    store = Store.open(db)
    import_paths(store, [SEEDS])
    checkpointer = store._checkpointer
    assert checkpointer is not None
    threading.Timer(0.2, held.set).start()
    store.close()
    assert not checkpointer.is_alive()
    assert _documents_in(db) == 5


def test_forking_waits_for_the_checkpoint_except_where_it_could_not_fork_anyway(
        tmp_path: Path, held: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "p.db")
    import_paths(store, [SEEDS])
    assert store._checkpointer is not None
    # the GUI (Qt loaded) never forks: it does not wait for the checkpoint either
    monkeypatch.setitem(sys.modules, "PySide6.QtCore", types.ModuleType("PySide6.QtCore"))
    assert can_fork(store.settle) is False
    assert store._checkpointer is not None and store._checkpointer.is_alive()
    # elsewhere the checkpoint thread is waited for (other threads this test process may hold
    # still rule the fork out; the store's own is gone)
    monkeypatch.delitem(sys.modules, "PySide6.QtCore")
    threading.Timer(0.2, held.set).start()
    can_fork(store.settle)
    assert store._checkpointer is None
    store.close()


def test_imports_and_exports_hand_the_store_to_the_fork_check(tmp_path: Path, held: threading.Event,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "p.db")
    import_paths(store, [SEEDS])
    asked: list[object] = []
    monkeypatch.setattr(ingest, "workers", lambda settle=None: asked.append(settle) or 0)
    monkeypatch.setattr(ingest, "MIN_JSONL_BYTES", 1)
    src = tmp_path / "more.jsonl"
    src.write_text('{"text": "قال الوزير إن العراق يرحب"}\n', encoding="utf-8")
    assert import_paths(store, [src]).imported == 1
    assert asked == [store.settle]  # a big import: forking readers, after the checkpoint
    monkeypatch.setattr(forked, "can_fork", lambda settle=None: asked.append(settle) or False)
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 6)
    assert not forkable(store)
    assert asked == [store.settle, store.settle]  # a big export: the same
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 7)
    assert not forkable(store) and len(asked) == 2  # too small to fork: not even asked (no waiting)
    held.set()
    store.close()


def test_checkpoints_on_threads_queue_at_most_one_behind_the_running_one(tmp_path: Path,
                                                                        held: threading.Event) -> None:
    db = tmp_path / "p.db"
    store = Store.open(db)
    import_paths(store, [SEEDS])  # one checkpoint on a thread, held back
    first = store._checkpointer
    store.checkpoint(wait=False)  # queued behind it
    queued = store._checkpointer
    assert first is not None and queued is not None and queued is not first
    store.checkpoint(wait=False)  # the queued one has not begun: it will copy this commit too
    store.checkpoint(wait=False)
    assert store._checkpointer is queued
    assert {t for t in threading.enumerate() if t.name == "wal-checkpoint"} == {first, queued}
    held.set()
    store.settle()
    assert not first.is_alive() and not queued.is_alive() and _documents_in(db) == 5
    store.close()
