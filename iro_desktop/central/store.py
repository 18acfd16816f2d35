"""The central store's database: where it lives, and how readers and writers get a session.

Writers are serialised (a process lock plus ``BEGIN IMMEDIATE`` on SQLite, an advisory
transaction lock on PostgreSQL). That makes the change sequence commit in order, so a
reader that has seen sequence N has seen every change below N: a pull can never skip
a change that commits late.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from iro_desktop.store import migrations
from iro_desktop.store.engine import server_engine
from iro_desktop.store.paths import ensure_private_dir

ENV_CENTRAL_DIR = "IRO_DESKTOP_CENTRAL_DIR"
DB_NAME = "central.db"
WRITE_LOCK_KEY = 0x49524F44


def central_dir(override: str | os.PathLike[str] | None = None) -> Path:
    chosen = override or os.environ.get(ENV_CENTRAL_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return user_data_path("iro-desktop", appauthor=False) / "central"


def database_url(data_dir: str | None = None, database: str | None = None) -> str:
    """``--database`` wins; otherwise a SQLite file in the central data folder."""
    if database:
        if database.startswith("postgresql://"):
            return "postgresql+psycopg://" + database.removeprefix("postgresql://")
        return database
    folder = ensure_private_dir(central_dir(data_dir))
    return f"sqlite:///{folder / DB_NAME}"


def _sqlite_manual_transactions(engine: Engine, begin: str) -> None:
    """Let SQLAlchemy, not the sqlite3 module, say when a transaction begins."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.connection.dbapi_connection.in_transaction:
            # ``server_engine``'s own listener has just said a plain (deferred) BEGIN and
            # nothing has run in it: swap it for ours, or a writer in another process would
            # not wait for this one but fail with "database is locked" at its first write.
            conn.exec_driver_sql("ROLLBACK")
        conn.exec_driver_sql(begin)  # through SQLAlchemy, so "busy" comes back wrapped


class CentralStore:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.reader = server_engine(url)
        if self.is_sqlite:
            self.writer = server_engine(url)
            _sqlite_manual_transactions(self.writer, "BEGIN IMMEDIATE")
        else:
            self.writer = self.reader
        self._lock = threading.Lock()

    def upgrade(self) -> None:
        migrations.upgrade(self.writer)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.reader, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One serialised write transaction: committed on success, rolled back on error."""
        with (
            self._lock,
            Session(self.writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            if not self.is_sqlite:
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
            yield session

    def dispose(self) -> None:
        self.reader.dispose()
        self.writer.dispose()
