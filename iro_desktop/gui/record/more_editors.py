"""Correcting dialogs for the entries with no add dialog of their own to reuse: a mid-way
update, a challenge and a stage of it, a note, a decision, a consultation and the child's
feedback. Each is a ``SaveDialog`` whose one operation is the kind's correction in
``store.ops.corrections`` (the mid-way update's decision statuses are corrected in the
review's record, where they belong)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from iro_desktop.domain import codes
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, date_text, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import corrections
from iro_desktop.store.ops.core import Op

Field = tuple[str, str, Callable[[], QWidget]]
YES_NO = {"": "Not answered", "yes": "Yes", "no": "No"}
ANSWERS = ("venue_as_wanted", "date_time_as_wanted", "asked_who_should_come")


def _text(height: int) -> Callable[[], QWidget]:
    return lambda: text_box(height)


def _codes(table: dict[str, str]) -> Callable[[], QWidget]:
    return lambda: code_combo(table)


# kind -> (title, fields); dates are typed DD/MM/YYYY
FIELDS: dict[str, tuple[str, list[Field]]] = {
    "midway": ("Correct the mid-way update", [
        ("update_date", "&Date:", date_edit), ("method", "&How:", _codes(codes.VISIT_METHODS)),
        ("spoke_with", "&Spoke with:", QLineEdit), ("summary", "S&ummary:", _text(80))]),
    "challenge": ("Correct the challenge", [
        ("raised_date", "Raised &on:", date_edit),
        ("category", "&About:", _codes(codes.CHALLENGE_CATEGORIES)),
        ("issue", "The &issue:", _text(110))]),
    "challenge_stage": ("Correct the stage", [
        ("raised_with", "Raised &with:", QLineEdit), ("raised_date", "Raised &on:", date_edit),
        ("response_due", "Response &due by:", date_edit),
        ("response", "The &response:", _text(80)),
        ("response_date", "Response &received on:", date_edit),
        ("outcome", "&Outcome:", _text(50))]),
    "note": ("Correct the note", [
        ("note_date", "&Date:", date_edit), ("text", "&Note:", _text(120))]),
    "decision": ("Correct the decision", [
        ("text", "&What:", _text(80)), ("owner", "&Who:", QLineEdit),
        ("due_date", "By &when:", date_edit),
        ("child_friendly_text", "In the &child's words:", _text(60))]),
    "consultation": ("Correct the consultation", [
        ("respondent_name", "&Name:", QLineEdit),
        ("status", "&Status:", _codes(codes.CONSULTATION_STATUSES)),
        ("sent_date", "S&ent on:", date_edit), ("received_date", "&Back on:", date_edit)]),
    "feedback": ("Correct the child's feedback", [
        ("rating", "&Rating:", _codes(codes.FEEDBACK_RATINGS)),
        ("venue_as_wanted", "&Venue as they wanted:", _codes(YES_NO)),
        ("date_time_as_wanted", "&Date and time as they wanted:", _codes(YES_NO)),
        ("asked_who_should_come", "&Asked who should come:", _codes(YES_NO)),
        ("comments", "Their &words:", _text(60))]),
}  # fmt: skip
REQUIRED_DATES = ("update_date", "raised_date", "note_date", "response_due")
OPTIONAL_DATES = ("response_date", "due_date", "sent_date", "received_date")
CORRECTIONS: dict[str, Callable[..., Any]] = {
    "midway": corrections.midway, "challenge": corrections.challenge,
    "challenge_stage": corrections.challenge_stage, "note": corrections.note,
    "decision": corrections.decision, "consultation": corrections.consultation,
    "feedback": corrections.feedback,
}  # fmt: skip
TAKES_TODAY = frozenset({"midway", "challenge", "challenge_stage", "note", "consultation"})


def _shown(key: str, value: Any) -> Any:
    if key in REQUIRED_DATES or key in OPTIONAL_DATES:
        return date_text(value)
    if key in ANSWERS:
        return {True: "yes", False: "no"}.get(value, "")
    return value


class EntryDialog(SaveDialog):
    def __init__(
        self, parent: QWidget | None, ctx: Context, child_id: str, kind: str, row: Any
    ) -> None:
        title, fields = FIELDS[kind]
        super().__init__(parent, ctx, child_id, title, scroll=False)
        self.kind, self.entry_id = kind, row.id
        self.note_kind = getattr(row, "kind", None)
        for key, label, make in fields:
            self.form.add(key, label, make())
        self.form.set_values({key: _shown(key, getattr(row, key)) for key, _l, _m in fields})
        self.resize(680, self.sizeHint().height())

    def operation(self) -> Callable[[Op], Any]:
        values = self.form.values()
        for key in values:
            if key in REQUIRED_DATES or key in OPTIONAL_DATES:
                values[key] = read_date(values[key], key, required=key in REQUIRED_DATES)
            elif key in ANSWERS:
                values[key] = {"yes": True, "no": False}.get(values[key] or "")
        kind, entry_id = self.kind, self.entry_id
        if kind == "note":
            values["kind"] = self.note_kind or "case_note"
        if kind in TAKES_TODAY:
            values["today"] = self.ctx.today
        correct = CORRECTIONS[kind]
        return lambda op: correct(op, entry_id, **values)


def dialog_for(
    parent: QWidget | None, ctx: Context, child_id: str, kind: str, row: Any
) -> EntryDialog:
    if kind not in FIELDS:
        raise LookupError(f"no editor for {kind}")
    return EntryDialog(parent, ctx, child_id, kind, row)
