"""Correcting dialogs for the footprint's other entries: a mid-way update, a challenge,
a note. Each is a ``SaveDialog`` whose one operation is the kind's correction in
``store.ops.corrections``; the decisions of a mid-way update are corrected in the
review's record instead (they belong to the review)."""

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

# kind -> (title, [(field, label, editor factory)], the date field)
FIELDS: dict[str, tuple[str, list[tuple[str, str, Callable[[], QWidget]]]]] = {
    "midway": ("Correct the mid-way update", [
        ("update_date", "&Date:", date_edit),
        ("method", "&How:", lambda: code_combo(codes.VISIT_METHODS)),
        ("spoke_with", "&Spoke with:", QLineEdit),
        ("summary", "S&ummary:", lambda: text_box(80)),
    ]),
    "challenge": ("Correct the challenge", [
        ("raised_date", "Raised &on:", date_edit),
        ("category", "&About:", lambda: code_combo(codes.CHALLENGE_CATEGORIES)),
        ("issue", "The &issue:", lambda: text_box(110)),
    ]),
    "note": ("Correct the note", [
        ("note_date", "&Date:", date_edit),
        ("text", "&Note:", lambda: text_box(120)),
    ]),
}  # fmt: skip
DATES = ("update_date", "raised_date", "note_date")
CORRECTIONS: dict[str, Callable[..., Any]] = {
    "midway": corrections.midway, "challenge": corrections.challenge, "note": corrections.note,
}  # fmt: skip


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
        self.form.set_values({key: date_text(getattr(row, key)) if key in DATES
                              else getattr(row, key) for key, _l, _m in fields})  # fmt: skip
        self.resize(640, self.sizeHint().height())

    def operation(self) -> Callable[[Op], Any]:
        values = self.form.values()
        for key in DATES:
            if key in values:
                values[key] = read_date(values[key], key)
        kind, entry_id, today = self.kind, self.entry_id, self.ctx.today
        if kind == "note":
            values["kind"] = self.note_kind or "case_note"
        correct = CORRECTIONS[kind]
        return lambda op: correct(op, entry_id, today=today, **values)


def dialog_for(
    parent: QWidget | None, ctx: Context, child_id: str, kind: str, row: Any
) -> EntryDialog:
    if kind not in FIELDS:
        raise LookupError(f"no editor for {kind}")
    return EntryDialog(parent, ctx, child_id, kind, row)
