"""A respondent's consultation form for the review: sent, back or not, and the answers.

Answers typed from a paper form are the IRO's entry; answers the child typed themselves go
through child mode and are marked as the child's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, date_text, read_date
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.gui.workflows.answers_form import AnswersForm
from iro_desktop.store.ops import consultations
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.consultations import report_due
from iro_desktop.store.reads.question_sets import form_for
from iro_desktop.store.reads.review_cycle import ReviewFile, review_file
from iro_desktop.store.schema import Consultation, Review

FORM_TYPES = {
    k: v for k, v in codes.RESPONDENT_TYPES.items() if k not in ("child", "carer", "social_worker")
}


class ConsultationDialog(SaveDialog):
    WHAT = "consultation form"

    def __init__(
        self,
        parent: QWidget | None,
        ctx: Context,
        child_id: str,
        respondent_type: str | None = None,
        consultation_id: str | None = None,
    ) -> None:
        super().__init__(parent, ctx, child_id, "Consultation form")
        self.file: ReviewFile | None = None
        self.consultation_id: str | None = None
        self.wanted_id = consultation_id  # one of two parents, say: open that one
        self.requested = respondent_type
        f = self.form
        self.kind: QComboBox = f.add("respondent_type", "&Form for:", code_combo(FORM_TYPES))
        self.name: QLineEdit = f.add("respondent_name", "&Name:", QLineEdit())
        self.status: QComboBox = f.add(
            "status", "&Status:", code_combo(codes.CONSULTATION_STATUSES)
        )
        self.sent: QLineEdit = f.add("sent_date", "Sent &on:", date_edit())
        self.received: QLineEdit = f.add("received_date", "&Back on:", date_edit())
        f.add_heading("Answers (any question may be left blank)")
        self.answers = AnswersForm()
        f.add_widget(self.answers, "answers")
        if respondent_type:
            self.kind.setCurrentIndex(max(self.kind.findData(respondent_type), 0))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        ctx.read(lambda s: review_file(s, child_id, ctx.today, None), self._loaded)

    def _loaded(self, file: ReviewFile) -> None:
        self.file = file
        review = file.review
        if review is None:
            self.intro.setText("Plan the review first; consultation forms belong to a review.")
            self.save_button.setEnabled(False)
        else:
            when = review.planned_date or review.held_date
            on = format_date(when) if when else "a date still to fix"
            self.intro.setText(f"{file.facts.name}: the review on {on}.")
            if self.requested is None and file.facts.age >= 4:
                self.kind.setCurrentIndex(self.kind.findData(codes.child_band(file.facts.age)))
        self._kind_changed()
        self.loaded.emit()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        existing = None
        if self.file is not None:
            same = [c for c in self.file.consultations if c.respondent_type == kind]
            wanted = [c for c in same if c.id == self.wanted_id]
            existing = next(iter(wanted or same), None)
        self.consultation_id = existing.id if existing else None
        self.name.setText(existing.respondent_name or "" if existing else "")
        status = existing.status if existing else "not_sent"
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.sent.setText(date_text(existing.sent_date) if existing else "")
        self.received.setText(date_text(existing.received_date) if existing else "")
        self.answers.show_form(form_for(kind), dict(existing.answers) if existing else None)

    def operation(self) -> Callable[[Op], Any]:
        if self.file is None or self.file.review is None:
            raise ValidationError("review", "there is no review to consult about yet")
        kind, status = self.kind.currentData(), self.status.currentData()
        sent = read_date(self.sent, "sent_date", required=False)
        received = read_date(self.received, "received_date", required=False)
        name, answers = self.name.text(), self.answers.answers()
        review_id, consultation_id, today = (
            self.file.review.id,
            self.consultation_id,
            self.ctx.today,
        )

        details = {"status": status, "today": today, "sent_date": sent, "received_date": received,
                   "respondent_name": name, "answers": answers}  # fmt: skip

        def write(op: Op) -> Consultation:
            if consultation_id is not None:
                row = op.session.get(Consultation, consultation_id)
                assert row is not None
                return consultations.update_consultation(op, row, **details)
            review = op.session.get(Review, review_id)
            assert review is not None
            return consultations.add_consultation(op, review, respondent_type=kind, **details)

        return write


class PreMeetingReportDialog(SaveDialog):
    """The social worker's report: when it came (on time or not), and who saw it."""

    WHAT = "note of the pre-meeting report"

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent, ctx, child_id, "Social worker's pre-meeting report")
        self.review_id: str | None = None
        f = self.form
        self.received: QLineEdit = f.add("received_date", "&Received on:", date_edit())
        self.child = f.add_check("shared_with_child", "Shared with the &child")
        self.parents = f.add_check("shared_with_parents", "Shared with the &parents")
        ctx.read(lambda s: _report_facts(s, child_id, ctx.today), self._loaded)

    def _loaded(self, facts: tuple[ReviewFile, Any]) -> None:
        file, due = facts
        review = file.review
        if review is None:
            self.intro.setText("Plan the review first.")
            self.save_button.setEnabled(False)
            self.loaded.emit()
            return
        self.review_id = review.id
        self.intro.setText(
            f"{file.facts.name}: the report is due by {format_date(due)}." if due else ""
        )
        self.received.setText(date_text(review.pre_meeting_report_received))
        report = next((c for c in file.consultations if c.respondent_type == "social_worker"), None)
        if report is not None:
            self.child.setChecked(bool(report.shared_with_child))
            self.parents.setChecked(bool(report.shared_with_parents))
        self.loaded.emit()

    def operation(self) -> Callable[[Op], Any]:
        received = read_date(self.received, "received_date", required=False)
        child, parents = self.child.isChecked(), self.parents.isChecked()
        review_id, today = self.review_id, self.ctx.today

        def write(op: Op) -> Consultation:
            review = op.session.get(Review, review_id)
            if review is None:
                raise ValidationError("review", "there is no review yet")
            return consultations.record_pre_meeting_report(
                op,
                review,
                received_date=received,
                shared_with_child=child,
                shared_with_parents=parents,
                today=today,
            )

        return write


def _report_facts(session: Any, child_id: str, today: Any) -> tuple[ReviewFile, Any]:
    file = review_file(session, child_id, today, None)
    due = report_due(session, file.review) if file.review is not None else None
    return file, due
