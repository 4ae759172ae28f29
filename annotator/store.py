"""The project store: opens a project, runs commands in transactions, answers read queries.

Reads return small frozen row objects (ids and values), never ORM objects or sessions, so Qt
models can cache them and any thread can hold them.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, cached_property, lru_cache
from itertools import islice
from operator import gt, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
from sqlalchemy import (
    JSON,
    BindParameter,
    Connection,
    Engine,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from annotator import __version__
from annotator import text as T
from annotator.db import make_engine, migrate
from annotator.models import GOLD, TABLES
from annotator.schema import Schema, default_schema_text, parse_schema

if TYPE_CHECKING:
    from annotator.commands import Changes, Command

D = TABLES["document"]
S = TABLES["span"]
Q = TABLES["quote"]
ST = TABLES["stance"]
SE = TABLES["stance_evidence"]
E = TABLES["entity"]
A = TABLES["annotator"]
DS = TABLES["doc_status"]
META = TABLES["project_meta"]
AUDIT = TABLES["audit_log"]


#: a token as the index's ``ascii`` tokenizer reads it: ASCII letters and digits, anything else
#: not ASCII (separators are spaces already, see :func:`annotator.text.fts_key`)
_FTS_TOKEN = re.compile("[0-9A-Za-z\x80-\U0010ffff]+")


#: FTS5's own default: later writes merge index segments a bulk import left unmerged
FTS_AUTOMERGE = 4
_FTS_AUTOMERGE = "INSERT INTO doc_fts(doc_fts, rank) VALUES ('automerge', {})"
BULK_CACHE_KB = 16 * 1024  # SQLite page cache of an import transaction (the default is 2 MB)


class CommandError(ValueError):
    """An edit was refused (bad offsets, unknown label ...); nothing was written."""


@dataclass(frozen=True, slots=True)
class DocRow:
    id: int
    uid: str
    title: str
    text: str
    source: str | None
    published: str | None
    url: str | None
    language: str
    provenance: dict[str, Any]
    meta: dict[str, Any]


class SpanRow(NamedTuple):
    """A span as stored (a named tuple: an article can have thousands, read on every open)."""

    id: int
    doc_id: int
    annotator_id: int
    start: int
    end: int
    layer: str
    label: str
    origin: str
    status: str
    entity_id: int | None


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: int
    doc_id: int
    annotator_id: int
    content_span_id: int
    cue_span_id: int | None
    speaker_span_id: int | None
    speaker_entity_id: int | None
    speaker_text: str
    kind: str
    origin: str
    status: str


@dataclass(frozen=True, slots=True)
class StanceRow:
    id: int
    doc_id: int
    annotator_id: int
    scope: str
    holder_span_id: int | None
    holder_entity_id: int | None
    holder_text: str
    target_entity_id: int | None
    target_topic: str | None
    target_text: str
    polarity: str
    origin: str
    status: str
    evidence_span_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    uid: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnnotatorRow:
    id: int
    name: str
    role: str


def _row(cls: Any, mapping: Any) -> Any:
    return cls(**{k: mapping[k] for k in cls.__slots__ if k in mapping})


SPAN_COLS = [S.c[n] for n in SpanRow._fields]
QUOTE_COLS = [Q.c[n] for n in QuoteRow.__slots__]
STANCE_COLS = [ST.c[n] for n in StanceRow.__slots__ if n != "evidence_span_ids"]


def json_bytes(value: Any) -> bytes:
    """``value`` as JSON text (UTF-8 bytes), as JSON columns are written in bulk (and parallel
    import readers pack records)."""
    try:
        return orjson.dumps(value)
    except TypeError:  # what orjson refuses (int keys, huge ints) the standard library still writes
        return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _column(values: Sequence[Any], proc: Any) -> list[Any]:
    """Bind-process one column; a value repeated row after row (the batch's timestamp) once."""
    out: list[Any] = []
    last: Any = object()
    done: Any = None
    for v in values:
        if v is not last:
            last, done = v, (None if v is None else proc(v))
        out.append(done)
    return out


def bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]],
                ids: Sequence[int] | None = None) -> None:
    """Insert rows (dicts with the same keys) in one statement, never through the ORM.

    ``ids``: primary keys for the rows, in order (instead of an ``id`` key in every dict).
    SQLite: one ``executemany`` of plain tuples on the DBAPI cursor (about twice the rate of
    Core's ``insert()`` with dicts, which processes every parameter of every row in Python);
    the rows are read column by column with C-level loops, columns that need converting are
    converted once per distinct value in a run (a batch's timestamp), Python-side column
    defaults computed once. Other databases: Core ``insert()`` with the list of dicts.
    Errors are SQLAlchemy's.
    """
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        if ids is not None:
            rows = [{**r, "id": i} for r, i in zip(rows, ids, strict=True)]
        conn.execute(insert(table), list(rows))
        return
    dialect = conn.dialect
    n = len(rows)
    keys = list(rows[0])
    unknown = set(keys) - {c.key for c in table.c}
    if unknown:
        raise ValueError(f"{table.name} has no column(s) {', '.join(sorted(unknown))}")
    if ids is not None and len(ids) != n:
        raise ValueError(f"{len(ids)} ids for {n} rows")
    plain: list[str] = []  # passed as they are
    constant: dict[str, str] = {}  # the same converted value on every row: an SQL literal
    converted: dict[str, list[Any]] = {}  # converted per row
    for name in keys:
        kind = table.c[name].type
        # JSON: bytes are JSON already (parallel import readers send it so)
        proc = (lambda v: v if type(v) is bytes else json_bytes(v)) if isinstance(kind, JSON) \
            else kind.dialect_impl(dialect).bind_processor(dialect)
        if proc is None:
            plain.append(name)
            continue
        column = list(map(itemgetter(name), rows))
        if column.count(column[0]) == n:
            value = column[0]
            constant[name] = _literal(None if value is None else proc(value))
        else:
            converted[name] = _column(column, proc)
    order = ([] if ids is None else ["id"]) + plain + list(converted)
    params: list[Any]
    if ids is None and not converted:  # the common case: tuples straight from the dicts
        if len(plain) > 1:
            params = list(map(itemgetter(*plain), rows))
        else:
            params = [(r[plain[0]],) for r in rows] if plain else [()] * n
    else:
        cols: list[Sequence[Any]] = [] if ids is None else [ids]
        cols += [list(map(itemgetter(k), rows)) for k in plain]
        cols += list(converted.values())
        params = list(zip(*cols, strict=True))
    # text columns are cast: UTF-8 bytes (parallel import readers send texts so) are stored as text
    marks = ["CAST(? AS TEXT)" if k != "id" and (_is_text(table.c[k].type) or isinstance(table.c[k].type, JSON))
             else "?" for k in order]
    names = order + list(constant)
    marks += constant.values()
    for col in table.c:  # Python-side defaults: one value for the whole batch, written into the SQL
        if col.key not in rows[0] and col.default is not None and not col.primary_key:
            arg = col.default.arg  # type: ignore[attr-defined]
            value = arg(None) if col.default.is_callable else arg
            proc = col.type.dialect_impl(dialect).bind_processor(dialect)
            names.append(col.key)
            marks.append(_literal(proc(value) if proc is not None and value is not None else value))
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(table.c[k].name) for k in names)}) "
           f"VALUES ({', '.join(marks)})")
    conn.exec_driver_sql(sql, params)


#: ids per ``IN`` list: SQLite's default build allows 32,766 variables in one statement
IN_MAX = 5000


def in_parts[V](ids: Sequence[V], size: int | None = None) -> Iterator[Sequence[V]]:
    """``ids`` in consecutive pieces of at most ``size`` (default :data:`IN_MAX`), for ``IN``
    lists: a selection, an accept or an export can hold more ids than one statement may bind."""
    size = size or IN_MAX
    for k in range(0, len(ids), size):
        yield ids[k : k + size]


def insert_with_ids(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows with ids reserved up front, so one executemany suffices (no RETURNING per row);
    returns the rows' ids, in order (the dicts are not changed).

    SQLite: the write transaction holds the database lock, so max(id) + 1 ... is ours. PostgreSQL:
    the ids are drawn from the table's sequence, which concurrent writers share safely.
    """
    if not rows:
        return []
    n = len(rows)
    if conn.dialect.name == "sqlite":
        # rows get the ids SQLite itself gives rows inserted in order under the write lock:
        # max(id) + 1, + 2 ... (checked below), so no id column travels with them
        first = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
        ids = list(range(first, first + n))
        if "doc_id" in rows[0] and n > 1:
            docs = [r["doc_id"] for r in rows]
            if any(map(gt, docs, islice(docs, 1, None))):
                # rows of one article get consecutive ids and are written together: the table, its
                # (doc_id, ...) index and the checks against the article then touch each page
                # once instead of hopping across the database (much faster for big batches)
                order = sorted(range(n), key=docs.__getitem__)
                for i, k in enumerate(order, first):
                    ids[k] = i
                rows = [rows[k] for k in order]
        bulk_insert(conn, table, rows)
        last = conn.execute(select(func.max(table.c.id))).scalar_one()
        if last != first + n - 1:  # only if the table held the largest possible id already
            raise RuntimeError(f"{table.name}: SQLite gave ids up to {last}, expected {first + n - 1}")
        return ids
    ids = list(conn.execute(
        text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
        {"t": table.name, "n": n},
    ).scalars())
    bulk_insert(conn, table, rows, ids=ids)
    return ids


def _is_text(kind: Any) -> bool:
    """A string column (SQLModel's ``AutoString`` decorates ``String``)."""
    return isinstance(kind, String) or isinstance(getattr(kind, "impl", None), String)


def _literal(value: Any) -> str:
    """An SQL literal for a constant written into a statement (a batch's default values)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, bytes):  # UTF-8 text (JSON from parallel import readers)
        value = value.decode("utf-8")
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


#: what the schema's BEFORE INSERT triggers refuse, as one query over a table's new rows (``?``:
#: the largest rowid before the transaction) that returns (row id, the parent's id or NULL) for a
#: bad row; a bulk write runs these instead of firing the triggers row by row. The last item names
#: the foreign key the query checks on the way (no second pass for it). Every INSERT trigger of
#: the schema must be listed (checked on use).
INSERT_GUARDS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "span_end_insert": (
        "span",
        'SELECT s.id, d.id FROM span s LEFT JOIN document d INDEXED BY document_id_length ON d.id = s.doc_id '
        'WHERE s.rowid > ? AND (d.id IS NULL OR s."end" > d.length) LIMIT 1',
        "span end beyond article text",
        ("doc_id",),
    ),
}


_INSERT_EVENT = re.compile(r"\b(?:BEFORE|AFTER|INSTEAD\s+OF)\s+INSERT\b|\bTRIGGER\s+\S+\s+INSERT\b", re.I)


class _BulkChecks:
    """A bulk transaction's guards: what foreign keys and insert triggers would have refused.

    Notes each table's largest rowid when the transaction starts (new rows of a rowid table get
    larger ones: ids are reserved as max + 1 ...), and before the commit runs, per table that
    grew, one ``NOT EXISTS`` query per foreign key and the table's :data:`INSERT_GUARDS` over
    the new rows only: the same verdict as the per-row checks, in a few statements.
    """

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw
        self.before = {name: self._max(name) for name in TABLES}
        triggers = raw.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        unknown = [n for n, _, sql in triggers if _INSERT_EVENT.search(sql or "") and n not in INSERT_GUARDS]
        if unknown:  # a new trigger needs its set-based twin before bulk writes may skip it
            raise RuntimeError(f"no bulk check for the insert trigger(s) {', '.join(unknown)}")
        self.guards = [INSERT_GUARDS[n] for n, _, _ in triggers if n in INSERT_GUARDS]

    def _max(self, table: str) -> int:
        return int(self.raw.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0])

    def verify(self) -> None:
        for name, table in TABLES.items():
            first = self.before[name]
            if self._max(name) == first:
                continue
            covered: set[tuple[str, ...]] = set()
            for tbl, sql, message, fk_cols in self.guards:
                if tbl != name:
                    continue
                covered.add(fk_cols)
                bad = self.raw.execute(sql, (first,)).fetchone()
                if bad:
                    why = message if bad[1] is not None else f"FOREIGN KEY constraint failed ({name}.{', '.join(fk_cols)})"
                    raise IntegrityError(sql, (first,), sqlite3.IntegrityError(why))
            for fk in table.foreign_key_constraints:
                if tuple(c.name for c in fk.columns) in covered:
                    continue
                child = [f'c."{c.name}"' for c in fk.columns]
                parent = fk.referred_table.name
                match = " AND ".join(f'p."{e.column.name}" = {c}' for c, e in zip(child, fk.elements, strict=True))
                sql = (f'SELECT c.rowid FROM "{name}" c WHERE c.rowid > ? AND '
                       + " AND ".join(f"{c} IS NOT NULL" for c in child)
                       + f' AND NOT EXISTS (SELECT 1 FROM "{parent}" p WHERE {match}) LIMIT 1')
                if self.raw.execute(sql, (first,)).fetchone():
                    cols = ", ".join(c.name for c in fk.columns)
                    raise IntegrityError(sql, (first,), sqlite3.IntegrityError(
                        f"FOREIGN KEY constraint failed ({name}.{cols} -> {parent})"))


@lru_cache(maxsize=8)
def _schema_variants(source: str) -> T.Variants:
    return parse_schema(source, "(stored schema)").variants


def project_variants(conn: Connection) -> T.Variants:
    """The spelling variants of the project's stored schema (:attr:`Store.variants`), for code
    that has a connection only (review alignment inside a command)."""
    source = conn.execute(select(META.c.value).where(META.c.key == "schema")).scalar()
    return _schema_variants(source or default_schema_text())


#: a row's id in the statements below (not a column name, so it never becomes a SET clause)
_ROW: BindParameter[int] = bindparam("row_id_", type_=Integer)


@cache
def _statement(kind: str, table: str) -> Any:
    """One statement per kind and table, with the row's values as parameters: SQLAlchemy then
    compiles it once, where a statement built with its values (``insert(t).values(...)``) is
    built, keyed and looked up again on every call (most of a command's time; measured)."""
    t = TABLES[table]
    if kind == "insert":
        return insert(t)
    if kind == "get":
        return select(t).where(t.c.id == _ROW)
    if kind == "update":
        return update(t).where(t.c.id == _ROW)
    if kind == "delete":
        return delete(t).where(t.c.id == _ROW)
    if kind == "length":
        return select(t.c.length).where(t.c.id == _ROW)
    raise ValueError(kind)


class Tx:
    """What a command sees: one open write transaction with small helpers over Core tables."""

    def __init__(self, conn: Connection, store: Store) -> None:
        self.conn = conn
        self.store = store
        self._lengths: dict[int, int] = {}  # an article's length never changes (its text is immutable)

    def insert(self, table: str, values: dict[str, Any]) -> int:
        try:
            res = self.conn.execute(_statement("insert", table), values)
        except IntegrityError as e:
            raise CommandError(f"{table}: {e.orig}") from None
        pk = res.inserted_primary_key
        return int(pk[0]) if pk and pk[0] is not None else 0

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        row = self.conn.execute(_statement("get", table), {"row_id_": row_id}).mappings().first()
        return dict(row) if row else None

    def must_get(self, table: str, row_id: int) -> dict[str, Any]:
        row = self.get(table, row_id)
        if row is None:
            raise CommandError(f"no {table} with id {row_id}")
        return row

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        try:
            self.conn.execute(_statement("update", table), {**values, "row_id_": row_id})
        except IntegrityError as e:
            raise CommandError(f"{table}: {e.orig}") from None

    def delete(self, table: str, row_id: int) -> None:
        self.conn.execute(_statement("delete", table), {"row_id_": row_id})

    def doc_length(self, doc_id: int) -> int:
        n = self._lengths.get(doc_id)
        if n is None:
            n = self.conn.execute(_statement("length", "document"), {"row_id_": doc_id}).scalar()
            if n is None:
                raise CommandError(f"no article with id {doc_id}")
            n = self._lengths[doc_id] = int(n)
        return n


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._annotator_ids: dict[str, int] = {}
        self._checkpointer: threading.Thread | None = None  # the latest checkpoint on a thread
        self._checkpoint_started: threading.Event | None = None  # set once that one has begun copying

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """Open (creating if needed) the project at a path or SQLAlchemy URL, migrating its schema."""
        engine = make_engine(target)
        migrate(engine)
        store = cls(engine)
        store._ensure_meta()
        return store

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        db = self.engine.url.database
        return Path(db) if self.dialect == "sqlite" and db and db != ":memory:" else None

    def close(self) -> None:
        self.settle()
        self.engine.dispose()

    def _ensure_meta(self) -> None:
        with self.write() as conn:
            have: dict[str, str] = {k: v for k, v in conn.execute(select(META.c.key, META.c.value))}
            now = datetime.now(UTC).isoformat()
            missing = {
                "schema": default_schema_text(),
                "created_at": now,
                "created_by_version": __version__,
            }
            rows = [{"key": k, "value": v} for k, v in missing.items() if k not in have]
            if rows:
                conn.execute(insert(META), rows)
            if not conn.execute(select(A.c.id).where(A.c.name == GOLD)).first():
                conn.execute(insert(A).values(name=GOLD, role="gold"))

    # --- transactions -----------------------------------------------------------------------

    @contextmanager
    def write(self, *, bulk: bool = False) -> Iterator[Connection]:
        """One write transaction, committed on exit (SQLite: BEGIN IMMEDIATE).

        ``bulk``: a large import on SQLite, which only inserts: a bigger page cache, no automatic
        WAL checkpoint at commit (the importer runs :meth:`checkpoint` on a thread instead, after a
        batch and when it is done), no merging of search-index segments while it writes (FTS5 automerge;
        restored before the commit, so later writes merge them), and the database's per-row
        guards (foreign keys, the span-end trigger) replaced by one set-based check of every new
        row just before the commit (:class:`_BulkChecks`): a row they would refuse still fails
        the whole transaction, with the same :class:`IntegrityError`. Durability is unchanged:
        the transaction commits before this returns.
        """
        with self.engine.connect().execution_options(write=True) as conn:
            raw = conn.connection.driver_connection if bulk and self.dialect == "sqlite" else None
            if raw is not None:
                raw.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")
                raw.execute("PRAGMA wal_autocheckpoint = 0")
                raw.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or SQLite ignores it
                raw.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False)
            try:
                with conn.begin():
                    checks = _BulkChecks(raw) if raw is not None else None
                    if raw is not None:  # the search index merges its segments later, not while
                        raw.execute(_FTS_AUTOMERGE.format(0))  # a bulk write adds them (-20% CPU)
                    yield conn
                    if raw is not None and checks is not None:
                        raw.execute(_FTS_AUTOMERGE.format(FTS_AUTOMERGE))
                        checks.verify()
            finally:
                if raw is not None:
                    raw.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, True)
                    raw.execute("PRAGMA foreign_keys = ON")
                    raw.execute("PRAGMA cache_size = -2000")  # SQLite's defaults
                    raw.execute("PRAGMA wal_autocheckpoint = 1000")

    def checkpoint(self, *, wait: bool = True) -> None:
        """Copy committed pages from SQLite's write-ahead log into the database file (after bulk
        writes, which turn the automatic checkpoints off); never waits for readers. A no-op on
        other databases.

        ``wait=False``: on a thread of its own, after any checkpoint still running, while the
        caller goes on (what it committed is in the log already: every connection reads it, and a
        killed process loses none of it; PostgreSQL's checkpoints run in the background likewise).
        One waiting to begin copies this commit's pages too, so none is added behind it: an import
        that commits batch after batch has at most one copying and one waiting. :meth:`settle` and
        :meth:`close` wait for them. Else: waits for those, then copies what is left.
        """
        if self.dialect != "sqlite":
            return
        if wait:
            self.settle()
            self._checkpoint_now()
            return
        if self._checkpoint_started is not None and not self._checkpoint_started.is_set():
            return
        previous = self._checkpointer
        started = threading.Event()

        def run() -> None:
            if previous is not None:
                previous.join()
            started.set()
            self._checkpoint_now()

        self._checkpoint_started = started
        self._checkpointer = threading.Thread(target=run, name="wal-checkpoint")
        self._checkpointer.start()

    def settle(self) -> None:
        """Wait for the checkpoints running on threads of their own (before forking workers, which
        wants a process with one thread, and before closing)."""
        thread, self._checkpointer, self._checkpoint_started = self._checkpointer, None, None
        if thread is not None:
            thread.join()  # each joins the one before it

    def _checkpoint_now(self) -> None:
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA wal_checkpoint(PASSIVE)")

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def run(self, command: Command, who: int | None = None, *, undo: bool = False) -> Changes:
        """Do (or undo) one command in one transaction, with its audit row; committed on return."""
        with self.write() as conn:
            tx = Tx(conn, self)
            changes = command.undo(tx) if undo else command.do(tx)
            conn.execute(
                _statement("insert", "audit_log"),
                {
                    "annotator_id": who,
                    "action": ("undo " if undo else "") + type(command).__name__,
                    "doc_id": getattr(command, "doc_id", None),
                    "detail": command.audit() if hasattr(command, "audit") else {},
                },
            )
        return changes

    def undo(self, command: Command, who: int | None = None) -> Changes:
        return self.run(command, who, undo=True)

    # --- project meta and schema --------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as conn:
            v = conn.execute(select(META.c.value).where(META.c.key == key)).scalar()
        return v if v is not None else default

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            if conn.execute(select(META.c.key).where(META.c.key == key)).first():
                conn.execute(update(META).where(META.c.key == key).values(value=value))
            else:
                conn.execute(insert(META).values(key=key, value=value))

    @cached_property
    def schema(self) -> Schema:
        return parse_schema(self.meta("schema") or default_schema_text(), f"{self.url} (stored schema)")

    def set_schema(self, source: str, origin: str = "<schema>") -> Schema:
        schema = parse_schema(source, origin)  # validate before storing anything
        self.set_meta("schema", source)
        self.__dict__.pop("schema", None)
        return schema

    @property
    def variants(self) -> T.Variants:
        return self.schema.variants

    # --- annotators ---------------------------------------------------------------------------

    def annotator_id(self, name: str, *, create: bool = True, role: str = "annotator") -> int:
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        with self.read() as conn:
            aid = conn.execute(select(A.c.id).where(A.c.name == name)).scalar()
        if aid is None:
            if not create:
                raise CommandError(f"no annotator named {name!r}")
            with self.write() as conn:
                aid = conn.execute(select(A.c.id).where(A.c.name == name)).scalar()
                if aid is None:
                    aid = conn.execute(insert(A).values(name=name, role=role)).inserted_primary_key[0]  # type: ignore[index]
        self._annotator_ids[name] = int(aid)
        return int(aid)

    @property
    def gold_id(self) -> int:
        return self.annotator_id(GOLD, role="gold")

    def annotators(self, *, include_gold: bool = False) -> list[AnnotatorRow]:
        with self.read() as conn:
            rows = conn.execute(select(A.c.id, A.c.name, A.c.role).order_by(A.c.id)).mappings().all()
        return [_row(AnnotatorRow, r) for r in rows if include_gold or r["role"] != "gold"]

    def annotator_name(self, annotator_id: int) -> str:
        with self.read() as conn:
            name = conn.execute(select(A.c.name).where(A.c.id == annotator_id)).scalar()
        return str(name) if name is not None else f"#{annotator_id}"

    # --- documents ----------------------------------------------------------------------------

    def document(self, doc_id: int) -> DocRow:
        with self.read() as conn:
            row = conn.execute(select(D).where(D.c.id == doc_id)).mappings().first()
        if row is None:
            raise CommandError(f"no article with id {doc_id}")
        doc: DocRow = _row(DocRow, row)
        return doc

    def texts(self, doc_ids: Sequence[int], chunk: int = 200) -> Iterator[tuple[int, str]]:
        """(id, text) of the given articles, in their order, read ``chunk`` at a time (a caller
        that stops early reads little; the full row of :meth:`document` decodes its JSON too).
        :class:`CommandError` for an id with no article."""
        for part in in_parts(doc_ids, chunk):
            with self.read() as conn:
                found: dict[int, str] = {int(i): t for i, t in conn.execute(select(D.c.id, D.c.text).where(D.c.id.in_(part)))}
            for i in part:
                if i not in found:
                    raise CommandError(f"no article with id {i}")
                yield i, found[i]

    def doc_ids(self) -> list[int]:
        with self.read() as conn:
            return [int(r[0]) for r in conn.execute(select(D.c.id).order_by(D.c.id))]

    def doc_count(self) -> int:
        with self.read() as conn:
            return int(conn.execute(select(func.count()).select_from(D)).scalar() or 0)

    def doc_id_by_uid(self, uid: str) -> int | None:
        with self.read() as conn:
            v = conn.execute(select(D.c.id).where(D.c.uid == uid)).scalar()
        return int(v) if v is not None else None

    def index_documents(
        self,
        conn: Connection,
        docs: Iterable[tuple[int, str, str]],
        *,
        new: bool = False,
        previous: dict[int, tuple[str, str]] | None = None,
        keys: Sequence[str | bytes] | None = None,
    ) -> None:
        """Add (id, title, text) to the full-text index, over normalized text (see PITFALLS).

        SQLite keeps a contentless FTS5 table (the text is in ``document`` already), so taking
        an article out of the index needs what was indexed: an article already indexed is
        re-indexed from ``previous[id]`` (its old title and text) when given, else from its
        stored row, so a caller that changes a text passes the old one. ``new=True`` promises
        the ids are not indexed yet (bulk imports: no look-up); ``keys`` are the documents'
        :meth:`search_index_key` when already computed (parallel readers). One executemany.
        """
        if keys is not None:
            items = [(i, k) for (i, _, _), k in zip(docs, keys, strict=True)]
        else:
            items = [(i, self.search_index_key(title, body)) for i, title, body in docs]
        if not items:
            return
        if self.dialect != "sqlite":
            rows = [{"id": i, "body": k} for i, k in items]
            if rows:
                conn.execute(
                    text(
                        "INSERT INTO doc_search(doc_id, body) VALUES (:id, :body) "
                        "ON CONFLICT (doc_id) DO UPDATE SET body = EXCLUDED.body"
                    ),
                    rows,
                )
            return
        if not new:
            self._unindex(conn, [i for i, _ in items], previous or {})
        conn.exec_driver_sql("INSERT INTO doc_fts(rowid, body) VALUES (?, CAST(? AS TEXT))", items)

    def search_index_key(self, title: str, body: str) -> str:
        """What the search index holds for an article (SQLite: basic keys; else with variants)."""
        if self.dialect == "sqlite":
            return T.fts_key(title + "\n" + body)
        return T.search_key(title + "\n" + body, self.variants)

    def _unindex(self, conn: Connection, ids: list[int], previous: dict[int, tuple[str, str]]) -> None:
        indexed: list[int] = []
        for k in range(0, len(ids), 500):
            part = ids[k : k + 500]
            marks = ",".join("?" * len(part))
            indexed += [r[0] for r in conn.exec_driver_sql(f"SELECT rowid FROM doc_fts WHERE rowid IN ({marks})", tuple(part))]
        if not indexed:
            return
        old = {i: previous[i] for i in indexed if i in previous}
        stored = [i for i in indexed if i not in old]
        for k in range(0, len(stored), 500):
            rows = conn.execute(select(D.c.id, D.c.title, D.c.text).where(D.c.id.in_(stored[k : k + 500])))
            old.update({int(i): (t, b) for i, t, b in rows})
        conn.exec_driver_sql(
            "INSERT INTO doc_fts(doc_fts, rowid, body) VALUES ('delete', ?, ?)",
            [(i, T.fts_key(t + "\n" + b)) for i, (t, b) in old.items()],
        )

    def search(self, query: str, limit: int = 1000) -> list[int]:
        """Ids of articles containing the normalized phrase (diacritics, letter forms, variants)."""
        if self.dialect != "sqlite":
            key = T.search_key(query, self.variants).strip()
            words = [w.text for w in T.tokenize(key) if w.kind != "punct"]
            if not words:
                return []
            if T.is_definite(words[0]):  # ل + ال is written لل (للعراق): match from the lam,
                words[0] = words[0][1:]  # which every written form holds
            like = "%" + " ".join(words).replace("%", r"\%").replace("_", r"\_") + "%"
            with self.read() as conn:
                rows = conn.execute(
                    text("SELECT doc_id FROM doc_search WHERE body LIKE :q ORDER BY doc_id LIMIT :n"),
                    {"q": like, "n": limit},
                )
                return [int(r[0]) for r in rows]
        # the index holds basic keys: every spelling variant of the query is a phrase of its own,
        # and its first word may carry proclitics (والعراق, لواشنطن): one phrase per form
        phrases: list[str] = []
        for spelling in T.spellings(T.fts_key(query), self.variants):
            words = _FTS_TOKEN.findall(spelling)
            if not words:
                continue
            rest = "".join(" " + w for w in words[1:])
            phrases += ['"' + (form + rest).replace('"', '""') + '"' for form in T.clitic_forms(words[0])]
        if not phrases:
            return []
        with self.read() as conn:
            rows = conn.execute(
                text("SELECT rowid FROM doc_fts WHERE doc_fts MATCH :q ORDER BY rank LIMIT :n"),
                {"q": " OR ".join(dict.fromkeys(phrases)), "n": limit},
            )
            return [int(r[0]) for r in rows]

    # --- spans, quotes, stances, entities -----------------------------------------------------

    def spans(
        self,
        doc_id: int,
        annotator_id: int | None = None,
        *,
        layers: Sequence[str] | None = None,
        statuses: Sequence[str] = ("active",),
    ) -> list[SpanRow]:
        cond = [S.c.doc_id == doc_id, S.c.status.in_(statuses)]
        if annotator_id is not None:
            cond.append(S.c.annotator_id == annotator_id)
        if layers is not None:
            cond.append(S.c.layer.in_(layers))
        with self.read() as conn:
            rows = conn.execute(select(*SPAN_COLS).where(and_(*cond)).order_by(S.c.start, S.c.end, S.c.id))
            return [SpanRow(*r) for r in rows]

    def span(self, span_id: int) -> SpanRow | None:
        with self.read() as conn:
            r = conn.execute(select(*SPAN_COLS).where(S.c.id == span_id)).first()
        return SpanRow(*r) if r else None

    def quotes(self, doc_id: int, annotator_id: int | None = None, *, statuses: Sequence[str] = ("active",)) -> list[QuoteRow]:
        cond = [Q.c.doc_id == doc_id, Q.c.status.in_(statuses)]
        if annotator_id is not None:
            cond.append(Q.c.annotator_id == annotator_id)
        with self.read() as conn:
            rows = conn.execute(
                select(*QUOTE_COLS).select_from(Q.join(S, S.c.id == Q.c.content_span_id)).where(and_(*cond)).order_by(S.c.start, Q.c.id)
            )
            return [QuoteRow(*r) for r in rows]

    def quote(self, quote_id: int) -> QuoteRow | None:
        with self.read() as conn:
            r = conn.execute(select(*QUOTE_COLS).where(Q.c.id == quote_id)).first()
        return QuoteRow(*r) if r else None

    def stances(self, doc_id: int, annotator_id: int | None = None, *, statuses: Sequence[str] = ("active",)) -> list[StanceRow]:
        cond = [ST.c.doc_id == doc_id, ST.c.status.in_(statuses)]
        if annotator_id is not None:
            cond.append(ST.c.annotator_id == annotator_id)
        with self.read() as conn:
            rows = conn.execute(select(*STANCE_COLS).where(and_(*cond)).order_by(ST.c.id)).all()
            ev: dict[int, list[int]] = {}
            if rows:
                ids = [r[0] for r in rows]
                for sid, span_id in conn.execute(
                    select(SE.c.stance_id, SE.c.span_id)
                    .select_from(SE.join(S, S.c.id == SE.c.span_id))
                    .where(SE.c.stance_id.in_(ids))
                    .order_by(S.c.start)
                ):
                    ev.setdefault(sid, []).append(span_id)
        return [StanceRow(*r, evidence_span_ids=tuple(ev.get(r[0], ()))) for r in rows]  # type: ignore[misc]

    def stance(self, stance_id: int) -> StanceRow | None:
        with self.read() as conn:
            r = conn.execute(select(*STANCE_COLS).where(ST.c.id == stance_id)).first()
            if r is None:
                return None
            ev = tuple(
                x[0]
                for x in conn.execute(
                    select(SE.c.span_id).select_from(SE.join(S, S.c.id == SE.c.span_id)).where(SE.c.stance_id == stance_id).order_by(S.c.start)
                )
            )
        return StanceRow(*r, evidence_span_ids=ev)  # type: ignore[misc]

    def entities(self, query: str = "", *, type: str | None = None, limit: int = 50) -> list[EntityRow]:
        """Canonical entities whose name or alias matches ``query`` on normalized keys."""
        with self.read() as conn:
            stmt = select(E.c.id, E.c.uid, E.c.name, E.c.type, E.c.aliases).order_by(E.c.name)
            if type:
                stmt = stmt.where(E.c.type == type)
            rows = conn.execute(stmt).all()
        key = T.normalize(query, self.variants).strip()
        out = []
        for r in rows:
            names = [r[2], *(r[4] or [])]
            if not key or any(key in T.normalize(n, self.variants) for n in names):
                out.append(EntityRow(r[0], r[1], r[2], r[3], tuple(r[4] or ())))
                if len(out) >= limit:
                    break
        return out

    def entity(self, entity_id: int) -> EntityRow | None:
        with self.read() as conn:
            r = conn.execute(select(E.c.id, E.c.uid, E.c.name, E.c.type, E.c.aliases).where(E.c.id == entity_id)).first()
        return EntityRow(r[0], r[1], r[2], r[3], tuple(r[4] or ())) if r else None

    def doc_status(self, doc_id: int, annotator_id: int) -> tuple[str, float]:
        with self.read() as conn:
            r = conn.execute(
                select(DS.c.status, DS.c.seconds).where(DS.c.doc_id == doc_id, DS.c.annotator_id == annotator_id)
            ).first()
        return (str(r[0]), float(r[1])) if r else ("not_started", 0.0)
