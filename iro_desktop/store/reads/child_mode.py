"""What child mode is given: the child's first name and their question set, nothing more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.dates import age_on
from iro_desktop.domain.forms import FormSpec
from iro_desktop.store.ops.midway import last_held_review
from iro_desktop.store.reads.question_sets import form_for
from iro_desktop.store.schema import Child, Review


@dataclass(frozen=True)
class ChildModeData:
    """All child mode is given: no surname, no record, no notes."""

    first_name: str
    review_id: str
    form: FormSpec


def load_child_mode(session: Session, child_id: str, today: date) -> ChildModeData:
    child = session.get(Child, child_id)
    if child is None:
        raise LookupError("child not found")
    review = session.scalar(
        select(Review)
        .where(Review.child_id == child_id, Review.status == "planned", Review.deleted.is_(False))
        .limit(1)
    )
    review_id = review.id if review is not None else None
    if review_id is None:
        held = last_held_review(session, child_id)
        if held is None:
            raise LookupError("Plan the review first: the child's answers belong to a review.")
        review_id = held.id
    form = form_for(codes.child_band(age_on(child.date_of_birth, today)))
    if form is None:
        raise LookupError("There is no children's question set in resources/forms.")
    return ChildModeData(child.preferred_name or child.first_name, review_id, form)
