"""One Save in a real dialog shows every problem the store's rules find, each beside its
field, with the count at the top (issue 11, point 2)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from iro_desktop.gui.context import Context
from iro_desktop.gui.record.add_dialogs import PlacementDialog
from iro_desktop.gui.workflows.review_hold import HoldReviewDialog
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Child
from tests.gui.workflows.conftest import ACTOR, TODAY, child_id


def test_a_new_placement_shows_every_problem_beside_its_field(qtbot: QtBot, ctx: Context) -> None:
    dialog = PlacementDialog(ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    form.set_values({"place_code": "U1", "start_date": "01/12/2030", "carers": "x" * 5000})
    dialog.save()  # one Save: the start date and the carers, both beside their boxes
    assert "after today" in form.error_text("start_date")
    assert "too long" in form.error_text("carers")
    assert form.general.text().startswith("⚠ 2 things to put right")
    start = form.editors["start_date"]
    assert isinstance(start, QLineEdit)
    start.clear()
    qtbot.keyClicks(start, "20/11/2026")
    assert form.error_text("start_date") == ""  # fixed: gone at once
    assert "too long" in form.error_text("carers")  # the other stays


def test_holding_a_review_shows_every_problem_beside_its_field(qtbot: QtBot, ctx: Context) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        reviews.plan_review(op, child, today=TODAY, planned_date=TODAY, venue="Home")
    hold = HoldReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(hold)
    hold.show()
    hold.held_date.setText("01/12/2030")  # after today
    hold.code.setCurrentIndex(hold.code.findData("PN5"))  # an advocate spoke, not ticked
    hold.view.setCurrentIndex(hold.view.findData("does_not_agree"))  # and no reason why
    hold.save()  # one Save: nobody came, too, and all four are shown together
    assert "after today" in hold.form.error_text("review_date")
    assert "tick advocate" in hold.form.error_text("participation_code")
    assert "Say who came" in hold.form.error_text("attendees")
    assert "does not fully agree" in hold.form.error_text("care_plan_view_reason")
    assert hold.form.general.text().startswith("⚠ 4 things to put right")
