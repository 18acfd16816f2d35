"""Reading the rows the figures count, for a laptop's caseload or the whole central store.

Only the needed columns are selected (never whole ORM objects) and each table is read in
one statement, so five years of an authority's 2,000 children read in well under a
second; the counting itself is ``domain.figures``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar, cast

from sqlalchemy import Select, or_, select, true
from sqlalchemy.orm import Session

from iro_desktop.domain.figures.facts import (
    AllocationFacts,
    ChallengeFacts,
    ChildFacts,
    ConsultationFacts,
    Facts,
    FeedbackFacts,
    MidwayFacts,
    ReviewFacts,
    Span,
    StageFacts,
    VisitFacts,
)
from iro_desktop.domain.figures.period import Period
from iro_desktop.store.queries import ChildHistory, me, next_review, setting
from iro_desktop.store.schema import (
    Account,
    Allocation,
    Challenge,
    ChallengeStage,
    Child,
    Consultation,
    Iro,
    LegalStatus,
    MidwayUpdate,
    Placement,
    Review,
    ReviewFeedback,
    Visit,
)

S = TypeVar("S", bound="Select[*tuple[Any, ...]]")


def _live(stmt: S, model: Any, ids: set[str] | None) -> S:
    stmt = stmt.where(model.deleted.is_(False))
    if ids is not None and hasattr(model, "child_id"):
        stmt = stmt.where(model.child_id.in_(ids))
    return stmt


def caseload_facts(session: Session) -> Facts:
    """The laptop's figures cover the IRO's own children: those allocated to the profile
    this laptop belongs to, and any with no IRO on record (every child, when the laptop
    has no profile yet)."""
    owner = me(session)
    stmt = select(Child.id).where(Child.deleted.is_(False))
    if owner is not None:
        # Children covered for another IRO are theirs; children with no IRO on record
        # (imported on this laptop) are this IRO's.
        stmt = stmt.where(or_(Child.iro_id == owner.id, Child.iro_id.is_(None)))
    ids = set(session.scalars(stmt))
    return read_facts(session, ids)


def central_facts(session: Session, period: Period | None = None) -> Facts:
    """Every child on the central store, with the allocation history and IRO names.

    With ``period``, consultation forms and feedback are read only for reviews held in it
    (all that the figures count of them): an authority's five years hold some 80,000
    forms, and one year's report needs a fifth of them."""
    facts = read_facts(session, None, period)
    run = session.connection().execute
    facts.allocations = [
        AllocationFacts(r.child_id, r.account_id, r.start_date, r.end_date)
        for r in run(
            select(
                Allocation.child_id,
                Allocation.account_id,
                Allocation.start_date,
                Allocation.end_date,
            )
        )
    ]
    facts.iro_names = {r.id: r.name for r in run(select(Account.id, Account.name))} | {
        r.id: r.name for r in run(select(Iro.id, Iro.name))
    }
    return facts


def iro_id_for(session: Session, email: str) -> str | None:
    return session.scalar(select(Account.id).where(Account.email == email.strip().lower()))


def read_facts(session: Session, ids: set[str] | None, period: Period | None = None) -> Facts:
    """The facts for the children ``ids`` (all children when None); see ``central_facts``
    for ``period``. Statements run on the session's connection, not through the ORM, which
    would spend a third of the time turning rows it does not need into entities."""
    run = session.connection().execute
    held_in_period = (
        None
        if period is None
        else select(Review.id).where(Review.held_date.between(period.start, period.end))
    )
    bring_forward = bool(setting(session, "bring_forward_on_placement_change"))
    stmt = select(
        Child.id,
        Child.child_ref,
        Child.first_name,
        Child.preferred_name,
        Child.last_name,
        Child.date_of_birth,
        Child.became_looked_after,
        Child.ceased_looked_after,
        Child.gender,
        Child.ethnicity,
        Child.category_of_need,
        Child.review_directed_for,
        Child.review_history_needed_since,
        Child.iro_id,
    ).where(Child.deleted.is_(False))
    if ids is not None:
        stmt = stmt.where(Child.id.in_(ids))
    children = list(run(stmt))
    statuses = _grouped(
        run(
            _live(
                select(
                    LegalStatus.child_id,
                    LegalStatus.code,
                    LegalStatus.start_date,
                    LegalStatus.end_date,
                ),
                LegalStatus,
                ids,
            ).order_by(LegalStatus.start_date)
        )
    )
    placements = _grouped(
        run(
            _live(
                select(
                    Placement.child_id,
                    Placement.place_code,
                    Placement.start_date,
                    Placement.end_date,
                    Placement.out_of_county,
                ),
                Placement,
                ids,
            ).order_by(Placement.start_date)
        )
    )
    review_rows = list(
        run(
            _live(
                select(
                    Review.id,
                    Review.child_id,
                    Review.kind,
                    Review.held_date,
                    Review.due_date,
                    Review.participation_code,
                    Review.decisions_shared_date,
                    Review.record_distributed_date,
                    Review.imported,
                    Review.number,
                ),
                Review,
                ids,
            )
            .where(Review.status == "held", Review.held_date.is_not(None))
            .order_by(Review.held_date)
        )
    )
    held = _grouped(review_rows)
    facts = Facts()
    for c in children:
        history = ChildHistory(
            cast(Child, c), statuses.get(c.id, []), placements.get(c.id, []), held.get(c.id, [])
        )
        nxt = None if c.ceased_looked_after else next_review(history, bring_forward=bring_forward)
        if nxt is not None and nxt.history_needed is not None:
            # The last review's date is needed: no due date to judge, so not counted late.
            nxt = None
        facts.children[c.id] = ChildFacts(
            id=c.id,
            ref=c.child_ref,
            name=f"{c.preferred_name or c.first_name} {c.last_name}",
            date_of_birth=c.date_of_birth,
            became_looked_after=c.became_looked_after,
            ceased=c.ceased_looked_after,
            gender=c.gender,
            ethnicity=c.ethnicity,
            category_of_need=c.category_of_need,
            legal_statuses=tuple(
                Span(s.start_date, s.end_date, s.code) for s in statuses.get(c.id, [])
            ),
            placements=tuple(
                Span(p.start_date, p.end_date, p.place_code, bool(p.out_of_county))
                for p in placements.get(c.id, [])
            ),
            next_review_due=nxt.due if nxt else None,
            next_review_kind=str(nxt.kind) if nxt else None,
            iro_id=c.iro_id,
        )
    facts.reviews = [
        ReviewFacts(
            r.id,
            r.child_id,
            r.kind,
            r.held_date,
            r.due_date,
            r.participation_code,
            r.decisions_shared_date,
            r.record_distributed_date,
            bool(r.imported),
        )
        for r in review_rows
    ]
    facts.visits = [
        VisitFacts(r.child_id, r.visit_date, r.method)
        for r in run(_live(select(Visit.child_id, Visit.visit_date, Visit.method), Visit, ids))
    ]
    facts.midway = [
        MidwayFacts(r.child_id, r.review_id, r.update_date)
        for r in run(
            _live(
                select(MidwayUpdate.child_id, MidwayUpdate.review_id, MidwayUpdate.update_date),
                MidwayUpdate,
                ids,
            )
        )
    ]
    facts.consultations = [
        ConsultationFacts(r.child_id, r.review_id, r.respondent_type, r.status)
        for r in run(
            _live(
                select(
                    Consultation.child_id,
                    Consultation.review_id,
                    Consultation.respondent_type,
                    Consultation.status,
                ),
                Consultation,
                ids,
            ).where(
                true() if held_in_period is None else Consultation.review_id.in_(held_in_period)
            )
        )
    ]
    facts.challenges = _challenges(session, ids)
    facts.feedback = [
        FeedbackFacts(
            r.child_id,
            r.review_id,
            r.rating,
            r.venue_as_wanted,
            r.date_time_as_wanted,
            r.asked_who_should_come,
        )
        for r in run(
            _live(
                select(
                    ReviewFeedback.child_id,
                    ReviewFeedback.review_id,
                    ReviewFeedback.rating,
                    ReviewFeedback.venue_as_wanted,
                    ReviewFeedback.date_time_as_wanted,
                    ReviewFeedback.asked_who_should_come,
                ),
                ReviewFeedback,
                ids,
            ).where(
                true() if held_in_period is None else ReviewFeedback.review_id.in_(held_in_period)
            )
        )
    ]
    return facts


def _challenges(session: Session, ids: set[str] | None) -> list[ChallengeFacts]:
    run = session.connection().execute
    stages: dict[str, list[StageFacts]] = defaultdict(list)
    for s in run(
        _live(
            select(
                ChallengeStage.challenge_id,
                ChallengeStage.stage,
                ChallengeStage.raised_date,
                ChallengeStage.response_due,
                ChallengeStage.response_date,
            ),
            ChallengeStage,
            ids,
        ).order_by(ChallengeStage.stage)
    ):
        stages[s.challenge_id].append(
            StageFacts(s.stage, s.raised_date, s.response_due, s.response_date)
        )
    return [
        ChallengeFacts(
            c.id,
            c.child_id,
            c.kind,
            c.category,
            c.raised_date,
            c.current_stage,
            c.resolved_date,
            tuple(stages.get(c.id, ())),
        )
        for c in run(
            _live(
                select(
                    Challenge.id,
                    Challenge.child_id,
                    Challenge.kind,
                    Challenge.category,
                    Challenge.raised_date,
                    Challenge.current_stage,
                    Challenge.resolved_date,
                ),
                Challenge,
                ids,
            )
        )
    ]


def _grouped(rows: Iterable[Any]) -> dict[str, list[Any]]:
    """Rows by child, in the order read. Rows stand in for the ORM objects
    ``ChildHistory`` reads: they carry the same attribute names."""
    out: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        out[row.child_id].append(row)
    return out


def guidance(session: Session) -> tuple[int, int]:
    low = setting(session, "caseload_guidance_min")
    high = setting(session, "caseload_guidance_max")
    return (int(cast(int, low)), int(cast(int, high)))
