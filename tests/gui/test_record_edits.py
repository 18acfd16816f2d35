"""Editing and ending people and placements from the child's record, on the demo caseload."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from iro_desktop.gui.forms import date_text
from iro_desktop.store.schema import Person, Placement
from tests.conftest import TODAY

SHOTS = os.environ.get("IRO_DIALOG_SHOTS")  # set to a folder to keep pictures of the dialogs


def shoot(dialog, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(Path(SHOTS) / f"{name}.png"))


def row_of(table, column: int, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(table.rowCount()) if table.item(r, column).text() == text)


def db(window, model, row_id: str):  # type: ignore[no-untyped-def]
    with window.caseload.session() as s:
        return s.get(model, row_id)


def test_a_person_is_edited_by_double_click_with_errors_beside_the_field(record, window) -> None:
    record.show_tab("People")
    edit, end, _delete = record.row_buttons["person"]
    assert not edit.isEnabled() and not end.isEnabled()
    person = record.file.people[0]
    record.people.selectRow(0)
    assert edit.isEnabled() and end.isEnabled()
    rect = record.people.visualRect(record.people.model().index(0, 1))
    viewport, left = record.people.viewport(), Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier(0)
    QTest.mouseClick(viewport, left, none, rect.center())  # as a hand does: press, then again
    QTest.mouseDClick(viewport, left, none, rect.center())
    dialog = record.dialog
    assert dialog.windowTitle() == "Edit a person" and dialog.isVisible()
    assert dialog.form.values()["name"] == person.name
    dialog.form.set_values({"email": "not an address", "phone": "01632 960001"})
    dialog.save()
    shoot(dialog, "edit-person-error")
    assert "does not look like" in dialog.form.error_text("email") and dialog.isVisible()
    assert dialog.form.values()["phone"] == "01632 960001"  # nothing typed is lost
    assert db(window, Person, person.id).version == person.version  # nothing saved
    dialog.form.set_values({"email": "new.address@borough.example", "notes": "On leave"})
    dialog.save()
    assert not dialog.isVisible()
    row = db(window, Person, person.id)
    assert (row.email, row.phone, row.notes) == ("new.address@borough.example",
                                                  "01632 960001", "On leave")  # fmt: skip
    r = row_of(record.people, 1, person.name)
    assert record.people.item(r, 4).text() == "new.address@borough.example"


def test_a_person_who_left_is_kept_and_cannot_leave_twice(record, window) -> None:
    record.show_tab("People")
    person = record.file.people[0]
    record.people.selectRow(0)
    dialog = record.end_row("person")
    dialog.form.set_values({"end_date": date_text(TODAY + timedelta(days=2))})
    dialog.save()
    shoot(dialog, "end-person-error")
    assert "after today" in dialog.form.error_text("end_date")
    assert db(window, Person, person.id).end_date is None
    dialog.form.set_values({"end_date": date_text(TODAY)})
    dialog.save()
    assert not dialog.isVisible()
    assert db(window, Person, person.id).end_date == TODAY
    r = row_of(record.people, 1, person.name)
    assert record.people.item(r, 5).text().startswith("Left")
    assert r == record.people.rowCount() - 1 or all(
        record.people.item(i, 5).text().startswith("Left")
        for i in range(r, record.people.rowCount())
    )  # people who left come after everyone current
    record.people.selectRow(r)
    edit, end, _delete = record.row_buttons["person"]
    assert edit.isEnabled() and not end.isEnabled()
    assert record.end_row("person") is None


def moving_child(window):  # type: ignore[no-untyped-def]
    """A child with an earlier placement whose six-monthly review is some way off."""
    for row in window.workspace.caseload.model.rows:
        if (row.next_due - TODAY).days > 45 and row.kind == "Six-monthly":
            window.workspace.open_child(row.child_id)
            record = window.workspace.record
            if len(record.file.placements) >= 2 and not record.file.placements[0].end_date:
                return row, record
    raise AssertionError("the demo caseload has no such child")


def test_moving_a_placement_start_refreshes_and_says_the_review_moved(window) -> None:
    row, record = moving_child(window)
    record.show_tab("Placements")
    current, previous = record.file.placements[0], record.file.placements[1]
    record.placements.selectRow(0)
    record.placements.setFocus()
    QTest.keyClick(record.placements, Qt.Key.Key_Return)
    dialog = record.dialog
    assert dialog.windowTitle() == "Edit the placement"
    assert dialog.form.values()["start_date"] == date_text(current.start_date)
    dialog.form.set_values({"start_date": date_text(previous.start_date), "area": "Leeds"})
    dialog.save()
    shoot(dialog, "edit-placement-error")
    assert "after the previous placement" in dialog.form.error_text("start_date")
    assert db(window, Placement, current.id).area == current.area
    old_label = record.next_label.text()
    dialog.form.set_values({"start_date": date_text(TODAY)})
    dialog.save()
    assert not dialog.isVisible()
    assert db(window, Placement, current.id).start_date == TODAY
    assert db(window, Placement, previous.id).end_date == TODAY  # re-ended with it
    assert "brought forward" in record.banner.text() and record.banner.isVisibleTo(window)
    assert record.next_label.text() != old_label
    assert record.placements.item(0, 0).text() == record.placements.item(1, 1).text()
    moved = next(r for r in window.workspace.caseload.model.rows if r.child_id == row.child_id)
    assert moved.next_due < row.next_due


def test_ending_a_placement_with_no_new_one(record, window) -> None:
    record.show_tab("Placements")
    current = record.file.placements[0]
    assert current.end_date is None
    record.placements.selectRow(0)
    dialog = record.end_row("placement")
    dialog.form.set_values({"end_date": date_text(current.start_date - timedelta(days=1)),
                            "end_reason": "Returned home"})  # fmt: skip
    dialog.save()
    shoot(dialog, "end-placement-error")
    assert "before the placement began" in dialog.form.error_text("end_date")
    assert db(window, Placement, current.id).end_date is None
    dialog.form.set_values({"end_date": date_text(TODAY)})
    dialog.save()
    assert not dialog.isVisible()
    row = db(window, Placement, current.id)
    assert (row.end_date, row.end_reason) == (TODAY, "Returned home")
    assert record.placements.item(0, 1).text() != "Current"
    assert not record.row_buttons["placement"][1].isEnabled()
    assert record.banner.text().startswith("The next review")
