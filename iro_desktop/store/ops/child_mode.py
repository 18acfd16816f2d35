"""What child mode writes beyond the answers: drawings, answers "just for my IRO", the
child's alerts, and the IRO's records of what they did about them.

An answer the child keeps just for their IRO is held in ``private_answers``, never in
``answers``, so the letter, the record views, search and every export (which all read
``answers``) cannot show it. Only the IRO's safeguarding override, recorded with a reason,
moves it into the record.

Private answers sync to the central store like the rest of the row, still held apart: a
laptop that dies loses nothing, and a new IRO taking the child over gets them, still just
for them. No central output (the report, the 903 return) reads consultations' answers.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import date
from typing import Any

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.forms import FormSpec
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import not_after, required_text
from iro_desktop.store.schema import Child, ChildAlert, Consultation

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DRAWING_MAX = 4_000_000  # bytes of PNG; a full-screen drawing is well under 1 MB
REASON_MAX = 5000


def clean_drawings(form: FormSpec, drawings: Mapping[str, bytes]) -> dict[str, str]:
    """Each drawing checked (a PNG, not too big, for a question on the form), as base64."""
    out: dict[str, str] = {}
    for question_id, png in drawings.items():
        form.question(question_id)
        if not png:
            continue
        if not png.startswith(PNG_SIGNATURE):
            raise ValidationError(question_id, "the drawing is not a PNG picture")
        if len(png) > DRAWING_MAX:
            raise ValidationError(question_id, "the drawing is too big to keep")
        out[question_id] = base64.b64encode(png).decode("ascii")
    return out


def split_private(
    answers: dict[str, str], drawings: dict[str, str], private: set[str]
) -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
    """Answers and drawings for the record, and those kept just for the IRO."""
    kept: dict[str, Any] = {}
    for question_id in sorted(private):
        item = {
            "answer": answers.pop(question_id, None),
            "drawing": drawings.pop(question_id, None),
        }
        if item["answer"] is not None or item["drawing"] is not None:
            kept[question_id] = item
    return answers, drawings, kept


def drawing_bytes(encoded: object) -> bytes | None:
    """A drawing or photo kept as base64 text (child mode, a letter's picture), or None."""
    if not isinstance(encoded, str) or not encoded:
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except ValueError:
        return None


def record_override(op: Op, consultation: Consultation, *, reason: str, today: date) -> None:
    """The IRO's safeguarding duty outweighs the child's wish: the private answers join the
    record, and why (and when) is kept with them."""
    reason = required_text(reason, "reason", REASON_MAX)
    private = dict(consultation.private_answers or {})
    if not private:
        raise ValidationError("reason", "there is nothing kept just for you on this form")
    answers = dict(consultation.answers or {})
    drawings = dict(consultation.drawings or {})
    for question_id, item in private.items():
        if not isinstance(item, dict):
            continue
        if item.get("answer"):
            answers[question_id] = item["answer"]
        if item.get("drawing"):
            drawings[question_id] = item["drawing"]
    consultation.answers, consultation.drawings, consultation.private_answers = (
        answers,
        drawings,
        {},
    )
    earlier = f"{consultation.override_reason}\n" if consultation.override_reason else ""
    consultation.override_reason = f"{earlier}{today.isoformat()}: {reason}"
    consultation.override_on = today
    op.save(consultation)


def raise_alert(
    op: Op,
    child_id: str,
    review_id: str | None,
    kind: str,
    today: date,
    alert_id: str | None = None,
) -> ChildAlert:
    """The child pressed "I want to talk to you alone" or "I don't feel safe".

    ``alert_id`` is chosen by child mode when the button is pressed, so a write tried again
    (after a lock, a crash or a failure, from the child mode draft) never makes a second
    alert: the one already saved is returned as it is."""
    kind = codes.check_code(codes.CHILD_ALERTS, kind, "kind")
    if alert_id is not None:
        found = op.session.get(ChildAlert, alert_id)
        if found is not None:
            if found.child_id != child_id:
                raise ValidationError("alert", "belongs to another child")
            return found
    if op.session.get(Child, child_id) is None:
        raise ValidationError("child", "not found")
    alert = ChildAlert(child_id=child_id, review_id=review_id, kind=kind, raised_on=today)
    if alert_id is not None:
        alert.id = alert_id
    op.save(alert)
    return alert


def record_alert_action(
    op: Op, alert: ChildAlert, *, action: str, acted_on: date, today: date
) -> ChildAlert:
    """What the IRO did about the alert; it then leaves Home."""
    alert.action = required_text(action, "action", REASON_MAX)
    alert.acted_on = not_after(acted_on, today, "acted_on", "today")
    if acted_on < alert.raised_on:
        raise ValidationError("acted_on", "is before the child asked")
    op.save(alert)
    return alert
