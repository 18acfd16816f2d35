"""What the GUI calls: the sync status line, the conflict list, and settling a conflict.

No Qt here. A conflict keeps both versions; settling it by choosing this laptop's version
or a merge writes that as a new local change (through the operation layer, so it is
audited and pushed), based on the server's version so it applies cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select

from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor, Op
from iro_desktop.store.schema import MODELS_BY_TABLE, Child, Conflict, OutboxEntry
from iro_desktop.store.serialise import from_payload
from iro_desktop.store.types import utcnow
from iro_desktop.sync import state

Choice = Literal["server", "laptop", "merged"]
BOOKKEEPING = frozenset({"id", "version", "updated_at"})
# Kept with the chosen version when a conflict is settled, but never a difference to settle.
STAMPS = frozenset({"corrected_at", "corrected_by"})

KINDS = {  # what each synced table holds, in words an IRO uses
    "iros": "Your IRO profile",
    "children": "Child's details",
    "legal_statuses": "Legal status",
    "placements": "Placement",
    "people": "Person in the child's network",
    "reviews": "Review",
    "decisions": "Review decision",
    "decision_status_changes": "Decision progress",
    "consultations": "Consultation",
    "review_feedback": "Review feedback",
    "child_alerts": "Child's alert from child mode",
    "letters": "Letter",
    "visits": "Visit",
    "midway_updates": "Midway update",
    "midway_items": "Midway update item",
    "challenges": "Challenge",
    "challenge_stages": "Challenge stage",
    "notes": "Case note",
}


def refusal_line(table: str, reason: str) -> str:
    """What the IRO is told about one change the central store refused."""
    kind = KINDS.get(table, table.replace("_", " ")).lower().replace("your iro", "your IRO")
    return f"This {kind.removeprefix('your ')} could not be sent: {reason}"


@dataclass(frozen=True)
class SyncStatus:
    connected: bool
    server_url: str | None
    account_email: str | None
    last_sync_at: datetime | None
    last_error: str | None
    changes_waiting: int
    open_conflicts: int

    def line(self) -> str:
        """The status line's text."""
        if not self.connected:
            return "Not connected to a central store"
        when = (
            self.last_sync_at.astimezone().strftime("%d %b %H:%M") if self.last_sync_at else "never"
        )
        text = f"Last sync {when} · {self.changes_waiting} change(s) waiting"
        if self.open_conflicts:
            text += f" · {self.open_conflicts} conflict(s) to settle"
        if self.last_error:
            text += " · last sync failed"
        return text


def status(caseload: Caseload) -> SyncStatus:
    with caseload.session() as session:
        conn = state.connection(session)
        last = state.get(session, state.LAST_SYNC)
        waiting = session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.pushed_at.is_(None))
        )
        conflicts = session.scalar(
            select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
        )
        return SyncStatus(
            connected=conn is not None,
            server_url=conn.server_url if conn else None,
            account_email=state.get(session, state.EMAIL),
            last_sync_at=datetime.fromisoformat(last) if last else None,
            last_error=state.get(session, state.LAST_ERROR),
            changes_waiting=int(waiting or 0),
            open_conflicts=int(conflicts or 0),
        )


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    row_id: str
    child_id: str | None
    child_name: str | None
    created_at: datetime
    server: dict[str, Any]
    laptop: dict[str, Any]
    differing: list[str]
    refused_reason: str | None


def list_conflicts(caseload: Caseload, *, include_settled: bool = False) -> list[ConflictView]:
    """Open conflicts, oldest first, each with both versions and the fields that differ."""
    from iro_desktop.sync.run import REFUSED

    with caseload.session() as session:
        query = select(Conflict).order_by(Conflict.created_at)
        if not include_settled:
            query = query.where(Conflict.resolved_at.is_(None))
        rows = list(session.scalars(query))
        names = {
            c.id: c.display_name
            for c in session.scalars(
                select(Child).where(Child.id.in_([r.child_id for r in rows if r.child_id]))
            )
        }
    out = []
    for c in rows:
        server, laptop = dict(c.server_payload or {}), dict(c.client_payload or {})
        keys = sorted((set(server) | set(laptop)) - BOOKKEEPING - STAMPS - {REFUSED})
        out.append(
            ConflictView(
                id=c.id,
                table=c.table_name,
                row_id=c.row_id,
                child_id=c.child_id,
                child_name=names.get(c.child_id or ""),
                created_at=c.created_at,
                server=server,
                laptop=laptop,
                differing=[k for k in keys if server.get(k) != laptop.get(k)],
                refused_reason=server.get(REFUSED),
            )
        )
    return out


def resolve(
    caseload: Caseload,
    conflict_id: str,
    choice: Choice,
    actor: Actor,
    merged: dict[str, Any] | None = None,
) -> None:
    """Settle a conflict: keep the server's version, this laptop's, or a merged payload."""
    if choice == "merged" and merged is None:
        raise ValueError("a merged resolution needs the merged payload")
    with caseload.session() as session, session.begin():
        conflict = session.get(Conflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise LookupError("no open conflict with that id")
        if choice != "server":
            chosen = conflict.client_payload if choice == "laptop" else merged
            assert chosen is not None
            _write(Op(session, actor), conflict.table_name, conflict.row_id, chosen)
        conflict.resolved_at = utcnow()
        conflict.resolution = choice


def _write(op: Op, table_name: str, row_id: str, chosen: dict[str, Any]) -> None:
    model = MODELS_BY_TABLE[table_name]
    values = {k: v for k, v in from_payload(model, chosen).items() if k not in BOOKKEEPING}
    row: Any = op.session.get(model, row_id)
    if row is None:
        row = model(id=row_id, **values)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    op.save(row, "resolve-conflict")
