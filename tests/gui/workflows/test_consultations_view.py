"""Consultations at a glance: every respondent, marked in a click, on a real encrypted store."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.child_mode import ChildModeWindow
from iro_desktop.gui.workflows.consultation_dialog import ConsultationDialog
from iro_desktop.gui.workflows.consultations_view import ConsultationsOverview
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import AuditEntry, Child, Consultation, Review
from tests.gui.workflows.conftest import ACTOR, PASSPHRASE, TODAY, child_id
from tests.helpers import pdf_text


def plan(ctx: Context) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id(ctx.caseload))
        assert child is not None
        reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(days=9),
                            venue="Home")  # fmt: skip


def overview(qtbot: QtBot, ctx: Context) -> ConsultationsOverview:
    dialog = ConsultationsOverview(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cells(view: ConsultationsOverview, row: int) -> list[str]:
    return [view.table.item(row, c).text() for c in range(view.table.columnCount())]  # type: ignore[union-attr]


def forms(ctx: Context) -> dict[str, Consultation]:
    with ctx.caseload.session() as s:
        return {c.respondent_type: c for c in s.scalars(select(Consultation))}


def writes(ctx: Context) -> int:
    with ctx.caseload.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_every_respondent_is_listed_with_the_child_by_age_band(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx)
    view = overview(qtbot, ctx)
    whos = [cells(view, r)[0] for r in range(view.table.rowCount())]
    assert whos == ["Child aged 8 to 12", "Parent", "Foster carer", "Residential staff",
                    "Adopter", "Social worker's pre-meeting report"]  # fmt: skip
    assert all(cells(view, r)[2] == "Not sent" for r in range(view.table.rowCount()))
    assert "Wren" in view.intro.text() and "Ezra" not in view.intro.text()


def test_marking_sent_then_returned_then_declined_in_a_click(
    qtbot: QtBot, ctx: Context, reads: Counter[str]
) -> None:
    plan(ctx)
    view = overview(qtbot, ctx)
    view.select("parent")
    view.on.setText((TODAY - timedelta(days=5)).strftime("%d/%m/%Y"))
    reads.clear()
    with qtbot.waitSignal(view.changed):
        view.buttons["sent"].click()
    assert reads["ConsultationsOverview"] == 1  # its own write, read once when announced
    assert cells(view, view.current_row())[0] == "Parent"  # the form written stays chosen
    row = next(r for r in range(view.table.rowCount()) if cells(view, r)[0] == "Parent")
    assert cells(view, row)[2:5] == ["Sent", (TODAY - timedelta(days=5)).strftime("%d/%m/%Y"), "—"]
    view.on.setText(TODAY.strftime("%d/%m/%Y"))
    with qtbot.waitSignal(view.changed):
        view.buttons["returned"].click()
    parent = forms(ctx)["parent"]
    assert parent.status == "returned" and parent.received_date == TODAY
    assert parent.sent_date == TODAY - timedelta(days=5)  # the sent date is kept
    view.select("foster_carer")
    with qtbot.waitSignal(view.changed):
        view.buttons["declined"].click()
    assert forms(ctx)["foster_carer"].status == "declined"
    view.select("social_worker")
    with qtbot.waitSignal(view.changed):
        view.buttons["returned"].click()
    with ctx.caseload.session() as s:
        review = s.scalars(select(Review)).one()
    assert review.pre_meeting_report_received == TODAY  # the report itself, not just a form


def test_bad_dates_are_refused_beside_the_date_and_nothing_is_written(
    qtbot: QtBot, ctx: Context
) -> None:
    plan(ctx)
    view = overview(qtbot, ctx)
    before = writes(ctx)
    view.select("parent")
    for typed, words in (("31/02/2026", "not a real date"), ("", "required"),
                         ("🙂 الأحد", "date"), ("01/01/2099", "after today")):  # fmt: skip
        view.on.setText(typed)
        view.buttons["sent"].click()
        assert not view.error.isHidden() and words in view.error.text(), typed
        assert view.on.text() == typed  # what was typed stays
    view.buttons["not_returned"].click()  # never sent, so it cannot be overdue
    assert "never sent" in view.error.text()
    assert writes(ctx) == before


def test_answers_child_mode_and_the_blank_form_open_for_that_respondent(
    qtbot: QtBot, ctx: Context, tmp_path: Path
) -> None:
    plan(ctx)
    view = overview(qtbot, ctx)
    view.select("foster_carer")
    assert not view.buttons["child_mode"].isEnabled()
    dialog = view.open_answers()
    assert isinstance(dialog, ConsultationDialog)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "foster_carer"
    dialog.reject()
    preview = view.print_blank()
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: bool(preview.pdf) or "⚠" in preview.status.text())
    assert preview.pdf.startswith(b"%PDF") and "foster" in preview.windowTitle().lower()
    printed = tmp_path / "form.pdf"
    printed.write_bytes(preview.pdf)
    assert pdf_text(printed).count("Wrennie Elmstead") >= 2  # the child's name on every page
    preview.reject()
    view.select("child_8_12")
    assert view.buttons["child_mode"].isEnabled()
    window = view.start_child_mode()
    assert isinstance(window, ChildModeWindow)
    qtbot.addWidget(window)
    window.ask_passphrase()
    with qtbot.waitSignal(window.handback.shown):  # what the child asked for comes first
        window.passphrase.setText(PASSPHRASE)
        window.check_passphrase()
    with qtbot.waitSignal(window.left):
        window.handback.close_button.click()


def test_without_a_review_nothing_can_be_marked(qtbot: QtBot, ctx: Context) -> None:
    view = overview(qtbot, ctx)
    assert "plan the review first" in view.intro.text()
    assert view.table.rowCount() == 0 and not view.buttons["sent"].isEnabled()


def test_the_childs_own_form_says_so(qtbot: QtBot, ctx: Context) -> None:
    from iro_desktop.store.ops import consultations

    plan(ctx)
    with operation(ctx.caseload, ACTOR) as op:
        review = op.session.scalars(select(Review)).one()
        consultations.record_child_answers(op, review, form_id="child_8_12",
                                           answers={}, today=TODAY)  # fmt: skip
    view = overview(qtbot, ctx)
    assert cells(view, 0)[0] == "Child aged 8 to 12"
    assert cells(view, 0)[2] == "Received" and cells(view, 0)[5] == "The child, in child mode"


def rows_named(view: ConsultationsOverview, who: str) -> list[list[str]]:
    return [cells(view, r) for r in range(view.table.rowCount()) if cells(view, r)[0] == who]


def test_another_parent_is_added_with_their_own_name(qtbot: QtBot, ctx: Context) -> None:
    from iro_desktop.gui.workflows.consultations_view import AddRespondentDialog

    plan(ctx)
    view = overview(qtbot, ctx)
    view.select("parent")
    with qtbot.waitSignal(view.changed):
        view.buttons["sent"].click()  # the first parent's form, still without a name
    assert view.buttons["another"].isEnabled()
    dialog = view.add_another()
    assert isinstance(dialog, AddRespondentDialog)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "parent" and dialog.existing.isVisibleTo(dialog)
    before = writes(ctx)
    dialog.save()  # no name
    assert "required" in dialog.form.error_text("respondent_name")
    dialog.name.setText("Tomasz Elmstead")
    dialog.save()  # the parent already listed has no name either
    assert "required" in dialog.form.error_text("name_for_existing")
    dialog.existing.setText("  tomasz elmstead ")
    dialog.save()
    assert "differ" in dialog.form.error_text("respondent_name")
    assert writes(ctx) == before and dialog.name.text() == "Tomasz Elmstead"  # nothing lost
    dialog.existing.setText("Ana Elmstead")
    with qtbot.waitSignal(view.changed):
        dialog.save()
    parents = rows_named(view, "Parent")
    assert [(p[1], p[2]) for p in parents] == [("Ana Elmstead", "Sent"),
                                               ("Tomasz Elmstead", "Not sent")]  # fmt: skip
    assert cells(view, view.current_row())[1] == "Tomasz Elmstead"  # the new one is selected
    with qtbot.waitSignal(view.changed):
        view.buttons["sent"].click()
    assert [p[2] for p in rows_named(view, "Parent")] == ["Sent", "Sent"]
    view.select("parent", "Ana Elmstead")
    answers = view.open_answers()
    assert isinstance(answers, ConsultationDialog)
    qtbot.addWidget(answers)
    assert answers.name.text() == "Ana Elmstead"  # that parent's form, not the first found
    answers.reject()


def test_a_duplicate_name_is_refused_and_cancel_writes_nothing(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx)
    view = overview(qtbot, ctx)
    view.select("foster_carer")
    dialog = view.add_another()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "foster_carer" and not dialog.existing.isVisibleTo(dialog)
    dialog.name.setText("Sam Okafor")
    with qtbot.waitSignal(view.changed):
        dialog.save()  # the first foster carer on file
    before = writes(ctx)
    again = view.add_another()
    assert again is not None
    qtbot.addWidget(again)
    again.name.setText("SAM OKAFOR")
    again.save()
    assert "already has a foster carer form for SAM OKAFOR" in again.form.error_text(
        "respondent_name"
    )
    again.kind.setCurrentIndex(again.kind.findData("parent"))
    again.name.setText("Bea")
    again.reject()
    assert writes(ctx) == before
    assert [p[1] for p in rows_named(view, "Foster carer")] == ["Sam Okafor"]
    assert len(rows_named(view, "Parent")) == 1 and rows_named(view, "Parent")[0][1] == ""


def test_the_child_cannot_be_added_twice(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx)
    view = overview(qtbot, ctx)
    view.select("child_8_12")
    dialog = view.add_another()
    assert dialog is not None
    qtbot.addWidget(dialog)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert not any(k.startswith("child") or k == "social_worker" for k in kinds)
    dialog.reject()
