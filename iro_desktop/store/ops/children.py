"""Operations on the child's record: profile, legal status, placements, people."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.letters import check_language
from iro_desktop.store.ops.validate import (
    collecting,
    not_after,
    not_before,
    optional_text,
    required_text,
)
from iro_desktop.store.rowcheck import max_length
from iro_desktop.store.schema import Child, LegalStatus, Person, Placement

OLDEST_YEARS = 26  # care leavers are supported to 25
MANY = 50  # more rows than this in one write go through ``Op.save_many``

PROFILE_TEXT = (
    "preferred_name",
    "pronouns",
    "gender",
    "ethnicity",
    "first_language",
    "communication_needs",
    "disability",
    "permanence_plan",
    "school",
)


def check_dates(dob: date, became: date, today: date) -> None:
    earliest = date(today.year - OLDEST_YEARS, 1, 1)
    with collecting() as check:
        check(not_after, dob, today, "date_of_birth", "today")
        check(not_before, dob, earliest, "date_of_birth", "the oldest age IRO Desktop supports")
        check(not_before, became, dob, "became_looked_after", "the date of birth")
        check(not_after, became, today, "became_looked_after", "today")


def _language(code: str) -> str:
    try:
        return check_language(code)
    except ValidationError as error:
        raise ValidationError("language_code", error.problem) from None


def _clean_profile(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    with collecting() as check:
        for key in PROFILE_TEXT:
            if key in out:
                out[key] = check(optional_text, out[key], key, max_length(Child, key))
        for key in ("first_name", "last_name"):
            if key in out:
                out[key] = check(required_text, out[key], key)
        if "language_code" in out:  # the letters' and child mode's language; none: default
            code = out["language_code"]
            out["language_code"] = check(_language, code) if code else None
        if out.get("category_of_need"):
            out["category_of_need"] = check(
                codes.check_code, codes.CATEGORIES_OF_NEED, out["category_of_need"],
                "category_of_need",
            )  # fmt: skip
    return out


def add_child(
    op: Op,
    *,
    child_ref: str,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    became_looked_after: date,
    today: date,
    unique_ref: bool = True,
    **profile: Any,
) -> Child:
    """``unique_ref=False`` only for the central store, where a laptop's provisional child
    may share the reference the authority is now importing (migration 0004)."""
    with collecting() as check:
        ref = check(required_text, child_ref, "child_ref", max_length(Child, "child_ref"))
        if ref is not None and unique_ref:
            existing = op.session.scalar(select(Child).where(Child.child_ref == ref))
            if existing is not None:
                check.add("child_ref", f"{ref} is already on the caseload")
        check(check_dates, date_of_birth, became_looked_after, today)
        fields = check(_clean_profile,
                       {"first_name": first_name, "last_name": last_name, **profile})  # fmt: skip
    assert fields is not None
    child = Child(
        child_ref=ref,
        date_of_birth=date_of_birth,
        became_looked_after=became_looked_after,
        **fields,
    )
    op.save(child)
    return child


def note_missing_history(op: Op, kids: list[Child], today: date) -> list[Child]:
    """Mark each child just added whose first review was already due and who has no
    review on file: the program then asks for the last review's date instead of counting
    a first review years overdue (``timescales.next_review_due``). The day is kept on the
    child (``review_history_needed_since``), so what is due stays a fact of the data.
    Called once the child's legal status and placement are in (short breaks change the
    first review's date). Returns the children marked."""
    from iro_desktop.domain.timescales import is_overdue
    from iro_desktop.store.queries import histories, next_review

    marked = []
    for history in histories(op.session, [k for k in kids if not k.deleted]):
        child = history.child
        held = [r for r in history.held_reviews if r.status == "held" and r.held_date
                and r.held_date >= child.became_looked_after]  # fmt: skip
        since = child.review_history_needed_since
        if held or (since is not None and since >= child.became_looked_after):
            continue  # a review is on file, or the day is already kept for this period
        first = next_review(history, bring_forward=False)  # the statutory first review
        if is_overdue(first.statutory_due, today):
            child.review_history_needed_since = today
            marked.append(child)
    if len(marked) > MANY:
        op.save_many(list(marked))  # a whole authority's extract: one insert per table
    else:
        for child in marked:
            op.save(child)  # kept in the operation's versions, so Undo puts it back
    return marked


def history_recorded(op: Op, child: Child) -> None:
    """A review is now on file: the last review's date is no longer needed."""
    if child.review_history_needed_since is not None:
        child.review_history_needed_since = None
        op.save(child)


def update_child(op: Op, child: Child, *, today: date, **fields: Any) -> Child:
    dob = fields.get("date_of_birth", child.date_of_birth)
    became = fields.get("became_looked_after", child.became_looked_after)
    with collecting() as check:
        cleaned = check(_clean_profile, fields)
        check(check_dates, dob, became, today)
    assert cleaned is not None
    for key, value in cleaned.items():
        setattr(child, key, value)
    op.save(child)
    return child


def current(rows: list[Any]) -> Any | None:
    live = [r for r in rows if not r.deleted and r.end_date is None]
    return max(live, key=lambda r: r.start_date) if live else None


def set_legal_status(op: Op, child: Child, code: str, start: date, today: date) -> LegalStatus:
    rows = list(op.session.scalars(select(LegalStatus).where(LegalStatus.child_id == child.id)))
    now = current(rows)
    with collecting() as check:
        checked = check(codes.check_code, codes.LEGAL_STATUSES, code, "legal_status")
        field = "legal_status_start"
        check(not_after, start, today, field, "today")
        check(not_before, start, child.date_of_birth, field, "the date of birth")
        if now is not None and now.code != checked:
            check(not_before, start, now.start_date, field, "the current legal status began")
    code = str(checked)
    if now is not None:
        if now.code == code:
            return now  # type: ignore[no-any-return]
        now.end_date = start
        op.save(now)
    status = LegalStatus(child_id=child.id, code=code, start_date=start)
    op.save(status)
    return status


PLACEMENT_TEXT = ("area", "carers", "provider", "end_reason")
PLACEMENT_NUMBERS = (("travel_minutes", 24 * 60), ("distance_miles", 2000))
PLACEMENT_EDITABLE = frozenset((*PLACEMENT_TEXT, "out_of_county", "travel_minutes",
                                "distance_miles", "start_date", "place_code",
                                "end_date"))  # fmt: skip
NO_END = object()  # ``update_placement``'s end_date when the end is not being changed


def _clean_placement(details: dict[str, Any]) -> dict[str, Any]:
    out = dict(details)
    with collecting() as check:
        for key in PLACEMENT_TEXT:
            if key in out:
                out[key] = check(optional_text, out[key], key, max_length(Placement, key))
        for key, most in PLACEMENT_NUMBERS:
            value = out.get(key)
            if value is not None and not 0 <= value <= most:
                check.add(key, f"must be between 0 and {most:,}")
    if "out_of_county" in out:
        out["out_of_county"] = bool(out["out_of_county"])
    return out


def _placements(op: Op, child_id: str) -> list[Placement]:
    rows = op.session.scalars(
        select(Placement).where(Placement.child_id == child_id, Placement.deleted.is_(False))
    )
    return sorted(rows, key=lambda p: p.start_date)


def add_placement(
    op: Op,
    child: Child,
    *,
    place_code: str,
    start_date: date,
    today: date,
    **details: Any,
) -> Placement:
    """Start a placement, ending the current one the day the new one starts."""
    rows = list(op.session.scalars(select(Placement).where(Placement.child_id == child.id)))
    now = current(rows)
    field = "placement_start"
    with collecting() as check:
        code = check(codes.check_code, codes.PLACEMENT_TYPES, place_code, "placement_type")
        check(not_after, start_date, today, field, "today")
        check(not_before, start_date, child.date_of_birth, field, "the date of birth")
        if now is not None:
            check(not_before, start_date, now.start_date, field, "the current placement began")
        cleaned = check(_clean_placement, details)
    place_code, details = str(code), cleaned or {}
    if now is not None:
        now.end_date = start_date
        op.save(now)
    placement = Placement(
        child_id=child.id, place_code=place_code, start_date=start_date, **details
    )
    op.save(placement)
    return placement


def update_placement(op: Op, placement: Placement, *, today: date, **fields: Any) -> Placement:
    """Correct a placement's details; a new start date stays between its neighbours'.

    Moving the start re-ends the previous placement on the new start, so the history
    never overlaps and never gains a gap the IRO did not record.
    """
    unknown = set(fields) - PLACEMENT_EDITABLE
    if unknown:
        raise ValidationError(sorted(unknown)[0], "cannot be changed here")
    if placement.deleted:
        raise ValidationError("placement", "is no longer on the record")
    end = fields.get("end_date", NO_END)
    start = fields.get("start_date", placement.start_date)
    moves_start = start != placement.start_date
    moves_end = end is not NO_END and end != placement.end_date
    with collecting() as check:
        cleaned = check(_clean_placement, fields) or {}
        if "place_code" in fields:
            cleaned["place_code"] = check(
                codes.check_code, codes.PLACEMENT_TYPES, fields["place_code"], "placement_type"
            )
        if moves_start:
            check(_check_start, op, placement, start, today)
        if moves_end:
            check(_check_end, op, placement, start, end, today)
    cleaned.pop("end_date", None)
    cleaned.pop("start_date", None)
    if moves_start:
        _move_start(op, placement, start, today)
    if moves_end:
        placement.end_date = end
    for key, value in cleaned.items():
        setattr(placement, key, value)
    op.save(placement)
    return placement


def _neighbours(op: Op, placement: Placement) -> tuple[Placement | None, list[Placement]]:
    """The placement before this one (if any) and those after it, by the stored start."""
    others = [p for p in _placements(op, placement.child_id) if p.id != placement.id]
    earlier = [p for p in others if p.start_date <= placement.start_date]
    later = [p for p in others if p.start_date > placement.start_date]
    return (earlier[-1] if earlier else None), later


def _check_start(op: Op, placement: Placement, start: date, today: date) -> None:
    """A new start: not in the future, not before birth, between its neighbours' starts."""
    child = op.session.get(Child, placement.child_id)
    assert child is not None
    field = "placement_start"
    not_after(start, today, field, "today")
    not_before(start, child.date_of_birth, field, "the date of birth")
    previous, later = _neighbours(op, placement)
    if previous is not None and start <= previous.start_date:
        raise ValidationError(
            field,
            f"must be after the previous placement began ({format_date(previous.start_date)})",
        )
    if later and start >= later[0].start_date:
        raise ValidationError(
            field, f"must be before the next placement began ({format_date(later[0].start_date)})"
        )
    if placement.end_date is not None:
        not_after(start, placement.end_date, field, "the day this placement ended")


def _move_start(op: Op, placement: Placement, start: date, today: date) -> None:
    """Move a start already checked (``_check_start``), re-ending the previous placement."""
    previous, _later = _neighbours(op, placement)
    old = placement.start_date
    if previous is not None and (
        previous.end_date is None or previous.end_date == old or previous.end_date > start
    ):
        previous.end_date = start
        op.save(previous)  # first: each save flushes, and would take this row's change along
    placement.start_date = start


def _check_end(op: Op, placement: Placement, start: date, end: date | None, today: date) -> None:
    """A corrected end: after the (new) start, not in the future, not after the next began.

    Only the last placement may have no end; the next placement's start is not moved
    (correct that placement's start for that)."""
    _previous, later = _neighbours(op, placement)
    if end is None:
        if later:
            raise ValidationError("end_date", "is needed: a later placement began on "
                                  f"{format_date(later[0].start_date)}")  # fmt: skip
    else:
        not_before(end, start, "end_date", "the placement began")
        not_after(end, today, "end_date", "today")
        if later:
            not_after(end, later[0].start_date, "end_date", "the next placement began")


def end_placement(
    op: Op, placement: Placement, *, end_date: date, today: date, end_reason: str | None = None
) -> Placement:
    """End the current placement with no new one (the child left care, or went home)."""
    if placement.deleted:
        raise ValidationError("placement", "is no longer on the record")
    if placement.end_date is not None:
        raise ValidationError("end_date", "cannot be set: this placement has already ended")
    with collecting() as check:
        check(not_before, end_date, placement.start_date, "end_date", "the placement began")
        check(not_after, end_date, today, "end_date", "today")
        reason = check(optional_text, end_reason, "end_reason", max_length(Placement, "end_reason"))
    placement.end_date = end_date
    placement.end_reason = reason
    op.save(placement)
    return placement


EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PERSON_EDITABLE = frozenset(("role", "name", "organisation", "phone", "email", "notes"))


def _clean_person(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    with collecting() as check:
        if "role" in out:
            out["role"] = check(codes.check_code, codes.PEOPLE_ROLES, out["role"], "role")
        if "name" in out:
            out["name"] = check(required_text, out["name"], "name")
        for key in ("organisation", "phone", "email", "notes"):
            if key in out:
                out[key] = check(optional_text, out[key], key, max_length(Person, key))
        if out.get("email") and not EMAIL_SHAPE.match(out["email"]):
            check.add("email", "does not look like an email address (name@place.uk)")
    return out


def add_person(op: Op, child: Child, *, role: str, name: str, **details: Any) -> Person:
    fields = _clean_person({"role": role, "name": name, "organisation": None, "phone": None,
                            "email": None, "notes": None, **details})  # fmt: skip
    person = Person(child_id=child.id, **fields)
    op.save(person)
    return person


def update_person(op: Op, person: Person, **fields: Any) -> Person:
    unknown = set(fields) - PERSON_EDITABLE
    if unknown:
        raise ValidationError(sorted(unknown)[0], "cannot be changed here")
    if person.deleted:
        raise ValidationError("person", "is no longer on the record")
    for key, value in _clean_person(fields).items():
        setattr(person, key, value)
    op.save(person)
    return person


def end_person(op: Op, person: Person, *, end_date: date, today: date) -> Person:
    """This person is no longer in the child's life in that role (kept for the history)."""
    if person.deleted:
        raise ValidationError("person", "is no longer on the record")
    if person.end_date is not None:
        raise ValidationError("end_date", "cannot be set: this person has already left")
    with collecting() as check:
        if person.start_date is not None:
            check(not_before, end_date, person.start_date, "end_date", "they started")
        check(not_after, end_date, today, "end_date", "today")
    person.end_date = end_date
    op.save(person)
    return person


def moving_next_review(op: Op, child_id: str, change: Callable[[], object]) -> tuple[Any, Any]:
    """Make a placement ``change`` and say what it did to the next review: (before,
    after), each a ``NextReview``, for the brought-forward notice. The one place the
    rule "a placement change may bring the next review forward" is asked."""
    from iro_desktop.store.queries import histories, next_review, setting

    def now() -> Any:
        child = op.session.get(Child, child_id)
        if child is None:
            raise ValidationError("child", "is no longer on the caseload")
        return next_review(histories(op.session, [child])[0], bring_forward=bring)

    bring = bool(setting(op.session, "bring_forward_on_placement_change"))
    before = now()
    change()
    op.session.flush()
    op.session.expire_all()
    return before, now()
