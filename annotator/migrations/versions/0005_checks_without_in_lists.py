"""CHECK constraints without IN lists (SQLite): ``x = 'a' OR x = 'b' ...`` instead of ``x IN ('a', 'b' ...)``

SQLite evaluates ``x IN (list)`` inside a CHECK constraint by building a little temporary table
for every row it checks: the two such checks of ``span`` took about three quarters of the time
of a bulk span insert (1.6 s of 2.1 s for 200,000 rows, measured; 0.36 s with the same checks
written as OR chains). The checks mean exactly the same, so every row stored satisfies the new
text iff it satisfied the old one and nothing on disk changes: SQLite's documented procedure for
such changes applies (https://www.sqlite.org/lang_altertable.html#otheralter, "changes that do
not affect the on-disk content"): in one transaction, the ``CREATE TABLE`` text in the schema
table is rewritten and the schema version bumped. No table is copied. PostgreSQL evaluates IN
lists efficiently and keeps its constraints.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 13:45:00
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: ``CHECK (name IN ('a', 'b', ...))`` as written by migration 0001
_IN_CHECK = re.compile(r"CHECK \((\w+) IN \(((?:'[^']*'(?:,\s*)?)+)\)\)")
#: ``CHECK (name = 'a' OR name = 'b' ...)`` (what :func:`_as_or` writes)
_OR_CHECK = re.compile(r"CHECK \((\w+) = '[^']*'(?: OR \1 = '[^']*')*\)")


def _as_or(m: re.Match[str]) -> str:
    col, values = m.group(1), re.findall(r"'[^']*'", m.group(2))
    return "CHECK (" + " OR ".join(f"{col} = {v}" for v in values) + ")"


def _as_in(m: re.Match[str]) -> str:
    col = m.group(1)
    return f"CHECK ({col} IN (" + ", ".join(re.findall(r"'[^']*'", m.group(0))) + "))"


def _rewrite(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    raw = bind.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    tables = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'").fetchall()
    changed = [(pattern.sub(repl, sql), name) for name, sql in tables]
    changed = [(new, name) for (new, name), (_, old) in zip(changed, tables, strict=True) if new != old]
    if not changed:
        return
    defensive = raw.getconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE)
    raw.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, False)  # allows writing the schema table
    try:
        version = int(raw.execute("PRAGMA schema_version").fetchone()[0])
        raw.execute("PRAGMA writable_schema = ON")
        try:
            raw.executemany("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", changed)
            raw.execute(f"PRAGMA schema_version = {version + 1}")  # every connection re-reads the schema
        finally:
            raw.execute("PRAGMA writable_schema = OFF")
    finally:
        raw.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, defensive)
    for _, name in changed:  # the new schema is parsed here: a mistake fails (and rolls back) the migration
        raw.execute(f'SELECT * FROM "{name}" LIMIT 0').fetchall()


def upgrade() -> None:
    _rewrite(_IN_CHECK, _as_or)


def downgrade() -> None:
    _rewrite(_OR_CHECK, _as_in)
