"""Operations on the child's record: profile, legal status, placements, people."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import (
    not_after,
    not_before,
    optional_text,
    required_text,
)
from iro_desktop.store.schema import Child, LegalStatus, Person, Placement

OLDEST_YEARS = 26  # care leavers are supported to 25

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


def _check_dates(dob: date, became: date, today: date) -> None:
    not_after(dob, today, "date_of_birth", "today")
    earliest = date(today.year - OLDEST_YEARS, 1, 1)
    not_before(dob, earliest, "date_of_birth", "the oldest age IRO Desktop supports")
    not_before(became, dob, "became_looked_after", "the date of birth")
    not_after(became, today, "became_looked_after", "today")


def _clean_profile(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for key in PROFILE_TEXT:
        if key in out:
            out[key] = optional_text(out[key], key, 2000)
    if "first_name" in out:
        out["first_name"] = required_text(out["first_name"], "first_name")
    if "last_name" in out:
        out["last_name"] = required_text(out["last_name"], "last_name")
    if out.get("category_of_need"):
        out["category_of_need"] = codes.check_code(
            codes.CATEGORIES_OF_NEED, out["category_of_need"], "category_of_need"
        )
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
    **profile: Any,
) -> Child:
    ref = required_text(child_ref, "child_ref", 40)
    existing = op.session.scalar(select(Child).where(Child.child_ref == ref))
    if existing is not None:
        raise ValidationError("child_ref", f"{ref} is already on the caseload")
    _check_dates(date_of_birth, became_looked_after, today)
    fields = _clean_profile({"first_name": first_name, "last_name": last_name, **profile})
    child = Child(
        child_ref=ref,
        date_of_birth=date_of_birth,
        became_looked_after=became_looked_after,
        **fields,
    )
    op.save(child)
    return child


def update_child(op: Op, child: Child, *, today: date, **fields: Any) -> Child:
    cleaned = _clean_profile(fields)
    dob = cleaned.get("date_of_birth", child.date_of_birth)
    became = cleaned.get("became_looked_after", child.became_looked_after)
    _check_dates(dob, became, today)
    for key, value in cleaned.items():
        setattr(child, key, value)
    op.save(child)
    return child


def current(rows: list[Any]) -> Any | None:
    live = [r for r in rows if not r.deleted and r.end_date is None]
    return max(live, key=lambda r: r.start_date) if live else None


def set_legal_status(op: Op, child: Child, code: str, start: date, today: date) -> LegalStatus:
    code = codes.check_code(codes.LEGAL_STATUSES, code, "legal_status")
    not_after(start, today, "legal_status_start", "today")
    not_before(start, child.date_of_birth, "legal_status_start", "the date of birth")
    rows = list(op.session.scalars(select(LegalStatus).where(LegalStatus.child_id == child.id)))
    now = current(rows)
    if now is not None:
        if now.code == code:
            return now  # type: ignore[no-any-return]
        not_before(start, now.start_date, "legal_status_start", "the current legal status began")
        now.end_date = start
        op.save(now)
    status = LegalStatus(child_id=child.id, code=code, start_date=start)
    op.save(status)
    return status


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
    place_code = codes.check_code(codes.PLACEMENT_TYPES, place_code, "placement_type")
    not_after(start_date, today, "placement_start", "today")
    not_before(start_date, child.date_of_birth, "placement_start", "the date of birth")
    for key in ("area", "carers", "provider", "end_reason"):
        if key in details:
            details[key] = optional_text(details[key], key, 300)
    for key, most in (("travel_minutes", 24 * 60), ("distance_miles", 2000)):
        value = details.get(key)
        if value is not None and not 0 <= value <= most:
            raise ValidationError(key, f"must be between 0 and {most:,}")
    rows = list(op.session.scalars(select(Placement).where(Placement.child_id == child.id)))
    now = current(rows)
    if now is not None:
        not_before(start_date, now.start_date, "placement_start", "the current placement began")
        now.end_date = start_date
        op.save(now)
    placement = Placement(
        child_id=child.id, place_code=place_code, start_date=start_date, **details
    )
    op.save(placement)
    return placement


def add_person(op: Op, child: Child, *, role: str, name: str, **details: Any) -> Person:
    role = codes.check_code(codes.PEOPLE_ROLES, role, "role")
    person = Person(
        child_id=child.id,
        role=role,
        name=required_text(name, "name"),
        organisation=optional_text(details.pop("organisation", None), "organisation", 200),
        phone=optional_text(details.pop("phone", None), "phone", 50),
        email=optional_text(details.pop("email", None), "email", 320),
        notes=optional_text(details.pop("notes", None), "notes"),
        **details,
    )
    op.save(person)
    return person
