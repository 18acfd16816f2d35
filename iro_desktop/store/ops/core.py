"""The one way to write: validate, write in one transaction, audit, queue for sync.

Every operation runs inside ``operation(...)``; ``Op.save`` bumps the row's version,
stamps ``updated_at``, and adds the audit entry and the outbox row in the same
transaction. The caller gets back ``Changes`` so views refresh only what moved.

A correction keeps what it replaced: the audit entry of an update holds the previous value
of each field it changed (``before``). ``Changes.versions`` holds each saved row's whole
version before and after the operation, so the GUI's undo can write either one back
through ``entries.restore`` (itself a versioned, audited, synced write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, insert, inspect, select
from sqlalchemy.orm import Session, make_transient_to_detached

from iro_desktop.store.caseload import Caseload
from iro_desktop.store.changes import Changes, Payload
from iro_desktop.store.rowcheck import check_row
from iro_desktop.store.schema import AuditEntry, OutboxEntry
from iro_desktop.store.serialise import json_value, to_payload
from iro_desktop.store.types import Base, Synced, new_id, table_of, utcnow

T = TypeVar("T")
# Columns every write stamps: never listed as what a write changed.
BOOKKEEPING = frozenset({"version", "updated_at", "corrected_at", "corrected_by"})

# How the Edit menu names what an operation did ("Undo correct visit").
ACTION_WORDS = {"create": "add", "update": "edit", "correct": "correct", "delete": "delete",
                "restore": "restore"}  # fmt: skip
TABLE_WORDS = {"visits": "visit", "legal_statuses": "legal status", "people": "person",
               "midway_updates": "mid-way update", "midway_items": "mid-way update",
               "challenge_stages": "challenge stage", "review_feedback": "feedback",
               "children": "profile", "decision_status_changes": "decision",
               "reviews": "review", "decisions": "decision", "placements": "placement",
               "consultations": "consultation", "challenges": "challenge", "notes": "note",
               "letters": "letter", "ssda903_extract": "903 extract"}  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """Who is writing: the IRO's email and this device's id (no names in logs)."""

    email: str
    device: str = "laptop"


class Op:
    """A unit of work over one session and transaction."""

    def __init__(self, session: Session, actor: Actor, *, outbox: bool = True) -> None:
        self.session = session
        self.actor = actor
        self.outbox = outbox
        self.changes = Changes()
        self._seq: int | None = None
        self.saved: list[Synced] = []  # rows ``save_many`` wrote, for the central change log
        self.label: str | None = None  # names the operation; else its last write does
        self.reason: str | None = None  # why (a deletion's reason), kept in the audit entry
        self.update_action = "update"  # "correct" while ``entries.correcting``

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
        previous: Payload | None = None
        now = utcnow()
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
            if (action or self.update_action) == "correct":
                # The row now says what this correction made it say (undo writes back
                # the stamp it had before, with the rest of the row).
                row.corrected_at, row.corrected_by = now, self.actor.email
            assert isinstance(row, Base)
            previous = _previous(row, state)
            base_version = row.version
            row.version = base_version + 1
        row.updated_at = now
        assert isinstance(row, Base)
        check_row(row)  # what the central store would refuse is never kept here either
        self.session.add(row)
        self.session.flush()
        action = action or ("create" if is_new else self.update_action)
        self._record(row, action, base_version, changed, previous)

    def _version(self, row: Synced, previous: Payload | None, after: Payload) -> None:
        key = (type(row).__tablename__, row.id)  # type: ignore[attr-defined]
        earlier = self.changes.versions.get(key)
        self.changes.versions[key] = (earlier[0] if earlier else previous, after)

    def save_many(self, rows: list[Synced], action: str | None = None) -> None:
        """``save`` for many rows at once: the same versions (so it can be undone), audit
        and outbox rows.

        A 903 import writes thousands of rows. New rows go in as plain inserts, one per
        table, and are left detached (as if read earlier); changed rows are flushed once.
        Building and flushing thousands of ORM objects one by one took most of the time.
        """
        pending: list[tuple[Synced, str, int, list[str]]] = []
        previous: dict[int, Payload] = {}  # each changed row as it was (what undo writes back)
        new: dict[Any, list[tuple[Synced, dict[str, Any]]]] = {}
        now = utcnow()
        for row in rows:
            state = inspect(row)
            if state.transient:
                values = _new_values(state.mapper, row.__dict__)
                values["id"] = values["id"] or new_id()
                values["version"], values["updated_at"] = 1, now
                row.__dict__.update(values)  # a new row's own dict: nothing to track yet
                changed = [k for k, v in values.items() if v is not None]
                pending.append((row, "create", 0, changed))
                new.setdefault(state.mapper, []).append((row, values))
                continue
            changed = [a.key for a in state.attrs if a.history.has_changes()]
            if not changed:
                continue
            did = action or ("delete" if row.deleted and "deleted" in changed else "update")
            assert isinstance(row, Base)
            previous[id(row)] = _previous(row, state)
            pending.append((row, did, row.version, changed))
            row.version += 1
            row.updated_at = utcnow()
            self.session.add(row)
        if not pending:
            return
        self.session.flush()  # the changed rows
        for mapper, made in new.items():
            self.session.execute(insert(table_of(mapper.class_)), [v for _, v in made])
            for r, _ in made:
                # Detached, as if read and the session closed: every column is loaded;
                # attaching thousands cost seconds, and a later ``save`` attaches one.
                make_transient_to_detached(r)
        entries = [self._entries(*item) for item in pending]
        for (row, *_rest), (_audit, out) in zip(pending, entries, strict=True):
            after = out["payload"] if out is not None else to_payload(row)  # type: ignore[arg-type]
            self._version(row, previous.get(id(row)), after)
        self.session.execute(insert(table_of(AuditEntry)), [audit for audit, _ in entries])
        outbox = [row for _, row in entries if row is not None]
        if outbox:
            self.session.execute(insert(table_of(OutboxEntry)), outbox)
        self.saved.extend(row for row, *_ in pending)

    def delete(self, row: Synced) -> None:
        """Tombstone, never a hard delete, so the deletion syncs too."""
        row.deleted = True
        self.save(row, "delete")

    def _record(
        self, row: Synced, action: str, base_version: int, fields: list[str],
        previous: Payload | None,
    ) -> None:  # fmt: skip
        audit, outbox = self._entries(row, action, base_version, fields)
        if previous is not None:
            audit["before"] = {k: previous.get(k) for k in audit["fields"] if k in previous}
        if action == "delete" and self.reason:
            audit["reason"] = self.reason
        self.session.add(AuditEntry(**audit))
        if outbox is not None:
            self.session.add(OutboxEntry(**outbox))
        after = outbox["payload"] if outbox is not None else to_payload(row)  # type: ignore[arg-type]
        self._version(row, previous if base_version else None, after)
        what = TABLE_WORDS.get(audit["table_name"], "entry")
        self.changes.label = self.label or f"{ACTION_WORDS.get(action, action)} {what}"

    def _entries(
        self, row: Synced, action: str, base_version: int, fields: list[str]
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The audit entry and outbox row of one write, as column values."""
        table = type(row).__tablename__  # type: ignore[attr-defined]
        child_id = _child_id(row)
        audit = {
            "id": new_id(),
            "actor": self.actor.email,
            "device": self.actor.device,
            "action": action,
            "table_name": table,
            "row_id": row.id,
            "child_id": child_id,
            "fields": sorted(set(fields) - BOOKKEEPING),
            "at": row.updated_at,
        }
        outbox = None
        if self.outbox:
            outbox = {
                "change_id": new_id(),
                "seq": self._next_seq(),
                "table_name": table,
                "row_id": row.id,
                "child_id": child_id,
                "op": "delete" if row.deleted else "upsert",
                "version": row.version,
                "base_version": base_version,
                "payload": to_payload(row),  # type: ignore[arg-type]
                "created_at": utcnow(),
            }
        self.changes.tables.add(table)
        self.changes.row_ids.add(row.id)
        if child_id:
            self.changes.child_ids.add(child_id)
        return audit, outbox


def _previous(row: Base, state: Any) -> Payload:
    """The row as it was before this change, as a payload (what undo writes back)."""
    out = to_payload(row)
    for attr in state.attrs:
        history = attr.history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            out[attr.key] = json_value(old)
    return out


_DEFAULTS: dict[Any, list[tuple[str, Any]]] = {}


def _new_values(mapper: Any, given: dict[str, Any]) -> dict[str, Any]:
    """Every column of a new row: what was given, else the column's plain default."""
    columns = _DEFAULTS.get(mapper)
    if columns is None:
        columns = []
        for column in mapper.columns:
            default: Any = column.default
            plain = default is not None and getattr(default, "is_scalar", False)
            columns.append((column.key, default.arg if plain else None))
        _DEFAULTS[mapper] = columns
    out = {}
    for key, default in columns:
        value = given.get(key)
        out[key] = default if value is None else value
    return out


def _child_id(row: Any) -> str | None:
    if type(row).__tablename__ == "children":
        return str(row.id)
    value = getattr(row, "child_id", None)
    return str(value) if value is not None else None


@contextmanager
def operation(caseload: Caseload, actor: Actor) -> Iterator[Op]:
    """One transaction: all of it is written, or (on any error) none of it."""
    with caseload.writing() as session, session.begin():
        yield Op(session, actor)


def writing(
    caseload: Caseload, actor: Actor, fn: Callable[[Op], T]
) -> Callable[[], tuple[T, Changes]]:
    """A write to run later (in a worker): one operation, returning its result and changes."""

    def work() -> tuple[T, Changes]:
        with operation(caseload, actor) as op:
            return fn(op), op.changes

    return work
