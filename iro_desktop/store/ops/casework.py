"""Operations for the IRO's work around a review: visits, decisions, consultations,
mid-way updates, challenges, notes and the child's feedback."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from iro_desktop.domain import codes
from iro_desktop.domain.challenges import response_due
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import (
    non_negative,
    not_after,
    not_before,
    optional_text,
    required_text,
)
from iro_desktop.store.schema import (
    Challenge,
    ChallengeStage,
    Child,
    Consultation,
    Decision,
    DecisionStatusChange,
    MidwayItem,
    MidwayUpdate,
    Note,
    Review,
    ReviewFeedback,
    Visit,
)


def _on_or_before_today(value: date, field: str, child: Child, today: date) -> date:
    not_after(value, today, field, "today")
    return not_before(value, child.date_of_birth, field, "the date of birth")


def add_visit(
    op: Op, child: Child, *, visit_date: date, method: str, today: date, **details: Any
) -> Visit:
    _on_or_before_today(visit_date, "visit_date", child, today)
    method = codes.check_code(codes.VISIT_METHODS, method, "method")
    for key in (
        "place",
        "not_seen_alone_reason",
        "others_present",
        "child_words",
        "summary",
        "next_steps",
    ):
        if key in details:
            details[key] = optional_text(details[key], key)
    details["travel_minutes"] = non_negative(details.get("travel_minutes"), "travel_minutes", 1440)
    details["mileage"] = non_negative(details.get("mileage"), "mileage", 2000)
    visit = Visit(child_id=child.id, visit_date=visit_date, method=method, **details)
    op.save(visit)
    return visit


def add_decision(
    op: Op, review: Review, *, text: str, owner: str, due_date: date | None, **details: Any
) -> Decision:
    if review.held_date is not None and due_date is not None:
        not_before(due_date, review.held_date, "due_date", "the review")
    decision = Decision(
        child_id=review.child_id,
        review_id=review.id,
        text=required_text(text, "text", 5000),
        owner=required_text(owner, "owner"),
        due_date=due_date,
        child_friendly_text=optional_text(
            details.get("child_friendly_text"), "child_friendly_text"
        ),
    )
    op.save(decision)
    return decision


def set_decision_status(
    op: Op, decision: Decision, status: str, on: date, note: str | None = None
) -> Decision:
    status = codes.check_code(codes.DECISION_STATUSES, status, "status")
    decision.status = status
    decision.completed_date = on if status == "done" else None
    op.save(decision)
    op.save(
        DecisionStatusChange(
            child_id=decision.child_id,
            decision_id=decision.id,
            status=status,
            changed_on=on,
            note=optional_text(note, "note"),
        )
    )
    return decision


def add_consultation(
    op: Op, review: Review, *, respondent_type: str, status: str = "not_sent", **details: Any
) -> Consultation:
    respondent_type = codes.check_code(codes.RESPONDENT_TYPES, respondent_type, "respondent_type")
    status = codes.check_code(codes.CONSULTATION_STATUSES, status, "status")
    sent, received = details.get("sent_date"), details.get("received_date")
    if sent and received:
        not_before(received, sent, "received_date", "the date it was sent")
    consultation = Consultation(
        child_id=review.child_id,
        review_id=review.id,
        respondent_type=respondent_type,
        status=status,
        **details,
    )
    op.save(consultation)
    return consultation


def add_midway_update(
    op: Op,
    review: Review,
    *,
    update_date: date,
    method: str,
    items: Sequence[tuple[Decision, str, str | None]],
    today: date,
    spoke_with: str | None = None,
    summary: str | None = None,
) -> MidwayUpdate:
    """One mid-way update: each decision of the last review with its status and account."""
    not_after(update_date, today, "update_date", "today")
    if review.held_date is not None:
        not_before(update_date, review.held_date, "update_date", "the review")
    method = codes.check_code(codes.VISIT_METHODS, method, "method")
    update = MidwayUpdate(
        child_id=review.child_id,
        review_id=review.id,
        update_date=update_date,
        method=method,
        spoke_with=optional_text(spoke_with, "spoke_with", 200),
        summary=optional_text(summary, "summary"),
    )
    op.save(update)
    for decision, status, account in items:
        if decision.review_id != review.id:
            raise ValidationError("decision", "belongs to a different review")
        status = codes.check_code(codes.MIDWAY_STATUSES, status, "status")
        op.save(
            MidwayItem(
                child_id=review.child_id,
                midway_update_id=update.id,
                decision_id=decision.id,
                status=status,
                account=optional_text(account, "account"),
            )
        )
        if decision.status != status:
            set_decision_status(op, decision, status, update_date)
    return update


def raise_challenge(
    op: Op,
    child: Child,
    *,
    category: str,
    issue: str,
    raised_date: date,
    raised_with: str,
    today: date,
    stage: int = 0,
    kind: str = "challenge",
    response_working_days: int = 10,
    decision_id: str | None = None,
) -> Challenge:
    _on_or_before_today(raised_date, "raised_date", child, today)
    category = codes.check_code(codes.CHALLENGE_CATEGORIES, category, "category")
    if kind not in ("challenge", "good_practice"):
        raise ValidationError("kind", "must be a challenge or a good-practice alert")
    challenge = Challenge(
        child_id=child.id,
        kind=kind,
        category=category,
        issue=required_text(issue, "issue", 20_000),
        raised_date=raised_date,
        current_stage=stage,
        decision_id=decision_id,
    )
    op.save(challenge)
    op.save(
        ChallengeStage(
            child_id=child.id,
            challenge_id=challenge.id,
            stage=stage,
            raised_with=required_text(raised_with, "raised_with"),
            raised_date=raised_date,
            response_due=response_due(raised_date, response_working_days),
        )
    )
    return challenge


def record_response(
    op: Op, stage: ChallengeStage, *, response: str, response_date: date, outcome: str | None
) -> ChallengeStage:
    not_before(response_date, stage.raised_date, "response_date", "the date it was raised")
    stage.response = required_text(response, "response", 20_000)
    stage.response_date = response_date
    stage.outcome = optional_text(outcome, "outcome")
    op.save(stage)
    return stage


def add_note(
    op: Op, child: Child, *, note_date: date, text: str, today: date, kind: str = "case_note"
) -> Note:
    _on_or_before_today(note_date, "note_date", child, today)
    note = Note(
        child_id=child.id, note_date=note_date, kind=kind, text=required_text(text, "text", 100_000)
    )
    op.save(note)
    return note


def add_feedback(op: Op, review: Review, *, rating: str, **details: Any) -> ReviewFeedback:
    rating = codes.check_code(codes.FEEDBACK_RATINGS, rating, "rating")
    feedback = ReviewFeedback(
        child_id=review.child_id,
        review_id=review.id,
        rating=rating,
        comments=optional_text(details.pop("comments", None), "comments", 5000),
        **details,
    )
    op.save(feedback)
    return feedback
