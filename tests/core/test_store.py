"""Storage invariants and commands on SQLite and PostgreSQL (the `store` fixture runs both)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from annotator import commands as C
from annotator.store import AUDIT, CommandError, D, S, Store

from ..conftest import add_document

TEXT = "قال وزير الخارجية العراقي فؤاد حسين إن العراق يسعى لمواصلة التنسيق مع واشنطن"


def _ids(store: Store) -> tuple[int, int]:
    return add_document(store, TEXT), store.annotator_id("sara")


def test_database_refuses_bad_offsets(store: Store) -> None:
    doc, who = _ids(store)
    base = {"doc_id": doc, "annotator_id": who, "layer": "entity", "label": "PER", "origin": "manual", "status": "active"}
    for start, end in ((5, 5), (-1, 3), (7, 3), (0, len(TEXT) + 1)):
        with pytest.raises((IntegrityError, DBAPIError)), store.write() as conn:
            conn.execute(S.insert().values(start=start, end=end, **base))
    with store.write() as conn:
        conn.execute(S.insert().values(start=0, end=len(TEXT), **base))  # the whole text is fine


def test_database_refuses_spans_beyond_the_text_in_bulk_and_on_update(store: Store) -> None:
    from annotator.store import insert_with_ids

    doc, who = _ids(store)
    other = add_document(store, "خبر قصير")
    base = {"annotator_id": who, "layer": "entity", "label": "PER", "origin": "imported", "status": "active"}
    rows = [{"doc_id": doc, "start": 0, "end": len(TEXT), **base},
            {"doc_id": other, "start": 0, "end": len("خبر قصير") + 1, **base}]  # fits TEXT, not its own
    with pytest.raises((IntegrityError, DBAPIError)), store.write(bulk=True) as conn:
        insert_with_ids(conn, S, rows)
    assert store.spans(doc) == [] and store.spans(other) == []  # the whole batch was refused
    with store.write() as conn:
        span = insert_with_ids(conn, S, [{"doc_id": other, "start": 0, "end": 3, **base}])[0]
    with pytest.raises((IntegrityError, DBAPIError)), store.write() as conn:
        conn.execute(update(S).where(S.c.id == span).values(end=len("خبر قصير") + 1))
    with store.write() as conn:
        conn.execute(update(S).where(S.c.id == span).values(end=len("خبر قصير")))  # up to the end is fine


def test_bulk_writes_refuse_what_the_per_row_guards_would(store: Store) -> None:
    """SQLite bulk transactions skip foreign-key checks and triggers row by row and check the new
    rows set-based before committing: every kind of bad row still fails the whole batch."""
    from annotator.store import insert_with_ids

    doc, who = _ids(store)
    good = {"doc_id": doc, "annotator_id": who, "start": 0, "end": 3, "layer": "entity", "label": "PER",
            "origin": "imported", "status": "active", "entity_id": None}
    bad_rows = [{"doc_id": doc + 999}, {"annotator_id": who + 999}, {"entity_id": 12345}, {"end": len(TEXT) + 1}]
    for bad in bad_rows:
        with pytest.raises((IntegrityError, DBAPIError)), store.write(bulk=True) as conn:
            insert_with_ids(conn, S, [dict(good), {**good, "start": 1, **bad}])
        assert store.spans(doc) == [], bad  # nothing of the batch was kept
    with store.write(bulk=True) as conn:  # a good batch (no entity link) goes through
        insert_with_ids(conn, S, [dict(good), {**good, "start": 1, "end": len(TEXT)}])
    assert [(s.start, s.end) for s in store.spans(doc)] == [(0, 3), (1, len(TEXT))]
    # the same pooled connection has its per-row guards back for ordinary writes
    with pytest.raises((IntegrityError, DBAPIError)), store.write() as conn:
        conn.execute(S.insert().values(**{**good, "doc_id": doc + 999}))
    with pytest.raises((IntegrityError, DBAPIError)), store.write() as conn:
        conn.execute(S.insert().values(**{**good, "end": len(TEXT) + 1}))
    if store.dialect == "sqlite":
        with store.read() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            # the search index merges segments again after a bulk write (it pauses that during one)
            assert conn.execute(text("SELECT v FROM doc_fts_config WHERE k = 'automerge'")).scalar() == 4


def test_a_bulk_write_refuses_to_skip_an_insert_trigger_it_has_no_check_for(sqlite_store: Store) -> None:
    from annotator.store import insert_with_ids

    doc, who = _ids(sqlite_store)
    with sqlite_store.write() as conn:
        conn.exec_driver_sql("CREATE TRIGGER no_xyz BEFORE INSERT ON span WHEN NEW.label = 'XYZ' "
                             "BEGIN SELECT RAISE(ABORT, 'no XYZ'); END")
    row = {"doc_id": doc, "annotator_id": who, "start": 0, "end": 3, "layer": "entity", "label": "PER",
           "origin": "imported", "status": "active"}
    with pytest.raises(RuntimeError, match="no_xyz"), sqlite_store.write(bulk=True) as conn:
        insert_with_ids(conn, S, [row])
    assert sqlite_store.spans(doc) == []


def test_commands_validate_before_writing(store: Store) -> None:
    doc, who = _ids(store)
    with pytest.raises(CommandError, match="outside the article"):
        store.run(C.AddSpan(doc, who, 10, 1000, "PER"), who)
    with pytest.raises(CommandError, match="not in the project's schema"):
        store.run(C.AddSpan(doc, who, 0, 3, "PERSON"), who)
    with pytest.raises(CommandError, match="quote kind"):
        store.run(C.AddQuote(doc, who, (40, 60), kind="reported"), who)
    with pytest.raises(CommandError, match="target"):
        store.run(C.AddStance(doc, who, "favor", holder_text="x"), who)
    assert store.spans(doc) == [] and store.quotes(doc) == [] and store.stances(doc) == []
    with store.read() as conn:  # refused edits leave no audit rows either
        assert conn.execute(select(func.count()).select_from(AUDIT)).scalar() == 0


def test_stored_text_is_immutable_once_annotated(store: Store) -> None:
    doc, who = _ids(store)
    store.run(C.AddSpan(doc, who, 27, 36, "PER"), who)
    with pytest.raises(DBAPIError), store.write() as conn:
        conn.execute(update(D).where(D.c.id == doc).values(text=TEXT + "!"))
    assert store.document(doc).text == TEXT


def test_audit_log_is_append_only_and_records_every_edit(store: Store) -> None:
    doc, who = _ids(store)
    cmd = C.AddSpan(doc, who, 27, 36, "PER")
    store.run(cmd, who)
    store.undo(cmd, who)
    with store.read() as conn:
        rows = conn.execute(select(AUDIT.c.action, AUDIT.c.annotator_id, AUDIT.c.doc_id).order_by(AUDIT.c.id)).all()
    assert [tuple(r) for r in rows] == [("AddSpan", who, doc), ("undo AddSpan", who, doc)]
    with pytest.raises(DBAPIError), store.write() as conn:
        conn.execute(update(AUDIT).values(action="forged"))


def test_every_command_undoes_and_redoes(store: Store) -> None:
    doc, who = _ids(store)
    per = C.AddSpan(doc, who, 27, 36, "PER")
    store.run(per, who)
    assert per.span_id is not None
    ent = C.CreateEntity("فؤاد حسين", "PER", aliases=["حسين"])
    steps: list[C.Command] = [
        C.SetSpanLabel(per.span_id, label="ORG"),
        C.SetSpanBounds(per.span_id, start=32, end=36),
        ent,
        C.AddQuote(doc, who, (40, 76), cue=(0, 3), speaker_span_id=per.span_id, kind="indirect"),
        C.AddStance(doc, who, "favor", holder_span_id=per.span_id, target_topic="us_presence_iraq", evidence=[(40, 76)]),
        C.AddStance(doc, who, "neutral", scope="article", target_topic="strategic_dialogue"),
        C.SetDocStatus(doc, who, "done", add_seconds=12.5),
    ]

    def snapshot() -> tuple[object, ...]:
        return (store.spans(doc), store.quotes(doc), store.stances(doc), store.entities(), store.doc_status(doc, who))

    for step in steps:
        before = snapshot()
        store.run(step, who)
        after = snapshot()
        assert after != before, step
        store.undo(step, who)
        assert snapshot() == before, step
        store.run(step, who)  # redo
        assert snapshot() == after, step
    assert store.doc_status(doc, who) == ("done", 12.5)
    link = C.LinkEntity(per.span_id, entity_id=ent.entity_id)
    store.run(link, who)
    assert store.span(per.span_id).entity_id == ent.entity_id  # type: ignore[union-attr]


def test_deleting_a_mention_clears_references_and_undo_restores_them(store: Store) -> None:
    doc, who = _ids(store)
    per = C.AddSpan(doc, who, 27, 36, "PER")
    store.run(per, who)
    quote = C.AddQuote(doc, who, (40, 76), cue=(0, 3), speaker_span_id=per.span_id)
    stance = C.AddStance(doc, who, "favor", holder_span_id=per.span_id, target_text="واشنطن", evidence=[(40, 76)])
    store.run(quote, who)
    store.run(stance, who)
    delete = C.DeleteSpan([per.span_id])  # type: ignore[list-item]
    ch = store.run(delete, who)
    assert ch.quotes == {quote.quote_id} and ch.stances == {stance.stance_id}
    assert store.quotes(doc)[0].speaker_span_id is None
    assert store.stances(doc)[0].holder_span_id is None
    store.undo(delete, who)
    assert store.quotes(doc)[0].speaker_span_id == per.span_id
    assert store.stances(doc)[0].holder_span_id == per.span_id


def test_deleting_quote_and_stance_takes_their_spans(store: Store) -> None:
    doc, who = _ids(store)
    quote = C.AddQuote(doc, who, (40, 76), cue=(0, 3), speaker_text="مسؤولون")
    stance = C.AddStance(doc, who, "against", holder_text="الوزير", target_text="x", evidence=[(0, 3), (40, 46)])
    store.run(quote, who)
    store.run(stance, who)
    assert len(store.spans(doc)) == 4
    dq, ds = C.DeleteQuote(quote.quote_id), C.DeleteStance(stance.stance_id)  # type: ignore[arg-type]
    store.run(dq, who)
    store.run(ds, who)
    assert store.spans(doc) == [] and store.quotes(doc) == [] and store.stances(doc) == []
    store.undo(ds, who)
    store.undo(dq, who)
    assert len(store.spans(doc)) == 4
    assert store.stances(doc)[0].evidence_span_ids == tuple(stance.evidence_span_ids)


def test_batch_is_one_transaction(store: Store) -> None:
    doc, who = _ids(store)
    good = C.AddSpan(doc, who, 27, 36, "PER")
    bad = C.AddSpan(doc, who, 0, 3, "NOPE")
    with pytest.raises(CommandError):
        store.run(C.Batch([good, bad], "two"), who)
    assert store.spans(doc) == []  # the first command was rolled back with the second


def test_suggestions_accept_and_reject(store: Store) -> None:
    doc, who = _ids(store)
    sug = C.AddSpan(doc, who, 70, 76, "GPE", origin="propagated", status="suggested")
    store.run(sug, who)
    assert store.spans(doc) == []
    assert [s.status for s in store.spans(doc, statuses=("suggested",))] == ["suggested"]
    store.run(C.SetSpanStatus([sug.span_id], "active"), who)  # type: ignore[list-item]
    assert [s.label for s in store.spans(doc)] == ["GPE"]


def test_fts_search_finds_diacritized_and_variant_spellings(store: Store) -> None:
    a = add_document(store, "القواعد العسكرية العراقيَّة التي تستضيف قوات التحالف")
    b = add_document(store, "العلاقات مع أميركا والبنتاغون")
    add_document(store, "خبر آخر لا علاقة له")
    assert store.search("العراقية") == [a]
    assert store.search("امريكا") == [b]
    assert store.search("البننتاجون") == [b]
    assert store.search("") == []
    c = add_document(store, "وصل الوفد للعراق وبالعراق")
    assert c in store.search("العراق")  # clitic-attached forms of a definite noun are found
    assert store.search("البنتاغون") == [b]  # written والبنتاغون
    d = add_document(store, "وصل الوزير لواشنطن أمس")
    assert store.search("واشنطن") == [d]  # an indefinite name with an attached preposition
    assert store.search("الوزير لواشنطن") == [d]  # phrases keep their word order


def test_edit_committed_is_visible_to_a_fresh_connection(store: Store) -> None:
    doc, who = _ids(store)
    cmd = C.AddSpan(doc, who, 27, 36, "PER")
    store.run(cmd, who)
    other = Store.open(store.engine.url.render_as_string(hide_password=False))
    try:
        assert [s.id for s in other.spans(doc)] == [cmd.span_id]
    finally:
        other.close()


def test_sqlite_pragmas(sqlite_store: Store) -> None:
    with sqlite_store.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_search_index_keeps_no_stale_words_when_a_text_is_reindexed(store: Store) -> None:
    doc = add_document(store, "خبر عن بغداد")
    with store.write() as conn:  # the text changes: the old words must leave the index
        conn.execute(update(D).where(D.c.id == doc).values(text="خبر عن واشنطن", length=13))
        store.index_documents(conn, [(doc, "", "خبر عن واشنطن")], previous={doc: ("", "خبر عن بغداد")})
    assert store.search("واشنطن") == [doc] and store.search("بغداد") == []
    with store.write() as conn:  # indexing an unchanged article again changes nothing
        store.index_documents(conn, [(doc, "", "خبر عن واشنطن")])
    assert store.search("واشنطن") == [doc] and store.search("بغداد") == []


def test_search_splits_words_where_unicode61_would(sqlite_store: Store) -> None:
    doc = add_document(sqlite_store, "قال«واشنطن»،و😀بغداد—العراقيَّة… Ünïcode 𝕏تويتر")
    for query in ("واشنطن", "بغداد", "العراقية", "ünïcode", "ÜNÏCODE", "𝕏تويتر"):
        assert sqlite_store.search(query) == [doc], query
    assert sqlite_store.search("😀") == []


def test_older_projects_get_the_new_search_index(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from annotator.db import MIGRATIONS_DIR, make_engine

    path = tmp_path / "old.db"
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:  # a project written at schema 0002, indexed the old way
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(D.insert().values(id=1, uid="a", title="t", text="العلاقات مع أميركا", length=18,
                                       content_hash="h", provenance={}, meta={}))
        conn.execute(text("INSERT INTO doc_fts(rowid, body) VALUES (1, 't العلاقات مع اميركا')"))
    engine.dispose()
    store = Store.open(path)
    assert store.search("امريكا") == [1] and store.search("العلاقات") == [1]
    store.close()


def test_bulk_insert_stores_what_core_insert_stores(store: Store) -> None:
    from annotator.store import bulk_insert

    doc, who = _ids(store)
    rows = [{"doc_id": doc, "annotator_id": who, "start": i, "end": i + 3, "layer": "entity", "label": "PER",
             "origin": "imported", "status": "active", "entity_id": None} for i in range(5)]
    with store.write() as conn:
        conn.execute(S.insert(), rows[:2])
        bulk_insert(conn, S, rows[2:])
    with store.read() as conn:
        got = conn.execute(select(S).order_by(S.c.id)).mappings().all()
    assert [(r["start"], r["end"], r["label"], r["origin"]) for r in got] == [(i, i + 3, "PER", "imported")
                                                                              for i in range(5)]
    assert all(r["created_at"] is not None and r["created_at"].tzinfo == got[0]["created_at"].tzinfo for r in got)
    with pytest.raises((IntegrityError, DBAPIError)), store.write() as conn:  # constraints still hold
        bulk_insert(conn, S, [{**rows[0], "end": len(TEXT) + 1}])


def test_texts_come_in_the_order_asked_across_chunks(store: Store) -> None:
    ids = [add_document(store, f"نص رقم {i}") for i in range(7)]
    wanted = [ids[5], ids[0], ids[6], ids[2], ids[3]]
    assert list(store.texts(wanted, chunk=2)) == [(i, f"نص رقم {ids.index(i)}") for i in wanted]
    assert list(store.texts([])) == []
    with pytest.raises(CommandError, match="no article with id 999999"):
        list(store.texts([ids[1], 999999], chunk=2))
