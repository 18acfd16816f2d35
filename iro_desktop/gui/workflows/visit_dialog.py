"""Record a visit or contact with the child: before the review or between reviews."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, date_text, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import visits
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Child, Visit

SEEN_ALONE = {"yes": "Yes", "no": "No", "not_applicable": "Not applicable (letter, app)"}


def spin(most: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, most)
    box.setSuffix(suffix)
    return box


class VisitDialog(SaveDialog):
    """Record a visit, or (given ``visit``, a row from the record) correct one."""

    WHAT = "visit"

    def __init__(
        self, parent: QWidget | None, ctx: Context, child_id: str, visit: Any = None
    ) -> None:
        title = "Correct the visit" if visit is not None else "Record a visit or contact"
        super().__init__(parent, ctx, child_id, title)
        self.visit_id: str | None = visit.id if visit is not None else None
        self.intro.setText(
            "What happened, in the child's own words where you can. It appears in the "
            "child's footprint."
        )
        f = self.form
        self.visit_date: QLineEdit = f.add("visit_date", "&Date:", date_edit(ctx.today))
        self.method: QComboBox = f.add("method", "&How:", code_combo(codes.VISIT_METHODS))
        self.purpose: QComboBox = f.add("purpose", "&Why:", code_combo(codes.VISIT_PURPOSES))
        self.place: QLineEdit = f.add("place", "&Where:", QLineEdit())
        self.place.setPlaceholderText("e.g. at home, at school after lessons, the café")
        self.seen_alone: QComboBox = f.add("seen_alone", "Seen &alone:", code_combo(SEEN_ALONE))
        self.reason: QPlainTextEdit = f.add(
            "not_seen_alone_reason", "Why &not alone:", text_box(50)
        )
        self.others: QLineEdit = f.add("others_present", "Who else was &there:", QLineEdit())
        self.words: QPlainTextEdit = f.add(
            "child_words",
            "The child's own &words:",
            text_box(),
            "Write what the child said, as they said it.",
        )
        self.summary: QPlainTextEdit = f.add("summary", "&Summary:", text_box())
        self.next_steps: QPlainTextEdit = f.add("next_steps", "What I will do &next:", text_box(50))
        self.travel: QSpinBox = f.add("travel_minutes", "&Travel time:", spin(1440, " minutes"))
        self.mileage: QSpinBox = f.add("mileage", "&Mileage:", spin(2000, " miles"))
        self.seen_alone.currentIndexChanged.connect(self._alone_changed)
        if visit is not None:
            self._fill(visits.VisitFields.of(visit))
        self._alone_changed()

    def _fill(self, v: visits.VisitFields) -> None:
        alone = {True: "yes", False: "no"}.get(v.seen_alone, "not_applicable")  # type: ignore[arg-type]
        values = {k: getattr(v, k) or "" for k in visits.TEXT}
        values.update(visit_date=date_text(v.visit_date), method=v.method, purpose=v.purpose,
                      seen_alone=alone, travel_minutes=v.travel_minutes or 0,
                      mileage=v.mileage or 0)  # fmt: skip
        self.form.set_values(values)

    def _alone_changed(self) -> None:
        self.reason.setEnabled(self.seen_alone.currentData() == "no")

    def operation(self) -> Callable[[Op], Any]:
        visit_date = read_date(self.visit_date, "visit_date")
        assert visit_date is not None  # required
        alone = {"yes": True, "no": False}.get(self.seen_alone.currentData())
        fields = visits.VisitFields(
            visit_date=visit_date,
            method=self.method.currentData(),
            purpose=self.purpose.currentData(),
            place=self.place.text(),
            seen_alone=alone,
            not_seen_alone_reason=self.reason.toPlainText() if alone is False else None,
            others_present=self.others.text(),
            child_words=self.words.toPlainText(),
            summary=self.summary.toPlainText(),
            next_steps=self.next_steps.toPlainText(),
            travel_minutes=self.travel.value() or None,
            mileage=self.mileage.value() or None,
        )
        child_id, visit_id, today = self.child_id, self.visit_id, self.ctx.today

        def write(op: Op) -> Visit:
            if visit_id is not None:
                return visits.correct(op, visit_id, fields, today=today)
            child = op.session.get(Child, child_id)
            if child is None:
                raise ValidationError("child", "is no longer on the caseload")
            return visits.add(op, child, fields, today=today)

        return write
