"""Unlock and read the saved start view with the bare SQLCipher driver.

Loading SQLAlchemy, the schema and the rules takes several times longer than starting Qt,
so the first screen does without them: this module imports only the standard library,
``cryptography`` (in ``keys``) and ``sqlcipher3``. It checks the passphrase exactly as a
full unlock does, then reads the views ``store.start_view`` saved, in one read
transaction, and only if the file is ours, at the newest schema and unchanged since they
were saved. In any other case (an older schema to migrate, a re-key to finish, no saved
view yet, a write since) it returns no views and the full open decides.

It never writes: migrating, finishing a re-key and everything else stays with
``store.caseload.open_caseload``, which takes the keys found here so scrypt runs once.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iro_desktop.store import keys
from iro_desktop.store.errors import NotACaseloadFile
from iro_desktop.store.file_format import APPLICATION_ID, SCHEMA_HEAD
from iro_desktop.store.paths import DB_NAME, data_dir


@dataclass(frozen=True)
class QuickStart:
    candidates: list[tuple[str, bytes]]  # for open_caseload(candidates=...)
    views: dict[str, Any] = field(default_factory=dict)  # name -> saved body; {} if unusable


def quick_open(
    folder: Path | str | None, passphrase: str | None, names: tuple[str, ...]
) -> QuickStart:
    """Check the passphrase and read the saved views; raises what a full unlock raises."""
    where = data_dir(folder)
    key_file = keys.load_key_file(where)
    candidates = keys.key_candidates(key_file, passphrase, check_passphrase=True)
    if key_file.pending is not None or candidates[0][0] in keys.PENDING_LABELS:
        return QuickStart(candidates)
    return QuickStart(candidates, _read(where / DB_NAME, candidates[0][1], names))


def start_early(
    folder: Path | str | None, passphrase: str, names: tuple[str, ...]
) -> Future[QuickStart]:
    """Begin ``quick_open`` in a thread at once, before Qt has loaded.

    For a passphrase given at launch: scrypt releases the GIL, so the slow key check runs
    on another core while Python imports Qt.
    """
    future: Future[QuickStart] = Future()

    def run() -> None:
        try:
            future.set_result(quick_open(folder, passphrase, names))
        except BaseException as exc:  # delivered to whoever waits on the future
            future.set_exception(exc)

    threading.Thread(target=run, name="quick-open", daemon=True).start()
    return future


def _read(db_path: Path, raw_key: bytes, names: tuple[str, ...]) -> dict[str, Any]:
    import sqlcipher3

    try:
        # read-only; as_uri() escapes a folder name with a space, "#" or "?" in it
        uri = f"{db_path.resolve().as_uri()}?mode=ro"
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None)
    except sqlcipher3.Error:
        return {}
    try:
        conn.execute(f"PRAGMA key = \"x'{raw_key.hex()}'\"")
        conn.execute("BEGIN")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotACaseloadFile("not made by IRO Desktop")
        stamp = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if stamp is None or stamp[0] != SCHEMA_HEAD:
            return {}
        (count,) = conn.execute("SELECT n FROM write_gen WHERE id = 1").fetchone()
        marks = ",".join("?" * len(names))
        rows = conn.execute(
            f"SELECT name, body FROM start_view WHERE gen = ? AND name IN ({marks})",
            (count, *names),
        ).fetchall()
        conn.execute("COMMIT")
        views = {name: json.loads(body) for name, body in rows}
    except (sqlcipher3.DatabaseError, TypeError, ValueError):
        # a key that does not fit, a damaged file or view: the full open says what is wrong
        return {}
    finally:
        conn.close()
    return views if set(views) == set(names) else {}
