"""Writing the server's rows into the laptop's caseload, without queueing them for push.

Rows arrive from the server in bulk, so this uses Core inserts and ORM bulk updates by
primary key rather than one object at a time. A row with a change still waiting in the
outbox is never overwritten: the push that follows settles it (or raises a conflict).
Foreign keys are checked by the server; on the laptop they are switched off while
applying, because a sibling link may point to a child this IRO does not hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from iro_desktop.central.protocol import TABLES, child_key, digest, table_of
from iro_desktop.store import start_view
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.engine import WRITE_BEGIN
from iro_desktop.store.schema import MODELS_BY_TABLE, OutboxEntry
from iro_desktop.store.serialise import from_payload

CHUNK = 500


@contextmanager
def applying(caseload: Caseload) -> Iterator[Session]:
    """One transaction with foreign keys off, committed on success."""
    with caseload.engine.execution_options(**WRITE_BEGIN).connect() as conn:
        # SQLite ignores this pragma inside a transaction, and SQLAlchemy's first
        # statement would begin one: set it on the driver's connection first.
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        if raw.execute("PRAGMA foreign_keys").fetchone()[0] != 0:
            raise RuntimeError("could not switch foreign keys off to apply synced rows")
        try:
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                yield session
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def pending_rows(session: Session) -> set[str]:
    return set(session.scalars(select(OutboxEntry.row_id).where(OutboxEntry.pushed_at.is_(None))))


def pending_children(session: Session) -> set[str]:
    return {
        c
        for c in session.scalars(
            select(OutboxEntry.child_id).where(OutboxEntry.pushed_at.is_(None))
        )
        if c is not None
    }


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def local_versions(session: Session, table: Table, ids: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in _chunks(ids):
        out.update(
            session.execute(select(table.c.id, table.c.version).where(table.c.id.in_(chunk))).all()
        )
    return out


def apply_rows(
    session: Session,
    table_name: str,
    payloads: Iterable[dict[str, Any]],
    pending: set[str],
    *,
    replace: bool = False,
    force: bool = False,
) -> int:
    """Upsert rows that are newer than the laptop's (or just different, when ``replace``)."""
    model = MODELS_BY_TABLE[table_name]
    table = table_of(model)
    latest: dict[str, dict[str, Any]] = {}
    for p in payloads:
        seen = latest.get(p["id"])
        if seen is None or p["version"] > seen["version"]:
            latest[p["id"]] = p
    have = local_versions(session, table, list(latest))
    columns = list(table.c.keys())
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row_id, payload in latest.items():
        if row_id in pending:
            continue
        values = from_payload(model, payload)
        local = have.get(row_id)
        if local is None:
            inserts.append({c: values.get(c) for c in columns})
        elif force or payload["version"] > local or (replace and payload["version"] != local):
            updates.append(values)
    if inserts:
        session.execute(insert(table), inserts)
    if updates:
        session.execute(update(model), updates)
    return len(inserts) + len(updates)


def comparable_ids(session: Session, table_name: str, scope: set[str]) -> list[tuple[str, int]]:
    """(id, version) of the rows the server also counts: the children in scope, and all
    IRO profiles."""
    table = table_of(MODELS_BY_TABLE[table_name])
    key = child_key(table_name)
    query = select(table.c.id, table.c.version)
    if key is None:
        return [(r[0], r[1]) for r in session.execute(query)]
    pairs: list[tuple[str, int]] = []
    for chunk in _chunks(sorted(scope)):
        pairs.extend((r[0], r[1]) for r in session.execute(query.where(table.c[key].in_(chunk))))
    return pairs


def local_checksums(session: Session, scope: set[str]) -> dict[str, list[Any]]:
    return {name: list(digest(comparable_ids(session, name, scope))) for name in TABLES}


def delete_rows(session: Session, table_name: str, ids: Iterable[str]) -> int:
    table = table_of(MODELS_BY_TABLE[table_name])
    n = 0
    for chunk in _chunks(sorted(ids)):
        result: Any = session.execute(delete(table).where(table.c.id.in_(chunk)))
        n += int(result.rowcount)
    return n


def remove_children(session: Session, child_ids: set[str]) -> int:
    """Take children (and everything hanging off them) off this laptop; no outbox rows."""
    if not child_ids:
        return 0
    ids = sorted(child_ids)
    n = 0
    for name in reversed(TABLES):
        key = child_key(name)
        if key is None:
            continue
        table = table_of(MODELS_BY_TABLE[name])
        for chunk in _chunks(ids):
            result: Any = session.execute(delete(table).where(table.c[key].in_(chunk)))
            n += int(result.rowcount)
    for chunk in _chunks(ids):
        session.execute(delete(OutboxEntry).where(OutboxEntry.child_id.in_(chunk)))
    start_view.forget(session)
    return n
