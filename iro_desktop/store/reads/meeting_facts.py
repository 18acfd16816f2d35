"""Read the IRO's meetings from the store (see ``store.reads.meetings``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.codes import VISIT_METHODS, VISIT_PURPOSES
from iro_desktop.domain.due_kinds import DueKind
from iro_desktop.store.due_items import due_items
from iro_desktop.store.queries import live_children
from iro_desktop.store.reads.meetings import Meeting, MeetingKind
from iro_desktop.store.schema import Child, Review, Visit

KIND_WORDS = {"first": "First review", "second": "Second review",
              "subsequent": "Review", "brought_forward": "Review brought forward"}  # fmt: skip


def _names(child: Child) -> tuple[str, str]:
    return child.preferred_name or child.first_name, child.last_name


def load_meetings(
    session: Session, first: date, last: date, *, today: date, deadlines: bool = False
) -> list[Meeting]:
    """Planned reviews and visits from ``first`` to ``last`` (and, with ``deadlines``, each
    child's next review's due date when it falls in those days)."""
    children = {c.id: c for c in live_children(session)}
    out: list[Meeting] = []
    reviews = session.scalars(
        select(Review).where(
            Review.status == "planned",
            Review.deleted.is_(False),
            Review.planned_date.between(first, last),
            Review.child_id.in_(children),
        )
    )
    for r in reviews:
        assert r.planned_date is not None
        what = KIND_WORDS.get(r.kind, "Review")
        out.append(Meeting(MeetingKind.REVIEW, r.id, r.child_id, *_names(children[r.child_id]),
                           r.planned_date, r.planned_time, r.venue or "", what))  # fmt: skip
    visits = session.scalars(
        select(Visit).where(
            Visit.deleted.is_(False),
            Visit.visit_date.between(first, last),
            Visit.child_id.in_(children),
        )
    )
    for v in visits:
        how = VISIT_METHODS.get(v.method, v.method)
        why = VISIT_PURPOSES.get(v.purpose, v.purpose)
        what = f"{why} ({how.lower()})"
        out.append(Meeting(MeetingKind.VISIT, v.id, v.child_id, *_names(children[v.child_id]),
                           v.visit_date, None, v.place or "", what))  # fmt: skip
    if deadlines:
        for item in due_items(session, today, until=last):
            if item.kind != DueKind.REVIEW or not first <= item.due <= last:
                continue
            child = children.get(item.child_id)
            if child is not None:
                out.append(Meeting(MeetingKind.DEADLINE, child.id, child.id, *_names(child),
                                   item.due, None, "", item.detail))  # fmt: skip
    return out
