"""One engine factory, connection pragmas and versioned migrations (Alembic).

A project is a SQLite file by default or any SQLAlchemy URL (PostgreSQL for teams). Opening a
project brings its schema to the current revision; a project written by a newer version of the
app is refused with :class:`NewerProjectError` instead of being damaged.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.pool import StaticPool

PAGE_SIZE = 16384  # bytes per SQLite page of a new project file
SCHEMA_HEAD = "0005"  # the newest Alembic revision; tests check it matches the scripts
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class ProjectError(Exception):
    """A project cannot be opened; the message says why in words a user can act on."""


class NewerProjectError(ProjectError):
    pass


def to_url(target: str | Path) -> str:
    """A filesystem path becomes a SQLite URL; anything with ``://`` is taken as a SQLAlchemy URL."""
    s = str(target)
    if "://" in s:
        return s
    return f"sqlite:///{Path(s).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    # before WAL is switched on, so that it sizes the pages of a new database file (a no-op on an
    # existing one): articles of a few kilobytes fit a 16 KiB page instead of a 4 KiB page plus an
    # overflow chain, which roughly halves the pages an import writes (see bench/README.md)
    cur.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    cur.execute("PRAGMA journal_mode = WAL")
    # NORMAL in WAL mode: a committed transaction survives the process being killed; only an OS
    # crash or power loss can drop the last commits. FULL would add an fsync per edit.
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # Writers take the write lock up front (``write=True`` execution option) so a transaction never
    # fails half-way on a lock upgrade; readers use deferred transactions and never block anyone.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def make_engine(target: str | Path) -> Engine:
    url = to_url(target)
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        if not memory:
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 5},
            poolclass=StaticPool if memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy's transaction control drive SQLite's (pysqlite's own is legacy and lazy).
        event.listen(engine, "connect", lambda conn, _r: setattr(conn, "isolation_level", None))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError):
        return None
    return row[0] if row else None


def migrate(engine: Engine) -> None:
    """Bring the schema to :data:`SCHEMA_HEAD`; refuse projects from a newer version."""
    rev = current_revision(engine)
    if rev == SCHEMA_HEAD:
        return
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise NewerProjectError(
            f"This project was written by a newer version of annotator (schema {rev}); "
            f"this version knows schemas up to {SCHEMA_HEAD}. Update annotator to open it."
        )
    from alembic import command  # imported here: start-up of an up-to-date project skips Alembic
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
