"""full-text index: contentless FTS5 with the ascii tokenizer over pre-folded keys (SQLite)

The article text is stored in ``document`` already, so the index keeps no copy of it, and the
keys it indexes have every separator turned into a space (``annotator.text.fts_key``), so the
``ascii`` tokenizer splits them exactly where unicode61 did, about twice as fast. Spelling
variants are expanded at query time. PostgreSQL's ``doc_search`` is unchanged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:00:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHUNK = 1000


def _rebuild(tokenizer: str, contentless: bool) -> None:
    from annotator import text as T

    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.execute(text("DROP TABLE IF EXISTS doc_fts"))
    content = "content = '', " if contentless else ""
    bind.execute(text(f"CREATE VIRTUAL TABLE doc_fts USING fts5(body, {content}tokenize = '{tokenizer}')"))
    key = T.fts_key if contentless else T.search_key
    last = 0
    while True:
        rows = bind.execute(
            text("SELECT id, title, text FROM document WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": CHUNK},
        ).all()
        if not rows:
            break
        bind.execute(text("INSERT INTO doc_fts(rowid, body) VALUES (:id, :body)"),
                     [{"id": i, "body": key(t + "\n" + b)} for i, t, b in rows])
        last = rows[-1][0]


def upgrade() -> None:
    _rebuild("ascii", contentless=True)


def downgrade() -> None:
    _rebuild("unicode61 remove_diacritics 0", contentless=False)
