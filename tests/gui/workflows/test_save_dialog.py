"""The one save dialog: every problem at once beside its field, each cleared as soon as
its field is fixed, one store call per save, and Cancel or Escape asks before typed text
is thrown away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import date_edit, read_date
from iro_desktop.gui.save_dialog import SaveDialog, reopen
from iro_desktop.gui.workflows.consultation_dialog import ConsultationDialog
from iro_desktop.gui.workflows.feedback_dialog import FeedbackDialog
from iro_desktop.gui.workflows.review_hold import HoldReviewDialog
from iro_desktop.gui.workflows.visit_dialog import VisitDialog
from iro_desktop.store import drafts
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Visit
from tests.gui.workflows.conftest import child_id

D = TypeVar("D", bound=SaveDialog)


class NoteDialog(SaveDialog):
    """Two fields and a date, the shape of every save dialog."""

    def __init__(self, ctx: Context, child: str) -> None:
        super().__init__(None, ctx, child, "A note")
        self.title: QLineEdit = self.form.add("title", "&Title:", QLineEdit(), required=True)
        self.place: QLineEdit = self.form.add("place", "&Where:", QLineEdit(), required=True)
        self.on: QLineEdit = self.form.add("on", "&When:", date_edit(), required=True)
        self.calls = 0

    def operation(self) -> Callable[[Op], Any]:
        read_date(self.on, "on")
        self.calls += 1
        return lambda op: "saved"


def type_text(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    box.clear()
    qtbot.keyClicks(box, text)


def test_every_problem_at_once_and_each_cleared_when_fixed(qtbot: QtBot, ctx: Context) -> None:
    dialog = NoteDialog(ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.on, "31/02/2026")
    dialog.save()
    assert "required" in dialog.form.error_text("title")
    assert "required" in dialog.form.error_text("place")
    assert dialog.form.error_text("on") == "⚠ This is not a real date"
    type_text(qtbot, dialog.title, "Sam's visit")
    assert dialog.form.error_text("title") == ""  # fixed: gone at once
    assert "required" in dialog.form.error_text("place")  # the others stay
    type_text(qtbot, dialog.on, "31/02")
    assert dialog.form.error_text("on")  # still not a date: still said
    type_text(qtbot, dialog.on, "01/03/2026")
    assert dialog.form.error_text("on") == ""
    type_text(qtbot, dialog.place, "School")
    with qtbot.waitSignal(dialog.saved) as blocker:
        dialog.save()
    assert blocker.args == ["saved"] and dialog.calls == 1


def test_cancel_and_escape_ask_before_discarding_typed_text(qtbot: QtBot, ctx: Context) -> None:
    dialog = VisitDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.question is None and not dialog.isVisible()  # nothing typed: no question
    dialog = VisitDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.place, "The library")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    question = dialog.question
    assert question is not None and question.isVisible() and dialog.isVisible()
    assert question.text().startswith("Discard what you typed?")
    keep = question.button(QMessageBox.StandardButton.Cancel)
    assert keep.text() == "Keep editing"
    keep.click()
    assert dialog.isVisible() and dialog.place.text() == "The library"
    dialog.cancel()
    assert dialog.question is not None
    dialog.question.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible()
    with ctx.caseload.session() as s:
        assert s.query(Visit).count() == 0


def shown(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_closing_the_window_asks_too_and_nothing_typed_just_closes(
    qtbot: QtBot, ctx: Context
) -> None:
    dialog = shown(qtbot, VisitDialog(None, ctx, child_id(ctx.caseload)))
    assert dialog.close() and not dialog.isVisible() and dialog.question is None
    dialog = shown(qtbot, VisitDialog(None, ctx, child_id(ctx.caseload)))
    qtbot.keyClicks(dialog.words, "I like my new school")
    assert not dialog.close()  # the window's close button: refused, and asked
    assert dialog.isVisible() and dialog.question is not None and dialog.question.isVisible()
    dialog.question.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible()
    assert drafts.all_drafts(ctx.caseload) == []  # an explicit Discard removes the draft


def test_three_problems_from_the_rules_at_once_each_cleared_when_fixed(
    qtbot: QtBot, ctx: Context
) -> None:
    dialog = shown(qtbot, VisitDialog(None, ctx, child_id(ctx.caseload)))
    dialog.visit_date.setText("01/12/2026")  # after today
    dialog.seen_alone.setCurrentIndex(dialog.seen_alone.findData("no"))  # and no reason
    dialog.next_steps.setPlainText("x" * 100_001)  # longer than can be kept
    dialog.save()  # one Save: all three, each beside its field
    assert "after today" in dialog.form.error_text("visit_date")
    assert "not seen alone" in dialog.form.error_text("not_seen_alone_reason")
    assert "too long" in dialog.form.error_text("next_steps")
    assert dialog.form.general.text() == (
        "⚠ 3 things to put right: Date, Why not alone, What I will do next."
    )  # named at the top too: one of them may be scrolled out of sight
    qtbot.keyClicks(dialog.reason, "Her carer stayed")
    assert dialog.form.error_text("not_seen_alone_reason") == ""  # fixed: gone at once
    assert dialog.form.error_text("visit_date") and dialog.form.error_text("next_steps")
    assert dialog.form.general.text() == "⚠ 2 things to put right: Date, What I will do next."
    dialog.next_steps.setPlainText("Ask about the football club")
    assert dialog.form.error_text("next_steps") == "" and dialog.form.general.isHidden()
    dialog.visit_date.setText("20/11/2026")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()


def test_a_draft_is_kept_as_typed_and_comes_back_for_the_same_child_and_form(
    qtbot: QtBot, ctx: Context
) -> None:
    wren, ezra = child_id(ctx.caseload), child_id(ctx.caseload, "E1")
    dialog = shown(qtbot, VisitDialog(None, ctx, wren))
    qtbot.keyClicks(dialog.words, "Can I see my nan at Christmas")
    dialog.seen_alone.setCurrentIndex(dialog.seen_alone.findData("no"))
    qtbot.waitUntil(lambda: drafts.all_drafts(ctx.caseload) != [], timeout=5000)  # autosaved
    ctx.signals.locking.emit()
    assert dialog.close()  # a lock closes without asking, and keeps the draft
    (kept,) = drafts.all_drafts(ctx.caseload)
    assert kept.child_id == wren and kept.values["values"]["seen_alone"] == "no"

    other = VisitDialog(None, ctx, ezra)  # another child: a blank form
    qtbot.addWidget(other)
    other.show()
    assert other.words.toPlainText() == "" and not other.restored_note.isVisible()
    other.reject()
    again = VisitDialog(None, ctx, wren)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.restored):
        again.show()
    assert again.words.toPlainText() == "Can I see my nan at Christmas"
    assert again.seen_alone.currentData() == "no" and again.reason.isEnabled()
    assert again.restored_note.isVisible() and again.typed
    again.cancel()  # restored text counts as typed: Cancel asks
    assert again.question is not None and again.question.isVisible()


def reopened(qtbot: QtBot, dialog: SaveDialog) -> SaveDialog:
    """Keep the dialog's draft as a lock does, close it, and open the same one again."""
    dialog.ctx.signals.locking.emit()
    assert dialog.close()
    again = reopen(dialog.draft_payload(), QWidget(), dialog.ctx)
    assert again is not None
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.restored):
        again.show()
    return again


def test_the_write_up_a_consultation_and_a_postcard_keep_tables_answers_and_faces(
    qtbot: QtBot, ctx: Context
) -> None:
    wren = child_id(ctx.caseload)
    hold = shown(qtbot, HoldReviewDialog(None, ctx, wren))
    qtbot.keyClicks(hold.working_well, "Wren is settled")
    row = hold.decisions.table.rowCount() - 1
    hold.decisions.set_cell(row, 0, "Contact with nan at Christmas")
    hold.decisions.set_cell(row, 1, "Social worker")
    again = reopened(qtbot, hold)
    assert isinstance(again, HoldReviewDialog)
    assert again.working_well.toPlainText() == "Wren is settled"
    edits = [(e.text, e.owner) for e in again.decisions.rows()]
    assert edits == [("Contact with nan at Christmas", "Social worker")]

    form = shown(qtbot, ConsultationDialog(None, ctx, wren, "parent"))
    editor = next(iter(form.answers.editors.values()))
    assert isinstance(editor, QPlainTextEdit | QComboBox)
    if isinstance(editor, QPlainTextEdit):
        qtbot.keyClicks(editor, "She is happier now")
    else:
        editor.setCurrentIndex(1)
    typed = form.answers.answers()
    assert typed and not form.restored_note.isVisible()
    back = reopened(qtbot, form)
    assert isinstance(back, ConsultationDialog) and back.answers.answers() == typed
    assert back.kind.currentData() == "parent"

    postcard = shown(qtbot, FeedbackDialog(None, ctx, wren))
    postcard.rating_buttons["good"].click()
    assert postcard.typed  # choosing a face is typing too
    card = reopened(qtbot, postcard)
    assert isinstance(card, FeedbackDialog) and card.rating == "good"
    assert card.rating_buttons["good"].isChecked()
