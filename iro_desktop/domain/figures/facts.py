"""The plain facts the measures count, as ``store`` reads them: no SQL, no ORM objects.

Only the columns the counting rules need are carried, so the central store can read five
years of a whole authority in one pass. Rows are named tuples, the quickest kind of record
to make in Python (an authority's five years is some 150,000 of them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple


class Span(NamedTuple):
    """A legal status or placement in force from ``start`` until ``end`` (None: still)."""

    start: date
    end: date | None
    code: str
    out_of_county: bool = False

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class ChildFacts(NamedTuple):
    id: str
    ref: str
    name: str
    date_of_birth: date
    became_looked_after: date
    ceased: date | None = None
    gender: str | None = None
    ethnicity: str | None = None
    category_of_need: str | None = None
    legal_statuses: tuple[Span, ...] = ()
    placements: tuple[Span, ...] = ()
    next_review_due: date | None = None  # for a child still looked after
    next_review_kind: str | None = None
    iro_id: str | None = None

    def looked_after_on(self, day: date) -> bool:
        return self.became_looked_after <= day and (self.ceased is None or day < self.ceased)


class ReviewFacts(NamedTuple):
    id: str
    child_id: str
    kind: str
    held: date
    due: date | None
    participation_code: str | None
    decisions_shared: date | None = None
    record_distributed: date | None = None
    imported: bool = False  # history from an import: its paperwork was done elsewhere


class VisitFacts(NamedTuple):
    child_id: str
    day: date
    method: str


class MidwayFacts(NamedTuple):
    child_id: str
    review_id: str
    day: date


class ConsultationFacts(NamedTuple):
    child_id: str
    review_id: str
    respondent_type: str
    status: str


class StageFacts(NamedTuple):
    stage: int
    raised: date
    response_due: date
    responded: date | None


class ChallengeFacts(NamedTuple):
    id: str
    child_id: str
    kind: str
    category: str
    raised: date
    stage: int
    resolved: date | None
    stages: tuple[StageFacts, ...] = ()


class FeedbackFacts(NamedTuple):
    child_id: str
    review_id: str
    rating: str
    venue_as_wanted: bool | None
    date_time_as_wanted: bool | None
    asked_who_should_come: bool | None


class AllocationFacts(NamedTuple):
    """Central store only: which IRO held a child from when."""

    child_id: str
    iro_id: str
    start: date
    end: date | None


@dataclass
class Facts:
    """Everything the figures count, for one set of children (a caseload or an authority)."""

    children: dict[str, ChildFacts] = field(default_factory=dict)
    reviews: list[ReviewFacts] = field(default_factory=list)
    visits: list[VisitFacts] = field(default_factory=list)
    midway: list[MidwayFacts] = field(default_factory=list)
    consultations: list[ConsultationFacts] = field(default_factory=list)
    challenges: list[ChallengeFacts] = field(default_factory=list)
    feedback: list[FeedbackFacts] = field(default_factory=list)
    allocations: list[AllocationFacts] | None = None  # None on a laptop
    iro_names: dict[str, str] = field(default_factory=dict)
    memo: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)

    def only(self, child_ids: set[str]) -> Facts:
        """The same facts for some of the children (one IRO's, say)."""
        return self.split({"": child_ids})[""]

    def split(self, groups: dict[str, set[str]]) -> dict[str, Facts]:
        """The facts of each group of children, in one pass over the rows (an authority's
        report splits five years of 2,000 children among its IROs)."""
        group_of: dict[str, list[str]] = {}
        for key, ids in groups.items():
            for child_id in ids:
                group_of.setdefault(child_id, []).append(key)
        out = {
            key: Facts(
                children={i: self.children[i] for i in ids if i in self.children},
                allocations=None if self.allocations is None else [],
                iro_names=self.iro_names,
            )
            for key, ids in groups.items()
        }
        for name in ("reviews", "visits", "midway", "consultations", "challenges", "feedback",
                     "allocations"):  # fmt: skip
            rows = getattr(self, name)
            if rows is None:
                continue
            for row in rows:
                for key in group_of.get(row.child_id, ()):
                    getattr(out[key], name).append(row)
        return out
