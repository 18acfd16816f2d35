"""Cancel a planned review, or move it to another date, always with a reason.

The statutory date the next review must be held by comes from the reviews already held, so
it is recomputed and shown here: calling off a meeting never moves the deadline. When that
date has already passed the screen says plainly that the review is overdue.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QLineEdit, QWidget

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.timescales import NextReview
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.review_cycle import ChildSummary, child_summary
from iro_desktop.store.schema import Child, Review

CHOICES = {"move": "Move it to another date", "cancel": "Cancel it"}


class CancelReviewDialog(SaveDialog):
    WHAT = "cancelled or moved review"

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent, ctx, child_id, "Cancel or move the planned review")
        self.resize(680, 400)
        self.review_id: str | None = None
        self.overdue = False
        f = self.form
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setAccessibleName("Next review")
        self.next_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.next_label.setMargin(8)
        f.add_widget(self.next_label)
        self.choice: QComboBox = f.add("choice", "&What:", code_combo(CHOICES))
        self.new_date: QLineEdit = f.add("planned_date", "&New date:", date_edit())
        self.reason = f.add("reason", "&Why:", text_box(80))
        f.grid.setRowStretch(f.grid.rowCount(), 1)  # the fields sit together at the top
        f.aliases["review"] = "choice"
        self.choice.currentIndexChanged.connect(self._choice_changed)
        ctx.read(lambda s: child_summary(s, child_id, ctx.today), self._loaded)

    def _choice_changed(self) -> None:
        has_review = self.review_id is not None
        self.new_date.setEnabled(has_review and self.choice.currentData() == "move")

    def _loaded(self, facts: ChildSummary) -> None:
        self.next_label.setText(self.deadline_text(facts.next_review))
        review = facts.planned
        if review is None:
            self.intro.setText(f"{facts.name} has no planned review to cancel or move.")
            self.save_button.setEnabled(False)
            for editor in (self.choice, self.new_date, self.reason):
                editor.setEnabled(False)  # nothing to cancel: nothing to type
        else:
            self.review_id = review.id
            when = format_date(review.planned_date) if review.planned_date else "no date yet"
            at = f" at {review.planned_time}" if review.planned_time else ""
            self.intro.setText(f"{facts.name}'s review planned for {when}{at}, {review.venue}.")
        self._choice_changed()
        self.loaded.emit()

    def deadline_text(self, due: NextReview) -> str:
        """The date the next review must be held by; "overdue" in words once it has passed."""
        self.overdue = due.history_needed is None and due.due < self.ctx.today
        if due.history_needed is not None:
            self.next_label.setStyleSheet("")
            self.next_label.setAccessibleDescription("")
            return (f"<b>{html.escape(due.reason)}.</b> Record the last review held (on the "
                    "Reviews tab) and the next review's date follows from it.")  # fmt: skip
        keep = "Cancelling or moving the meeting does not change this date."
        when = html.escape(format_date(due.due))
        why = html.escape(due.reason)
        if self.overdue:
            days = (self.ctx.today - due.due).days
            late = "1 day" if days == 1 else f"{days} days"
            self.next_label.setStyleSheet("color: #8a1c1c;")
            self.next_label.setAccessibleDescription("Overdue")
            return (f"<b>⚠ The next review is overdue</b>: it was due by {when} ({why}), "
                    f"{late} ago. Hold it as soon as you can. {keep}")  # fmt: skip
        self.next_label.setStyleSheet("")
        self.next_label.setAccessibleDescription("")
        today = " (today)" if due.due == self.ctx.today else ""
        return f"<b>Next review due by {when}{today}</b> ({why}). {keep}"

    def operation(self) -> Callable[[Op], Any]:
        if self.review_id is None:
            raise ValidationError("review", "there is no planned review")
        choice, reason = self.choice.currentData(), self.reason.toPlainText()
        new_date = read_date(self.new_date, "planned_date") if choice == "move" else None
        review_id, today = self.review_id, self.ctx.today

        def write(op: Op) -> Review:
            review = op.session.get(Review, review_id)
            child = op.session.get(Child, review.child_id) if review is not None else None
            if review is None or child is None:
                raise ValidationError("review", "is no longer on file")
            if choice == "cancel":
                return reviews.cancel_review(op, review, reason=reason)
            return reviews.replan_review(op, review, child, planned_date=new_date,
                                         reason=reason, today=today)  # fmt: skip

        return write
