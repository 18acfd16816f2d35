"""Operations for the IRO's contact with the child and the review's decisions.

Consultations, mid-way updates, challenges and feedback have their own modules; their
operations are re-exported here because older callers (the demo, the importer) import them
from ``casework``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from iro_desktop.domain import codes
from iro_desktop.store.ops import visits
from iro_desktop.store.ops.challenges import raise_challenge, record_response
from iro_desktop.store.ops.checks import on_or_before_today
from iro_desktop.store.ops.consultations import add_consultation
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.decisions import add_decision, set_decision_status, update_decision
from iro_desktop.store.ops.feedback import add_feedback
from iro_desktop.store.ops.midway import add_midway_update
from iro_desktop.store.ops.validate import collecting, required_text
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


def add_visit(
    op: Op, child: Child, *, visit_date: date, method: str, today: date, **details: Any
) -> Visit:
    """A visit or contact (``visits.add`` with the fields as keywords)."""
    return visits.add(op, child, visits.VisitFields(visit_date, method, **details), today=today)


def add_note(
    op: Op, child: Child, *, note_date: date, text: str, today: date, kind: str = "other"
) -> Note:
    """A general case note: a phone call, an email, a meeting or anything else, dated."""
    with collecting() as check:
        check(on_or_before_today, note_date, "note_date", child, today)
        kind = str(check(codes.check_code, codes.NOTE_KINDS, kind, "kind"))
        cleaned = check(required_text, text, "text", 100_000)
    note = Note(child_id=child.id, note_date=note_date, kind=kind, text=cleaned)
    op.save(note)
    return note
