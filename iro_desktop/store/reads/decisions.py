"""A review's decisions still open, and whether a mid-way update has assessed one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.store.schema import Decision, MidwayItem

CLOSED = frozenset({"done", "cancelled"})


def open_decisions(session: Session, review_id: str) -> list[Decision]:
    """The review's decisions not yet done or cancelled, in the order they were agreed."""
    rows = session.scalars(
        select(Decision)
        .where(Decision.review_id == review_id, Decision.deleted.is_(False))
        .order_by(Decision.due_date, Decision.text)
    )
    return [d for d in rows if d.status not in CLOSED]


def assessed(session: Session, decision: Decision) -> bool:
    """Whether a mid-way update has already given this decision a status."""
    found = session.scalar(
        select(MidwayItem.id)
        .where(MidwayItem.decision_id == decision.id, MidwayItem.deleted.is_(False))
        .limit(1)
    )
    return found is not None
