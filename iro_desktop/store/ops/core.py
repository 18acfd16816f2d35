"""The one way to write: validate, write in one transaction, audit, queue for sync.

Every operation runs inside ``operation(...)``; ``Op.save`` bumps the row's version,
stamps ``updated_at``, and adds the audit entry and the outbox row in the same
transaction. The caller gets back ``Changes`` so views refresh only what moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from iro_desktop.store.caseload import Caseload
from iro_desktop.store.schema import AuditEntry, OutboxEntry
from iro_desktop.store.serialise import to_payload
from iro_desktop.store.types import Base, Synced, new_id, utcnow

T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """Who is writing: the IRO's email and this device's id (no names in logs)."""

    email: str
    device: str = "laptop"


@dataclass
class Changes:
    """What an operation changed, for the GUI to refresh."""

    tables: set[str] = field(default_factory=set)
    child_ids: set[str] = field(default_factory=set)
    row_ids: set[str] = field(default_factory=set)

    def merge(self, other: Changes) -> None:
        self.tables |= other.tables
        self.child_ids |= other.child_ids
        self.row_ids |= other.row_ids

    def __bool__(self) -> bool:
        return bool(self.row_ids)


class Op:
    """A unit of work over one session and transaction."""

    def __init__(self, session: Session, actor: Actor, *, outbox: bool = True) -> None:
        self.session = session
        self.actor = actor
        self.outbox = outbox
        self.changes = Changes()
        self._seq: int | None = None

    def _next_seq(self) -> int:
        if self._seq is None:
            self._seq = self.session.scalar(select(func.coalesce(func.max(OutboxEntry.seq), 0)))
            assert self._seq is not None
        self._seq += 1
        return self._seq

    def save(self, row: Synced, action: str | None = None) -> None:
        """Insert or update ``row`` with its audit entry and outbox row."""
        state = inspect(row)
        is_new = state.transient or state.pending
        if is_new:
            if row.id is None:
                row.id = new_id()
            row.version = 1
            base_version = 0
            changed = [c.key for c in state.mapper.columns if getattr(row, c.key) is not None]
        else:
            changed = [a.key for a in state.attrs if a.history.has_changes()]
            if not changed:
                return
            base_version = row.version
            row.version = base_version + 1
        row.updated_at = utcnow()
        assert isinstance(row, Base)
        self.session.add(row)
        self.session.flush()
        self._record(row, action or ("create" if is_new else "update"), base_version, changed)

    def delete(self, row: Synced) -> None:
        """Tombstone, never a hard delete, so the deletion syncs too."""
        row.deleted = True
        self.save(row, "delete")

    def _record(self, row: Synced, action: str, base_version: int, fields: list[str]) -> None:
        table = type(row).__tablename__  # type: ignore[attr-defined]
        child_id = _child_id(row)
        self.session.add(
            AuditEntry(
                actor=self.actor.email,
                device=self.actor.device,
                action=action,
                table_name=table,
                row_id=row.id,
                child_id=child_id,
                fields=sorted(set(fields) - {"version", "updated_at"}),
                at=row.updated_at,
            )
        )
        if self.outbox:
            self.session.add(
                OutboxEntry(
                    seq=self._next_seq(),
                    table_name=table,
                    row_id=row.id,
                    child_id=child_id,
                    op="delete" if row.deleted else "upsert",
                    version=row.version,
                    base_version=base_version,
                    payload=to_payload(row),  # type: ignore[arg-type]
                )
            )
        self.changes.tables.add(table)
        self.changes.row_ids.add(row.id)
        if child_id:
            self.changes.child_ids.add(child_id)


def _child_id(row: Any) -> str | None:
    if type(row).__tablename__ == "children":
        return str(row.id)
    value = getattr(row, "child_id", None)
    return str(value) if value is not None else None


@contextmanager
def operation(caseload: Caseload, actor: Actor) -> Iterator[Op]:
    """One transaction: all of it is written, or (on any error) none of it."""
    with caseload.session() as session, session.begin():
        yield Op(session, actor)


def writing(
    caseload: Caseload, actor: Actor, fn: Callable[[Op], T]
) -> Callable[[], tuple[T, Changes]]:
    """A write to run later (in a worker): one operation, returning its result and changes."""

    def work() -> tuple[T, Changes]:
        with operation(caseload, actor) as op:
            return fn(op), op.changes

    return work
