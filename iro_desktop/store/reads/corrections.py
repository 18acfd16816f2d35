"""Which entries were corrected, when and by whom: "corrected 3 Dec 2026 by Sam Patel".

Read from the audit trail (``action = "correct"``), newest correction per entry; the
IRO's name comes from their profile (``iros``), else their email.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.dates import format_date
from iro_desktop.store.schema import AuditEntry, Iro


def corrected(session: Session, row_ids: Collection[str]) -> dict[str, str]:
    """Row id -> "corrected 3 Dec 2026 by Sam Patel", for the rows that were corrected."""
    if not row_ids:
        return {}
    rows = session.execute(
        select(AuditEntry.row_id, AuditEntry.at, AuditEntry.actor)
        .where(AuditEntry.action == "correct", AuditEntry.row_id.in_(list(row_ids)))
        .order_by(AuditEntry.at)
    ).all()
    names = {e: n for e, n in session.execute(select(Iro.email, Iro.name)).all() if n}
    out: dict[str, str] = {}
    for row_id, at, actor in rows:  # the newest wins
        on = format_date(at.astimezone().date())
        out[row_id] = f"corrected {on} by {names.get(actor, actor)}"
    return out


def history(session: Session, row_id: str) -> list[Any]:
    """Every audit entry of one row, oldest first (each correction keeps ``before``)."""
    return list(
        session.scalars(select(AuditEntry).where(AuditEntry.row_id == row_id)
                        .order_by(AuditEntry.at))
    )  # fmt: skip
