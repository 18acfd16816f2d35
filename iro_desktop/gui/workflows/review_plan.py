"""Plan the review with the child: when, where, and who comes (and who must not)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from iro_desktop.domain.dates import format_date, parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import date_edit, date_text, lines, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.review_cycle import ChildSummary, child_summary
from iro_desktop.store.schema import Child, Review


class PlanReviewDialog(SaveDialog):
    WHAT = "review plan"

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent, ctx, child_id, "Plan the review")
        self.review_id: str | None = None
        f = self.form
        self.planned_date = f.add("planned_date", "&Date:", date_edit())
        self.due: date | None = None
        self.late = QLabel()
        self.late.setWordWrap(True)
        self.late.setAccessibleName("Warning about the date")
        self.late.hide()
        f.add_widget(self.late)
        self.planned_date.textChanged.connect(self._warn_if_late)
        self.planned_time = f.add("planned_time", "&Time:", QLineEdit())
        self.planned_time.setPlaceholderText("e.g. 16:00")
        self.planned_time.setMaximumWidth(160)
        self.venue = f.add("venue", "&Venue:", QLineEdit())
        self.chosen = f.add_check("venue_chosen_by_child", "The &child chose the venue")
        self.lessons = f.add_check("in_lesson_time", "It is in &lesson time")
        self.wants = f.add_check(
            "child_wants_lesson_time",
            "The child &wants it in lesson time",
            "A review is never held in lesson time unless the child chooses it.",
        )
        self.series = f.add_check(
            "series_of_meetings", "Hold it as a &series of meetings (fewer adults at once)"
        )
        self.invitees = f.add("invitees", "&Invite (one per line):", text_box(90))
        self.not_wanted = f.add("not_wanted", "The child does n&ot want:", text_box(60))
        f.aliases["review"] = "planned_date"
        ctx.read(lambda s: child_summary(s, child_id, ctx.today), self._loaded)

    def _loaded(self, facts: ChildSummary) -> None:
        due = facts.next_review
        self.due = None if due.history_needed is not None else due.due
        if due.history_needed is not None:
            self.intro.setText(f"{facts.name}: {due.reason}. Record the last review held (on "
                               "the Reviews tab) to know when the next is due.")  # fmt: skip
        else:
            self.intro.setText(
                f"{facts.name}'s next review is due by {format_date(due.due)}. {due.reason}."
            )
        review = facts.planned
        if review is not None:
            self.setWindowTitle("Change the review plan")
            self.review_id = review.id
            self.planned_date.setText(date_text(review.planned_date))
            self.planned_time.setText(review.planned_time or "")
            self.venue.setText(review.venue or "")
            self.chosen.setChecked(review.venue_chosen_by_child)
            self.lessons.setChecked(review.in_lesson_time)
            self.wants.setChecked(review.child_wants_lesson_time)
            self.series.setChecked(review.series_of_meetings)
            self.invitees.setPlainText("\n".join(review.invitees or []))
            self.not_wanted.setPlainText("\n".join(review.not_wanted or []))
        elif not self.planned_date.text():
            self.planned_date.setText(date_text(max(due.due, self.ctx.today)))
        self._warn_if_late()
        self.loaded.emit()

    def _warn_if_late(self) -> None:
        """A date after the deadline is allowed (the IRO may have no choice) but said."""
        try:
            planned = parse_date(self.planned_date.text(), "planned_date")
        except ValidationError:
            planned = None
        late = planned is not None and self.due is not None and planned > self.due
        if late and planned is not None and self.due is not None:
            days = (planned - self.due).days
            self.late.setText(
                f"⚠ This is after the review is due ({format_date(self.due)}): it would be "
                f"{days} day{'s' if days != 1 else ''} late. You can still save it."
            )
        self.late.setVisible(late)

    def operation(self) -> Callable[[Op], Any]:
        fields: dict[str, Any] = {
            "planned_date": read_date(self.planned_date, "planned_date"),
            "planned_time": self.planned_time.text(),
            "venue": self.venue.text(),
            "venue_chosen_by_child": self.chosen.isChecked(),
            "in_lesson_time": self.lessons.isChecked(),
            "child_wants_lesson_time": self.wants.isChecked(),
            "series_of_meetings": self.series.isChecked(),
            "invitees": lines(self.invitees),
            "not_wanted": lines(self.not_wanted),
        }
        child_id, review_id, today = self.child_id, self.review_id, self.ctx.today

        def write(op: Op) -> Review:
            child = op.session.get(Child, child_id)
            if child is None:
                raise ValidationError("child", "is no longer on the caseload")
            if review_id is None:
                return reviews.plan_review(op, child, today=today, **fields)
            review = op.session.get(Review, review_id)
            assert review is not None
            return reviews.update_plan(op, review, child, today=today, **fields)

        return write
