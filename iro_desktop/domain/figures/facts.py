"""The plain facts the measures count, as ``store`` reads them: no SQL, no ORM objects.

Only the columns the counting rules need are carried, so the central store can read five
years of a whole authority in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """A legal status or placement in force from ``start`` until ``end`` (None: still)."""

    start: date
    end: date | None
    code: str
    out_of_county: bool = False

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class ChildFacts:
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


@dataclass(frozen=True)
class ReviewFacts:
    id: str
    child_id: str
    kind: str
    held: date
    due: date | None
    participation_code: str | None
    decisions_shared: date | None = None
    record_distributed: date | None = None


@dataclass(frozen=True)
class VisitFacts:
    child_id: str
    day: date
    method: str


@dataclass(frozen=True)
class MidwayFacts:
    child_id: str
    review_id: str
    day: date


@dataclass(frozen=True)
class ConsultationFacts:
    child_id: str
    review_id: str
    respondent_type: str
    status: str


@dataclass(frozen=True)
class StageFacts:
    stage: int
    raised: date
    response_due: date
    responded: date | None


@dataclass(frozen=True)
class ChallengeFacts:
    id: str
    child_id: str
    kind: str
    category: str
    raised: date
    stage: int
    resolved: date | None
    stages: tuple[StageFacts, ...] = ()


@dataclass(frozen=True)
class FeedbackFacts:
    child_id: str
    review_id: str
    rating: str
    venue_as_wanted: bool | None
    date_time_as_wanted: bool | None
    asked_who_should_come: bool | None


@dataclass(frozen=True)
class AllocationFacts:
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

    def only(self, child_ids: set[str]) -> Facts:
        """The same facts for some of the children (one IRO's, say)."""
        return Facts(
            children={k: v for k, v in self.children.items() if k in child_ids},
            reviews=[r for r in self.reviews if r.child_id in child_ids],
            visits=[v for v in self.visits if v.child_id in child_ids],
            midway=[m for m in self.midway if m.child_id in child_ids],
            consultations=[c for c in self.consultations if c.child_id in child_ids],
            challenges=[c for c in self.challenges if c.child_id in child_ids],
            feedback=[f for f in self.feedback if f.child_id in child_ids],
            allocations=None
            if self.allocations is None
            else [a for a in self.allocations if a.child_id in child_ids],
            iro_names=self.iro_names,
        )
