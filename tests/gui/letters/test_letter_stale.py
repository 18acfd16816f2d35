"""The letter editor when the review's decisions were corrected after the letter was
written: the notice, the caption that no longer claims the old date is on the record, the
question before printing, and the one-click refresh, read back from the printed PDF."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from iro_desktop.domain.dates import format_date
from iro_desktop.gui.context import Context
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import decisions, entries
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Decision, Review
from tests.gui.letters.conftest import ACTOR, pdf_text
from tests.gui.letters.test_editor import open_editor
from tests.gui.letters.test_preview import open_preview

KEPT = "You told me you love the new football team, and we are all proud of you."


def correct_due(store: Caseload, decision_id: str, days: int) -> str:
    """The IRO corrects the decision's date in the review record; its new date, in words."""
    with operation(store, ACTOR) as op:
        d = op.session.get(Decision, decision_id)
        review = op.session.get(Review, d.review_id) if d is not None else None
        assert d is not None and review is not None and d.due_date is not None
        new = d.due_date + timedelta(days=days)
        entries.correct(op, "decision", lambda: decisions.update_decision(
            op, d, review, text=d.text, owner=d.owner, due_date=new))  # fmt: skip
    return format_date(new)


def written_letter(qtbot, ctx: Context, child_id: str) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """A letter saved with the IRO's own sentence for decision 1, which says its date."""
    editor = open_editor(qtbot, ctx, child_id)
    row = editor.form.rows[0]
    assert row.line.due is not None and row.line.decision_id
    old = format_date(row.line.due)
    sentence = f"Your team will sort this out with you by {old}."
    row.sentence.setPlainText(sentence)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    editor.close()
    return row.line.decision_id, old, sentence


def test_a_corrected_date_is_noticed_asked_about_and_brought_up_to_date(
    qtbot, ctx: Context, store: Caseload, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    decision_id, old, sentence = written_letter(qtbot, ctx, child_id)
    editor = open_editor(qtbot, ctx, child_id)
    assert not editor.stale_box.isVisible() and not editor.stale
    editor.close()

    new = correct_due(store, decision_id, 21)
    editor = open_editor(qtbot, ctx, child_id)
    assert editor.stale_box.isVisible() and editor.refresh_button.isEnabled()
    words = editor.stale_text.text()
    assert words.startswith("⚠ 1 decision was corrected in the review record after this letter")
    assert f"now by {new} (the letter says {old})" in words
    row = editor.form.rows[0]
    assert row.sentence.text() == sentence  # the letter as it stands: the old date
    assert "since corrected in the review record" in row.record.text()
    assert "in the review record:" not in row.record.text()  # no longer claims the old date

    # Printing a stale letter asks first; cancelling prints nothing.
    asked: list[str] = []

    def answer(choice: str) -> None:
        box = editor.stale_question
        assert box is not None
        asked.append(box.informativeText())
        if choice == "cancel":
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            [button] = [b for b in box.buttons() if b.text() == choice]
            button.click()

    for said in editor.form.answers:
        said.no_answer.setChecked(True)
    with qtbot.waitSignal(editor.checked, timeout=10_000) as check:
        editor.run_check()
    for _key, flag in check.args[0].unresolved:
        editor.panel.keep(flag)
    with qtbot.waitSignal(editor.checked, timeout=10_000) as check:
        editor.run_check()
    assert check.args[0].ready
    QTimer.singleShot(0, lambda: answer("cancel"))
    assert editor.show_preview() is None and editor.preview is None
    assert asked and f"now by {new}" in asked[0]

    # Unsaved wording elsewhere survives the refresh (saved in the same write).
    editor.form.fields["working_well"].setPlainText(KEPT)
    with qtbot.waitSignal(editor.loaded, timeout=20_000):
        editor.refresh_button.click()
    assert not editor.stale_box.isVisible() and not editor.stale
    assert editor.message.text() == "The decisions are up to date with the review record. ✔"
    assert editor.form.fields["working_well"].text() == KEPT
    row = next(r for r in editor.form.rows if r.line.decision_id == decision_id)
    assert row.sentence.text() == sentence.replace(old, new)
    assert "since corrected" not in row.record.text() and new in row.record.text()
    assert ctx.undo.undoText() == "bring the letter's decisions up to date"

    preview = open_preview(qtbot, editor)  # no question now: the letter is up to date
    printed = tmp_path / "letter.pdf"
    printed.write_bytes(preview.pdf)
    text = pdf_text(printed)
    assert sentence.replace(old, new) in text and sentence not in text and KEPT in text


def test_print_it_as_it_is_goes_ahead_and_bring_up_to_date_first_refreshes(
    qtbot, ctx: Context, store: Caseload, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    decision_id, _old, _sentence = written_letter(qtbot, ctx, child_id)
    correct_due(store, decision_id, 10)
    editor = open_editor(qtbot, ctx, child_id)
    for row in editor.form.answers:
        row.no_answer.setChecked(True)
    with qtbot.waitSignal(editor.checked, timeout=10_000) as check:
        editor.run_check()
    for _key, flag in check.args[0].unresolved:
        editor.panel.keep(flag)
    with qtbot.waitSignal(editor.checked, timeout=10_000) as check:
        editor.run_check()
    assert check.args[0].ready

    def click(text: str) -> None:
        box = editor.stale_question
        assert box is not None
        [button] = [b for b in box.buttons() if b.text() == text]
        button.click()

    QTimer.singleShot(0, lambda: click("Print it as it is"))
    preview = editor.show_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.document is not None, timeout=10_000)
    preview.close()

    with qtbot.waitSignal(editor.loaded, timeout=20_000):
        QTimer.singleShot(0, lambda: click("Bring them up to date first"))
        assert editor.show_preview() is None
    assert not editor.stale
