"""The child's postcard about their review: how it went, and whether it was as they wanted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QPushButton, QWidget

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import Drafted, code_combo, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import feedback
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.review_cycle import ChildSummary, child_summary
from iro_desktop.store.schema import Review, ReviewFeedback

FACES = {"excellent": "😃", "good": "😊", "okay": "😐", "poor": "😟"}
YES_NO = {"yes": "Yes", "no": "No"}


class Ratings(Drafted):
    """The row of faces; the chosen one is kept in the draft."""

    def __init__(self, dialog: FeedbackDialog) -> None:
        super().__init__()
        self.dialog = dialog

    def draft_value(self) -> str | None:
        return self.dialog.rating

    def restore_draft(self, value: Any) -> None:
        self.dialog._rate(value if value in codes.FEEDBACK_RATINGS else None)


class FeedbackDialog(SaveDialog):
    WHAT = "feedback postcard"

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent, ctx, child_id, "How was your review?")
        self.review_id: str | None = None
        self.rating: str | None = None
        row = Ratings(self)
        buttons = QHBoxLayout(row)
        self.group = QButtonGroup(self)
        self.rating_buttons: dict[str, QPushButton] = {}
        for key, label in codes.FEEDBACK_RATINGS.items():
            button = QPushButton(f"{FACES[key]}  {label}")
            button.setCheckable(True)
            button.setAccessibleName(label)
            button.setMinimumHeight(48)
            button.clicked.connect(lambda _=False, k=key: self._rate(k))
            self.group.addButton(button)
            buttons.addWidget(button)
            self.rating_buttons[key] = button
        f = self.form
        self.ratings = f.add("rating", "How did it &go?", row)
        self.venue: QComboBox = f.add(
            "venue_as_wanted", "Was it &where you wanted?", code_combo(YES_NO, "Not answered")
        )
        self.when: QComboBox = f.add(
            "date_time_as_wanted",
            "Was it on the &day and time you wanted?",
            code_combo(YES_NO, "Not answered"),
        )
        self.asked: QComboBox = f.add(
            "asked_who_should_come",
            "Were you &asked who should come?",
            code_combo(YES_NO, "Not answered"),
        )
        self.comments = f.add("comments", "Anything &else?", text_box(70))
        ctx.read(lambda s: child_summary(s, child_id, ctx.today), self._loaded)

    def _rate(self, key: str | None) -> None:
        self.rating = key
        for k, button in self.rating_buttons.items():
            button.setChecked(k == key)
        self.ratings.edited.emit()

    def _loaded(self, facts: ChildSummary) -> None:
        review = facts.last_held
        if review is None or review.held_date is None:
            self.intro.setText("There is no held review to give feedback on yet.")
            self.save_button.setEnabled(False)
        else:
            self.review_id = review.id
            self.intro.setText(f"{facts.first_name}'s review on {format_date(review.held_date)}.")
        self.loaded.emit()

    def operation(self) -> Callable[[Op], Any]:
        if self.rating is None:
            raise ValidationError("rating", "choose how it went")
        answer = {"yes": True, "no": False}
        details = {
            "venue_as_wanted": answer.get(self.venue.currentData() or ""),
            "date_time_as_wanted": answer.get(self.when.currentData() or ""),
            "asked_who_should_come": answer.get(self.asked.currentData() or ""),
            "comments": self.comments.toPlainText(),
        }
        rating, review_id = self.rating, self.review_id

        def write(op: Op) -> ReviewFeedback:
            review = op.session.get(Review, review_id)
            if review is None:
                raise ValidationError("review", "there is no held review yet")
            return feedback.add_feedback(op, review, rating=rating, **details)

        return write
