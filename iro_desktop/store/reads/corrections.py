"""Which entries were corrected, when and by whom: "corrected 3 Dec 2026 by Sam Patel".

Read from the row itself (``corrected_at``, ``corrected_by``; migration 0010): a
correction stamps them, an undo writes back the stamp the row had before (none, or an
earlier correction) and a redo the correction's own, and they sync with the row, so the
note is true of what the entry now says on every laptop. A correction this laptop has no
audit entry for was made on another computer and says so. The IRO's name comes from
their profile (``iros``), else their email.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.dates import format_date
from iro_desktop.store.schema import MODELS_BY_TABLE, AuditEntry, Iro


def corrected(session: Session, rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Row id -> "corrected 3 Dec 2026 by Sam Patel" for each ``(table, row id)`` whose
    current version is a correction's (rows already read come from the session)."""
    stamps: dict[str, tuple[datetime, str | None]] = {}
    for table, row_id in rows:
        model = MODELS_BY_TABLE.get(table)
        row: Any = session.get(model, row_id) if model is not None and row_id else None
        if row is not None and row.corrected_at is not None:
            stamps[row_id] = (row.corrected_at, row.corrected_by)
    if not stamps:
        return {}
    here = {
        (row_id, at)
        for row_id, at in session.execute(
            select(AuditEntry.row_id, AuditEntry.at).where(
                AuditEntry.action == "correct", AuditEntry.row_id.in_(list(stamps))
            )
        )
    }
    names = {e: n for e, n in session.execute(select(Iro.email, Iro.name)).all() if n}
    out: dict[str, str] = {}
    for row_id, (at, by) in stamps.items():
        words = ["corrected", format_date(at.astimezone().date())]
        if (row_id, at) not in here:
            words.append("on another computer")
        if by:
            words += ["by", names.get(by, by)]
        out[row_id] = " ".join(words)
    return out


def history(session: Session, row_id: str) -> list[Any]:
    """Every audit entry of one row, oldest first (each correction keeps ``before``)."""
    return list(
        session.scalars(select(AuditEntry).where(AuditEntry.row_id == row_id)
                        .order_by(AuditEntry.at))
    )  # fmt: skip
