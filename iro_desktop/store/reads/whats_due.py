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

from iro_desktop.domain.due_kinds import LABELS, NEVER_OVERDUE, DueKind

HORIZON_DAYS = 28
VIEW_NAME = "due"
WEEK_DAYS = 7


class Bucket(StrEnum):
    OVERDUE = "Overdue"
    THIS_WEEK = "This week"
    NEXT_FOUR_WEEKS = "Next four weeks"
    TO_RECORD = "Dates to record"  # asked for, never overdue (``due_kinds.NEVER_OVERDUE``)


TAB_FOR: dict[DueKind, str] = {
    DueKind.REVIEW: "Reviews",
    DueKind.VISIT: "Footprint",
    DueKind.CONSULTATION: "Reviews",
    DueKind.REPORT: "Reviews",
    DueKind.RECORD: "Reviews",
    DueKind.DECISIONS_SHARED: "Reviews",
    DueKind.DECISION: "Reviews",
    DueKind.MIDWAY: "Footprint",
    DueKind.CHALLENGE: "Footprint",
    DueKind.CHILD_ALERT: "Footprint",
    DueKind.LAST_REVIEW_NEEDED: "Reviews",
}


@dataclass(frozen=True)
class DueLine:
    """One line of the home screen's list: a ``DueFact`` on a given day."""

    child_id: str
    child_name: str
    kind: DueKind
    due: date
    detail: str
    bucket: Bucket

    @property
    def tab(self) -> str:
        return TAB_FOR[self.kind]

    @property
    def label(self) -> str:
        return LABELS[self.kind]


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
    """One thing due, whatever the day: ``kind`` is a ``DueKind`` code."""

    child_id: str
    child_name: str
    kind: str
    due: date
    detail: str

    def to_view(self) -> list[Any]:
        return [self.child_id, self.child_name, self.kind, self.due.isoformat(), self.detail]

    @classmethod
    def from_view(cls, raw: list[Any]) -> DueFact:
        child_id, child_name, kind, due, detail = raw
        return cls(child_id, child_name, DueKind(kind), date.fromisoformat(due), detail)


def due_for(facts: list[DueFact], today: date) -> list[DueLine]:
    """The home view's list for ``today``: the facts sorted into weeks."""
    out = []
    for fact in facts:
        kind = DueKind(fact.kind)
        bucket = Bucket.TO_RECORD if kind in NEVER_OVERDUE else bucket_for(fact.due, today)
        if bucket is not None:
            out.append(DueLine(fact.child_id, fact.child_name, kind, fact.due,
                               _short(fact.detail), bucket))  # fmt: skip
    out.sort(key=lambda i: (i.due, i.child_name, i.label))
    return out


def _short(text: str, most: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"
