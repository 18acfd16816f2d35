"""Cancel or move the review: the deadline it must be held by, "overdue" in words once past."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.review_cancel import CancelReviewDialog
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import AuditEntry, Child, Review
from tests.gui.workflows.conftest import ACTOR, TODAY, child_id


def plan(ctx: Context, held_days_ago: int | None = None) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        if held_days_ago is not None:
            reviews.record_held_review(op, child, held_date=TODAY - timedelta(days=held_days_ago),
                                       participation_code="PN1", today=TODAY,
                                       attendees=["Wren"])  # fmt: skip
        reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(days=9),
                            venue="Home")  # fmt: skip


def dialog(qtbot: QtBot, ctx: Context) -> CancelReviewDialog:
    window = CancelReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_deadline_already_past_is_called_overdue(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx)  # looked after since 2022 and never reviewed: the first review is long overdue
    window = dialog(qtbot, ctx)
    text = window.next_label.text()
    assert window.overdue and "overdue" in text and "days ago" in text
    assert window.next_label.accessibleDescription() == "Overdue"


def test_a_deadline_still_ahead_is_not_overdue(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx, held_days_ago=30)
    window = dialog(qtbot, ctx)
    text = window.next_label.text()
    assert not window.overdue and "overdue" not in text.lower()
    assert "Next review due by" in text and "does not change this date" in text


def test_the_fields_sit_together_and_cancel_writes_nothing(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx)
    window = dialog(qtbot, ctx)
    window.resize(1366, 768)
    window.choice.setCurrentIndex(window.choice.findData("cancel"))
    window.reason.setPlainText("Wren is unwell")
    gap = window.reason.geometry().top() - window.choice.geometry().bottom()
    assert gap < 120  # no wide empty bands between the fields on a laptop screen
    with ctx.caseload.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    window.reject()
    with ctx.caseload.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before
        assert s.scalars(select(Review)).one().status == "planned"
