"""Hold the review and write it up: who came, how the child took part, the IRO's view of
the care plan, the three sections, the decisions, and when they were shared.

Everything is saved in one operation, so Cancel (or a refused rule) leaves the file as it
was. The next review's date is worked out from the date typed and shown before saving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from iro_desktop.domain import codes
from iro_desktop.domain.dates import age_on, format_date, parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, date_text, lines, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.gui.style import fit_screen
from iro_desktop.gui.workflows.decisions_table import DecisionsTable
from iro_desktop.store import queries
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.review_cycle import ReviewFile, review_file
from iro_desktop.store.schema import Review

SEEN_ALONE = {"": "Not recorded", "yes": "Yes", "no": "No"}
GUIDANCE = {
    "PN0": "Use only when the child is under 4 on the day of the review.",
    "PN1": "They came and said what they think themselves.",
    "PN2": "They came and an advocate spoke for them (tick advocate).",
    "PN3": "They came and showed their views without words (signs, pictures, symbols).",
    "PN4": "They came but did not give their views, and no advocate spoke for them.",
    "PN5": "They did not come but told an advocate what to say (tick advocate).",
    "PN6": "They did not come but sent their views another way: form, app, letter, phone.",
    "PN7": "They did not come and their views were not given.",
}


# The code first, so a narrow list never hides it; the full SSDA903 wording is the tooltip.
PARTICIPATION_CHOICES = {
    "PN0": "PN0 – under 4 on the day of the review",
    "PN1": "PN1 – attended and spoke for themselves",
    "PN2": "PN2 – attended; an advocate spoke for them",
    "PN3": "PN3 – attended; showed their views without words",
    "PN4": "PN4 – attended; gave no views, and no advocate spoke",
    "PN5": "PN5 – did not attend; briefed an advocate",
    "PN6": "PN6 – did not attend; sent their views another way",
    "PN7": "PN7 – did not attend; their views were not given",
}
NO_CODE = "Choose how the child took part…"


def participation_combo() -> QComboBox:
    """No code chosen until the IRO chooses one (a child under 4 gets PN0 when loaded)."""
    combo = QComboBox()
    combo.addItem(NO_CODE, None)
    for code, label in PARTICIPATION_CHOICES.items():
        combo.addItem(label, code)
        combo.setItemData(combo.count() - 1, codes.PARTICIPATION_CODES[code],
                          Qt.ItemDataRole.ToolTipRole)  # fmt: skip
    return combo


class HoldReviewDialog(SaveDialog):
    WHAT = "review write-up"

    def __init__(
        self, parent: QWidget | None, ctx: Context, child_id: str, review_id: str | None = None
    ) -> None:
        super().__init__(parent, ctx, child_id, "The review")
        fit_screen(self, 860, 700)
        self.file: ReviewFile | None = None
        self.review_id = review_id
        f = self.form
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setAccessibleName("Next review")
        f.add_heading("At the meeting")
        self.held_date: QLineEdit = f.add("review_date", "&Held on:", date_edit(ctx.today))
        self.attendees = f.add("attendees", "Who &came (one per line):", text_box(80))
        self.code: QComboBox = f.add("participation_code", "&Participation:", participation_combo())
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setAccessibleName("Participation guidance")
        f.add_widget(self.guidance)
        self.seen_alone: QComboBox = f.add("seen_alone", "Seen &alone:", code_combo(SEEN_ALONE))
        self.advocate = f.add_check("advocate_present", "An ad&vocate was there")
        self.interpreter = f.add_check("interpreter_present", "An &interpreter was there")
        f.add_heading("The IRO's view and the three sections")
        self.view: QComboBox = f.add(
            "care_plan_view", "Care &plan:", code_combo(codes.CARE_PLAN_VIEWS, "Not yet written")
        )
        self.reason = f.add("care_plan_view_reason", "&Why:", text_box(50))
        self.working_well = f.add("working_well", "What is &working well:", text_box())
        self.worried_about = f.add("worried_about", "What we are w&orried about:", text_box())
        self.needs_to_happen = f.add("needs_to_happen", "What needs to happen &next:", text_box())
        self.child_words = f.add("child_words", "The child's own wor&ds:", text_box(60))
        f.add_heading("Decisions")
        self.decisions = DecisionsTable()
        f.add("decisions", "", self.decisions)
        f.add_heading("Afterwards")
        self.shared = f.add("decisions_shared_date", "Decisions &shared on:", date_edit())
        self.distributed = f.add("record_distributed_date", "Record distri&buted on:", date_edit())
        f.add_widget(self.next_label)
        f.aliases.update(
            {
                "held_date": "review_date",
                "text": "decisions",
                "owner": "decisions",
                "due_date": "decisions",
            }
        )
        self.code.currentIndexChanged.connect(self._explain)
        self.held_date.editingFinished.connect(self._project)
        ctx.read(lambda s: review_file(s, child_id, ctx.today, review_id), self._loaded)

    def _explain(self) -> None:
        code = self.code.currentData() or ""
        age = ""
        if self.file is not None:
            try:
                held = parse_date(self.held_date.text(), "review_date")
                years = age_on(self.file.facts.child.date_of_birth, held)
                age = f" {self.file.facts.first_name} is {years} on that day" + (
                    ", so the code must be PN0." if years < 4 else ", so PN0 cannot be used."
                )
            except ValidationError:
                pass
        advice = GUIDANCE.get(code, "Choose the code that says how the child took part.")
        self.guidance.setText(f"ℹ {advice}{age}")

    def _project(self) -> None:
        """Show when the next review will be due if this one is held on the date typed."""
        if self.file is None:
            return
        facts = self.file.facts
        try:
            held = parse_date(self.held_date.text(), "review_date")
        except ValidationError:
            self.next_label.setText("Type the date it was held to see when the next is due.")
            return
        history = facts.history
        assert history is not None
        earlier = [
            r
            for r in history.held_reviews
            if r.held_date and r.held_date < held and r.id != (self.review_id or "")
        ]
        with_this = [*earlier, Review(held_date=held)]
        projected = queries.next_review(
            queries.ChildHistory(facts.child, history.legal_statuses, history.placements, with_this)
        )
        self.next_label.setText(
            f"<b>Next review due by {format_date(projected.due)}</b> ({projected.reason})."
        )
        self._explain()

    def _loaded(self, file: ReviewFile) -> None:
        self.file = file
        review = file.review
        facts = file.facts
        if review is not None and review.status == "cancelled":
            review = None
        if review is not None:
            self.review_id = review.id
        held = review is not None and review.status == "held"
        title = f"{facts.name}: " + ("the review record" if held else "hold the review")
        self.setWindowTitle(title)
        where = f", {review.venue}" if review is not None and review.venue else ""
        if review is not None and review.planned_time:
            where = f" at {review.planned_time}{where}"
        planned = (
            f" planned for {format_date(review.planned_date)}{where}"
            if review is not None and review.planned_date
            else ""
        )
        self.intro.setText(
            f"{title}{planned}. Saving writes all of it at once; Cancel keeps the file as it was."
        )
        if facts.age < 4:
            self.code.setCurrentIndex(self.code.findData("PN0"))
        if review is not None:
            self._fill(review, held)
            for decision in file.decisions:
                self.decisions.add_row(decision)
        self.decisions.add_row()
        self._project()
        self._explain()
        self.loaded.emit()

    def _fill(self, review: Review, held: bool) -> None:
        if held:
            self.held_date.setText(date_text(review.held_date))
            self.code.setCurrentIndex(max(self.code.findData(review.participation_code), 0))
        people = review.attendees or ([] if held else review.invitees or [])
        self.attendees.setPlainText("\n".join(people))
        alone = "" if review.seen_alone is None else ("yes" if review.seen_alone else "no")
        self.seen_alone.setCurrentIndex(max(self.seen_alone.findData(alone), 0))
        self.advocate.setChecked(review.advocate_present)
        self.interpreter.setChecked(review.interpreter_present)
        self.view.setCurrentIndex(max(self.view.findData(review.care_plan_view), 0))
        self.reason.setPlainText(review.care_plan_view_reason or "")
        for key in reviews.SECTIONS:
            getattr(self, key).setPlainText(getattr(review, key) or "")
        self.shared.setText(date_text(review.decisions_shared_date))
        self.distributed.setText(date_text(review.record_distributed_date))

    def operation(self) -> Callable[[Op], Any]:
        if self.file is None:
            raise ValidationError("review", "is still loading")
        held_date = read_date(self.held_date, "review_date")
        assert held_date is not None
        up = reviews.WriteUp(
            held_date=held_date,
            participation_code=self.code.currentData(),
            attendees=lines(self.attendees),
            seen_alone={"yes": True, "no": False}.get(self.seen_alone.currentData() or ""),
            advocate_present=self.advocate.isChecked(),
            interpreter_present=self.interpreter.isChecked(),
            care_plan_view=self.view.currentData(),
            care_plan_view_reason=self.reason.toPlainText(),
            sections={key: getattr(self, key).toPlainText() for key in reviews.SECTIONS},
            decisions=self.decisions.rows(),
            decisions_shared_date=read_date(self.shared, "decisions_shared_date", required=False),
            record_distributed_date=read_date(
                self.distributed, "record_distributed_date", required=False
            ),
        )
        child_id, review_id, today = self.child_id, self.review_id, self.ctx.today
        return lambda op: reviews.write_up(op, child_id, review_id, up, today=today)
