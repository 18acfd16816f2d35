"""Decisions agreed at a review: what, who and by when, and how each one is getting on."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import not_after, not_before, optional_text, required_text
from iro_desktop.store.reads.decisions import CLOSED, assessed
from iro_desktop.store.schema import Decision, DecisionStatusChange, Review

DECISION_HORIZON = timedelta(days=3 * 366)  # a decision due after three years is a typo


def _check_due(review: Review, due_date: date | None) -> date:
    if due_date is None:
        raise ValidationError("due_date", "is required (by when?)")
    start = review.held_date or review.planned_date
    if start is not None:
        not_before(due_date, start, "due_date", "the review")
        not_after(due_date, start + DECISION_HORIZON, "due_date", "three years after the review")
    return due_date


def add_decision(
    op: Op, review: Review, *, text: str, owner: str, due_date: date | None, **details: Any
) -> Decision:
    """A decision agreed at a review: what, who and by when are all required."""
    if review.status == "cancelled":
        raise ValidationError("review", "was cancelled, so it has no decisions")
    decision = Decision(
        child_id=review.child_id,
        review_id=review.id,
        text=required_text(text, "text", 5000),
        owner=required_text(owner, "owner"),
        due_date=_check_due(review, due_date),
        child_friendly_text=optional_text(
            details.get("child_friendly_text"), "child_friendly_text", 5000
        ),
    )
    op.save(decision)
    return decision


def _editable(decision: Decision, review: Review) -> None:
    if decision.review_id != review.id:
        raise ValidationError("decision", "belongs to a different review")
    if decision.deleted:
        raise ValidationError("decision", "was removed")
    if review.status == "cancelled":
        raise ValidationError("review", "was cancelled, so it has no decisions")


def update_decision(
    op: Op, decision: Decision, review: Review, *, text: str, owner: str, due_date: date | None,
    child_friendly_text: str | None = None,
) -> Decision:  # fmt: skip
    """Change a decision's wording, owner or date, by the rules it was first made under."""
    _editable(decision, review)
    decision.text = required_text(text, "text", 5000)
    decision.owner = required_text(owner, "owner")
    decision.due_date = _check_due(review, due_date)
    decision.child_friendly_text = optional_text(child_friendly_text, "child_friendly_text", 5000)
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


def remove_decision(op: Op, decision: Decision, review: Review, *, reason: str, on: date) -> None:
    """Take away a decision recorded by mistake: a tombstone, with the reason in its history.

    Once a mid-way update has assessed it, it is part of the child's story: cancel it instead.
    """
    _editable(decision, review)
    why = required_text(reason, "reason", 2000)
    if assessed(op.session, decision):
        raise ValidationError(
            "decision", "has been checked at a mid-way update; cancel it instead of removing it"
        )
    op.save(
        DecisionStatusChange(
            child_id=decision.child_id, decision_id=decision.id, status="removed",
            changed_on=on, note=why,
        )
    )  # fmt: skip
    op.delete(decision)


def cancel_decision(
    op: Op, decision: Decision, review: Review, *, reason: str, on: date
) -> Decision:
    """A decision that will no longer happen: kept on the record as cancelled, with why."""
    _editable(decision, review)
    why = required_text(reason, "reason", 2000)
    if decision.status in CLOSED:
        raise ValidationError("decision", f"is already {decision.status}")
    return set_decision_status(op, decision, "cancelled", on, why)
