"""Everything with a date the IRO must meet: overdue, this week, the next four weeks.

What is due is worked out in one place, ``iro_desktop.store.due_items`` (the "Review cycle"
tab uses it too); this module only sorts it into the home view's weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy.orm import Session

from iro_desktop.store.due_items import due_items

HORIZON_DAYS = 28
WEEK_DAYS = 7


class Bucket(StrEnum):
    OVERDUE = "Overdue"
    THIS_WEEK = "This week"
    NEXT_FOUR_WEEKS = "Next four weeks"


class Kind(StrEnum):
    """What is due; the value is the label, the tab says where it opens."""

    REVIEW = "Review"
    VISIT = "Pre-review visit"
    CONSULTATION = "Consultation forms outstanding"
    REPORT = "Social worker's pre-meeting report"
    RECORD = "Review record to distribute"
    DECISIONS_SHARED = "Decisions to share"
    DECISION = "Decision due"
    MIDWAY = "Mid-way update"
    CHALLENGE = "Challenge response"


TAB_FOR: dict[Kind, str] = {
    Kind.REVIEW: "Reviews",
    Kind.VISIT: "Footprint",
    Kind.CONSULTATION: "Reviews",
    Kind.REPORT: "Reviews",
    Kind.RECORD: "Reviews",
    Kind.DECISIONS_SHARED: "Reviews",
    Kind.DECISION: "Reviews",
    Kind.MIDWAY: "Footprint",
    Kind.CHALLENGE: "Footprint",
}


@dataclass(frozen=True)
class DueItem:
    child_id: str
    child_name: str
    kind: Kind
    due: date
    detail: str
    bucket: Bucket

    @property
    def tab(self) -> str:
        return TAB_FOR[self.kind]


def bucket_for(due: date, today: date) -> Bucket | None:
    if due < today:
        return Bucket.OVERDUE
    if due < today + timedelta(days=WEEK_DAYS):
        return Bucket.THIS_WEEK
    if due <= today + timedelta(days=HORIZON_DAYS):
        return Bucket.NEXT_FOUR_WEEKS
    return None


def load_due(session: Session, today: date) -> list[DueItem]:
    """The home view's list: ``store.due_items`` (the one source), sorted into weeks."""
    out = []
    for item in due_items(session, today, until=today + timedelta(days=HORIZON_DAYS)):
        bucket = bucket_for(item.due, today)
        if bucket is not None:
            out.append(DueItem(item.child_id, item.child_name, Kind(item.label), item.due,
                               _short(item.detail), bucket))  # fmt: skip
    out.sort(key=lambda i: (i.due, i.child_name, i.kind))
    return out


def _short(text: str, most: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"
