"""Everything can be read back: a footprint entry and a search hit open the entry itself,
in full and read-only; a case note is added from the record, shown and found; the Reviews
tab says what the program assumes about reviews missing from the file."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from iro_desktop.gui.record.entry_view import EntryDialog
from iro_desktop.store.ops import casework, children
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.schema import Child, Note, Review, ReviewFeedback
from tests.conftest import TODAY

SHOTS = os.environ.get("IRO_DIALOG_SHOTS")  # set to a folder to keep pictures

WORDS = (
    "I like it here because Auntie Jo lets me feed the chickens before school, and on "
    "Saturdays we go to the big park by the river. I miss my brother Kai and I want to see "
    "him more than once a month. I do not want to change school again, not ever, because "
    "my friend Priya is there and Mr Okafor lets me help in the library at lunchtime."
)
NEXT_STEPS = "Ask the social worker about more time with Kai; check the PEP by Friday."


def shoot(widget: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def write(window: Any, fn: Any) -> Any:
    out: list[Any] = []
    window.ctx.write(fn, out.append, owner=window)
    return out[0]


def visit(window: Any, child_id: str) -> str:
    def go(op: Any) -> str:
        child = op.session.get(Child, child_id)
        return casework.add_visit(
            op, child, visit_date=TODAY - timedelta(days=2), method="in_person", today=TODAY,
            place="At the foster home", seen_alone=True, child_words=WORDS,
            summary="Settled and chatty.", next_steps=NEXT_STEPS, mileage=37,
            travel_minutes=55,
        ).id  # fmt: skip

    return str(write(window, go))


def footprint_row(record: Any, row_id: str) -> int:
    shown = record.footprint.shown()
    return next(n for n, e in enumerate(shown) if e.row_id == row_id)


def test_a_footprint_entry_opens_in_full_read_only(record, window) -> None:
    visit_id = visit(window, record.child_id)
    record.show_tab("Footprint")
    table = record.footprint.table
    row = footprint_row(record, visit_id)
    cell = table.item(row, 3).text()
    assert cell.startswith(WORDS[:40])  # the table shows the start of what was said
    table.setFocus()
    table.selectRow(row)
    assert record.footprint.open_button.isEnabled()
    QTest.keyClick(table, Qt.Key.Key_Return)  # Enter opens it, as a double-click does
    dialog = record.dialog
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    shoot(dialog, "entry-visit")
    text = dialog.body.toPlainText()
    assert WORDS in " ".join(text.split())  # all of it, not a summary
    for expected in ("The child's own words", "What I will do next", NEXT_STEPS,
                     "Mileage", "37 miles", "55 minutes", "At the foster home", "Face to face",
                     "Before the review"):  # fmt: skip
        assert expected in text, expected
    assert dialog.body.isReadOnly()
    assert dialog.edit.isVisible()  # read first, then Edit corrects it
    assert not dialog.record.isVisible()  # already on the child's record
    shoot(record, "footprint")


def test_the_footprint_says_each_kind_in_words_never_a_code(record, window) -> None:
    record.show_tab("Footprint")
    shown = " ".join(
        record.footprint.table.item(r, c).text()
        for r in range(record.footprint.table.rowCount())
        for c in (1, 2)
    )
    for raw in ("brought_forward", "subsequent", "pre_review", "between_reviews", "case_note"):
        assert raw not in shown, raw


def test_a_note_is_added_from_the_record_shown_in_the_footprint_and_found(record, window) -> None:
    record.show_tab("Footprint")
    record.footprint.add_note.click()
    dialog = record.dialog
    assert dialog.windowTitle() == "Add a note"
    dialog.save()
    assert dialog.isVisible() and dialog.form.error_text("text")  # no words: said beside it
    dialog.form.set_values({"note_date": "31/12/2031", "text": "Typed first"})
    dialog.save()
    assert dialog.isVisible() and "after today" in dialog.form.error_text("note_date")
    assert dialog.form.values()["text"] == "Typed first"  # nothing typed is lost
    kind = dialog.form.editors["kind"]
    kind.setCurrentIndex(kind.findData("phone_call"))
    said = "Rang the placement: Quillon settled after the move, sleeping better, wants a bike."
    dialog.form.set_values({"note_date": TODAY.strftime("%d/%m/%Y"), "text": said})
    shoot(dialog, "add-note")
    dialog.save()
    assert not dialog.isVisible()
    with window.caseload.session() as s:
        note = s.query(Note).filter(Note.child_id == record.child_id, Note.text == said).one()
        assert (note.kind, note.note_date, note.version) == ("phone_call", TODAY, 1)
    row = footprint_row(record, note.id)
    assert record.footprint.table.item(row, 1).text() == "Note"
    assert record.footprint.table.item(row, 2).text() == "Phone call"
    # Found by search; the hit opens the note itself, over the results.
    window._search("Quillon bike")
    view = window.workspace.search
    [group] = view.results
    hit = view.tree.topLevelItem(0).child(0)
    assert hit.text(0) == "Case note"
    view._open(hit)
    viewer = view.viewer
    assert isinstance(viewer, EntryDialog) and viewer.isVisible()
    assert said in viewer.body.toPlainText() and "Phone call" in viewer.body.toPlainText()
    shoot(viewer, "entry-note-from-search")
    assert viewer.record.isVisible()
    viewer.record.click()  # and on to the child's record
    assert window.workspace.record.child_id == group.child_id


def test_a_search_hit_in_a_visit_opens_the_visit_in_full(window) -> None:
    child_id = window.workspace.caseload.model.rows[5].child_id
    visit(window, child_id)
    window._search("chickens Priya")
    view = window.workspace.search
    hit = view.tree.topLevelItem(0).child(0)
    assert hit.text(0) == "Visit" and len(hit.text(1)) < len(WORDS)  # a snippet
    view._open(hit)
    text = " ".join(view.viewer.body.toPlainText().split())
    assert WORDS in text and NEXT_STEPS in text


def test_a_placement_opens_read_only_with_edit(window) -> None:
    child_id = window.workspace.caseload.model.rows[2].child_id
    window.workspace.open_child(child_id)
    record = window.workspace.record
    placement = record.file.placements[0]
    dialog = record.open_entry("placements", placement.id)
    assert "Type" in dialog.body.toPlainText() and placement.place_code in dialog.body.toPlainText()
    assert dialog.edit.isVisible()
    opening = dialog.open_editor()  # what Edit does
    editor = opening.dialog if opening is not None else None  # read at once (inline runner)
    assert editor is not None and editor.windowTitle() == "Edit the placement"
    editor.reject()


def test_the_reviews_tab_says_what_is_assumed_and_the_iro_changes_the_number(window) -> None:
    """In care since 2 September 2019, one imported review of 10 August 2026: taken as a
    later one (due 10 February 2027). The IRO says it was the first: the second is then
    due 3 months on, 10 November 2026, overdue on 24 November."""

    def add(op: Any) -> str:
        child = children.add_child(
            op, child_ref="R9", first_name="Rowan", last_name="Ashcombe",
            date_of_birth=date(2012, 4, 18), became_looked_after=date(2019, 9, 2), today=TODAY,
        )  # fmt: skip
        children.set_legal_status(op, child, "C2", date(2019, 9, 2), TODAY)
        review_ops.record_held_review(op, child, held_date=date(2026, 8, 10), imported=True,
                                      participation_code="PN1", today=TODAY)  # fmt: skip
        return child.id

    child_id = write(window, add)
    window.workspace.open_child(child_id)
    record = window.workspace.record
    record.show_tab("Reviews")
    assert "Assumed a later review: came into care 2 September 2019" in record.review_note.text()
    assert "10 February 2027" in record.next_label.text()
    assert record.reviews.item(0, 0).text() == "2 (assumed)"
    assert record.reviews.item(0, 2).text() == "Held (imported)"
    shoot(record, "reviews-assumed")
    dialog = record.confirm_review_number()
    assert dialog is not None and dialog.form.values()["number"] == 2  # what is assumed
    dialog.form.set_values({"number": 1})
    dialog.save()
    assert not dialog.isVisible()
    assert record.review_note.text() == ""
    assert "10 November 2026" in record.next_label.text() and "Overdue" in record.next_label.text()
    assert record.reviews.item(0, 0).text() == "1"
    with window.caseload.session() as s:
        assert s.query(Review).filter(Review.child_id == child_id).one().number == 1


def test_a_held_review_and_a_challenge_open_with_every_part(record, window) -> None:
    events = record.footprint.events
    review = next(e for e in events if e.table == "reviews")
    dialog = record.open_entry("reviews", review.row_id)
    text = dialog.body.toPlainText()
    shoot(dialog, "entry-review")
    for expected in ("Held on", "Who came", "Participation", "What is working well",
                     "Decision 1", "Who", "By when", "Decisions shared"):  # fmt: skip
        assert expected in text, expected
    assert record.file.child.display_name in dialog.kind.text()
    dialog.close()
    challenge = next(e for e in events if e.table == "challenges")
    dialog = record.open_entry("challenges", challenge.row_id)
    text = dialog.body.toPlainText()
    shoot(dialog, "entry-challenge")
    assert "The issue" in text and "Stage 0: Informal" in text and "Raised with" in text


def held_review_id(window: Any, child_id: str) -> str:
    """A held review of the child without the child's feedback yet."""
    with window.caseload.session() as s:
        rated = s.query(ReviewFeedback.review_id).filter(ReviewFeedback.deleted.is_(False))
        review = (
            s.query(Review)
            .filter(Review.child_id == child_id, Review.status == "held", Review.id.not_in(rated))
            .order_by(Review.held_date.desc())
            .first()
        )
        assert review is not None
        return str(review.id)


def test_the_childs_feedback_is_in_the_footprint_and_opens_with_edit(record, window) -> None:
    from iro_desktop.store.ops import feedback

    review_id = held_review_id(window, record.child_id)
    said = "It was OK but it went on too long and I was hungry."

    def add(op: Any) -> str:
        review = op.session.get(Review, review_id)
        return feedback.add_feedback(op, review, rating="good", venue_as_wanted=True,
                                     comments=said).id  # fmt: skip

    feedback_id = str(write(window, add))
    record.show_tab("Footprint")
    view = record.footprint
    view.kind.setCurrentIndex(view.kind.findData("Feedback"))
    assert view.kind.currentText() == "Feedback"  # not "Feedbacks"
    row = next(n for n, e in enumerate(view.shown()) if e.row_id == feedback_id)
    assert view.table.item(row, 1).text() == "Feedback"
    what = view.table.item(row, 2).text()
    assert what == "The child's feedback on the review: Good"  # words, not a face or a code
    assert view.table.item(row, 3).text() == said
    view.table.selectRow(row)
    assert view.edit_button.isEnabled()
    view.open_selected()
    dialog = record.dialog
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    shoot(dialog, "entry-feedback")
    text = dialog.body.toPlainText()
    for expected in ("How it was", "Good", "The venue was as they wanted", said):
        assert expected in text, expected
    assert dialog.edit.isVisible()
    opening = dialog.open_editor()
    editor = opening.dialog if opening is not None else None
    assert editor is not None and editor.windowTitle() == "Correct the child's feedback"
    editor.reject()


def test_a_childs_alert_opens_saying_when_and_what_the_iro_did(record, window) -> None:
    from iro_desktop.store.ops import child_mode

    raised = TODAY - timedelta(days=3)
    did = "Saw Wren alone at school the next day; she is worried about contact. Told the SW."

    def add(op: Any) -> str:
        alert = child_mode.raise_alert(op, record.child_id, None, "not_safe", raised)
        return child_mode.raise_alert(op, record.child_id, None, "talk_alone", raised).id + (
            "|" + child_mode.record_alert_action(op, alert, action=did, acted_on=TODAY - timedelta(
                days=2), today=TODAY).id
        )  # fmt: skip

    open_id, acted_id = str(write(window, add)).split("|")
    record.show_tab("Footprint")
    view = record.footprint
    view.kind.setCurrentIndex(view.kind.findData("Child's alert"))
    shown = view.shown()
    assert {e.row_id for e in shown} >= {open_id, acted_id}
    row = next(n for n, e in enumerate(shown) if e.row_id == acted_id)
    view.table.selectRow(row)
    assert view.open_button.isEnabled() and not view.edit_button.isEnabled()
    view.open_selected()
    dialog = record.dialog
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    shoot(dialog, "entry-child-alert")
    text = dialog.body.toPlainText()
    for expected in ("Raised", raised.strftime("%-d %B %Y"), "I don\u2019t feel safe",
                     "Acted on", "What the IRO did", did):  # fmt: skip
        assert expected in text.replace("'", "\u2019"), expected
    assert not dialog.edit.isVisible()  # what was done is recorded from Home
    dialog.close()
    row = next(n for n, e in enumerate(view.shown()) if e.row_id == open_id)
    view.table.selectRow(row)
    view.open_selected()
    text = record.dialog.body.toPlainText()
    assert "Open: record what you did" in text and "I want to talk to you alone" in text
