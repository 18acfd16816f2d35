"""What the workflow screens read, as detached rows (the session is closed at once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.dates import age_on
from iro_desktop.domain.timescales import NextReview
from iro_desktop.store import queries
from iro_desktop.store.reads.challenges import stages_of
from iro_desktop.store.reads.consultations import consultations_for
from iro_desktop.store.reads.decisions import open_decisions
from iro_desktop.store.reads.reviews import last_held_review, next_review_for
from iro_desktop.store.reads.settings import challenge_stages
from iro_desktop.store.schema import (
    Challenge,
    ChallengeStage,
    Child,
    Consultation,
    Decision,
    Review,
)


@dataclass
class ChildSummary:
    child: Child
    age: int
    next_review: NextReview
    planned: Review | None
    last_held: Review | None
    reviews: list[Review] = field(default_factory=list)
    history: queries.ChildHistory | None = None

    @property
    def name(self) -> str:
        return self.child.display_name

    @property
    def first_name(self) -> str:
        return self.child.preferred_name or self.child.first_name


def child_summary(session: Session, child_id: str, today: date) -> ChildSummary:
    child = session.get(Child, child_id)
    if child is None:
        raise LookupError("child not found")
    reviews = list(
        session.scalars(
            select(Review)
            .where(Review.child_id == child_id, Review.deleted.is_(False))
            .order_by(Review.held_date.desc(), Review.planned_date.desc())
        )
    )
    planned = next((r for r in reviews if r.status == "planned"), None)
    return ChildSummary(
        child=child,
        age=age_on(child.date_of_birth, today),
        next_review=next_review_for(session, child),
        planned=planned,
        last_held=last_held_review(session, child_id),
        reviews=reviews,
        history=queries.histories(session, [child])[0],
    )


@dataclass
class ReviewFile:
    facts: ChildSummary
    review: Review | None
    decisions: list[Decision]
    consultations: list[Consultation]


def review_file(session: Session, child_id: str, today: date, review_id: str | None) -> ReviewFile:
    """The review to work on: the one asked for, else the planned one, else the last held."""
    facts = child_summary(session, child_id, today)
    review = session.get(Review, review_id) if review_id else facts.planned or facts.last_held
    if review is None:
        return ReviewFile(facts, None, [], [])
    decisions = list(
        session.scalars(
            select(Decision)
            .where(Decision.review_id == review.id, Decision.deleted.is_(False))
            .order_by(Decision.due_date)
        )
    )
    return ReviewFile(facts, review, decisions, consultations_for(session, review.id))


@dataclass
class MidwayFile:
    facts: ChildSummary
    review: Review | None
    decisions: list[Decision]


def midway_file(session: Session, child_id: str, today: date) -> MidwayFile:
    facts = child_summary(session, child_id, today)
    review = facts.last_held
    decisions = open_decisions(session, review.id) if review is not None else []
    return MidwayFile(facts, review, decisions)


@dataclass
class ChallengeFile:
    facts: ChildSummary
    ladder: list[str]
    challenges: list[tuple[Challenge, list[ChallengeStage]]]


def challenge_file(session: Session, child_id: str, today: date) -> ChallengeFile:
    facts = child_summary(session, child_id, today)
    rows = session.scalars(
        select(Challenge)
        .where(Challenge.child_id == child_id, Challenge.deleted.is_(False))
        .order_by(Challenge.raised_date.desc())
    )
    return ChallengeFile(
        facts, challenge_stages(session), [(c, stages_of(session, c)) for c in rows]
    )
