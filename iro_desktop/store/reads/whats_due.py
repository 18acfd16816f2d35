"""Everything with a date the IRO must meet: overdue, this week, the next four weeks.

What is due is worked out in one place, ``iro_desktop.store.due_items`` (the "Review cycle"
tab uses it too); ``store.reads.due_facts`` reads it, whatever the day, as ``DueFact`` rows,
and this module sorts them into the day's weeks. The facts are also saved as the start
view, so the first screen after unlocking is drawn from them before SQLAlchemy has
loaded: this module must stay free of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

HORIZON_DAYS = 28
VIEW_NAME = "due"
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


@dataclass(frozen=True)
class DueFact:
    """One thing due, whatever the day: ``label`` is a ``Kind`` value."""

    child_id: str
    child_name: str
    label: str
    due: date
    detail: str

    def to_view(self) -> list[Any]:
        return [self.child_id, self.child_name, self.label, self.due.isoformat(), self.detail]

    @classmethod
    def from_view(cls, raw: list[Any]) -> DueFact:
        child_id, child_name, label, due, detail = raw
        return cls(child_id, child_name, label, date.fromisoformat(due), detail)


def due_for(facts: list[DueFact], today: date) -> list[DueItem]:
    """The home view's list for ``today``: the facts sorted into weeks."""
    out = []
    for fact in facts:
        bucket = bucket_for(fact.due, today)
        if bucket is not None:
            out.append(DueItem(fact.child_id, fact.child_name, Kind(fact.label), fact.due,
                               _short(fact.detail), bucket))  # fmt: skip
    out.sort(key=lambda i: (i.due, i.child_name, i.kind))
    return out


def _short(text: str, most: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"
