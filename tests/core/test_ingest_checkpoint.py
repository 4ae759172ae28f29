"""An import returns once it is committed; copying the write-ahead log into the database file
(the checkpoint) follows on a thread of its own, which forking and closing wait for."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

import annotator.ingest as ingest
from annotator.export.forked import forkable
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


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")  # the timer thread
def test_a_second_import_waits_for_the_first_ones_checkpoint_before_forking(
        tmp_path: Path, held: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "p.db")
    import_paths(store, [SEEDS])
    assert store._checkpointer is not None
    running_at_fork: list[bool] = []
    real_pool = ingest.make_pool

    def pool(n: int, *, keys: bool = False):  # type: ignore[no-untyped-def]
        running_at_fork.append(store._checkpointer is not None)
        return real_pool(n, keys=keys)

    monkeypatch.setattr(ingest, "make_pool", pool)
    monkeypatch.setattr(ingest, "workers", lambda: 2)
    monkeypatch.setattr(ingest, "MIN_JSONL_BYTES", 1)
    src = tmp_path / "more.jsonl"
    src.write_text('{"text": "قال الوزير إن العراق يرحب"}\n', encoding="utf-8")
    threading.Timer(0.2, held.set).start()
    report = import_paths(store, [src])
    assert report.imported == 1
    assert running_at_fork == [False]  # settled first: the pool forked a process with no checkpoint thread
    store.close()


def test_a_forked_export_waits_for_a_running_checkpoint(tmp_path: Path, held: threading.Event) -> None:
    store = Store.open(tmp_path / "p.db")
    import_paths(store, [SEEDS])
    assert store._checkpointer is not None
    threading.Timer(0.2, held.set).start()
    forkable(store)  # too few articles to fork, but it settles first whatever the answer
    assert store._checkpointer is None
    store.close()

