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
