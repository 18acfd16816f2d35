"""Operations on reviews: plan one, hold it, write up the record, share and distribute it.

Every rule an IRO is measured by is checked here, not in a screen: the participation code
against the child's age, lesson time only when the child wants it, dates in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.participation import validate_participation
from iro_desktop.domain.timescales import NextReview, ReviewKind, latest_second_review
from iro_desktop.store import queries
from iro_desktop.store.ops.checks import since_review
from iro_desktop.store.ops.children import history_recorded
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import (
    collecting,
    not_after,
    not_before,
    optional_text,
    required_text,
)
from iro_desktop.store.reads.reviews import next_review_for, next_review_in
from iro_desktop.store.schema import Child, Decision, Review

SECTIONS = ("working_well", "worried_about", "needs_to_happen", "child_words")
PLAN_HORIZON = timedelta(days=366)  # a review planned more than a year ahead is a typo
ADVOCATE_CODES = frozenset({"PN2", "PN5"})
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def held_kind(child: Child, due: NextReview, held_date: date) -> tuple[str, date | None]:
    """The kind and due date of a review recorded after the event.

    A "first" review on file held long after a second review would have been due is not
    the child's first: earlier reviews are missing (``timescales.count_reviews``). Its own
    due date is then unknown, so it is left for the figures to leave out, not judged late.
    """
    late = held_date > latest_second_review(child.became_looked_after)
    if due.history_needed is not None:  # no review was on file: its due date is unknown
        return str(ReviewKind.SUBSEQUENT if late else ReviewKind.FIRST), None
    if due.kind == ReviewKind.FIRST and late and not due.short_breaks:
        return str(ReviewKind.SUBSEQUENT), None
    return str(due.kind), due.due


def imported_review(
    history: queries.ChildHistory, *, held_date: date, participation_code: str, bring_forward: bool
) -> Review:
    """A held review from an import, its kind and due date worked out as
    ``record_held_review`` does; the importer has checked the date and the code."""
    due = next_review_in(history, before=held_date, bring_forward=bring_forward)
    kind, due_date = held_kind(history.child, due, held_date)
    return Review(
        child_id=history.child.id,
        kind=kind,
        status="held",
        due_date=due_date,
        held_date=held_date,
        participation_code=participation_code,
        imported=True,
    )


def _people(values: Sequence[str] | None, field: str) -> list[str]:
    out: list[str] = []
    for value in values or ():
        name = optional_text(value, field, 200)
        if name and name.casefold() not in {o.casefold() for o in out}:
            out.append(name)
    if len(out) > 60:
        raise ValidationError(field, "has more than 60 people")
    return out


_PLAN_COLUMNS = (
    "planned_date", "planned_time", "venue", "venue_chosen_by_child", "in_lesson_time",
    "child_wants_lesson_time", "series_of_meetings", "invitees", "not_wanted",
)  # fmt: skip


def _plan_fields(child: Child, fields: dict[str, Any], today: date) -> dict[str, Any]:
    """The plan's fields, checked; every problem is raised at once."""
    planned = fields.get("planned_date")
    time = (fields.get("planned_time") or "").strip() or None
    in_lessons = bool(fields.get("in_lesson_time"))
    wants = bool(fields.get("child_wants_lesson_time"))
    with collecting() as check:
        if planned is None:
            check.add("planned_date", "is required")
        else:
            check(not_before, planned, today, "planned_date", "today")
            since = child.became_looked_after
            check(not_before, planned, since, "planned_date", "the child became looked after")
            check(not_after, planned, today + PLAN_HORIZON, "planned_date", "a year from today")
        if time is not None:
            match = _TIME.fullmatch(time)
            if match is None:
                check.add("planned_time", "is not a time (use 24-hour HH:MM, e.g. 15:30)")
            else:
                time = f"{int(match.group(1)):02d}:{match.group(2)}"
        if in_lessons and not wants:
            check.add(
                "in_lesson_time", "a review is not held in lesson time unless the child wants it"
            )
        invitees = check(_people, fields.get("invitees"), "invitees") or []
        not_wanted = check(_people, fields.get("not_wanted"), "not_wanted") or []
        both = {p.casefold() for p in invitees} & {p.casefold() for p in not_wanted}
        if both:
            check.add("invitees", "someone the child does not want is on the invitation list")
        venue = check(required_text, fields.get("venue"), "venue", 300)
    return {
        "planned_date": planned,
        "planned_time": time,
        "venue": venue,
        "venue_chosen_by_child": bool(fields.get("venue_chosen_by_child")),
        "in_lesson_time": in_lessons,
        "child_wants_lesson_time": wants,
        "series_of_meetings": bool(fields.get("series_of_meetings")),
        "invitees": invitees,
        "not_wanted": not_wanted,
    }


def plan_review(op: Op, child: Child, *, today: date, **fields: Any) -> Review:
    """Plan the next review: date, time, venue and who comes, as agreed with the child."""
    clean = _plan_fields(child, fields, today)
    already = op.session.scalar(
        select(Review.id).where(
            Review.child_id == child.id, Review.status == "planned", Review.deleted.is_(False)
        )
    )
    if already is not None:
        raise ValidationError("review", "is already planned for this child; change that plan")
    due = next_review_for(op.session, child)
    due_date = None if due.history_needed is not None else due.due  # unknown until recorded
    review = Review(
        child_id=child.id, kind=str(due.kind), status="planned", due_date=due_date, **clean
    )
    op.save(review)
    return review


def update_plan(op: Op, review: Review, child: Child, *, today: date, **fields: Any) -> Review:
    if review.status != "planned":
        raise ValidationError("review", "has already been held or cancelled")
    if fields.get("planned_date") == review.planned_date:
        today = min(today, review.planned_date or today)  # an unchanged date may have passed
    for key, value in _plan_fields(child, fields, today).items():
        setattr(review, key, value)
    op.save(review)
    return review


def cancel_review(op: Op, review: Review, *, reason: str) -> Review:
    """Call off a planned review; the reason is kept on it (and in the audit history)."""
    if review.status != "planned" or review.deleted:
        raise ValidationError("review", "only a planned review can be cancelled")
    review.status = "cancelled"
    review.brought_forward_reason = required_text(reason, "reason", 2000)
    op.save(review)
    return review


def replan_review(
    op: Op, review: Review, child: Child, *, planned_date: date | None, reason: str, today: date
) -> Review:
    """Move a planned review to a new date, saying why; the rest of the plan stays."""
    why = required_text(reason, "reason", 2000)
    if review.status != "planned" or review.deleted:
        raise ValidationError("review", "has already been held or cancelled")
    if planned_date is None:
        raise ValidationError("planned_date", "is required")
    if planned_date == review.planned_date:
        raise ValidationError("planned_date", "is the date already planned")
    was = format_date(review.planned_date) if review.planned_date else "no date"
    fields = {c: getattr(review, c) for c in _PLAN_COLUMNS}
    fields["planned_date"] = planned_date
    update_plan(op, review, child, today=today, **fields)
    review.brought_forward_reason = f"Moved from {was}: {why}"
    op.save(review)
    return review


def _held_checks(
    op: Op, child: Child, held_date: date, code: str, today: date, details: dict[str, Any],
    review_id: str | None = None, *, need_attendees: bool = False,
) -> str:  # fmt: skip
    """The meeting's fields, checked (every problem at once); ``details`` is cleaned in
    place. With ``need_attendees``, a meeting with nobody there is refused too."""
    earlier = op.session.scalars(
        select(Review).where(
            Review.child_id == child.id,
            Review.held_date.is_not(None),
            Review.deleted.is_(False),
            Review.id != (review_id or ""),
        )
    )
    with collecting() as check:
        check(not_after, held_date, today, "review_date", "today")
        checked = check(validate_participation, code, child.date_of_birth, held_date)
        check(not_before, held_date, child.became_looked_after, "review_date",
              "the child became looked after")  # fmt: skip
        if any(other.held_date == held_date for other in earlier):
            check.add("review_date", f"a review on {format_date(held_date)} is already recorded")
        if checked in ADVOCATE_CODES and details.get("advocate_present") is False:
            check.add(
                "participation_code",
                f"{checked} means an advocate spoke for the child; tick advocate",
            )
        if checked == "PN0" and details.get("seen_alone"):
            check.add("seen_alone", "does not apply to a child under 4")
        for key in SECTIONS:
            if key in details:
                details[key] = check(optional_text, details[key], key)
        if "attendees" in details:
            people = check(_people, details["attendees"], "attendees")
            if people is not None:
                details["attendees"] = people
            if need_attendees and not details["attendees"]:
                check.add("attendees", "say who came (at least one person)")
        if details.get("care_plan_view") is not None:
            details["care_plan_view"] = check(
                codes.check_code, codes.CARE_PLAN_VIEWS, details["care_plan_view"],
                "care_plan_view",
            )  # fmt: skip
    return str(checked)


def hold_review(
    op: Op,
    review: Review,
    child: Child,
    *,
    held_date: date,
    participation_code: str,
    attendees: Sequence[str],
    today: date,
    seen_alone: bool | None = None,
    advocate_present: bool = False,
    interpreter_present: bool = False,
) -> Review:
    """Record that a planned review took place: who came and how the child took part."""
    if review.status != "planned":
        raise ValidationError("review", "is not a planned review")
    details: dict[str, Any] = {
        "attendees": attendees, "seen_alone": seen_alone,
        "advocate_present": advocate_present, "interpreter_present": interpreter_present,
    }  # fmt: skip
    code = _held_checks(
        op, child, held_date, participation_code, today, details, review.id, need_attendees=True
    )
    for key, value in details.items():
        setattr(review, key, value)
    review.held_date = held_date
    review.participation_code = code
    review.status = "held"
    op.save(review)
    history_recorded(op, child)
    return review


def record_held_review(
    op: Op,
    child: Child,
    *,
    held_date: date,
    participation_code: str,
    today: date,
    **details: Any,
) -> Review:
    """A review that has taken place with no plan on file (an import, or past paperwork)."""
    code = _held_checks(op, child, held_date, participation_code, today, details)
    kind, due_date = held_kind(child, next_review_for(op.session, child, before=held_date),
                               held_date)  # fmt: skip
    review = Review(
        child_id=child.id,
        kind=kind,
        status="held",
        due_date=due_date,
        held_date=held_date,
        participation_code=code,
        **details,
    )
    op.save(review)
    history_recorded(op, child)
    return review


MOST_REVIEWS = 200


def record_last_review(
    op: Op,
    child: Child,
    *,
    held_date: date,
    participation_code: str,
    today: date,
    number: int | None = None,
) -> Review:
    """The last review held before the child's file came to the program, for a child who
    came with none on file: recorded as imported history (no catch-up paperwork), with
    the review's number as the IRO gives it (None: the program counts it). The next
    review is then due from it by the usual timescales."""
    op.label = "record last review"  # Edit > Undo names it (it clears the child's day too)
    with collecting() as check:
        if number is not None and (not isinstance(number, int)
                                   or not 1 <= number <= MOST_REVIEWS):  # fmt: skip
            check.add("number", f"must be a whole number from 1 to {MOST_REVIEWS}")
        review = check(record_held_review, op, child, held_date=held_date, today=today,
                       participation_code=participation_code, imported=True,
                       number=number)  # fmt: skip
    assert review is not None
    return review


def confirm_review_number(op: Op, review: Review, *, number: int) -> Review:
    """The IRO says which review of this period of care a held review was (the file may
    lack earlier ones); the reviews after it count on from it."""
    if review.status != "held" or review.held_date is None:
        raise ValidationError("number", "can be given only for a review that was held")
    if not isinstance(number, int) or not 1 <= number <= MOST_REVIEWS:
        raise ValidationError("number", f"must be a whole number from 1 to {MOST_REVIEWS}")
    review.number = number
    op.save(review)
    return review


def write_record(
    op: Op,
    review: Review,
    *,
    care_plan_view: str,
    care_plan_view_reason: str | None = None,
    **sections: str | None,
) -> Review:
    """The IRO's view of the care plan and the three sections (plus the child's words)."""
    if review.status != "held":
        raise ValidationError("review", "has not been held yet")
    view, reason, cleaned = record_checks(care_plan_view, care_plan_view_reason, sections)
    review.care_plan_view = view
    review.care_plan_view_reason = reason
    for key, value in cleaned.items():
        setattr(review, key, value)
    op.save(review)
    return review


def record_checks(
    care_plan_view: str, care_plan_view_reason: str | None, sections: dict[str, str | None]
) -> tuple[str, str | None, dict[str, str | None]]:
    """The record's view, reason and sections, cleaned, or every problem at once."""
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a section of the record")
    with collecting() as check:
        view = check(codes.check_code, codes.CARE_PLAN_VIEWS, care_plan_view, "care_plan_view")
        reason = check(optional_text, care_plan_view_reason, "care_plan_view_reason")
        if view is not None and view != "agrees" and reason is None:
            check.add("care_plan_view_reason", "say why the IRO does not fully agree")
        cleaned = {key: check(optional_text, value, key) for key, value in sections.items()}
    return str(view), reason, cleaned


def mark_decisions_shared(op: Op, review: Review, *, on: date, today: date) -> Review:
    review.decisions_shared_date = since_review(on, review, "decisions_shared_date", today)
    if review.record_distributed_date is not None:
        not_after(on, review.record_distributed_date, "decisions_shared_date",
                  "the record was distributed")  # fmt: skip
    op.save(review)
    return review


def mark_record_distributed(op: Op, review: Review, *, on: date, today: date) -> Review:
    """The full record went out; the decisions went with it if not shared before."""
    review.record_distributed_date = since_review(on, review, "record_distributed_date", today)
    if review.decisions_shared_date is None:
        review.decisions_shared_date = on
    op.save(review)
    return review


@dataclass(frozen=True)
class DecisionEdit:
    """One line of a review's decisions as the IRO left it: new (no id), changed, or
    marked to be removed or cancelled (``change``: ("remove" or "cancel", the reason))."""

    decision_id: str | None
    text: str
    owner: str
    due_date: date | None
    change: tuple[str, str] | None = None


@dataclass(frozen=True)
class WriteUp:
    """Everything the "Hold / write up review" screen saves, as plain values."""

    held_date: date
    participation_code: str | None
    attendees: list[str]
    seen_alone: bool | None
    advocate_present: bool
    interpreter_present: bool
    care_plan_view: str | None
    care_plan_view_reason: str
    sections: dict[str, str]
    decisions: list[DecisionEdit]
    decisions_shared_date: date | None = None
    record_distributed_date: date | None = None


DECISION_WORDS = {"text": "what", "owner": "who", "due_date": "by when",
                  "reason": "the reason", "decision": "it"}  # fmt: skip


def write_up(op: Op, child_id: str, review_id: str | None, up: WriteUp, *, today: date) -> Review:
    """Hold (or record) the review and write it up in one operation: the meeting, the
    record's sections, every decision, and when they were shared and distributed."""
    from iro_desktop.store.ops import decisions

    child = op.session.get(Child, child_id)
    if child is None:
        raise ValidationError("child", "is no longer on the caseload")
    meeting: dict[str, Any] = {
        "participation_code": up.participation_code, "attendees": up.attendees,
        "seen_alone": up.seen_alone, "advocate_present": up.advocate_present,
        "interpreter_present": up.interpreter_present,
    }  # fmt: skip
    review = op.session.get(Review, review_id) if review_id else None
    # Every step runs in one block, so one Save reports the meeting's, the record's, the
    # decisions' and the dates' problems together (the operation is rolled back).
    with collecting() as check:
        if review is None:
            review = check(record_held_review, op, child, held_date=up.held_date, today=today,
                           **meeting)  # fmt: skip
        elif review.status == "planned":
            check(hold_review, op, review, child, held_date=up.held_date, today=today, **meeting)
        else:  # held already: every field of the meeting can be corrected
            from iro_desktop.store.ops import corrections

            check(corrections.held_review, op, review.id, held_date=up.held_date, today=today,
                  **meeting)  # fmt: skip
        held = review is not None and review.status == "held"
        if up.care_plan_view is not None or any(v.strip() for v in up.sections.values()):
            record = {"care_plan_view": up.care_plan_view or "",
                      "care_plan_view_reason": up.care_plan_view_reason, **up.sections}  # fmt: skip
            if held:
                check(write_record, op, review, **record)
            else:  # the meeting was refused: its record is still checked
                check(record_checks, record.pop("care_plan_view"),
                      record.pop("care_plan_view_reason"), record)  # fmt: skip
        if held:
            assert review is not None
            wrong = []  # every decision row's problem, in one message beside the table
            for number, row in enumerate(up.decisions, 1):
                try:
                    _numbered_decision(op, review, number, row, today, decisions)
                except ValidationError as exc:
                    wrong.append(exc.problem)
            if wrong:
                check.add("decisions", "; ".join(wrong))
            shared, distributed = up.decisions_shared_date, up.record_distributed_date
            if shared is not None and shared != review.decisions_shared_date:
                check(mark_decisions_shared, op, review, on=shared, today=today)
            if distributed is not None and distributed != review.record_distributed_date:
                check(mark_record_distributed, op, review, on=distributed, today=today)
    assert review is not None
    return review


def _numbered_decision(
    op: Op, review: Review, number: int, row: DecisionEdit, today: date, ops: Any
) -> None:
    """Save one decision; a problem names the row ("decision 2: who is required")."""
    try:
        _save_decision(op, review, row, today, ops)
    except ValidationError as exc:
        words = DECISION_WORDS.get(exc.field, exc.field)
        raise ValidationError("decisions", f"decision {number}: {words} {exc.problem}") from None


def _save_decision(op: Op, review: Review, row: DecisionEdit, today: date, ops: Any) -> None:
    if row.decision_id is None:
        ops.add_decision(op, review, text=row.text, owner=row.owner, due_date=row.due_date)
        return
    found = op.session.get(Decision, row.decision_id)
    assert found is not None
    if row.change is None:
        ops.update_decision(op, found, review, text=row.text, owner=row.owner,
                            due_date=row.due_date)  # fmt: skip
    elif row.change[0] == "remove":
        ops.remove_decision(op, found, review, reason=row.change[1], on=today)
    else:
        ops.cancel_decision(op, found, review, reason=row.change[1], on=today)
