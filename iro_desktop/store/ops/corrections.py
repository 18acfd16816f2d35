"""Corrections of entries whose add operation lives elsewhere: a held review, a legal
status period, a mid-way update, a challenge and its stages, feedback and notes.

Each checks the corrected entry by the rules it was first made under (dates in order, not
in the future, the participation code against the child's age on the review day) and is
run through ``entries.correct``, so the audit records a correction and what it replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops import entries
from iro_desktop.store.ops.checks import on_or_before_today
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.feedback import ANSWERS
from iro_desktop.store.ops.reviews import _held_checks
from iro_desktop.store.ops.validate import (
    collecting,
    not_after,
    not_before,
    optional_text,
    required_text,
)
from iro_desktop.store.schema import (
    ChallengeStage,
    Child,
    LegalStatus,
    Review,
)


def _child(op: Op, row: Any) -> Child:
    child = op.session.get(Child, row.child_id)
    assert child is not None
    return child


def held_review(
    op: Op,
    review_id: str,
    *,
    held_date: date,
    participation_code: str,
    attendees: Sequence[str],
    today: date,
    seen_alone: bool | None = None,
    advocate_present: bool = False,
    interpreter_present: bool = False,
    **sections: Any,
) -> Review:
    """Correct every field of a held review (who came, how the child took part, the date,
    the write-up): the code is checked against the child's age on the corrected date."""
    review = entries.find(op, "review", review_id)
    if review.status != "held":
        raise ValidationError("review", "has not been held yet; change its plan instead")
    details: dict[str, Any] = {
        "attendees": attendees, "seen_alone": seen_alone,
        "advocate_present": advocate_present, "interpreter_present": interpreter_present,
        **sections,
    }  # fmt: skip
    child = _child(op, review)
    with collecting() as check:
        code = check(_held_checks, op, child, held_date, participation_code, today, details,
                     review.id, need_attendees=True)  # fmt: skip
        for date_key in ("decisions_shared_date", "record_distributed_date"):
            value = details.get(date_key, getattr(review, date_key))
            if value is not None:
                check(not_before, value, held_date, date_key, "the review")
    for key, value in details.items():
        setattr(review, key, value)
    review.held_date = held_date
    review.participation_code = str(code)
    return entries.correct(op, "review", lambda: _save(op, review))  # type: ignore[no-any-return]


def _save(op: Op, row: Any) -> Any:
    op.save(row)
    return row


def legal_status(
    op: Op, status_id: str, *, code: str, start_date: date, end_date: date | None, today: date
) -> LegalStatus:
    """Correct a legal status period: its code and dates stay in order with its neighbours.

    Moving the start re-ends the previous period on the new start (as a placement does),
    so the history gains no overlap and no gap the IRO did not record.
    """
    status = entries.find(op, "legal_status", status_id)
    child = _child(op, status)
    others = sorted(
        (s for s in op.session.scalars(select(LegalStatus).where(
            LegalStatus.child_id == status.child_id, LegalStatus.deleted.is_(False),
            LegalStatus.id != status.id))),
        key=lambda s: s.start_date,
    )  # fmt: skip
    earlier = [s for s in others if s.start_date <= status.start_date]
    later = [s for s in others if s.start_date > status.start_date]
    previous = earlier[-1] if earlier else None
    with collecting() as check:
        checked = check(codes.check_code, codes.LEGAL_STATUSES, code, "legal_status")
        check(on_or_before_today, start_date, "legal_status_start", child, today)
        if previous is not None and start_date <= previous.start_date:
            check.add("legal_status_start", "must be after the previous legal status began "
                      f"({format_date(previous.start_date)})")  # fmt: skip
        if end_date is not None:
            check(not_before, end_date, start_date, "legal_status_end", "it began")
            check(not_after, end_date, today, "legal_status_end", "today")
        if later and end_date is None:
            check.add("legal_status_end", "is needed: a later legal status began "
                      f"on {format_date(later[0].start_date)}")  # fmt: skip
        elif later and end_date is not None:
            check(not_after, end_date, later[0].start_date, "legal_status_end",
                  "the next legal status began")  # fmt: skip
    code = str(checked)

    def write() -> LegalStatus:
        if previous is not None and previous.end_date in (None, status.start_date):
            previous.end_date = start_date
            op.save(previous)
        status.code, status.start_date, status.end_date = code, start_date, end_date
        op.save(status)
        return status  # type: ignore[no-any-return]

    return entries.correct(op, "legal_status", write)


def midway(
    op: Op, update_id: str, *, update_date: date, method: str, today: date,
    spoke_with: str | None = None, summary: str | None = None,
) -> Any:  # fmt: skip
    """Correct a mid-way update's date, how and with whom, and its summary."""
    update = entries.find(op, "midway", update_id)
    review = op.session.get(Review, update.review_id)
    assert review is not None and review.held_date is not None
    with collecting() as check:
        check(not_after, update_date, today, "update_date", "today")
        check(not_before, update_date, review.held_date, "update_date", "the review")
        how = check(codes.check_code, codes.VISIT_METHODS, method, "method")
        who = check(optional_text, spoke_with, "spoke_with", 200)
        said = check(optional_text, summary, "summary")
    update.update_date = update_date
    update.method, update.spoke_with, update.summary = how, who, said
    return entries.correct(op, "midway", lambda: _save(op, update))


def challenge(
    op: Op, challenge_id: str, *, category: str, issue: str, raised_date: date, today: date
) -> Any:
    """Correct what a challenge is about and when it was raised (not before its first
    stage's response, not in the future)."""
    row = entries.find(op, "challenge", challenge_id)
    stages = sorted(op.session.scalars(select(ChallengeStage).where(
        ChallengeStage.challenge_id == row.id, ChallengeStage.deleted.is_(False))),
        key=lambda s: s.stage)  # fmt: skip
    with collecting() as check:
        check(on_or_before_today, raised_date, "raised_date", _child(op, row), today)
        checked = check(codes.check_code, codes.CHALLENGE_CATEGORIES, category, "category")
        if checked is not None and (row.kind == "good_practice") != (checked == "good_practice"):
            check.add("category", "good practice is recorded as a good-practice alert")
        if stages and stages[0].response_date is not None:
            check(not_after, raised_date, stages[0].response_date, "raised_date",
                  "the first response")  # fmt: skip
        about = check(required_text, issue, "issue", 20_000)
    category, issue = str(checked), str(about)
    old = row.raised_date

    def write() -> Any:
        # Each save flushes the session: change and save one row at a time.
        row.category, row.issue, row.raised_date = category, issue, raised_date
        op.save(row)
        if stages and stages[0].raised_date == old:
            stages[0].raised_date = raised_date
            op.save(stages[0])
        return row

    return entries.correct(op, "challenge", write)


def challenge_stage(
    op: Op, stage_id: str, *, raised_with: str, raised_date: date, response_due: date,
    today: date, response: str | None = None, response_date: date | None = None,
    outcome: str | None = None,
) -> ChallengeStage:  # fmt: skip
    """Correct one stage: raised, due and answered, in that order, none in the future."""
    stage = entries.find(op, "challenge_stage", stage_id)
    with collecting() as check:
        check(on_or_before_today, raised_date, "raised_date", _child(op, stage), today)
        check(not_before, response_due, raised_date, "response_due", "the date it was raised")
        if response_date is not None:
            check(not_before, response_date, raised_date, "response_date",
                  "the date it was raised")  # fmt: skip
            check(not_after, response_date, today, "response_date", "today")
        text = check(optional_text, response, "response", 20_000)
        if response_date is not None and not text and not (response or "").strip():
            check.add("response", "say what the response was")
        if text and response_date is None:
            check.add("response_date", "is required with a response")
        with_whom = check(required_text, raised_with, "raised_with")
        result = check(optional_text, outcome, "outcome", 20_000)
    stage.raised_with = with_whom
    stage.raised_date, stage.response_due = raised_date, response_due
    stage.response, stage.response_date = text, response_date
    stage.outcome = result
    return entries.correct(op, "challenge_stage", lambda: _save(op, stage))  # type: ignore[no-any-return]


def feedback(op: Op, feedback_id: str, *, rating: str, comments: str | None = None,
             **answers: bool | None) -> Any:  # fmt: skip
    """Correct the child's postcard: the rating, the three answers and their words."""
    row = entries.find(op, "feedback", feedback_id)
    unknown = set(answers) - set(ANSWERS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not part of the postcard")
    with collecting() as check:
        checked = check(codes.check_code, codes.FEEDBACK_RATINGS, rating, "rating")
        for key, value in answers.items():
            if value not in (None, True, False):
                check.add(key, "must be yes, no or not answered")
        words = check(optional_text, comments, "comments", 5000)
    row.rating = checked
    for key, value in answers.items():
        setattr(row, key, value)
    row.comments = words
    return entries.correct(op, "feedback", lambda: _save(op, row))


def note(op: Op, note_id: str, *, note_date: date, text: str, today: date,
         kind: str = "case_note") -> Any:  # fmt: skip
    row = entries.find(op, "note", note_id)
    with collecting() as check:
        check(on_or_before_today, note_date, "note_date", _child(op, row), today)
        cleaned = check(required_text, text, "text", 100_000)
    row.note_date, row.kind = note_date, kind
    row.text = cleaned
    return entries.correct(op, "note", lambda: _save(op, row))


def decision(
    op: Op, decision_id: str, *, text: str, owner: str, due_date: date | None,
    child_friendly_text: str | None = None,
) -> Any:  # fmt: skip
    """Correct a decision's wording, owner or date by the rules it was made under."""
    from iro_desktop.store.ops.decisions import update_decision

    row = entries.find(op, "decision", decision_id)
    review = op.session.get(Review, row.review_id)
    assert review is not None
    return entries.correct(op, "decision", lambda: update_decision(
        op, row, review, text=text, owner=owner, due_date=due_date,
        child_friendly_text=child_friendly_text))  # fmt: skip


def consultation(
    op: Op, consultation_id: str, *, status: str, today: date, sent_date: date | None = None,
    received_date: date | None = None, respondent_name: str | None = None,
) -> Any:  # fmt: skip
    """Correct a consultation's status, dates and respondent (its answers are kept)."""
    from iro_desktop.store.ops.consultations import update_consultation

    row = entries.find(op, "consultation", consultation_id)
    return entries.correct(op, "consultation", lambda: update_consultation(
        op, row, status=status, today=today, sent_date=sent_date,
        received_date=received_date, respondent_name=respondent_name))  # fmt: skip
