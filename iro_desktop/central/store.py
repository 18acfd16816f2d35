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

from platformdirs import user_data_path
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from iro_desktop.store import migrations
from iro_desktop.store.engine import SERVER_CONNECTIONS, server_engine
from iro_desktop.store.paths import ensure_private_dir

ENV_CENTRAL_DIR = "IRO_DESKTOP_CENTRAL_DIR"
DB_NAME = "central.db"
WRITE_LOCK_KEY = 0x49524F44
MIGRATE_LOCK_KEY = 0x49524F4D  # "IROM": held while one process migrates


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


class CentralStore:
    def __init__(self, url: str, connections: int = SERVER_CONNECTIONS) -> None:
        """``connections``: the most this process opens to PostgreSQL at once."""
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.reader = server_engine(url, connections=connections)
        if self.is_sqlite:
            # A writer in another process must wait for this one, not fail beside it with
            # "database is locked" at its first write.
            self.writer = server_engine(url, sqlite_begin="BEGIN IMMEDIATE")
        else:
            self.writer = self.reader
        self._lock = threading.Lock()
        self._identity: str | None = None

    def upgrade(self) -> None:
        """Migrate to head, once, however many workers or hosts start together.

        On PostgreSQL a session advisory lock is held around the upgrade: the first process
        migrates, the others wait and then find nothing to do. (On SQLite the writer's
        ``BEGIN IMMEDIATE`` already serialises the upgrade's transaction.)
        """
        if self.is_sqlite:
            migrations.upgrade(self.writer)
            return
        with self.writer.connect() as lock:
            lock.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATE_LOCK_KEY})
            try:
                migrations.upgrade(self.writer)
            finally:
                lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATE_LOCK_KEY})
                lock.commit()

    def identity(self) -> str | None:
        """Which database this is: PostgreSQL's cluster identifier and the database's own
        id, both new when a backup is restored into a new database or cluster (so a laptop
        can tell, see ``sync/run.py``). ``None`` on SQLite, where a copied file keeps none."""
        if self.is_sqlite:
            return None
        if self._identity is None:
            with self.reader.connect() as connection:
                cluster = connection.execute(
                    text("SELECT system_identifier FROM pg_control_system()")
                ).scalar()
                database = connection.execute(
                    text("SELECT oid FROM pg_database WHERE datname = current_database()")
                ).scalar()
            self._identity = f"pg:{cluster}:{database}"
        return self._identity

    def not_ready(self) -> str | None:
        """Why laptops should not be sent here yet, or ``None`` when ready."""
        try:
            with self.reader.connect() as connection:
                current = migrations.current_revision(connection)
        except SQLAlchemyError as exc:
            return f"the database cannot be reached ({type(exc).__name__})"
        if current != migrations.SCHEMA_HEAD:
            return f"the database schema is at {current}, not {migrations.SCHEMA_HEAD}"
        return None

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
                self.serialise(session)
            yield session

    @contextmanager
    def writing_unserialised(self) -> Iterator[Session]:
        """A write transaction that takes the write lock only when it calls ``serialise``
        (PostgreSQL: work that can run beside other writers first, see
        ``changes.push_unlocked``). On SQLite it is ``writing``: one writer at a time."""
        if self.is_sqlite:
            with self.writing() as session:
                yield session
            return
        with Session(self.writer, expire_on_commit=False) as session, session.begin():
            yield session

    def serialise(self, session: Session) -> None:
        """Take the write lock for the rest of this transaction (PostgreSQL; on SQLite
        every write transaction holds it already)."""
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})

    def dispose(self) -> None:
        self.reader.dispose()
        self.writer.dispose()
