"""Visits and contacts with the child: add one, correct one.

Adding and correcting share one set of rules (``check``), so a correction can never
make a visit the program would have refused in the first place: not in the future, not
before the child came into care, a reason when the child was not seen alone, and
something written about it (a visit with every box empty says nothing and was once
accepted).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import (
    collecting,
    non_negative,
    not_after,
    not_before,
    optional_text,
)
from iro_desktop.store.schema import Child, Visit

TEXT = ("place", "not_seen_alone_reason", "others_present", "child_words", "summary",
        "next_steps")  # fmt: skip
SAYS_SOMETHING = ("place", "others_present", "child_words", "summary", "next_steps")


@dataclass(frozen=True)
class VisitFields:
    """Everything the IRO records about one visit or contact."""

    visit_date: date
    method: str
    purpose: str = "pre_review"
    place: str | None = None
    seen_alone: bool | None = None
    not_seen_alone_reason: str | None = None
    others_present: str | None = None
    child_words: str | None = None
    summary: str | None = None
    next_steps: str | None = None
    travel_minutes: int | None = None
    mileage: int | None = None

    @classmethod
    def of(cls, visit: Visit) -> VisitFields:
        return cls(**{key: getattr(visit, key) for key in cls.__dataclass_fields__})


def _visit_date(value: date, child: Child, today: date) -> date:
    not_after(value, today, "visit_date", "today")
    not_before(value, child.date_of_birth, "visit_date", "the date of birth")
    return not_before(value, child.became_looked_after, "visit_date",
                      "the child came into care")  # fmt: skip


def check(child: Child, fields: VisitFields, today: date) -> dict[str, Any]:
    """The visit's columns, cleaned, or every problem at once (``collecting``), each naming
    its field."""
    out = asdict(fields)
    with collecting() as checked:
        checked(_visit_date, fields.visit_date, child, today)
        out["method"] = checked(codes.check_code, codes.VISIT_METHODS, fields.method, "method")
        out["purpose"] = checked(codes.check_code, codes.VISIT_PURPOSES,
                                 fields.purpose or "pre_review", "purpose")  # fmt: skip
        for key in TEXT:
            out[key] = checked(optional_text, out[key], key)
        if fields.seen_alone is False and not out["not_seen_alone_reason"]:
            checked.add("not_seen_alone_reason", "is required when the child was not seen alone")
        if fields.seen_alone is not False:
            out["not_seen_alone_reason"] = None
        out["travel_minutes"] = checked(non_negative, fields.travel_minutes, "travel_minutes",
                                        1440)  # fmt: skip
        out["mileage"] = checked(non_negative, fields.mileage, "mileage", 2000)
        if not any((getattr(fields, key) or "").strip() for key in SAYS_SOMETHING):
            checked.add("summary", "say something about the visit: where, what the child said, "
                        "a summary or what happens next")  # fmt: skip
    return out


def add(op: Op, child: Child, fields: VisitFields, *, today: date) -> Visit:
    """A visit or contact. Not seeing the child alone needs a reason on the record."""
    visit = Visit(child_id=child.id, **check(child, fields, today))
    op.save(visit)
    return visit


def correct(op: Op, visit_id: str, fields: VisitFields, *, today: date) -> Visit:
    """Correct a visit by the rules it was added under; the audit keeps what it replaced."""
    visit = op.session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise ValidationError("visit", "is no longer on the record")
    child = op.session.get(Child, visit.child_id)
    assert child is not None
    for key, value in check(child, fields, today).items():
        setattr(visit, key, value)
    op.save(visit, "correct")
    return visit
