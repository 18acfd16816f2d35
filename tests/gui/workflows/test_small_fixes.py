"""Issue 12's smaller points in the review screens, each as the IRO met it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QAbstractItemView, QMessageBox
from pytestqt.qtbot import QtBot

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.review_hold import HoldReviewDialog
from iro_desktop.gui.workflows.review_plan import PlanReviewDialog
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Child
from tests.gui.workflows.conftest import ACTOR, TODAY, child_id


def hold_dialog(qtbot: QtBot, ctx: Context) -> HoldReviewDialog:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        reviews.plan_review(op, child, today=TODAY, planned_date=TODAY, venue="Home")
    dialog = HoldReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_participation_has_no_default_for_a_ten_year_old_and_shows_each_code(
    qtbot: QtBot, ctx: Context
) -> None:
    hold = hold_dialog(qtbot, ctx)  # Wren is 10: PN0 would be wrong, and was the default
    assert hold.code.currentData() is None
    texts = [hold.code.itemText(i) for i in range(1, hold.code.count())]
    assert texts[1] == "PN1 – attended and spoke for themselves"
    assert all(t.startswith(f"PN{n} – ") for n, t in enumerate(texts))  # the code first
    hold.save()
    assert "is required" in hold.form.error_text("participation_code")


def test_add_a_decision_puts_the_typing_in_the_new_row(qtbot: QtBot, ctx: Context) -> None:
    hold = hold_dialog(qtbot, ctx)
    table = hold.decisions
    rows = table.table.rowCount()
    table.add_button.click()
    assert table.table.rowCount() == rows + 1
    assert table.table.currentRow() == rows and table.table.currentColumn() == 0
    assert table.table.state() == QAbstractItemView.State.EditingState  # not the button


def test_remove_asks_before_throwing_away_a_typed_decision(qtbot: QtBot, ctx: Context) -> None:
    hold = hold_dialog(qtbot, ctx)
    table = hold.decisions
    row = table.table.rowCount() - 1  # the empty row the dialog starts with
    table.set_cell(row, 0, "Find a dentist near the new home")
    table.table.setCurrentCell(row, 0)
    table.remove_button.click()
    assert table.question is not None and table.table.rowCount() == row + 1  # asked, kept
    table.question.button(QMessageBox.StandardButton.Cancel).click()
    assert table.table.rowCount() == row + 1
    table.remove_button.click()
    assert table.question is not None
    table.question.button(QMessageBox.StandardButton.Discard).click()
    assert table.table.rowCount() == row
    table.add_row()  # an empty row goes without a question
    table.table.setCurrentCell(row, 0)
    table.remove_button.click()
    assert table.question is None and table.table.rowCount() == row


def test_a_review_planned_after_its_due_date_is_warned_about_not_refused(
    qtbot: QtBot, ctx: Context
) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        reviews.record_held_review(op, child, held_date=TODAY - timedelta(days=30),
                                   participation_code="PN1", today=TODAY,
                                   attendees=["Wren"])  # fmt: skip
    dialog = PlanReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.due is not None
    dialog.planned_date.setText((dialog.due - timedelta(days=1)).isoformat())
    assert not dialog.late.isVisible()
    dialog.planned_date.setText((dialog.due + timedelta(days=3)).isoformat())
    assert dialog.late.isVisible() and "3 days late" in dialog.late.text()
    dialog.venue.setText("Family centre")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()  # a warning, not a refusal
