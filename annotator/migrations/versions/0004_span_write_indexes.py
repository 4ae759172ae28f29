"""cheaper span writes: the end-offset guard reads article lengths from a covering index, and the
span index on ``entity_id`` holds only linked spans

SQLite stores ``document.length`` after the long ``text`` column, so the guard trigger's
``SELECT length FROM document WHERE id = ?`` walked each article's overflow pages for every span
written. A covering index ``document(id, length)`` (named in the trigger with ``INDEXED BY``)
answers it from a few small pages. Most spans link no canonical entity: a partial index on
``entity_id IS NOT NULL`` serves the same look-ups (``entity_id = ?`` implies it) without an
entry per unlinked span. The guard itself is unchanged: a span ending beyond its article's text
is still refused by the database. PostgreSQL gets the partial index only (its trigger reads the
row by primary key and does not pay for TOASTed text).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:00:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_GUARD = """CREATE TRIGGER {name} BEFORE {event} ON span
       WHEN NEW."end" > (SELECT length FROM document{indexed} WHERE id = NEW.doc_id)
       BEGIN SELECT RAISE(ABORT, 'span end beyond article text'); END"""
_EVENTS = {"span_end_insert": "INSERT", "span_end_update": 'UPDATE OF start, "end"'}


def _guards(indexed: str) -> None:
    for name, event in _EVENTS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(_GUARD.format(name=name, event=event, indexed=indexed))


def upgrade() -> None:
    op.drop_index("ix_span_entity_id", table_name="span")
    op.create_index("ix_span_entity_id", "span", ["entity_id"], sqlite_where=text("entity_id IS NOT NULL"),
                    postgresql_where=text("entity_id IS NOT NULL"))
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("document_id_length", "document", ["id", "length"])
        _guards(" INDEXED BY document_id_length")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _guards("")
        op.drop_index("document_id_length", table_name="document")
    op.drop_index("ix_span_entity_id", table_name="span")
    op.create_index("ix_span_entity_id", "span", ["entity_id"])
