"""After the meeting, on the review screen: a decision edited, removed (recorded by mistake)
or cancelled, each with its reason; Cancel on the screen writes nothing."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.review_hold import HoldReviewDialog
from iro_desktop.store.ops import casework, midway, reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import AuditEntry, Child, Decision, DecisionStatusChange
from tests.gui.workflows.conftest import ACTOR, TODAY, child_id

HELD = date(2026, 9, 1)


def held_with_decisions(ctx: Context, *, assess: bool = False) -> list[str]:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        review = reviews.record_held_review(op, child, held_date=HELD, participation_code="PN1",
                                            today=TODAY, attendees=["Wren"])  # fmt: skip
        made = [
            casework.add_decision(
                op, review, text=text, owner="Social worker", due_date=date(2026, 10, 1)
            )
            for text in ("Book the dentist", "Wrong child's school visit")
        ]
        if assess:
            midway.add_midway_update(op, review, update_date=TODAY, method="phone_call",
                                     items=[(d, "drifting", None) for d in made],
                                     today=TODAY)  # fmt: skip
        return [d.id for d in made]


def screen(qtbot: QtBot, ctx: Context) -> HoldReviewDialog:
    dialog = HoldReviewDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def row_of(dialog: HoldReviewDialog, decision_id: str) -> int:
    table = dialog.decisions.table
    return next(r for r in range(table.rowCount())
                if table.item(r, 0) and table.item(r, 0).data(256) == decision_id)  # type: ignore[union-attr]  # fmt: skip


def writes(ctx: Context) -> int:
    with ctx.caseload.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_a_decision_recorded_by_mistake_is_removed_with_its_reason(
    qtbot: QtBot, ctx: Context
) -> None:
    keep, wrong = held_with_decisions(ctx)
    dialog = screen(qtbot, ctx)
    table = dialog.decisions
    table.table.selectRow(row_of(dialog, wrong))
    table.mark_selected("remove")  # no reason yet
    dialog.save()
    assert "reason is required" in dialog.form.error_text("decisions")
    table.reason.setText("Typed on Wren's record by mistake — خطأ 🙈")
    table.mark_selected("remove")
    assert "to be removed" in table.table.item(row_of(dialog, wrong), 3).text()  # type: ignore[union-attr]
    table.set_cell(row_of(dialog, keep), 0, "Book the dentist for Wren 🦷")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        removed = s.get(Decision, wrong)
        kept = s.get(Decision, keep)
        notes = [c.note for c in s.scalars(select(DecisionStatusChange))]
    assert removed is not None and removed.deleted
    assert kept is not None and kept.text == "Book the dentist for Wren 🦷" and not kept.deleted
    assert notes == ["Typed on Wren's record by mistake — خطأ 🙈"]
    again = screen(qtbot, ctx)
    assert again.decisions.table.rowCount() == 2  # the kept one and an empty new row


def test_once_assessed_it_must_be_cancelled_and_cancel_writes_nothing(
    qtbot: QtBot, ctx: Context
) -> None:
    first, _second = held_with_decisions(ctx, assess=True)
    before = writes(ctx)
    dialog = screen(qtbot, ctx)
    dialog.decisions.table.selectRow(row_of(dialog, first))
    dialog.decisions.reason.setText("Mistake")
    dialog.decisions.mark_selected("remove")
    dialog.save()
    assert "cancel it instead" in dialog.form.error_text("decisions")
    assert writes(ctx) == before
    dialog.decisions.mark_selected(None)
    assert "Drifting" in dialog.decisions.table.item(row_of(dialog, first), 3).text()  # type: ignore[union-attr]
    dialog.decisions.reason.setText("The family moved away; no longer needed")
    dialog.decisions.mark_selected("cancel")
    dialog.reject()  # cancelling the screen half way
    assert writes(ctx) == before
    dialog = screen(qtbot, ctx)
    dialog.decisions.table.selectRow(row_of(dialog, first))
    dialog.decisions.reason.setText("The family moved away; no longer needed")
    dialog.decisions.mark_selected("cancel")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with ctx.caseload.session() as s:
        decision = s.get(Decision, first)
    assert decision is not None and decision.status == "cancelled" and not decision.deleted


def test_editing_a_decision_keeps_the_rules_and_the_typing(qtbot: QtBot, ctx: Context) -> None:
    keep, _wrong = held_with_decisions(ctx)
    before = writes(ctx)
    dialog = screen(qtbot, ctx)
    row = row_of(dialog, keep)
    bad = ((1, "", "who is required"), (2, "01/01/2040", "three years"),
           (2, "30/02/2027", "not a real date"), (0, "x" * 5001, "too long"))  # fmt: skip
    for column, typed, words in bad:
        dialog.decisions.set_cell(row, 0, "Book the dentist")
        dialog.decisions.set_cell(row, 1, "Social worker")
        dialog.decisions.set_cell(row, 2, "01/10/2026")
        dialog.decisions.set_cell(row, column, typed)
        dialog.save()
        assert words in dialog.form.error_text("decisions"), typed
        assert dialog.decisions.table.item(row, column).text() == typed  # type: ignore[union-attr]
    assert writes(ctx) == before
