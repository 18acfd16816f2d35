"""What is due in the review cycle, for the home view: one plain list, any child.

Each item says what it is, whose it is, when it is due, whether that has passed, and what
to open. The queries load whole tables in a few statements, as ``queries`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.working_days import add_working_days
from iro_desktop.store import queries
from iro_desktop.store.ops.decisions import CLOSED
from iro_desktop.store.ops.reviews import next_review_for
from iro_desktop.store.ops.settings_read import setting_int
from iro_desktop.store.schema import (
    Challenge,
    ChallengeStage,
    Consultation,
    Decision,
    MidwayUpdate,
    Review,
)

_Add = Callable[[str, str, date, str, str, str], None]

KINDS: dict[str, str] = {
    "challenge_response": "Challenge response due",
    "consultation": "Consultation form outstanding",
    "pre_meeting_report": "Social worker's pre-meeting report due",
    "decisions_to_share": "Decisions to share",
    "record_to_distribute": "Review record to distribute",
    "decision": "Decision due",
    "midway_update": "Mid-way progress update due",
}


@dataclass(frozen=True)
class Target:
    """What to open: ``table`` is the store table, ``row_id`` its row."""

    table: str
    row_id: str


@dataclass(frozen=True)
class DueItem:
    kind: str
    child_id: str
    child_name: str
    due: date
    overdue: bool
    target: Target
    detail: str

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def due_items(session: Session, today: date, *, until: date | None = None) -> list[DueItem]:
    """Everything due up to ``until`` (everything, if None), overdue first, then by date."""
    children = {c.id: c for c in queries.live_children(session)}
    items: list[DueItem] = []

    def add(kind: str, child_id: str, due: date, table: str, row_id: str, detail: str) -> None:
        child = children.get(child_id)
        if child is None or (until is not None and due > until):
            return
        items.append(
            DueItem(
                kind, child_id, child.display_name, due, due < today, Target(table, row_id), detail
            )
        )

    _challenges(session, add)
    latest = _reviews(session, add)
    _decisions(session, {r.id for r in latest.values()}, add)
    items.sort(key=lambda i: (not i.overdue, i.due, i.child_name, i.kind))
    return items


def overdue_challenge_responses(session: Session, today: date) -> list[DueItem]:
    """Formal or informal challenges still waiting for a response past the due date."""
    return [
        i
        for i in due_items(session, today, until=today)
        if i.kind == "challenge_response" and i.overdue
    ]


def _challenges(session: Session, add: _Add) -> None:
    open_ids = {
        c.id: c
        for c in session.scalars(
            select(Challenge).where(
                Challenge.deleted.is_(False),
                Challenge.kind == "challenge",
                Challenge.resolved_date.is_(None),
            )
        )
    }
    for stage in session.scalars(
        select(ChallengeStage).where(
            ChallengeStage.deleted.is_(False),
            ChallengeStage.escalated.is_(False),
            ChallengeStage.response_date.is_(None),
        )
    ):
        challenge = open_ids.get(stage.challenge_id)
        if challenge is not None:
            add(
                "challenge_response",
                stage.child_id,
                stage.response_due,
                "challenges",
                challenge.id,
                f"Raised with {stage.raised_with}",
            )


def _reviews(session: Session, add: _Add) -> dict[str, Review]:
    share_days = setting_int(session, "decisions_shared_working_days")
    record_days = setting_int(session, "record_working_days")
    report_days = setting_int(session, "pre_meeting_report_working_days")
    reviews = list(session.scalars(select(Review).where(Review.deleted.is_(False))))
    planned = {r.id: r for r in reviews if r.status == "planned" and r.planned_date}
    for review in planned.values():
        assert review.planned_date is not None
        if review.pre_meeting_report_received is None:
            add(
                "pre_meeting_report",
                review.child_id,
                add_working_days(review.planned_date, -report_days),
                "reviews",
                review.id,
                "Ask the social worker for the report",
            )
    for form in session.scalars(
        select(Consultation).where(
            Consultation.deleted.is_(False),
            Consultation.status == "sent",
            Consultation.review_id.in_(list(planned)),
        )
    ):
        meeting = planned[form.review_id].planned_date
        assert meeting is not None
        add(
            "consultation",
            form.child_id,
            meeting,
            "consultations",
            form.id,
            form.respondent_name or form.respondent_type.replace("_", " "),
        )
    latest: dict[str, Review] = {}
    for review in reviews:
        if review.status != "held" or review.held_date is None:
            continue
        if review.child_id not in latest or review.held_date > latest[review.child_id].held_date:  # type: ignore[operator]
            latest[review.child_id] = review
        if review.decisions_shared_date is None:
            add(
                "decisions_to_share",
                review.child_id,
                add_working_days(review.held_date, share_days),
                "reviews",
                review.id,
                "Share the decisions",
            )
        if review.record_distributed_date is None:
            add(
                "record_to_distribute",
                review.child_id,
                add_working_days(review.held_date, record_days),
                "reviews",
                review.id,
                "Distribute the record",
            )
    _midway(session, latest, add)
    return latest


def _midway(session: Session, latest: dict[str, Review], add: _Add) -> None:
    updated = set(
        session.scalars(select(MidwayUpdate.review_id).where(MidwayUpdate.deleted.is_(False)))
    )
    children = {c.id: c for c in queries.live_children(session)}
    for child_id, review in latest.items():
        child = children.get(child_id)
        if child is None or review.id in updated or review.held_date is None:
            continue
        due = next_review_for(session, child).due
        halfway = review.held_date + (due - review.held_date) / 2
        add(
            "midway_update",
            child_id,
            halfway,
            "reviews",
            review.id,
            "Check each decision with the social worker",
        )


def _decisions(session: Session, review_ids: set[str], add: _Add) -> None:
    """Open decisions of each child's latest review; the next review settles older ones."""
    for decision in session.scalars(
        select(Decision).where(
            Decision.deleted.is_(False),
            Decision.due_date.is_not(None),
            Decision.review_id.in_(review_ids),
        )
    ):
        if decision.status in CLOSED or decision.due_date is None:
            continue
        add(
            "decision",
            decision.child_id,
            decision.due_date,
            "decisions",
            decision.id,
            f"{decision.text} ({decision.owner})",
        )
