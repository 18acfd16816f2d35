"""Dialogs that add to the child's record: a new placement, a new person.

Each keeps itself open until the operation succeeds, with the operation's complaint
beside the field it is about; nothing the IRO typed is lost to a mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import Form, code_combo, date_text, read_date
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.queries import histories, next_review, setting
from iro_desktop.store.schema import Child, Person


class RecordDialog(QDialog):
    """A form, OK/Cancel, and a write that keeps the dialog open on a ValidationError."""

    def __init__(self, ctx: Context, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = Form()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.result_value: Any = None

    def build(self) -> Callable[[Any], Any]:
        raise NotImplementedError

    def submit(self) -> None:
        self.form.clear_errors()
        try:
            work = self.build()
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.buttons.setEnabled(False)
        self.ctx.write(work, self._done, self._failed)

    def _done(self, value: Any) -> None:
        self.result_value = value
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(error, ValidationError):
            error = ValidationError("record", f"could not be saved: {error}")
        self.show_error(error)

    def show_error(self, error: ValidationError) -> None:
        """Beside its field, and the dialog grows so a wrapped message is never cut off."""
        self.form.show_error(error)
        layout = self.layout()
        layout.invalidate()
        layout.activate()
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))


class PlacementDialog(RecordDialog):
    """Start a new placement; the result says whether the next review moved."""

    def __init__(self, ctx: Context, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "New placement", parent)
        self.child_id = child_id
        f = self.form
        f.aliases = {"placement_start": "start_date", "placement_type": "place_code",
                     "distance_miles": "distance_miles"}  # fmt: skip
        f.add("place_code", "&Type", code_combo(codes.PLACEMENT_TYPES))
        start = f.add("start_date", "&Start date", QLineEdit(date_text(ctx.today)), "DD/MM/YYYY")
        assert isinstance(start, QLineEdit)
        f.add("area", "&Area", QLineEdit())
        f.add("out_of_county", "Out of county", QCheckBox("Yes"))
        f.add("carers", "&Carers", QLineEdit())
        f.add("provider", "&Provider", QLineEdit())
        for key, label, most in (("travel_minutes", "Travel (minutes)", 24 * 60),
                                 ("distance_miles", "Distance (miles)", 2000)):  # fmt: skip
            spin = QSpinBox()
            spin.setRange(0, most)
            f.add(key, label, spin)
        self.resize(560, self.sizeHint().height())

    def build(self) -> Callable[[Any], Any]:
        v = self.form.values()
        start = read_date(v["start_date"], "start_date")
        child_id, today = self.child_id, self.ctx.today
        details = {k: v[k] for k in ("area", "carers", "provider", "out_of_county")}
        details.update({k: v[k] or None for k in ("travel_minutes", "distance_miles")})

        def work(op: Any) -> tuple[Any, Any]:
            child = op.session.get(Child, child_id)
            bring = bool(setting(op.session, "bring_forward_on_placement_change"))
            before = next_review(histories(op.session, [child])[0], bring_forward=bring)
            child_ops.add_placement(op, child, place_code=v["place_code"], start_date=start,
                                    today=today, **details)  # fmt: skip
            op.session.flush()
            after = next_review(histories(op.session, [child])[0], bring_forward=bring)
            return before, after

        return work


class PersonDialog(RecordDialog):
    """Add a person, or (given ``person``, a row from the record) edit one."""

    def __init__(
        self, ctx: Context, child_id: str, parent: QWidget | None = None, person: Any = None
    ) -> None:
        super().__init__(ctx, "Edit a person" if person is not None else "Add a person", parent)
        self.child_id = child_id
        self.person_id: str | None = person.id if person is not None else None
        f = self.form
        f.add("role", "&Role", code_combo(codes.PEOPLE_ROLES))
        f.add("name", "&Name", QLineEdit())
        f.add("organisation", "&Organisation", QLineEdit())
        f.add("phone", "&Phone", QLineEdit())
        f.add("email", "&Email", QLineEdit())
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setMaximumHeight(80)
        f.add("notes", "N&otes", notes)
        if person is not None:
            f.set_values({key: getattr(person, key) for key in PERSON_FIELDS})
        self.resize(520, self.sizeHint().height())

    def build(self) -> Callable[[Any], Any]:
        v = self.form.values()
        fields = {key: v[key] for key in PERSON_FIELDS}
        child_id, person_id = self.child_id, self.person_id

        def work(op: Any) -> Any:
            if person_id is not None:
                person = op.session.get(Person, person_id)
                return child_ops.update_person(op, person, **fields)
            child = op.session.get(Child, child_id)
            return child_ops.add_person(op, child, **fields)

        return work


PERSON_FIELDS = ("role", "name", "organisation", "phone", "email", "notes")
