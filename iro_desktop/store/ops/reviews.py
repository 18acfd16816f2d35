"""Operations on reviews: record one held (import, or at the meeting), plan the next."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.participation import validate_participation
from iro_desktop.store import queries
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import not_after, not_before, optional_text
from iro_desktop.store.schema import Child, Review

SECTIONS = ("working_well", "worried_about", "needs_to_happen", "child_words")


def record_held_review(
    op: Op,
    child: Child,
    *,
    held_date: date,
    participation_code: str,
    today: date,
    **details: Any,
) -> Review:
    """A review that has taken place, with its SSDA903 participation code."""
    not_after(held_date, today, "review_date", "today")
    code = validate_participation(participation_code, child.date_of_birth, held_date)
    not_before(held_date, child.became_looked_after, "review_date", "the child became looked after")
    clash = op.session.scalar(
        select(Review).where(
            Review.child_id == child.id,
            Review.held_date == held_date,
            Review.deleted.is_(False),
        )
    )
    if clash is not None:
        raise ValidationError(
            "review_date", f"a review on {format_date(held_date)} is already recorded"
        )
    [history] = queries.histories(op.session, [child])
    earlier = [r for r in history.held_reviews if r.held_date and r.held_date < held_date]
    history = queries.ChildHistory(child, history.legal_statuses, history.placements, earlier)
    due = queries.next_review(history)
    for key in SECTIONS:
        if key in details:
            details[key] = optional_text(details[key], key)
    review = Review(
        child_id=child.id,
        kind=str(due.kind),
        status="held",
        due_date=due.due,
        held_date=held_date,
        participation_code=code,
        **details,
    )
    op.save(review)
    return review
