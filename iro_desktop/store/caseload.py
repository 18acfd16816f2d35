"""Create, open, upgrade and re-key the laptop's encrypted caseload file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from iro_desktop.store import keys, migrations
from iro_desktop.store.engine import WRITE_BEGIN, raw_key_literal, sqlcipher_engine
from iro_desktop.store.errors import (
    AlreadyExists,
    NotACaseloadFile,
    PassphraseRequired,
    StoreError,
)
from iro_desktop.store.file_format import APPLICATION_ID
from iro_desktop.store.paths import (
    DB_NAME,
    KEY_NAME,
    create_private_file,
    data_dir,
    ensure_private_dir,
    env_passphrase,
)
from iro_desktop.store.types import new_id


@dataclass
class Caseload:
    """An open caseload: the engine, a session factory and where it lives."""

    folder: Path
    engine: Engine
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session for a transaction that writes: it waits for the write lock when it
        begins (``engine.WRITE_BEGIN``), so a write committed elsewhere after it has
        read can never fail its own write."""
        with self.sessions(bind=self.engine.execution_options(**WRITE_BEGIN)) as session:
            yield session

    def close(self) -> None:
        """Drop every connection, and refuse new ones: nothing decrypted stays open, and
        work still running when the program locks cannot read the file afterwards."""
        if not event.contains(self.engine, "do_connect", _refuse_closed):
            event.listen(self.engine, "do_connect", _refuse_closed)
        self.engine.dispose()

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-key the file under a fresh raw key wrapped by the new passphrase.

        The new key is written (wrapped by the *old* passphrase) as ``pending`` before
        the re-key, so a crash at any point leaves a key that opens the file.
        """
        keys.check_passphrase(new)
        key_path = self.folder / KEY_NAME
        key_file = keys.KeyFile.load(key_path)
        if key_file.passphrase_wrap is not None:
            keys.unwrap(key_file.passphrase_wrap, old)  # raises WrongPassphrase
        new_key = keys.new_raw_key()
        key_file.pending = keys.wrap(new_key, old)
        if key_file.keyring_backend is not None:
            keys.store_in_keyring(key_file.database_id, new_key, pending=True)
        key_file.save(key_path)
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql(f'PRAGMA rekey = "{raw_key_literal(new_key)}"')
        except DatabaseError:
            # The driver's message quotes the statement, key and all: say it plainly.
            raise StoreError(
                "The passphrase could not be changed just now (the caseload was busy). "
                "Nothing has changed; try again."
            ) from None
        self.engine.dispose()
        self.engine = sqlcipher_engine(self.db_path, new_key)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        key_file.passphrase_wrap = keys.wrap(new_key, new)
        key_file.pending = None
        if key_file.keyring_backend is not None:
            key_file.keyring_backend = keys.store_in_keyring(key_file.database_id, new_key)
            keys.forget_pending(key_file.database_id)
        key_file.save(key_path)


def _refuse_closed(*_args: object) -> None:
    raise StoreError("The caseload is locked; unlock it to carry on.")


def keyring_allowed() -> bool:
    from iro_desktop.store.policy import current_policy

    return current_policy().fixed.get("keyring_allowed", True) is True


def exists(folder: Path | str | None = None) -> bool:
    return (data_dir(folder) / DB_NAME).exists()


def create(
    folder: Path | str | None = None,
    *,
    passphrase: str | None = None,
    use_keyring: bool = True,
) -> Caseload:
    """Make a new, empty caseload file at the head schema.

    The machine-wide policy may forbid the OS keyring (``keyring_allowed = false``): then
    the key is wrapped by the passphrase alone, and a passphrase is required.
    """
    use_keyring = use_keyring and keyring_allowed()
    where = ensure_private_dir(data_dir(folder))
    db_path = where / DB_NAME
    if db_path.exists():
        raise AlreadyExists(f"There is already a caseload in {where}.")
    raw_key = keys.new_raw_key()
    key_file = keys.KeyFile(database_id=new_id())
    if use_keyring:
        key_file.keyring_backend = keys.store_in_keyring(key_file.database_id, raw_key)
    if passphrase is not None:
        key_file.passphrase_wrap = keys.wrap(raw_key, keys.check_passphrase(passphrase))
    if key_file.keyring_backend is None and key_file.passphrase_wrap is None:
        raise PassphraseRequired()
    key_file.save(where / KEY_NAME)
    create_private_file(db_path)
    engine = sqlcipher_engine(db_path, raw_key)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.upgrade(engine)
    return Caseload(where, engine)


def _try_keys(db_path: Path, candidates: list[tuple[str, bytes]]) -> tuple[Engine, str, bytes]:
    """The engine of the first key that opens the file, with that key and its label."""
    last: Exception | None = None
    for label, raw_key in candidates:
        engine = sqlcipher_engine(db_path, raw_key)
        try:
            with engine.connect() as conn:
                app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            if app_id != APPLICATION_ID:
                engine.dispose()
                raise NotACaseloadFile("not made by IRO Desktop")
            return engine, label, raw_key
        except DatabaseError as exc:
            engine.dispose()
            last = exc
    raise NotACaseloadFile(str(getattr(last, "orig", last)))


def open_caseload(
    folder: Path | str | None = None,
    *,
    passphrase: str | None = None,
    candidates: list[tuple[str, bytes]] | None = None,
) -> Caseload:
    """Unlock and open the caseload; upgrade an older schema after a backup copy.

    ``candidates`` are keys already found (``store.quick_open``), so the slow passphrase check
    is not done twice. A file from a newer version, a foreign or damaged file, or a wrong
    passphrase is refused with a clear message and left untouched.
    """
    where = data_dir(folder)
    db_path = where / DB_NAME
    key_path = where / KEY_NAME
    key_file = keys.load_key_file(where)
    if candidates is None:
        candidates = keys.key_candidates(key_file, passphrase or env_passphrase())
    engine, label, working = _try_keys(db_path, candidates)
    if key_file.pending is not None or label == "keyring-pending":
        _finish_interrupted_rekey(key_file, key_path, label, working)
    with engine.connect() as conn:
        current = migrations.check_not_newer(conn)
    if current != migrations.head_revision():
        engine.dispose()
        backup = db_path.with_name(f"{DB_NAME}.before-{migrations.head_revision()}")
        shutil.copy2(db_path, backup)
        os.chmod(backup, 0o600)
        engine, _label, _key = _try_keys(db_path, candidates)
        migrations.upgrade(engine)
    return Caseload(where, engine)


def _finish_interrupted_rekey(
    key_file: keys.KeyFile, key_path: Path, label: str, working: bytes
) -> None:
    """A re-key stopped half way: keep whichever key really opens the file."""
    if label in keys.PENDING_LABELS and key_file.pending is not None:
        key_file.passphrase_wrap = key_file.pending  # the new key, under the old passphrase
    key_file.pending = None
    if key_file.keyring_backend is not None and keys.backend_name_now() == (
        key_file.keyring_backend
    ):
        keys.store_in_keyring(key_file.database_id, working)
        keys.forget_pending(key_file.database_id)
    key_file.save(key_path)


def check_integrity(caseload: Caseload) -> list[str]:
    with caseload.engine.connect() as conn:
        rows = conn.execute(text("PRAGMA cipher_integrity_check")).fetchall()
    return [str(r[0]) for r in rows]
