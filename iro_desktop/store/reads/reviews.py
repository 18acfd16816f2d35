"""A child's reviews: the last one held and when the next is due."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.timescales import NextReview
from iro_desktop.store import queries
from iro_desktop.store.schema import Child, Review


def last_held_review(session: Session, child_id: str) -> Review | None:
    return session.scalar(
        select(Review)
        .where(
            Review.child_id == child_id,
            Review.status == "held",
            Review.held_date.is_not(None),
            Review.deleted.is_(False),
        )
        .order_by(Review.held_date.desc())
        .limit(1)
    )


def next_review_for(session: Session, child: Child, *, before: date | None = None) -> NextReview:
    """The next review's due date from the reviews held (before ``before``, if given)."""
    [history] = queries.histories(session, [child])
    bring_forward = bool(queries.setting(session, "bring_forward_on_placement_change"))
    return next_review_in(history, before=before, bring_forward=bring_forward)


def next_review_in(
    history: queries.ChildHistory, *, before: date | None, bring_forward: bool
) -> NextReview:
    """``next_review_for`` over a history already read (an import reads thousands at once)."""
    held = [
        r for r in history.held_reviews
        if r.held_date and r.status == "held" and (before is None or r.held_date < before)
    ]  # fmt: skip
    view = queries.ChildHistory(history.child, history.legal_statuses, history.placements, held)
    return queries.next_review(view, bring_forward=bring_forward)
