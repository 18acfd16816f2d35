"""The child's own view of their review: North Yorkshire's postcard."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import collecting, optional_text
from iro_desktop.store.schema import Review, ReviewFeedback

ANSWERS = ("venue_as_wanted", "date_time_as_wanted", "asked_who_should_come")


def add_feedback(op: Op, review: Review, *, rating: str, **details: Any) -> ReviewFeedback:
    """One postcard per review; a second one replaces nothing and is refused."""
    if review.status != "held":
        raise ValidationError("review", "has not been held yet, so there is nothing to rate")
    unknown = set(details) - {*ANSWERS, "comments"}
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not part of the postcard")
    with collecting() as check:
        rating = str(check(codes.check_code, codes.FEEDBACK_RATINGS, rating, "rating"))
        for key in ANSWERS:
            if details.get(key) not in (None, True, False):
                check.add(key, "must be yes, no or not answered")
        comments = check(optional_text, details.pop("comments", None), "comments", 5000)
    already = op.session.scalar(
        select(ReviewFeedback.id).where(
            ReviewFeedback.review_id == review.id, ReviewFeedback.deleted.is_(False)
        )
    )
    if already is not None:
        raise ValidationError("review", "already has the child's feedback")
    feedback = ReviewFeedback(
        child_id=review.child_id,
        review_id=review.id,
        rating=rating,
        comments=comments,
        **details,
    )
    op.save(feedback)
    return feedback
