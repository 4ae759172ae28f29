from __future__ import annotations

from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from annotator import commands as C
from annotator.db import MIGRATIONS_DIR, SCHEMA_HEAD, NewerProjectError, current_revision, make_engine
from annotator.store import Store

from ..conftest import add_document


def test_schema_head_matches_the_migration_scripts() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


def test_new_project_is_at_head_with_all_tables(store: Store) -> None:
    assert current_revision(store.engine) == SCHEMA_HEAD
    names = set(inspect(store.engine).get_table_names())
    assert {"document", "span", "quote", "stance", "stance_evidence", "entity", "annotator",
            "doc_status", "review_decision", "audit_log", "project_meta"} <= names


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    s = Store.open(path)
    doc = add_document(s, "نص قصير للتجربة")
    who = s.annotator_id("sara")
    s.run(C.AddSpan(doc, who, 0, 2, "PER"), who)
    s.close()
    s2 = Store.open(path)
    assert [(x.start, x.end) for x in s2.spans(doc)] == [(0, 2)]
    s2.close()


def test_project_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = path.read_bytes()
    with pytest.raises(NewerProjectError, match="newer version"):
        Store.open(path)
    assert current_revision(engine) == "9999"
    engine.dispose()
    assert path.read_bytes() == before


def _old_project(path: Path, revision: str) -> tuple[Engine, Config]:
    """A project file at an older schema ``revision`` holding one article (id 1, uid "a"), as an
    older version of the app wrote it; its engine (still open) and the migration config."""
    from alembic import command
    from sqlalchemy import insert

    from annotator.store import D

    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    with engine.begin() as conn:
        conn.execute(insert(D).values(id=1, uid="a", title="t", text="نص قديم", length=7, content_hash="h",
                                      provenance={}, meta={}))
    return engine, cfg


def test_a_project_written_at_an_older_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine, _ = _old_project(path, "0001")  # what version 0.1 of the app wrote: schema 0001
    assert current_revision(engine) == "0001"
    assert "review_decision_doc" not in {i["name"] for i in inspect(engine).get_indexes("review_decision")}
    engine.dispose()
    store = Store.open(path)
    assert current_revision(store.engine) == SCHEMA_HEAD
    assert "review_decision_doc" in {i["name"] for i in inspect(store.engine).get_indexes("review_decision")}
    assert store.document(store.doc_id_by_uid("a")).text == "نص قديم"  # type: ignore[arg-type]
    store.close()


def test_upgrade_from_0003_keeps_the_span_end_guard(tmp_path: Path) -> None:
    from sqlalchemy import insert

    from annotator.store import S

    path = tmp_path / "v3.db"
    engine, _ = _old_project(path, "0003")
    engine.dispose()
    store = Store.open(path)
    assert current_revision(store.engine) == SCHEMA_HEAD
    assert "document_id_length" in {i["name"] for i in inspect(store.engine).get_indexes("document")}
    who = store.annotator_id("sara")
    row = {"doc_id": 1, "annotator_id": who, "start": 0, "layer": "entity", "label": "PER", "origin": "manual",
           "status": "active"}
    with pytest.raises(DBAPIError), store.write() as conn:
        conn.execute(insert(S).values(end=8, **row))
    with store.write() as conn:
        conn.execute(insert(S).values(end=7, **row))
    assert len(store.spans(1)) == 1
    store.close()


def _schema_sql(path: Path, table: str) -> str:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0])
    finally:
        con.close()


def test_upgrade_from_0004_rewrites_in_list_checks_in_place_and_they_still_refuse(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import insert

    from annotator.store import S

    path = tmp_path / "v4.db"
    engine, cfg = _old_project(path, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO annotator (id, name, role, created_at) VALUES (7, 'sara', 'annotator', '2026-01-01')"))
        conn.execute(insert(S).values(doc_id=1, annotator_id=7, start=0, end=3, layer="entity", label="PER",
                                      origin="manual", status="active"))
    engine.dispose()
    assert "layer IN ('entity', 'quote', 'cue', 'evidence')" in _schema_sql(path, "span")
    store = Store.open(path)
    assert current_revision(store.engine) == SCHEMA_HEAD
    span_sql = _schema_sql(path, "span")
    assert " IN (" not in span_sql
    assert "layer = 'entity' OR layer = 'quote' OR layer = 'cue' OR layer = 'evidence'" in span_sql
    assert " IN (" not in _schema_sql(path, "annotator") + _schema_sql(path, "stance") + _schema_sql(path, "quote")
    assert [(s.start, s.end, s.layer) for s in store.spans(1)] == [(0, 3, "entity")]  # data untouched
    row = {"doc_id": 1, "annotator_id": 7, "start": 1, "end": 4, "label": "PER", "origin": "manual"}
    for bad in ({"layer": "entities", "status": "active"}, {"layer": "entity", "status": "deleted"}):
        with pytest.raises(DBAPIError), store.write() as conn:  # the rewritten checks still refuse
            conn.execute(insert(S).values(**row, **bad))
    with store.write() as conn:
        conn.execute(insert(S).values(**row, layer="quote", status="suggested"))
    with store.read() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    store.close()
    engine = make_engine(path)
    with engine.begin() as conn:  # and back: the IN lists return
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    engine.dispose()
    assert "layer IN ('entity', 'quote', 'cue', 'evidence')" in _schema_sql(path, "span")
