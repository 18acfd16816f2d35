"""Visits, consultations, mid-way updates, challenges and feedback through the screens."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows import ACTIONS
from iro_desktop.gui.workflows.challenge_dialog import ChallengeStepDialog
from iro_desktop.gui.workflows.challenge_list import ChallengeList
from iro_desktop.gui.workflows.consultation_dialog import ConsultationDialog
from iro_desktop.gui.workflows.feedback_dialog import FeedbackDialog
from iro_desktop.gui.workflows.midway_dialog import MidwayDialog
from iro_desktop.gui.workflows.visit_dialog import VisitDialog
from iro_desktop.store.ops import casework, reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import (
    AuditEntry,
    Challenge,
    ChallengeStage,
    Child,
    Consultation,
    Decision,
    ReviewFeedback,
    Visit,
)
from tests.gui.workflows.conftest import ACTOR, TODAY, child_id


def held_with_decisions(ctx: Context) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        review = reviews.record_held_review(op, child, held_date=date(2026, 9, 1),
                                            participation_code="PN1", today=TODAY)  # fmt: skip
        for text in ("Book the dentist", "Start life story work"):
            casework.add_decision(op, review, text=text, owner="Social worker",
                                  due_date=date(2026, 10, 1))  # fmt: skip


def count(ctx: Context, model: type) -> int:
    with ctx.caseload.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_visit_with_bad_input_then_saved(qtbot: QtBot, ctx: Context) -> None:
    dialog = VisitDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.visit_date.setText("24/11/2099")
    dialog.save()
    assert "after today" in dialog.form.error_text("visit_date")
    dialog.visit_date.setText("")
    dialog.save()
    assert "required" in dialog.form.error_text("visit_date")
    dialog.visit_date.setText("20/11/2026")
    dialog.words.setPlainText("blah " * 20_001)
    dialog.save()
    assert "too long" in dialog.form.error_text("child_words")
    dialog.words.clear()
    dialog.seen_alone.setCurrentIndex(dialog.seen_alone.findData("no"))
    dialog.save()
    assert "not seen alone" in dialog.form.error_text("not_seen_alone_reason")
    assert count(ctx, Visit) == 0
    dialog.reason.setPlainText("Wanted her carer to stay")
    dialog.method.setCurrentIndex(dialog.method.findData("app"))
    dialog.words.setPlainText("أنا سعيدة هنا 😊")
    dialog.mileage.setValue(42)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        visit = s.scalars(select(Visit)).one()
    assert (visit.method, visit.seen_alone, visit.mileage) == ("app", False, 42)
    assert visit.child_words == "أنا سعيدة هنا 😊"


def test_a_paper_consultation_typed_in(qtbot: QtBot, ctx: Context) -> None:
    held_with_decisions(ctx)
    dialog = ConsultationDialog(None, ctx, child_id(ctx.caseload), "foster_carer")
    qtbot.addWidget(dialog)
    assert "working_well" in dialog.answers.editors
    dialog.status.setCurrentIndex(dialog.status.findData("returned"))
    dialog.save()
    assert "required" in dialog.form.error_text("received_date")
    dialog.received.setText("01/09/2026")
    dialog.sent.setText("20/08/2026")
    dialog.name.setText("Pat Fennick")
    dialog.answers.editors["working_well"].setPlainText("Settled, eats well")  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        form = s.scalars(select(Consultation)).one()
    assert form.answers == {"working_well": "Settled, eats well"} and not form.completed_by_child


def test_midway_update_then_a_prefilled_challenge_for_the_drift(qtbot: QtBot, ctx: Context) -> None:
    held_with_decisions(ctx)
    dialog = MidwayDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    assert len(dialog.rows) == 2
    dialog.save()
    assert "Choose how" in dialog.form.error_text("status_1")
    assert "Choose how" in dialog.form.error_text("status_2")  # both at once
    (_d1, first, _a1, _b1), (d2, second, account, challenge_button) = dialog.rows
    first.setCurrentIndex(first.findData("done"))
    second.setCurrentIndex(second.findData("drifting"))
    account.setPlainText("No worker allocated")
    assert not challenge_button.isHidden()
    challenge = dialog.offer(d2, account)
    assert "life story" in challenge.issue.toPlainText()
    assert "No worker allocated" in challenge.issue.toPlainText()
    with qtbot.waitSignal(challenge.saved):
        challenge.save()
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        raised = s.scalars(select(Challenge)).one()
        statuses = {d.text: d.status for d in s.scalars(select(Decision))}
    assert raised.category == "decisions_not_acted_on" and raised.decision_id == d2.id
    assert statuses == {"Book the dentist": "done", "Start life story work": "drifting"}


def test_escalating_from_the_list_keeps_the_history(
    qtbot: QtBot, ctx: Context, reads: Counter[str]
) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        casework.raise_challenge(op, child, category="pre_meeting_report_not_available",
                                 issue="No report", raised_date=date(2026, 10, 1),
                                 raised_with="Team manager", today=TODAY)  # fmt: skip
    listing = ChallengeList(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(listing)
    assert "response overdue" in listing.list.item(0).text()
    step = listing.open_step("escalate")
    assert isinstance(step, ChallengeStepDialog)
    step.save()
    assert "required" in step.form.error_text("raised_with")
    step.who.setText("Service manager")
    step.when.setText("01/09/2026")
    step.save()
    assert "before the previous stage" in step.form.error_text("raised_date")
    step.when.setText("20/10/2026")
    reads.clear()
    with qtbot.waitSignal(step.saved):
        step.save()
    assert reads["ChallengeList"] == 1  # its own step is read once, when it is announced
    history = listing.history.toPlainText()
    assert "Informal" in history and "Team manager" in history
    assert "Service manager" in history and "Escalated." in history
    assert count(ctx, ChallengeStage) == 2


def test_feedback_postcard(qtbot: QtBot, ctx: Context) -> None:
    held_with_decisions(ctx)
    dialog = FeedbackDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.save()
    assert "Choose how" in dialog.form.error_text("rating")
    dialog.rating_buttons["good"].click()
    dialog.venue.setCurrentIndex(dialog.venue.findData("yes"))
    dialog.asked.setCurrentIndex(dialog.asked.findData("no"))
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        card = s.scalars(select(ReviewFeedback)).one()
    assert (card.rating, card.venue_as_wanted, card.asked_who_should_come) == ("good", True, False)
    assert card.date_time_as_wanted is None


class FakeRecord(QWidget):
    """Stands in for the workspace's child record: it has the workspace's ``ctx``."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx


def test_actions_use_the_workspace_context_and_announce_changes(qtbot: QtBot, ctx: Context) -> None:
    record = FakeRecord(ctx)
    qtbot.addWidget(record)
    opener = dict(ACTIONS)["Record a &visit…"]
    dialog = opener(record, ctx, child_id(ctx.caseload))
    assert dialog.ctx is ctx and dialog.ctx.today == TODAY
    dialog.save()  # a visit with nothing written about it says nothing: refused
    assert "Say something" in dialog.form.error_text("summary")
    dialog.summary.setPlainText("A short call before the review.")
    with qtbot.waitSignal(record.ctx.signals.changes_made) as blocker:
        dialog.save()
    assert "visits" in blocker.args[0].tables
    assert count(ctx, AuditEntry) > 0
