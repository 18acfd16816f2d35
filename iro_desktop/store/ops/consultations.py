"""Consultation forms for a review, the child's own answers, and the pre-meeting report.

A consultation's answers are checked against its question set (``resources/forms``); any
question may be skipped. Answers the child typed in child mode are marked as theirs.

A review may consult several respondents of one type (two parents, two foster carers): each
then needs its own name, and the same name twice for one type is refused. The child's own
form and the social worker's report stay one per review.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.forms import clean_answers
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import collecting, not_after, not_before, optional_text
from iro_desktop.store.reads.consultations import consultations_for, report_due
from iro_desktop.store.reads.question_sets import form_for
from iro_desktop.store.schema import Consultation, Review

SENT_STATUSES = frozenset({"sent", "returned", "not_returned"})


def _answers(respondent_type: str, answers: Mapping[str, Any] | None) -> dict[str, str]:
    if not answers:
        return {}
    form = form_for(respondent_type)
    if form is None:
        raise ValidationError("answers", f"there is no question set for {respondent_type}")
    return clean_answers(form, answers)


# One per review: the child's own form (whatever the age band) and the social worker's report.
ONE_PER_REVIEW = codes.CHILD_RESPONDENT_TYPES | {"social_worker"}


def _kind_words(respondent_type: str) -> str:
    return codes.RESPONDENT_TYPES.get(respondent_type, respondent_type).lower()


def _same_name(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def _check_respondent(
    session: Session,
    review_id: str,
    respondent_type: str,
    name: str | None,
    *,
    exclude_id: str | None = None,
    adding: bool = False,
) -> None:
    """Several of a type may be consulted, each named; the child's form stays unique."""
    others = [c for c in consultations_for(session, review_id) if c.id != exclude_id]
    if respondent_type in codes.CHILD_RESPONDENT_TYPES:
        if adding and any(c.respondent_type in codes.CHILD_RESPONDENT_TYPES for c in others):
            raise ValidationError(
                "respondent_type", "the child already has a form for this review: open that one"
            )
        return
    if respondent_type == "social_worker":
        if adding and any(c.respondent_type == "social_worker" for c in others):
            raise ValidationError(
                "respondent_type", "this review already has the social worker's report"
            )
        return
    same = [c for c in others if c.respondent_type == respondent_type]
    if not same:
        return
    words = _kind_words(respondent_type)
    if not name:
        raise ValidationError(
            "respondent_name", f"is required: this review has more than one {words} form"
        )
    if adding and any(not (c.respondent_name or "").strip() for c in same):
        raise ValidationError(
            "respondent_name", f"give the {words} form already listed a name first, so the "
            "two can be told apart",
        )  # fmt: skip
    if any(_same_name(c.respondent_name, name) for c in same):
        raise ValidationError(
            "respondent_name", f"this review already has a {words} form for {name}"
        )


def _check(status: str, sent: date | None, received: date | None, today: date | None) -> None:
    with collecting() as check:
        if status in SENT_STATUSES and sent is None and status != "returned":
            check.add("sent_date", "is required once the form has been sent")
        if status == "returned" and received is None:
            check.add("received_date", "is required when the form has come back")
        if status in ("not_sent", "sent") and received is not None:
            check.add("received_date", "is only for a form that has come back")
        if sent and received:
            check(not_before, received, sent, "received_date", "the date it was sent")
        for value, field in ((sent, "sent_date"), (received, "received_date")):
            if value is not None and today is not None:
                check(not_after, value, today, field, "today")


def add_consultation(
    op: Op,
    review: Review,
    *,
    respondent_type: str,
    status: str = "not_sent",
    today: date | None = None,
    **details: Any,
) -> Consultation:
    """One respondent's form for a review, with whatever has come back so far."""
    if review.status == "cancelled":
        raise ValidationError("review", "was cancelled")
    with collecting() as check:
        kind = check(codes.check_code, codes.RESPONDENT_TYPES, respondent_type, "respondent_type")
        checked = check(codes.check_code, codes.CONSULTATION_STATUSES, status, "status")
        if checked is not None:
            check(_check, checked, details.get("sent_date"), details.get("received_date"), today)
        name = check(optional_text, details.get("respondent_name"), "respondent_name", 200)
        if kind is not None:
            check(_check_respondent, op.session, review.id, kind, name, adding=True)
            details["answers"] = check(_answers, kind, details.get("answers"))
    respondent_type, status = str(kind), str(checked)
    details["respondent_name"] = name
    consultation = Consultation(
        child_id=review.child_id,
        review_id=review.id,
        respondent_type=respondent_type,
        status=status,
        **details,
    )
    op.save(consultation)
    return consultation


def update_consultation(
    op: Op,
    consultation: Consultation,
    *,
    status: str,
    today: date,
    sent_date: date | None = None,
    received_date: date | None = None,
    respondent_name: str | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Consultation:
    """The IRO's update: status, dates and the answers as typed from a paper form."""
    kind = consultation.respondent_type
    with collecting() as check:
        checked = check(codes.check_code, codes.CONSULTATION_STATUSES, status, "status")
        if checked is not None:
            check(_check, checked, sent_date, received_date, today)
        name = check(optional_text, respondent_name, "respondent_name", 200)
        check(_check_respondent, op.session, consultation.review_id, kind, name,
              exclude_id=consultation.id)  # fmt: skip
        cleaned = check(_answers, kind, answers) if answers is not None else None
    consultation.status = str(checked)
    consultation.sent_date = sent_date
    consultation.received_date = received_date
    consultation.respondent_name = name
    if answers is not None:
        consultation.answers = cleaned or {}
    op.save(consultation)
    return consultation


# Who may be consulted more than once for one review (the overview's "Add another…").
ANOTHER_RESPONDENTS = ("parent", "foster_carer", "residential_staff", "adopter", "advocate",
                       "other_professional")  # fmt: skip


def add_another_respondent(
    op: Op,
    review: Review,
    *,
    respondent_type: str,
    respondent_name: str | None,
    today: date,
    name_for_existing: str | None = None,
) -> Consultation:
    """Another parent, carer or the like for this review, not yet sent a form.

    When one of that type is already listed without a name, ``name_for_existing`` names it
    (both are needed to tell the two apart); otherwise it is ignored.
    """
    respondent_type = codes.check_code(codes.RESPONDENT_TYPES, respondent_type, "respondent_type")
    if respondent_type not in ANOTHER_RESPONDENTS:
        raise ValidationError(
            "respondent_type", f"there is only one {_kind_words(respondent_type)} per review"
        )
    if review.status not in ("planned", "held") or review.deleted:
        raise ValidationError("review", "was cancelled")
    name = optional_text(respondent_name, "respondent_name", 200)
    same = [c for c in consultations_for(op.session, review.id)
            if c.respondent_type == respondent_type]  # fmt: skip
    unnamed = [c for c in same if not (c.respondent_name or "").strip()]
    if same and not name:
        raise ValidationError(
            "respondent_name",
            f"is required: there is already a {_kind_words(respondent_type)} form for this review",
        )
    if len(unnamed) == 1:
        existing = optional_text(name_for_existing, "name_for_existing", 200)
        if existing is None:
            raise ValidationError(
                "name_for_existing", f"is required: the {_kind_words(respondent_type)} form "
                "already listed has no name, and the two must be told apart",
            )  # fmt: skip
        if _same_name(existing, name):
            raise ValidationError("respondent_name", "must differ from the other one's name")
        _check_respondent(op.session, review.id, respondent_type, existing,
                          exclude_id=unnamed[0].id)  # fmt: skip
        unnamed[0].respondent_name = existing
        op.save(unnamed[0])
    return add_consultation(
        op, review, respondent_type=respondent_type, today=today, respondent_name=name
    )


def record_child_answers(
    op: Op,
    review: Review,
    *,
    form_id: str,
    answers: Mapping[str, Any],
    today: date,
    drawings: Mapping[str, bytes] | None = None,
    private: frozenset[str] | set[str] = frozenset(),
) -> Consultation:
    """What the child entered in child mode, saved as theirs (``completed_by_child``).

    Reuses the review's form of that type if one was sent, so nothing is counted twice.
    Drawings are kept with the answers; answers and drawings the child marked "just for my
    IRO" (``private``) are kept apart from the record (``store.ops.child_mode``).
    """
    from iro_desktop.store.ops.child_mode import clean_drawings, split_private

    if form_id not in codes.CHILD_RESPONDENT_TYPES:
        raise ValidationError("form", "child mode only uses the children's forms")
    if review.status == "cancelled":
        raise ValidationError("review", "was cancelled")
    cleaned = _answers(form_id, answers)
    form = form_for(form_id)
    assert form is not None  # _answers refused a form id with no question set
    pictures = clean_drawings(form, drawings or {})
    cleaned, pictures, kept = split_private(cleaned, pictures, set(private))
    existing = [c for c in consultations_for(op.session, review.id) if c.respondent_type == form_id]
    consultation = (
        existing[0]
        if existing
        else Consultation(child_id=review.child_id, review_id=review.id, respondent_type=form_id)
    )
    if consultation.sent_date and consultation.sent_date > today:
        consultation.sent_date = None
    consultation.status = "returned"
    consultation.received_date = today
    consultation.answers = cleaned
    consultation.drawings = pictures
    consultation.private_answers = kept
    consultation.completed_by_child = True
    op.save(consultation)
    return consultation


def record_pre_meeting_report(
    op: Op,
    review: Review,
    *,
    received_date: date | None,
    shared_with_child: bool | None,
    shared_with_parents: bool | None,
    today: date,
) -> Consultation:
    """The social worker's report: when it came, whether on time, and who it was shared with."""
    if received_date is not None:
        not_after(received_date, today, "received_date", "today")
    elif shared_with_child or shared_with_parents:
        raise ValidationError("received_date", "is required before the report can be shared")
    due = report_due(op.session, review)
    found = [c for c in consultations_for(op.session, review.id)
             if c.respondent_type == "social_worker"]  # fmt: skip
    report = (
        found[0]
        if found
        else Consultation(
            child_id=review.child_id, review_id=review.id, respondent_type="social_worker"
        )
    )
    report.status = "returned" if received_date else "not_returned"
    report.received_date = received_date
    report.on_time = None if received_date is None or due is None else received_date <= due
    report.shared_with_child = shared_with_child
    report.shared_with_parents = shared_with_parents
    op.save(report)
    review.pre_meeting_report_received = received_date
    review.pre_meeting_report_shared = (
        None
        if shared_with_child is None and shared_with_parents is None
        else bool(shared_with_child) and bool(shared_with_parents)
    )
    op.save(review)
    return report


# The respondents every review consults: the child's form by age band, then the adults.
ADULT_RESPONDENTS = ("parent", "foster_carer", "residential_staff", "adopter", "social_worker")


def mark_consultation(
    op: Op,
    review: Review,
    *,
    respondent_type: str,
    status: str,
    on: date | None,
    today: date,
    consultation_id: str | None = None,
) -> Consultation:
    """The one-click change from the overview: sent, returned, declined or not returned.

    ``on`` is the day it happened (sent on, back on); the other dates are kept. A form not
    yet on file is added. The social worker's report coming back is recorded as the report.
    """
    if review.status not in ("planned", "held") or review.deleted:
        raise ValidationError("review", "was cancelled")
    status = codes.check_code(codes.CONSULTATION_STATUSES, status, "status")
    respondent_type = codes.check_code(codes.RESPONDENT_TYPES, respondent_type, "respondent_type")
    if on is None and status in ("sent", "returned"):
        raise ValidationError("on", "say on which day")
    row = op.session.get(Consultation, consultation_id) if consultation_id else None
    if row is not None and (row.review_id != review.id or row.deleted):
        raise ValidationError("consultation", "belongs to a different review")
    if respondent_type == "social_worker" and status == "returned":
        report = record_pre_meeting_report(
            op, review, received_date=on, today=today,
            shared_with_child=row.shared_with_child if row else None,
            shared_with_parents=row.shared_with_parents if row else None,
        )  # fmt: skip
        return report
    sent = row.sent_date if row else None
    received = row.received_date if row else None
    if status == "sent":
        sent, received = on, None
    elif status == "returned":
        received = on
    elif status == "not_sent":
        sent, received = None, None
    elif status == "not_returned":
        received = None
        if sent is None:
            raise ValidationError("status", "a form that was never sent cannot be overdue")
    if row is None:
        return add_consultation(op, review, respondent_type=respondent_type, status=status,
                                today=today, sent_date=sent, received_date=received)  # fmt: skip
    _check(status, sent, received, today)
    row.status, row.sent_date, row.received_date = status, sent, received
    op.save(row)
    return row
