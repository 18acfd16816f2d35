"""A child added long after coming into care, with no review on file: Home asks for the
last review's date (never "Overdue by 2,000-odd days"), the Reviews tab says what the
program assumes, and recording the last review there clears the item; Undo puts it back.

The test day is Tuesday 24 November 2026. Sam came into care on Friday 3 May 2019 (a
first review was due on 4 June 2019). The last review, on Tuesday 1 September 2026, makes
the next one due within 6 months, by 1 March 2027.
"""

from __future__ import annotations

from typing import Any

from iro_desktop.gui.setup.child_dialog import AddChildDialog
from iro_desktop.store.reads.whats_due import Bucket
from iro_desktop.store.schema import Child
from tests.gui.test_read_back import shoot


def _sams(window: Any, child_id: str) -> list[Any]:
    return [i for i in window.workspace.home.items if i.child_id == child_id]


def test_home_asks_for_the_last_review_and_recording_it_clears_the_item(window) -> None:
    add = AddChildDialog(window.ctx, window)
    add.form.set_values({
        "child_ref": "NH1", "first_name": "Samuel", "last_name": "Brook",
        "preferred_name": "Sam", "date_of_birth": "14/02/2011",
        "became_looked_after": "03/05/2019", "legal_status": "C2", "place_code": "U4",
        "start_date": "12/06/2023", "county": "in",
    })  # fmt: skip
    add.save()
    assert not add.isVisible()
    child_id = add.result_value
    home = window.workspace.home
    [item] = _sams(window, child_id)
    assert item.label == "Last review date needed" and item.bucket is Bucket.TO_RECORD
    assert "Came into care on 3 May 2019" in item.detail and item.tab == "Reviews"
    row = next(
        home.tree.topLevelItem(n).child(k)
        for n in range(home.tree.topLevelItemCount())
        for k in range(home.tree.topLevelItem(n).childCount())
        if home.tree.topLevelItem(n).child(k).text(1) == "Sam Brook"
    )
    assert row.text(0) == "Date needed" and "Overdue" not in row.text(0)
    shoot(home, "home-last-review-needed")

    window.workspace.open_child(child_id, "Reviews")
    record = window.workspace.record
    assert "assumes their reviews were held before then" in record.review_note.text()
    assert "Last review date needed" in record.next_label.text()
    assert "Overdue" not in record.next_label.text()
    assert record.last_review.isVisibleTo(record)
    dialog = record.record_last_review()
    assert dialog is not None
    dialog.form.set_values({"held_date": "01/09/2026", "participation_code": "PN1"})
    assert dialog.form.values()["number"] == 16  # suggested, as if held on their last days
    dialog.save()
    assert not dialog.isVisible()
    assert "1 March 2027" in record.next_label.text()
    assert not record.last_review.isVisibleTo(record)
    assert record.reviews.item(0, 0).text() == "16"
    assert not [i for i in _sams(window, child_id) if i.label == "Last review date needed"]
    with window.caseload.session() as s:
        child = s.get(Child, child_id)
        assert child is not None and child.review_history_needed_since is None

    assert window.undo.undoText() == "record last review"
    window.undo.undo()  # the review and the cleared day together
    [item] = _sams(window, child_id)
    assert item.label == "Last review date needed"
    with window.caseload.session() as s:
        child = s.get(Child, child_id)
        assert child is not None and child.review_history_needed_since is not None
