"""Operations for the IRO's contact with the child and the review's decisions.

Consultations, mid-way updates, challenges and feedback have their own modules; their
operations are re-exported here because older callers (the demo, the importer) import them
from ``casework``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from iro_desktop.domain import codes
from iro_desktop.store.ops.challenges import raise_challenge, record_response
from iro_desktop.store.ops.checks import on_or_before_today
from iro_desktop.store.ops.consultations import add_consultation
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.decisions import add_decision, set_decision_status, update_decision
from iro_desktop.store.ops.feedback import add_feedback
from iro_desktop.store.ops.midway import add_midway_update
from iro_desktop.store.ops.validate import (
    collecting,
    non_negative,
    optional_text,
    required_text,
)
from iro_desktop.store.schema import Child, Note, Visit

__all__ = [
    "add_consultation",
    "add_decision",
    "add_feedback",
    "add_midway_update",
    "add_note",
    "add_visit",
    "raise_challenge",
    "record_response",
    "set_decision_status",
    "update_decision",
]

VISIT_TEXT = ("place", "not_seen_alone_reason", "others_present", "child_words", "summary",
              "next_steps")  # fmt: skip


def add_visit(
    op: Op, child: Child, *, visit_date: date, method: str, today: date, **details: Any
) -> Visit:
    """A visit or contact. Not seeing the child alone needs a reason on the record. Every
    problem is raised at once."""
    with collecting() as check:
        check(on_or_before_today, visit_date, "visit_date", child, today)
        method = check(codes.check_code, codes.VISIT_METHODS, method, "method") or method
        purpose = details.get("purpose") or "pre_review"
        details["purpose"] = check(codes.check_code, codes.VISIT_PURPOSES, purpose, "purpose")
        for key in VISIT_TEXT:
            if key in details:
                details[key] = check(optional_text, details[key], key)
        if details.get("seen_alone") is False and not details.get("not_seen_alone_reason"):
            check.add("not_seen_alone_reason", "is required when the child was not seen alone")
        if details.get("seen_alone") is not False:
            details["not_seen_alone_reason"] = details.get("not_seen_alone_reason")
        for key, most in (("travel_minutes", 1440), ("mileage", 2000)):
            details[key] = check(non_negative, details.get(key), key, most)
    visit = Visit(child_id=child.id, visit_date=visit_date, method=method, **details)
    op.save(visit)
    return visit


def add_note(
    op: Op, child: Child, *, note_date: date, text: str, today: date, kind: str = "other"
) -> Note:
    """A general case note: a phone call, an email, a meeting or anything else, dated."""
    on_or_before_today(note_date, "note_date", child, today)
    kind = codes.check_code(codes.NOTE_KINDS, kind, "kind")
    note = Note(
        child_id=child.id, note_date=note_date, kind=kind, text=required_text(text, "text", 100_000)
    )
    op.save(note)
    return note
