"""Dialogs that correct or end what is already on the child's record.

A placement's type, dates and details (its start may move the next review), a legal
status period, the end of a
placement with no new one, and the day a person left the child's life. Like the add
dialogs they stay open with the operation's complaint beside the field, and save
nothing until every rule is met.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, date_text, long_date, read_date
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.gui.style import muted
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.ops import corrections, entries
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.schema import Child, Person, Placement, Review

PLACEMENT_DETAILS = ("area", "carers", "provider", "out_of_county", "end_reason")
NUMBERS = (("travel_minutes", "&Travel (minutes)", 24 * 60),
           ("distance_miles", "&Distance (miles)", 2000))  # fmt: skip


def wide_label(form: Any, text: str, name: str = "", *, quiet: bool = False) -> QLabel:
    """A wrapped line of words across the form (what the dialog is about, or a hint)."""
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setAccessibleName(name)
    form.grid.addWidget(muted(label) if quiet else label, form.grid.rowCount(), 0, 1, 3)
    return label


def placement_title(p: Any) -> str:
    kind = codes.PLACEMENT_TYPES.get(p.place_code, p.place_code)
    return f"{kind}, from {long_date(p.start_date)}"


class PlacementEditDialog(SaveDialog):
    """Correct a placement. The result is (before, after) next reviews, or None when the
    start did not move (so there is nothing to say about the review)."""

    WHAT = "placement change"

    def __init__(self, ctx: Context, placement: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, ctx, placement.child_id, "Edit the placement", scroll=False)
        self.placement_id = placement.id
        self.old_start = placement.start_date
        f = self.form
        f.aliases = {"placement_start": "start_date", "placement_type": "place_code"}
        what = muted(QLabel(placement_title(placement)))
        what.setAccessibleName("Placement")
        f.grid.addWidget(what, f.grid.rowCount(), 0, 1, 3)
        f.add("place_code", "T&ype", code_combo(codes.PLACEMENT_TYPES))
        f.add("start_date", "&Start date", QLineEdit(), "DD/MM/YYYY")
        self.ended = placement.end_date is not None
        if self.ended:
            f.add("end_date", "E&nd date", QLineEdit(), "DD/MM/YYYY")
        f.add("area", "&Area", QLineEdit())
        f.add("out_of_county", "Out of county", QCheckBox("&Yes"))
        f.add("carers", "&Carers", QLineEdit())
        f.add("provider", "&Provider", QLineEdit())
        for key, label, most in NUMBERS:
            spin = QSpinBox()
            spin.setRange(0, most)
            f.add(key, label, spin)
        if placement.end_date is not None:
            f.add("end_reason", "Why it &ended", QLineEdit())
        values = {key: getattr(placement, key) for key in PLACEMENT_DETAILS}
        values.update({key: getattr(placement, key) for key, _l, _m in NUMBERS})
        f.set_values({**values, "start_date": date_text(placement.start_date),
                      "end_date": date_text(placement.end_date),
                      "place_code": placement.place_code})  # fmt: skip
        self.resize(760, self.sizeHint().height())

    def operation(self) -> Callable[[Any], Any]:
        v = self.form.values()
        start = read_date(v["start_date"], "start_date")
        fields: dict[str, Any] = {k: v[k] for k in PLACEMENT_DETAILS if k in v}
        fields.update({key: v[key] or None for key, _l, _m in NUMBERS})
        fields["place_code"] = v["place_code"]
        if self.ended:
            fields["end_date"] = read_date(v["end_date"], "end_date", required=False)
        placement_id, child_id, today = self.placement_id, self.child_id, self.ctx.today
        moved = start != self.old_start

        def work(op: Any) -> tuple[Any, Any] | None:
            row = entries.find(op, "placement", placement_id)
            if not moved:
                entries.correct(op, "placement", lambda: child_ops.update_placement(
                    op, row, today=today, **fields))  # fmt: skip
                return None
            return child_ops.moving_next_review(op, child_id, lambda: entries.correct(
                op, "placement", lambda: child_ops.update_placement(
                    op, row, today=today, start_date=start, **fields)))  # fmt: skip

        return work


class LegalStatusDialog(SaveDialog):
    """Correct a legal status period: its code and its dates."""

    def __init__(self, ctx: Context, status: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, ctx, status.child_id, "Correct the legal status", scroll=False)
        self.status_id = status.id
        f = self.form
        f.aliases = {"legal_status": "code", "legal_status_start": "start_date",
                     "legal_status_end": "end_date"}  # fmt: skip
        f.add("code", "&Legal status", code_combo(codes.LEGAL_STATUSES))
        f.add("start_date", "&From", QLineEdit(), "DD/MM/YYYY")
        f.add("end_date", "&To", QLineEdit(), "DD/MM/YYYY, empty if it is current")
        f.set_values({"code": status.code, "start_date": date_text(status.start_date),
                      "end_date": date_text(status.end_date)})  # fmt: skip
        self.resize(640, self.sizeHint().height())

    def operation(self) -> Callable[[Any], Any]:
        v = self.form.values()
        start = read_date(v["start_date"], "start_date")
        assert start is not None
        end = read_date(v["end_date"], "end_date", required=False)
        status_id, code, today = self.status_id, v["code"], self.ctx.today
        return lambda op: corrections.legal_status(
            op, status_id, code=code, start_date=start, end_date=end, today=today
        )


class EndDialog(SaveDialog):
    """The day a placement ended (with no new one), or a person left the child's life."""

    WHAT = "ending"

    def __init__(self, ctx: Context, kind: str, row: Any, parent: QWidget | None = None) -> None:
        is_placement = kind == "placement"
        title = "End the placement" if is_placement else "This person has left"
        super().__init__(parent, ctx, row.child_id, title, scroll=False)
        self.kind, self.row_id = kind, row.id
        f = self.form
        about = placement_title(row) if is_placement else (
            f"{row.name}, {codes.PEOPLE_ROLES.get(row.role, row.role).lower()}")  # fmt: skip
        wide_label(f, about, "Ending")
        f.add("end_date", "&End date", QLineEdit(date_text(ctx.today)), "DD/MM/YYYY")
        if is_placement:
            f.add("end_reason", "&Why it ended", QLineEdit())
            wide_label(f, "Use this when the child left this placement with no new one, e.g. "
                       "returned home or left care. A move to a new home is a new placement "
                       "instead.", quiet=True)  # fmt: skip
        self.resize(680, self.sizeHint().height())

    def operation(self) -> Callable[[Any], Any]:
        v = self.form.values()
        on = read_date(v["end_date"], "end_date")
        assert on is not None  # required
        kind, row_id, child_id, today = self.kind, self.row_id, self.child_id, self.ctx.today
        reason = v.get("end_reason")

        def work(op: Any) -> Any:
            if kind == "person":
                return child_ops.end_person(op, op.session.get(Person, row_id),
                                            end_date=on, today=today)  # fmt: skip
            row = op.session.get(Placement, row_id)
            return child_ops.moving_next_review(op, child_id, lambda: child_ops.end_placement(
                op, row, end_date=on, today=today, end_reason=reason))  # fmt: skip

        return work


class ReviewNumberDialog(SaveDialog):
    """Which review of this period of care a held review was: the file may lack earlier
    ones (an import), and the next review's timescale follows from the number."""

    def __init__(
        self, ctx: Context, review: Any, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, ctx, review.child_id, "Review number", scroll=False)
        self.review_id = review.id
        f = self.form
        wide_label(f, f"The review held on {long_date(review.held_date)} was this child's "
                   "review number (in this period of care):", "Which review")  # fmt: skip
        spin = QSpinBox()
        spin.setRange(1, review_ops.MOST_REVIEWS)
        spin.setValue(number)
        f.add("number", "&Number", spin)
        wide_label(f, "1 is the first review, 2 the second; the reviews after it are counted "
                   "on from it. A third or later review is due within 6 months of the one "
                   "before.", quiet=True)  # fmt: skip
        self.resize(560, self.sizeHint().height())

    def operation(self) -> Callable[[Any], Any]:
        number, review_id = int(self.form.values()["number"]), self.review_id

        def work(op: Any) -> Any:
            return review_ops.confirm_review_number(
                op, op.session.get(Review, review_id), number=number
            )

        return work


class LastReviewDialog(SaveDialog):
    """The last review held before the child's file came to the program, for a child who
    came with no review on file long after their first was due. Its number is suggested
    (as if every review had been held on its last day) for the IRO to confirm or change;
    the next review is then due from it by the usual timescales."""

    WHAT = "last review"

    def __init__(self, ctx: Context, child: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, ctx, child.id, "Record the last review held", scroll=False)
        from iro_desktop.gui.workflows.review_hold import participation_combo

        self.became = child.became_looked_after
        f = self.form
        f.aliases = {"review_date": "held_date", "participation": "participation_code"}
        wide_label(f, f"{child.display_name} came into care on {long_date(self.became)} and "
                   "no review is on file. When was the last review held?",
                   "Which review")  # fmt: skip
        self.held = f.add("held_date", "&Held on", date_edit(), "DD/MM/YYYY")
        f.add("participation_code", "&Participation", participation_combo())
        self.number = QSpinBox()
        self.number.setRange(1, review_ops.MOST_REVIEWS)
        f.add("number", "Review &number", self.number)
        self.number_note = wide_label(f, "", quiet=True)
        self.held.textChanged.connect(self._suggest)
        self._suggest()
        self.held.setFocus()  # the date first, when the dialog opens
        self.resize(620, self.sizeHint().height())

    def _suggest(self) -> None:
        """The number suggested for the date typed, unless the IRO has changed it."""
        from iro_desktop.domain.timescales import estimated_review_number

        try:
            held = read_date(self.held, "held_date")
        except ValidationError:
            held = None
        if held is None or held < self.became:
            self.number_note.setText("Type the date to see the review number assumed.")
            return
        guess = estimated_review_number(self.became, held)
        self.number.setValue(guess)
        self.number_note.setText(
            f"Assumed: review {guess}, as if every review since coming into care was held on "
            "its last day. Change it if you know it; 1 is the first review, 2 the second, and "
            "from the second the next is due within 6 months."
        )
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # whole note

    def operation(self) -> Callable[[Any], Any]:
        v = self.form.values()
        held = read_date(v["held_date"], "held_date")
        assert held is not None  # required
        code, number = v["participation_code"] or "", int(v["number"])
        child_id, today = self.child_id, self.ctx.today

        def work(op: Any) -> Any:
            child = op.session.get(Child, child_id)
            if child is None:
                raise ValidationError("child", "is no longer on the caseload")
            return review_ops.record_last_review(op, child, held_date=held, number=number,
                                                 participation_code=code, today=today)  # fmt: skip

        return work
