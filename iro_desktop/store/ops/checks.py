"""Date checks the review-cycle operations share, on top of ``validate``."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.validate import not_after, not_before
from iro_desktop.store.schema import Child, Review


def on_or_before_today(value: date, field: str, child: Child, today: date) -> date:
    """Something that has happened: not in the future, not before the child was born."""
    not_after(value, today, field, "today")
    return not_before(value, child.date_of_birth, field, "the date of birth")


def since_review(value: date, review: Review, field: str, today: date | None) -> date:
    """A date after a held review (sharing, distributing, feedback), up to today."""
    if review.status != "held" or review.held_date is None:
        raise ValidationError("review", "has not been held yet")
    not_before(value, review.held_date, field, "the review")
    if today is not None:
        not_after(value, today, field, "today")
    return value
