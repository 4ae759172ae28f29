from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from annotator.db import make_engine, migrate
from annotator.store import Store

from .pgcluster import Cluster

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real data folder or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))
    monkeypatch.setenv("ANNOTATOR_USER", "tester")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster | str]:
    """A PostgreSQL server: ANNOTATOR_TEST_PG_URL if set, else a throwaway cluster started here."""
    url = os.environ.get("ANNOTATOR_TEST_PG_URL")
    if url:
        yield url
        return
    cluster = Cluster()
    cluster.start()
    try:
        template = cluster.url("annotator_template")
        with create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text("CREATE DATABASE annotator_template"))
        engine = make_engine(template)
        migrate(engine)
        engine.dispose()
        yield cluster
    finally:
        cluster.stop()


_counter = itertools.count()


def _pg_store(cluster: Cluster | str) -> Store:
    if isinstance(cluster, str):
        name = f"annotator_test_{os.getpid()}_{next(_counter)}"
        admin = cluster
        base = cluster.rsplit("/", 1)[0]
        with create_engine(admin, isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        return Store.open(f"{base}/{name}")
    name = f"t{next(_counter)}"
    with create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT").connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE annotator_template'))
    return Store.open(cluster.url(name))


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh project on SQLite and on PostgreSQL: storage tests run on both."""
    if request.param == "sqlite":
        s = Store.open(tmp_path / "project.db")
    else:
        s = _pg_store(request.getfixturevalue("pg_cluster"))
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite project file (for tests about behaviour, not storage backends)."""
    s = Store.open(tmp_path / "project.db")
    yield s
    s.close()


def add_document(store: Store, text_: str, *, uid: str | None = None, title: str = "") -> int:
    """Insert an article directly (tests of commands and views that need no import pipeline)."""
    import hashlib

    from sqlalchemy import insert

    from annotator.store import D

    h = hashlib.sha256(text_.encode()).hexdigest()
    with store.write() as conn:
        doc_id = conn.execute(
            insert(D).values(uid=uid or h[:16], title=title, text=text_, length=len(text_),
                             content_hash=h, provenance={}, meta={})
        ).inserted_primary_key[0]
        store.index_documents(conn, [(doc_id, title, text_)])
    return int(doc_id)
