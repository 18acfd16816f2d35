"""Correcting and deleting entries from the child's record, and undo and redo of every
write, on the demo's real encrypted caseload: the edit dialogs reuse the add dialogs'
forms, the rules' messages sit beside the field, and each correction says so."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from iro_desktop.gui.forms import date_text
from iro_desktop.gui.record.editors import delete_entry, open_editor
from iro_desktop.gui.workflows.visit_dialog import VisitDialog
from iro_desktop.store.ops import entries
from iro_desktop.store.reads.corrections import history
from iro_desktop.store.schema import Decision, Placement, Review, Visit
from tests.gui.test_record_edits import db, shoot
from tests.helpers import with_a_planned_review


def select_event(record: Any, kind: str) -> Any:
    shown = record.footprint.shown()
    index = next(i for i, e in enumerate(shown) if e.table == entries.KINDS[kind][0].__tablename__)
    record.footprint.table.selectRow(index)
    return shown[index]


def actions(window: Any, row_id: str) -> list[str]:
    with window.caseload.session() as s:
        return [a.action for a in history(s, row_id)]


def test_a_visit_is_corrected_from_the_footprint_and_says_so(record, window) -> None:
    record.show_tab("Footprint")
    event = select_event(record, "visit")
    assert record.footprint.edit_button.isEnabled()
    record.edit_event()
    dialog = record.dialog
    assert isinstance(dialog, VisitDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Correct the visit"
    visit = db(window, Visit, event.row_id)
    assert dialog.form.values()["visit_date"] == date_text(visit.visit_date)
    came = record.file.child.became_looked_after
    dialog.form.set_values({"visit_date": date_text(came - timedelta(days=1)),
                            "summary": "Talked about football and the new school."})  # fmt: skip
    dialog.save()
    assert "came into care" in dialog.form.error_text("visit_date") and dialog.isVisible()
    assert db(window, Visit, event.row_id).version == visit.version  # nothing saved
    shoot(dialog, "correct-visit-error")
    dialog.form.set_values({"visit_date": date_text(visit.visit_date)})
    dialog.save()
    assert not dialog.isVisible()
    assert db(window, Visit, event.row_id).summary.startswith("Talked about football")
    assert actions(window, event.row_id)[-1] == "correct"
    shown = next(e for e in record.footprint.shown() if e.row_id == event.row_id)
    assert shown.corrected.startswith("corrected ") and " by " in shown.corrected
    texts = [record.footprint.table.item(r, 2).text()
             for r in range(record.footprint.table.rowCount())]  # fmt: skip
    assert any(shown.corrected in t for t in texts)
    assert window.undo.undoText() == "correct visit"
    shoot(record, "footprint-corrected")


def test_delete_asks_first_then_the_visit_is_a_tombstone(record, window) -> None:
    record.show_tab("Footprint")
    event = select_event(record, "visit")
    box = record.delete_event()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert not db(window, Visit, event.row_id).deleted  # nothing until answered
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert not db(window, Visit, event.row_id).deleted
    record.footprint.table.setFocus()
    QTest.keyClick(record.footprint.table, Qt.Key.Key_Delete)  # the Delete key asks too
    box = record.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert db(window, Visit, event.row_id).deleted
    assert all(e.row_id != event.row_id for e in record.footprint.events)
    assert window.undo.undoText() == "delete visit"


def test_a_legal_status_correction_is_refused_beside_the_field(record, window) -> None:
    record.show_tab("Legal status")
    record.legal.selectRow(0)
    dialog = record.edit_row("legal_status")
    status = record.file.legal_statuses[0]
    dialog.form.set_values({"end_date": date_text(status.start_date - timedelta(days=1))})
    dialog.save()
    assert dialog.isVisible() and "before" in dialog.form.error_text("end_date")


def test_a_held_reviews_participation_is_corrected_against_the_age(record, window) -> None:
    record.show_tab("Reviews")
    index = next(i for i, r in enumerate(record.file.reviews) if r.status == "held")
    review = record.file.reviews[index]
    record.reviews.selectRow(index)
    dialog = record.edit_row("review")
    assert dialog.code.isEnabled() and dialog.held_date.isEnabled()
    dialog.code.setCurrentIndex(dialog.code.findData("PN0"))
    dialog.save()
    assert "cannot be PN0" in dialog.form.error_text("participation_code")
    assert db(window, Review, review.id).participation_code == review.participation_code
    dialog.code.setCurrentIndex(dialog.code.findData("PN6"))
    dialog.advocate.setChecked(False)
    dialog.interpreter.setChecked(True)
    dialog.save()
    assert not dialog.isVisible()
    row = db(window, Review, review.id)
    assert (row.participation_code, row.interpreter_present) == ("PN6", True)
    assert "correct" in actions(window, review.id)


def test_undo_and_redo_across_three_kinds_of_write(record, window) -> None:
    ctx, child_id = window.ctx, record.child_id
    # 1. a visit added
    added = VisitDialog(record, ctx, child_id)
    added.form.set_values({"summary": "A short call about the review.", "seen_alone": "yes"})
    added.save()
    visit_id = added.result_value.id
    # 2. a placement corrected (its type)
    record.show_tab("Placements")
    record.placements.selectRow(0)
    placement = record.file.placements[0]
    dialog = record.edit_row("placement")
    new_code = "U6" if placement.place_code != "U6" else "U5"
    dialog.form.set_values({"place_code": new_code})
    dialog.save()
    assert db(window, Placement, placement.id).place_code == new_code
    assert record.placements.item(0, 7).text().startswith("corrected ")  # the History column
    shoot(record, "placements-corrected")
    # 3. a decision deleted
    with window.caseload.session() as s:
        live = select(Decision.id).where(Decision.child_id == child_id, ~Decision.deleted)
        decision_id = s.scalars(live).first()
    assert decision_id is not None
    delete_entry(record, ctx, child_id, "decision", decision_id, ask=False)
    assert db(window, Decision, decision_id).deleted
    stack = window.undo
    assert stack.undoText() == "delete decision"
    undo = next(a for a in window.menuBar().actions()[1].menu().actions()
                if a.text().startswith("&Undo"))  # fmt: skip
    assert undo.text() == "&Undo delete decision"

    stack.undo()
    assert not db(window, Decision, decision_id).deleted
    assert stack.undoText() == "correct placement"
    stack.undo()
    assert db(window, Placement, placement.id).place_code == placement.place_code
    assert stack.undoText() == "add visit"
    stack.undo()
    assert db(window, Visit, visit_id).deleted
    assert actions(window, visit_id) == ["create", "undo"]
    assert actions(window, decision_id)[-2:] == ["delete", "undo"]
    assert actions(window, placement.id)[-2:] == ["correct", "undo"]

    stack.redo()
    assert not db(window, Visit, visit_id).deleted
    stack.redo()
    assert db(window, Placement, placement.id).place_code == new_code
    stack.redo()
    assert db(window, Decision, decision_id).deleted
    assert actions(window, visit_id) == ["create", "undo", "redo"]
    assert actions(window, decision_id)[-1] == "redo"


def test_open_editor_opens_the_dialog_for_an_entry(record, window, qtbot) -> None:
    visit = next(e for e in record.file.footprint if e.table == "visits")
    opening = open_editor(record, window.ctx, record.child_id, "visit", visit.row_id)
    if opening.dialog is None:
        with qtbot.waitSignal(opening.opened):
            pass
    assert isinstance(opening.dialog, VisitDialog) and opening.dialog.isVisible()
    assert opening.dialog.visit_id == visit.row_id
    opening.dialog.reject()


def test_a_challenge_and_its_stage_are_corrected_and_deleted_from_the_list(record, window) -> None:
    from iro_desktop.gui.workflows.challenge_list import ChallengeList
    from iro_desktop.store.schema import Challenge, ChallengeStage

    challenges = ChallengeList(record, window.ctx, record.child_id)
    challenge, stages = challenges.selected()
    dialog = challenges.open_step("correct_stage")
    stage = stages[-1]
    dialog.form.set_values({"response_due": date_text(stage.raised_date - timedelta(days=1))})
    dialog.save()
    assert dialog.isVisible() and "before" in dialog.form.error_text("response_due")
    shoot(dialog, "correct-stage-error")
    dialog.form.set_values({"raised_with": "Head of service",
                            "response_due": date_text(stage.response_due)})  # fmt: skip
    dialog.save()
    assert not dialog.isVisible()
    assert db(window, ChallengeStage, stage.id).raised_with == "Head of service"
    box = challenges.open_step("delete")
    box.button(QMessageBox.StandardButton.Yes).click()
    assert db(window, Challenge, challenge.id).deleted
    assert all(db(window, ChallengeStage, s.id).deleted for s in stages)
    assert all(c.id != challenge.id for c, _s in challenges.file.challenges)
    challenges.close()


def test_decisions_consultations_and_feedback_open_their_editors(record, window) -> None:
    from iro_desktop.store.schema import Consultation, ReviewFeedback

    child_id = record.child_id
    with window.caseload.session() as s:
        ids = {kind: s.scalars(select(model.id).where(model.child_id == child_id,
                                                      ~model.deleted)).first()
               for kind, model in (("decision", Decision), ("consultation", Consultation),
                                   ("feedback", ReviewFeedback))}  # fmt: skip
    for kind, entry_id in ids.items():
        assert entry_id is not None, kind
        opening = open_editor(record, window.ctx, child_id, kind, entry_id)
        dialog = opening.dialog
        assert dialog is not None and dialog.isVisible(), kind
        if kind == "decision":
            dialog.form.set_values({"owner": "Social worker (Ana)"})
        dialog.save()
        assert not dialog.isVisible(), (kind, dialog.form.values())
    assert db(window, Decision, ids["decision"]).owner == "Social worker (Ana)"
    assert actions(window, ids["decision"])[-1] == "correct"


def test_a_consultation_is_corrected_and_deleted_from_the_overview(record, window) -> None:
    from iro_desktop.gui.workflows.consultations_view import ConsultationsOverview
    from iro_desktop.store.schema import Consultation

    booked = with_a_planned_review(window.ctx.caseload)  # a child between reviews
    child = next(r for r in window.workspace.caseload.model.rows
                 if r.child_id not in booked and not r.overdue and r.age >= 4)  # fmt: skip
    window.workspace.open_child(child.child_id)
    record = window.workspace.record
    view = ConsultationsOverview(record, window.ctx, record.child_id)
    row = next(i for i, who in enumerate(view.rows) if who.consultation is not None)
    view.table.selectRow(row)
    consultation = view.rows[row].consultation
    assert view.buttons["correct"].isEnabled() and view.buttons["delete"].isEnabled()
    dialog = view.change("correct")
    dialog.form.set_values({"respondent_name": "Corrected Name"})
    dialog.save()
    assert not dialog.isVisible()
    assert db(window, Consultation, consultation.id).respondent_name == "Corrected Name"
    view.table.selectRow(next(i for i, w in enumerate(view.rows)
                              if w.consultation is not None
                              and w.consultation.id == consultation.id))  # fmt: skip
    box = view.change("delete")
    box.button(QMessageBox.StandardButton.Yes).click()
    assert db(window, Consultation, consultation.id).deleted
    assert all(w.consultation is None or w.consultation.id != consultation.id for w in view.rows)
    view.close()


def correct_visit(record: Any, window: Any, summary: str) -> Any:
    """Correct the footprint's first visit through its dialog, as the IRO does."""
    record.show_tab("Footprint")
    event = select_event(record, "visit")
    record.edit_event()
    dialog = record.dialog
    dialog.form.set_values({"summary": summary})
    dialog.save()
    assert not dialog.isVisible()
    assert window.undo.undoText() == "correct visit"
    return event


def shown_note(record: Any, row_id: str) -> str:
    return next(e for e in record.footprint.shown() if e.row_id == row_id).corrected


def test_undo_of_a_correction_shows_the_entry_as_it_was_and_redo_corrects_it_again(
    record, window, qtbot
) -> None:
    from iro_desktop.gui.record.entry_view import open_entry

    record.show_tab("Footprint")
    visit_id = select_event(record, "visit").row_id
    assert shown_note(record, visit_id) == ""
    was = db(window, Visit, visit_id).summary
    correct_visit(record, window, "Talked about football and the new school.")
    note = shown_note(record, visit_id)
    assert note.startswith("corrected ") and " by " in note
    viewer = open_entry(record, window.ctx, record.child_id, "visits", visit_id)
    qtbot.waitUntil(lambda: viewer.entry is not None)
    assert note in viewer.kind.text()

    window.undo.undo()
    assert db(window, Visit, visit_id).summary == was
    assert shown_note(record, visit_id) == ""
    qtbot.waitUntil(lambda: "corrected" not in viewer.kind.text())
    window.undo.redo()
    assert db(window, Visit, visit_id).summary.startswith("Talked about football")
    assert shown_note(record, visit_id) == note
    qtbot.waitUntil(lambda: note in viewer.kind.text())
    assert actions(window, visit_id)[-3:] == ["correct", "undo", "redo"]
    viewer.close()


def pull_change(window: Any, visit_id: str, summary: str) -> None:
    """Another laptop's change of the visit, applied by the sync client's own apply path
    (this laptop's changes were pushed first, as a sync does)."""
    from sqlalchemy import update

    from iro_desktop.store.schema import OutboxEntry
    from iro_desktop.store.serialise import to_payload
    from iro_desktop.store.types import utcnow
    from iro_desktop.sync import apply

    row = to_payload(db(window, Visit, visit_id))
    theirs = {**row, "version": row["version"] + 1, "summary": summary,
              "updated_at": utcnow().isoformat()}  # fmt: skip
    with apply.applying(window.caseload) as s:
        s.execute(update(OutboxEntry).values(pushed_at=utcnow()))
        assert apply.apply_rows(s, "visits", [theirs], apply.pending_rows(s)) == 1


REFUSAL = ("This visit was changed on another computer after your change, so {} it would "
           "overwrite that. Open it and correct it instead.")  # fmt: skip


def test_undo_and_redo_refuse_over_a_change_pulled_from_another_computer(
    record, window, qtbot
) -> None:
    stack = window.undo
    event = correct_visit(record, window, "Talked about football.")
    index = stack.index()
    pull_change(window, event.row_id, "Changed on the office computer.")
    messages: list[str] = []
    window.ctx.signals.status.connect(messages.append)

    stack.undo()
    row = db(window, Visit, event.row_id)
    assert row.summary == "Changed on the office computer."  # nothing lost
    assert messages[-1] == REFUSAL.format("undoing")
    command = stack.command(index - 1)
    box = command.refusal
    assert box is not None and box.isVisible() and box.text() == REFUSAL.format("undoing")
    shoot(box, "undo-refused")
    box.accept()
    # The stack is as it was: the correction is still the thing to undo.
    qtbot.waitUntil(lambda: stack.index() == index)
    assert stack.undoText() == "correct visit"
    assert not stack.canRedo()
    assert actions(window, event.row_id)[-1] == "correct"  # no undo was written
    assert db(window, Visit, event.row_id).version == row.version

    # Redo refuses the same way: undo a fresh correction, then a pull moves the row.
    correct_visit(record, window, "Talked about football, again.")
    stack.undo()
    assert db(window, Visit, event.row_id).summary == "Changed on the office computer."
    pull_change(window, event.row_id, "Changed on the office computer twice.")
    at = stack.index()
    stack.redo()
    assert messages[-1] == REFUSAL.format("redoing")
    qtbot.waitUntil(lambda: stack.index() == at)
    assert stack.redoText() == "correct visit"
    assert db(window, Visit, event.row_id).summary == "Changed on the office computer twice."
    stack.command(at).refusal.accept()


class HeldRunner:
    """Keeps each piece of work until ``release``: an undo still being written while
    the IRO presses again (the real runner's worker thread, made step by step)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Any, Any, Any]] = []

    def submit(self, fn: Any, on_done: Any, on_error: Any = None) -> None:
        self.jobs.append((fn, on_done, on_error))

    def later(self, fn: Any) -> None:
        fn()

    def release(self) -> None:
        from iro_desktop.gui.tasks import InlineRunner

        while self.jobs:
            InlineRunner().submit(*self.jobs.pop(0))


def test_presses_while_a_refused_undo_runs_leave_the_menu_in_step_with_the_store(
    record, window, qtbot
) -> None:
    from PySide6.QtTest import QTest

    ctx, stack = window.ctx, window.undo
    record.show_tab("Placements")  # the earlier write, which would undo fine
    record.placements.selectRow(0)
    placement = record.file.placements[0]
    new_code = "U6" if placement.place_code != "U6" else "U5"
    dialog = record.edit_row("placement")
    dialog.form.set_values({"place_code": new_code})
    dialog.save()
    event = correct_visit(record, window, "Talked about football.")
    pull_change(window, event.row_id, "Changed on the office computer.")  # refuses its undo
    index = stack.index()
    undo = next(a for a in window.menuBar().actions()[1].menu().actions()
                if a.text().startswith("&Undo"))  # fmt: skip
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    held = HeldRunner()
    ctx.runner = held

    ctrl = Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(window, Qt.Key.Key_Z, ctrl)  # the correction's undo, still being written
    assert len(held.jobs) == 1 and not undo.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Z, ctrl)  # pressed again while it runs: ignored
    QTest.keyClick(window, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    stack.undo()  # however it is asked for
    assert len(held.jobs) == 1
    held.release()  # the store refuses: the row changed since
    qtbot.waitUntil(lambda: stack.index() == index)
    assert stack.undoText() == "correct visit" and not stack.canRedo()
    assert undo.text() == "&Undo correct visit" and undo.isEnabled()
    assert db(window, Placement, placement.id).place_code == new_code  # not undone
    assert actions(window, placement.id)[-1] == "correct"
    assert actions(window, event.row_id)[-1] == "correct"
    stack.command(index - 1).refusal.accept()
