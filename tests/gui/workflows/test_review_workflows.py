"""Plan, hold and write up a review through the screens, on a real encrypted caseload."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.review_hold import HoldReviewDialog
from iro_desktop.gui.workflows.review_plan import PlanReviewDialog
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.schema import AuditEntry, Decision, Review
from tests.gui.workflows.conftest import TODAY, child_id


def writes(caseload: Caseload) -> int:
    with caseload.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def plan_dialog(qtbot: QtBot, ctx: Context) -> PlanReviewDialog:
    dialog = PlanReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_plan_refuses_bad_input_beside_the_field_and_keeps_the_typing(
    qtbot: QtBot, ctx: Context
) -> None:
    before = writes(ctx.caseload)
    dialog = plan_dialog(qtbot, ctx)
    assert "next review is due by" in dialog.intro.text()
    dialog.venue.setText("")
    dialog.planned_date.setText("31/02/2027")
    dialog.save()
    assert dialog.form.error_text("planned_date") == "⚠ This is not a real date"
    dialog.planned_date.setText((TODAY + timedelta(days=10)).isoformat())
    dialog.save()
    assert "required" in dialog.form.error_text("venue")
    dialog.venue.setText("🏠 Home — البيت " + "x" * 400)
    dialog.save()
    assert "too long" in dialog.form.error_text("venue")
    dialog.venue.setText("Home, after school")
    dialog.lessons.setChecked(True)
    dialog.save()
    assert "unless the child wants" in dialog.form.error_text("in_lesson_time")
    dialog.invitees.setPlainText("Foster carer\nDad")
    dialog.not_wanted.setPlainText("Dad")
    dialog.wants.setChecked(True)
    dialog.save()
    assert "does not want" in dialog.form.error_text("invitees")
    assert dialog.isVisible() and writes(ctx.caseload) == before  # nothing written, nothing lost
    assert dialog.venue.text() == "Home, after school"
    dialog.not_wanted.setPlainText("Uncle Dev")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        review = s.scalars(select(Review)).one()
    assert review.status == "planned" and review.in_lesson_time and review.child_wants_lesson_time
    assert review.invitees == ["Foster carer", "Dad"] and review.not_wanted == ["Uncle Dev"]


def test_cancelling_a_plan_half_way_writes_nothing(qtbot: QtBot, ctx: Context) -> None:
    before = writes(ctx.caseload)
    dialog = plan_dialog(qtbot, ctx)
    dialog.venue.setText("Café")
    dialog.reject()
    assert writes(ctx.caseload) == before and not dialog.isVisible()


def test_hold_the_planned_review_with_decisions_and_see_the_next_date(
    qtbot: QtBot, ctx: Context
) -> None:
    dialog = plan_dialog(qtbot, ctx)
    dialog.planned_date.setText(TODAY.isoformat())
    dialog.venue.setText("Home")
    dialog.invitees.setPlainText("Foster carer\nSocial worker")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()

    hold = HoldReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(hold)
    hold.show()
    assert hold.attendees.toPlainText() == "Foster carer\nSocial worker"  # from the invitations
    assert "Next review due by" in hold.next_label.text()
    hold.code.setCurrentIndex(hold.code.findData("PN0"))
    hold.save()
    assert "cannot be PN0" in hold.form.error_text("participation_code")
    assert "Wrennie is 10" in hold.guidance.text()
    hold.code.setCurrentIndex(hold.code.findData("PN2"))
    hold.save()
    assert "advocate" in hold.form.error_text("participation_code")
    hold.advocate.setChecked(True)
    hold.view.setCurrentIndex(hold.view.findData("does_not_agree"))
    hold.save()
    assert "why" in hold.form.error_text("care_plan_view_reason")
    hold.reason.setPlainText("No school place yet")
    hold.working_well.setPlainText("Football every week ⚽")
    row = hold.decisions.table.rowCount() - 1
    hold.decisions.set_cell(row, 0, "Find a school place")
    hold.decisions.set_cell(row, 1, "Social worker")
    hold.decisions.set_cell(row, 2, "01/01/1999")
    hold.save()
    assert "Decision 1" in hold.form.error_text("decisions")
    hold.decisions.set_cell(row, 2, "not a date")
    hold.save()
    assert "not a date" in hold.form.error_text("decisions")
    hold.decisions.set_cell(row, 2, "05/01/2027")
    with qtbot.waitSignal(hold.saved):
        hold.save()
    with ctx.caseload.session() as s:
        review = s.scalars(select(Review)).one()
        [decision] = s.scalars(select(Decision)).all()
    assert review.status == "held" and review.participation_code == "PN2"
    assert review.care_plan_view_reason == "No school place yet"
    assert (decision.text, decision.owner, decision.due_date) == (
        "Find a school place",
        "Social worker",
        date(2027, 1, 5),
    )

    again = HoldReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(again)
    assert again.code.isEnabled()  # a held review can be corrected, every field of it
    # In care since May 2022 with no earlier review on file, this review is taken as a
    # later one (earlier reviews missing), so the next is 6 months on, not 3.
    assert "24 May 2027" in again.next_label.text()
    again.shared.setText("20/11/2026")
    again.save()
    assert "before the review" in again.form.error_text("decisions_shared_date")
    again.shared.setText(TODAY.isoformat())
    again.distributed.setText(TODAY.isoformat())
    with qtbot.waitSignal(again.saved):
        again.save()
    with ctx.caseload.session() as s:
        review = s.scalars(select(Review)).one()
        assert s.scalar(select(func.count()).select_from(Decision)) == 1  # not added twice
    assert review.decisions_shared_date == TODAY == review.record_distributed_date
