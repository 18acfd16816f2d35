"""The "Review cycle" tab: every workflow on one line each, what is due for this child (and
no other), and each line opens the right screen; cancelling or moving the planned review."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from iro_desktop.gui.context import Context
from iro_desktop.gui.tasks import InlineRunner
from iro_desktop.gui.workflows import WORKFLOWS
from iro_desktop.gui.workflows.child_mode import ChildModeWindow
from iro_desktop.gui.workflows.panel import ReviewCyclePanel
from iro_desktop.gui.workflows.review_cancel import CancelReviewDialog
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Child, Review
from tests.gui.workflows.conftest import ACTOR, PASSPHRASE, TODAY, child_id

OPENS = {
    "Record a &visit…": "VisitDialog",
    "Plan the re&view…": "PlanReviewDialog",
    "Ca&ncel or move the review…": "CancelReviewDialog",
    "Consultations at a &glance…": "ConsultationsOverview",
    "Consultation &form…": "ConsultationDialog",
    "Pre-meeting &report…": "PreMeetingReportDialog",
    "&Child mode…": "ChildModeWindow",
    "Hold / &write up review…": "HoldReviewDialog",
    "&Mid-way update…": "MidwayDialog",
    "C&hallenges…": "ChallengeList",
    "Child's feedbac&k…": "FeedbackDialog",
    "Child's a&lerts…": "ChildAlertsDialog",
}


class Record(QWidget):
    """Stands in for the child's record: it holds the workspace's context."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx


def panel(qtbot: QtBot, ctx: Context, ref: str = "W1") -> ReviewCyclePanel:
    record = Record(ctx)
    qtbot.addWidget(record)
    tab = ReviewCyclePanel(record, ctx, child_id(ctx.caseload, ref))
    return tab


def plan(ctx: Context, ref: str = "W1") -> None:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload, ref))
        assert child is not None
        reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(days=9),
                            venue="The library")  # fmt: skip


def test_every_workflow_has_a_line_with_what_it_is_for(qtbot: QtBot, ctx: Context) -> None:
    tab = panel(qtbot, ctx)
    assert list(tab.buttons) == [label for label, _about, _opener in WORKFLOWS]
    for label, about, _opener in WORKFLOWS:
        assert tab.buttons[label].accessibleDescription() == about
    assert set(OPENS) <= set(tab.buttons)


def test_what_is_due_is_this_childs_only(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx, "E1")
    wren = panel(qtbot, ctx).due.text()
    assert "Due for this child" in wren and "⚠ OVERDUE: Review" in wren  # never reviewed
    ezra = panel(qtbot, ctx, "E1").due.text()
    assert "03/12/2026" not in wren and "3 December 2026" in ezra  # Ezra's planned review


def close(window: Any, qtbot: QtBot) -> None:
    if isinstance(window, ChildModeWindow):
        window.ask_passphrase()
        with qtbot.waitSignal(window.handback.shown):
            window.passphrase.setText(PASSPHRASE)
            window.check_passphrase()
        with qtbot.waitSignal(window.left):
            window.handback.close_button.click()
    elif isinstance(window, QDialog):
        window.reject()
    else:
        window.close()


def test_each_line_opens_its_own_screen(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx)
    tab = panel(qtbot, ctx)
    for label, _about, opener in WORKFLOWS:
        window = tab.open(opener)
        assert window is not None, label
        qtbot.addWidget(window)
        if label in OPENS:
            assert type(window).__name__ == OPENS[label], label
        assert window.isVisible(), label
        close(window, qtbot)


def test_cancelling_the_planned_review_needs_a_reason_and_refreshes_the_tab(
    qtbot: QtBot, ctx: Context
) -> None:
    plan(ctx)
    tab = panel(qtbot, ctx)
    assert "pre-meeting report" in tab.due.text()
    dialog = tab.open(dict((label, o) for label, _a, o in WORKFLOWS)["Ca&ncel or move the review…"])
    assert isinstance(dialog, CancelReviewDialog)
    qtbot.addWidget(dialog)
    assert "The next review is overdue" in dialog.next_label.text()  # never reviewed since 2022
    dialog.choice.setCurrentIndex(dialog.choice.findData("cancel"))
    assert not dialog.new_date.isEnabled()
    dialog.save()
    assert "required" in dialog.form.error_text("reason")
    dialog.reason.setPlainText("Wren is in hospital 🏥")
    with qtbot.waitSignal(tab.record.ctx.signals.changes_made):  # type: ignore[attr-defined]
        dialog.save()
    with ctx.caseload.session() as s:
        review = s.scalars(select(Review)).one()
    assert (
        review.status == "cancelled" and review.brought_forward_reason == "Wren is in hospital 🏥"
    )
    assert "3 December 2026" not in tab.due.text()  # nothing waits for the cancelled meeting


def test_moving_the_review_checks_the_date_and_keeps_the_typing(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx)
    dialog = CancelReviewDialog(None, Context(ctx.caseload, InlineRunner(), TODAY, ACTOR),
                                child_id(ctx.caseload))  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText("Exams that week — امتحانات")
    for typed, words in (("", "required"), ("31/02/2027", "not a real date"),
                         ("01/01/2020", "before today"), ("01/01/2031", "a year")):  # fmt: skip
        dialog.new_date.setText(typed)
        dialog.save()
        assert words in dialog.form.error_text("planned_date"), typed
        assert dialog.reason.toPlainText() == "Exams that week — امتحانات"
    dialog.new_date.setText((TODAY + timedelta(days=16)).strftime("%d/%m/%Y"))
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        review = s.scalars(select(Review)).one()
    assert review.status == "planned" and review.planned_date == TODAY + timedelta(days=16)
    assert review.venue == "The library"
