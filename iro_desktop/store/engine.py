"""SQLAlchemy engines: SQLCipher for the laptop, plain URLs for the central store.

Every engine hides SQL parameters (``hide_parameters``): an error's message, and so any
log or traceback, names the statement but never a child's details.

Each connection is opened with the raw key (``x'...'``) so SQLCipher does no key
derivation at connect. ``NullPool`` follows DESIGN.md: SQLAlchemy's default
``SingletonThreadPool`` for this dialect has crashed other programs with sqlcipher3.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool


def raw_key_literal(raw_key: bytes) -> str:
    return f"x'{raw_key.hex()}'"


def _tune(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when a transaction begins, so that
    # SAVEPOINTs nest inside it (the pysqlite recipe in SQLAlchemy's SQLite docs).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


SQLITE_BEGIN = "sqlite_begin"
# A transaction that will write takes the write lock as it begins. Begun deferred, it
# reads at a snapshot; if another connection commits before its first write, that write
# fails at once with "database is locked" (WAL mode; the busy timeout does not help).
WRITE_BEGIN = {SQLITE_BEGIN: "BEGIN IMMEDIATE"}


def _sqlite_events(engine: Engine, begin: str = "BEGIN") -> Engine:
    """``begin``: how each transaction starts ("BEGIN IMMEDIATE" for a writer that must
    wait for, not fail beside, a writer in another process). A connection may say
    otherwise with the ``sqlite_begin`` execution option (``Caseload.writing``)."""
    event.listen(engine, "connect", _tune)
    event.listen(
        engine,
        "begin",
        lambda conn: conn.exec_driver_sql(conn.get_execution_options().get(SQLITE_BEGIN, begin)),
    )
    return engine


def sqlcipher_engine(path: Path, raw_key: bytes) -> Engine:
    url = URL.create("sqlite+pysqlcipher", password=raw_key_literal(raw_key), database=str(path))
    return _sqlite_events(create_engine(url, poolclass=NullPool, hide_parameters=True))


def plain_sqlite_engine(path: Path) -> Engine:
    """Unencrypted SQLite with the same tuning: the benchmark's baseline and the
    central store's default."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, hide_parameters=True)
    return _sqlite_events(engine)


SERVER_CONNECTIONS = 10
"""PostgreSQL connections one central-store process keeps, unless told otherwise."""
POOL_WAIT_S = 60.0
"""How long a request waits for one of them before it is answered "busy" (503)."""


PLAN_EACH_TIME = "-c plan_cache_mode=force_custom_plan"
"""PostgreSQL plans each execution of a prepared statement for its own values. psycopg
prepares a statement run five times on a connection, and PostgreSQL may then keep one
generic plan for it, made while a table was small or not yet analysed: a push's
``id IN (...)`` lookups then became sequential scans, 5 ms each and growing with the
table, once connections kept their prepared statements (issue 17). Planning these short
statements each time costs a few microseconds; the parse is still saved."""


def server_engine(
    url: str, *, sqlite_begin: str = "BEGIN", connections: int = SERVER_CONNECTIONS
) -> Engine:
    """The central store's engine from a database URL (SQLite file or PostgreSQL).

    On PostgreSQL the pool is bounded at ``connections`` with no overflow: however many
    requests arrive at once, a process never opens more, so ``workers x connections``
    stays under the server's ``max_connections`` and a burst queues for a connection
    (up to ``POOL_WAIT_S``) instead of being refused by PostgreSQL ("too many clients").
    """
    if url.startswith("sqlite"):
        return _sqlite_events(
            create_engine(url, poolclass=NullPool, hide_parameters=True), sqlite_begin
        )
    import psycopg

    # PostgreSQL's own $1 placeholders, sent as they are (psycopg's raw cursor): psycopg
    # otherwise re-parses every statement of more than 50 parameters for its %(name)s ones,
    # and a push's three many-row inserts (200 or more each) were 16% of a worker's CPU
    # with 200 IROs pushing at once (issue 17, py-spy).
    engine = create_engine(
        url,
        paramstyle="numeric_dollar",
        connect_args={"cursor_factory": psycopg.RawCursor, "options": PLAN_EACH_TIME},
        pool_pre_ping=True,
        pool_size=max(1, connections),
        max_overflow=0,
        pool_timeout=POOL_WAIT_S,
        hide_parameters=True,
    )
    # Many rows in one INSERT ... VALUES (...), (...) rather than one execution a row (a
    # push's notes, their applied-change and change-log entries): what SQLAlchemy does for
    # psycopg2, and for psycopg only when it asks for RETURNING. The row-by-row executemany
    # was a fifth of a push's time with many IROs pushing at once (issue 17).
    engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine
