"""What child mode is given: the child's first name and their question set, nothing more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.dates import age_on
from iro_desktop.domain.forms import FormSpec
from iro_desktop.store.errors import NeedsDoingFirst
from iro_desktop.store.ops.child_mode import drawing_bytes
from iro_desktop.store.reads.question_sets import form_for
from iro_desktop.store.reads.reviews import last_held_review
from iro_desktop.store.schema import Child, ChildAlert, Consultation, Review, ReviewFeedback


@dataclass(frozen=True)
class ChildModeData:
    """All child mode is given: no surname, no record, no notes."""

    first_name: str
    review_id: str
    form: FormSpec
    postcard_review_id: str | None = None
    """The last held review when the child has not yet sent its postcard (feedback)."""
    language: str = "en"
    """The child's language code (their record's ``language_code``), for child mode's words."""


def load_child_mode(session: Session, child_id: str, today: date) -> ChildModeData:
    child = session.get(Child, child_id)
    if child is None:
        raise LookupError("child not found")
    review = session.scalar(
        select(Review)
        .where(Review.child_id == child_id, Review.status == "planned", Review.deleted.is_(False))
        .limit(1)
    )
    if review is None:
        # Not the last held review, as a paper form returned late is: what the child says
        # now is for their next review, its record and its letter.
        raise NeedsDoingFirst(
            "Plan the review first, on the Review cycle tab. What the child says in child "
            "mode goes with the review it is for."
        )
    review_id = review.id
    form = form_for(codes.child_band(age_on(child.date_of_birth, today)))
    if form is None:
        raise LookupError("There is no children's question set in resources/forms.")
    held = last_held_review(session, child_id)
    postcard = None
    if held is not None and not session.scalar(
        select(ReviewFeedback.id).where(
            ReviewFeedback.review_id == held.id, ReviewFeedback.deleted.is_(False)
        )
    ):
        postcard = held.id
    return ChildModeData(child.preferred_name or child.first_name, review_id, form, postcard,
                         (child.language_code or "en").strip().lower() or "en")  # fmt: skip


@dataclass(frozen=True)
class AlertLine:
    alert_id: str
    kind: str
    words: str
    raised_on: date


@dataclass(frozen=True)
class PrivateLine:
    question: str
    answer: str
    drawing: bytes | None


@dataclass(frozen=True)
class HandBackData:
    """What the IRO must see first on leaving child mode: this child's open alerts and the
    answers kept just for them on this review's form."""

    first_name: str
    alerts: tuple[AlertLine, ...]
    consultation_id: str | None
    private: tuple[PrivateLine, ...]


def open_alert_lines(session: Session, child_id: str) -> tuple[AlertLine, ...]:
    return tuple(
        AlertLine(a.id, a.kind, codes.CHILD_ALERTS.get(a.kind, a.kind), a.raised_on)
        for a in open_alerts(session, child_id)
    )


def load_hand_back(session: Session, child_id: str, review_id: str | None) -> HandBackData:
    child = session.get(Child, child_id)
    if child is None:
        raise LookupError("child not found")
    private: list[PrivateLine] = []
    consultation_id: str | None = None
    if review_id is not None:
        form = session.scalar(
            select(Consultation).where(
                Consultation.review_id == review_id,
                Consultation.completed_by_child.is_(True),
                Consultation.deleted.is_(False),
            )
        )
        if form is not None and form.private_answers:
            consultation_id = form.id
            spec = form_for(form.respondent_type)
            texts = {q.id: q.text for q in spec.questions} if spec else {}
            for question_id, item in form.private_answers.items():
                if isinstance(item, dict):
                    private.append(PrivateLine(texts.get(question_id, question_id),
                                               str(item.get("answer") or ""),
                                               drawing_bytes(item.get("drawing"))))  # fmt: skip
    return HandBackData(child.preferred_name or child.first_name,
                        open_alert_lines(session, child_id), consultation_id,
                        tuple(private))  # fmt: skip


def open_alerts(session: Session, child_id: str) -> list[ChildAlert]:
    """The child's alerts the IRO has not yet recorded an action for, oldest first."""
    return list(
        session.scalars(
            select(ChildAlert)
            .where(ChildAlert.child_id == child_id, ChildAlert.deleted.is_(False),
                   ChildAlert.acted_on.is_(None))
            .order_by(ChildAlert.raised_on, ChildAlert.updated_at)
        )
    )  # fmt: skip
