"""Any entry on the child's record, by kind: find it, correct it, delete it, restore it.

``delete`` leaves a tombstone (``Op.delete``), so the deletion syncs like any write and the
other laptop drops the entry too; the reason goes in the audit entry. ``correct`` runs
the kind's own correction under the rules the entry was first made by, and records the
write as a correction (``action = "correct"``, the replaced values in ``before``).
``restore`` writes back whole versions of rows, for undo and redo: it is itself a
versioned, audited, synced write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.changes import Payload
from iro_desktop.store.errors import ChangedSince
from iro_desktop.store.ops.core import TABLE_WORDS, Op
from iro_desktop.store.schema import (
    AuditEntry,
    Challenge,
    ChallengeStage,
    Consultation,
    Decision,
    DecisionStatusChange,
    LegalStatus,
    MidwayItem,
    MidwayUpdate,
    Note,
    Person,
    Placement,
    Review,
    ReviewFeedback,
    Visit,
)
from iro_desktop.store.serialise import from_payload
from iro_desktop.store.ssda903 import stored as stored_copy
from iro_desktop.store.types import Base, Synced

T = TypeVar("T")
MANY = 50  # more rows than this in one restore (an import undone) go through ``save_many``

# Every kind of entry that can be corrected or deleted, and its words for messages.
KINDS: dict[str, tuple[type[Any], str]] = {
    "visit": (Visit, "visit"),
    "consultation": (Consultation, "consultation"),
    "decision": (Decision, "decision"),
    "midway": (MidwayUpdate, "mid-way update"),
    "challenge": (Challenge, "challenge"),
    "challenge_stage": (ChallengeStage, "challenge stage"),
    "feedback": (ReviewFeedback, "feedback"),
    "placement": (Placement, "placement"),
    "legal_status": (LegalStatus, "legal status"),
    "person": (Person, "person"),
    "review": (Review, "review"),
    "note": (Note, "note"),
}
# The kind of entry kept in each table (what the footprint and search give), for Edit.
KIND_OF_TABLE: dict[str, str] = {model.__tablename__: kind for kind, (model, _) in KINDS.items()}
NOT_DELETED = frozenset({"review"})  # a review is cancelled, not deleted
# What goes with an entry when it is deleted: (model, column naming the entry).
WITH: dict[str, list[tuple[type[Any], str]]] = {
    "challenge": [(ChallengeStage, "challenge_id")],
    "midway": [(MidwayItem, "midway_update_id")],
    "decision": [(DecisionStatusChange, "decision_id")],
}


def words(kind: str) -> str:
    return KINDS[kind][1]


def find(op_or_session: Any, kind: str, entry_id: str) -> Any:
    """The live entry, or a ``ValidationError`` saying it is no longer on the record."""
    session = getattr(op_or_session, "session", op_or_session)
    if kind not in KINDS:
        raise ValidationError("kind", f"{kind} is not an entry that can be changed")
    row = session.get(KINDS[kind][0], entry_id)
    if row is None or row.deleted:
        raise ValidationError(kind, "is no longer on the record")
    return row


def delete(op: Op, kind: str, entry_id: str, reason: str | None = None) -> Any:
    """Delete an entry (and what belongs only to it) as a tombstone that syncs."""
    if kind in NOT_DELETED:
        raise ValidationError(kind, "cannot be deleted: cancel it or correct it instead")
    row = find(op, kind, entry_id)
    op.reason = (reason or "").strip() or None
    for model, column in WITH.get(kind, []):
        for part in op.session.scalars(
            select(model).where(getattr(model, column) == row.id, model.deleted.is_(False))
        ):
            op.delete(part)
    if kind == "placement":
        _reopen_previous(op, row)
    op.label = f"delete {words(kind)}"
    op.delete(row)
    return row


def _reopen_previous(op: Op, placement: Placement) -> None:
    """Deleting the current placement makes the one it ended current again."""
    if placement.end_date is not None:
        return
    previous = op.session.scalars(
        select(Placement).where(
            Placement.child_id == placement.child_id,
            Placement.deleted.is_(False),
            Placement.id != placement.id,
            Placement.end_date == placement.start_date,
        )
    ).first()
    if previous is not None:
        previous.end_date = None
        previous.end_reason = None
        op.save(previous)


def correct(op: Op, kind: str, fn: Callable[[], T]) -> T:
    """Run one kind's correction ``fn`` so that its writes are audited as a correction."""
    op.update_action = "correct"
    op.label = f"correct {words(kind)}"
    try:
        return fn()
    finally:
        op.update_action = "update"


def restore(
    op: Op, versions: Iterable[tuple[str, str, Payload | None]], *, label: str,
    action: str = "restore", expected: Mapping[tuple[str, str], Payload | None] | None = None,
) -> dict[tuple[str, str], Payload | None]:  # fmt: skip
    """Write back whole versions of rows (undo or redo): ``(table, row id, payload)``;
    a payload of None means the row did not exist then, so it becomes a tombstone.
    ``action`` ("undo", "redo") is what the audit entries say.

    ``expected`` is each row as the write being undone (or redone) left it. A row whose
    version or ``updated_at`` has moved since (a sync applied another laptop's change, or
    a later write here) is not written over: ``ChangedSince`` is raised and the whole
    operation rolls back, so nothing is lost. Returns each written row as it now is.

    An import's stored copy of the 903 extract (``store.ssda903.stored``, never synced,
    no versions) is written back with the rows, by content: None removes it; and it is
    refused the same way if it is no longer as ``expected``.
    """
    models = _models()
    op.label = label
    versions = list(versions)
    copies = {i: payload for t, i, payload in versions if t == stored_copy.TABLE}
    versions = [v for v in versions if v[0] != stored_copy.TABLE]
    many = len(versions) > MANY
    doing = "undoing" if action == "undo" else "redoing"
    held = _load(op, models, versions) if many else []  # noqa: F841 (kept in the session)
    for table, row_id, _payload in versions:
        row = op.session.get(models[table], row_id)
        want = (expected or {}).get((table, row_id))
        if row is not None and want is not None and _moved(row, want):
            raise ChangedSince(TABLE_WORDS.get(table, "entry"), doing,
                               elsewhere=not _written_here(op, row))  # fmt: skip
    if copies:  # an import's stored copy of the 903 extract: not versioned, so by content
        keys = [(stored_copy.TABLE, ref) for ref in copies]
        want = {ref: (expected or {})[(t, ref)] for t, ref in keys if (t, ref) in (expected or {})}
        if stored_copy.moved(op.session, want):
            raise ChangedSince(TABLE_WORDS[stored_copy.TABLE], doing, elsewhere=False)
    rows: list[Synced] = []
    for table, row_id, payload in versions:
        model = models[table]
        row = op.session.get(model, row_id)
        if row is None:
            continue  # never reached this store: nothing to put back
        if payload is None:
            if row.deleted:
                continue
            row.deleted = True
        else:
            values = from_payload(model, payload)  # type: ignore[arg-type]
            for key, value in values.items():
                if key not in ("id", "version", "updated_at"):
                    setattr(row, key, value)
        if many:
            rows.append(row)
        else:
            op.save(row, action)  # each at once: its flush would hide the next one's change
    if many:  # a whole import undone: one insert of audit and outbox rows, not thousands
        op.save_many(rows, action)
    if copies:
        now = stored_copy.read(op.session, list(copies))
        stored_copy.put_back(op.session, copies)
        for ref, payload in copies.items():
            op.changes.versions[(stored_copy.TABLE, ref)] = (now[ref], payload)
    op.changes.label = label
    return {key: after for key, (_before, after) in op.changes.versions.items()}


def _load(op: Op, models: dict[str, type[Synced]], versions: list[Any]) -> list[Any]:
    """Read every row ``versions`` names, a table and a few hundred ids at a time, so
    each ``session.get`` after finds it in the session (one query each took seconds);
    the caller holds the rows returned, as the session keeps only weak references."""
    out: list[Any] = []
    ids: dict[str, list[str]] = {}
    for table, row_id, _payload in versions:
        ids.setdefault(table, []).append(row_id)
    for table, wanted in ids.items():
        model: Any = models[table]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            out += op.session.scalars(select(model).where(model.id.in_(chunk))).all()
    return out


def _moved(row: Any, want: Payload) -> bool:
    """Has ``row`` changed since it was ``want``? By version, and by ``updated_at`` (a
    conflict settled on the central store can bring another laptop's row at the same
    version number)."""
    if row.version != want.get("version"):
        return True
    stamp = want.get("updated_at")
    return stamp is not None and row.updated_at != datetime.fromisoformat(stamp)


def _written_here(op: Op, row: Any) -> bool:
    """Was the row's current version written on this laptop (it has an audit entry)?"""
    return (
        op.session.scalar(
            select(AuditEntry.id)
            .where(AuditEntry.row_id == row.id, AuditEntry.at == row.updated_at)
            .limit(1)
        )
        is not None
    )


def _models() -> dict[str, type[Synced]]:
    out: dict[str, type[Synced]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Synced):
            out[cls.__tablename__] = cls  # type: ignore[attr-defined]
    return out
