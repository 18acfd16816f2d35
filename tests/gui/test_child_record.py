"""The child's record: tabs, editing with bad input, brought-forward notice, undo, drafts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.store.schema import Child, Placement
from tests.conftest import TODAY
from tests.gui.conftest import _OPEN, make_window


def saved(window, child_id: str) -> Child:  # type: ignore[no-untyped-def]
    with window.caseload.session() as s:
        return s.get(Child, child_id)


def test_record_has_every_tab_and_a_filterable_footprint(record) -> None:
    assert record.tab_titles()[:6] == ["Profile", "Placements", "Legal status", "People",
                                        "Reviews", "Footprint"]  # fmt: skip
    assert record.placements.rowCount() >= 1 and record.reviews.rowCount() >= 1
    fp = record.footprint
    total = len(fp.events)
    assert total > 0 and fp.table.rowCount() == total
    fp.kind.setCurrentIndex(fp.kind.findData("Review"))
    assert 0 < fp.table.rowCount() < total
    assert all(fp.table.item(r, 1).text() == "Review" for r in range(fp.table.rowCount()))
    fp.words.setText("nothing matches this")
    assert fp.table.rowCount() == 0


@pytest.mark.parametrize(
    ("field", "typed", "problem"),
    [
        ("first_name", "", "is required"),
        ("date_of_birth", "31/02/2019", "is not a real date"),
        ("date_of_birth", "1/1/99999", "is not a date"),
        ("date_of_birth", "01/01/1850", "is outside the range"),
        ("date_of_birth", "01/01/2099", "is after today"),
        ("last_name", "x" * 5000, "is too long"),
        ("communication_needs", "y" * 200_001, "is too long"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_saved_is_lost(
    record, window, field: str, typed: str, problem: str
) -> None:
    before = saved(window, record.child_id)
    form = record.profile.form
    form.set_values({"pronouns": "they/them", field: typed})
    record.profile._edited()
    record.profile.save()
    assert problem in form.error_text(field)
    assert form.values()[field] == typed and form.values()["pronouns"] == "they/them"
    after = saved(window, record.child_id)
    assert (after.first_name, after.pronouns, after.version) == (
        before.first_name, before.pronouns, before.version)  # fmt: skip


def test_birth_after_becoming_looked_after_is_refused(record, window) -> None:
    child = saved(window, record.child_id)
    late = child.became_looked_after + timedelta(days=3)
    record.profile.form.set_values({"date_of_birth": late.strftime("%d/%m/%Y")})
    record.profile.save()
    assert "before the date of birth" in record.profile.form.error_text("became_looked_after")
    assert saved(window, record.child_id).date_of_birth == child.date_of_birth


def test_emoji_and_right_to_left_text_are_saved_and_undo_restores(record, window) -> None:
    child_id = record.child_id
    old = saved(window, child_id).preferred_name
    record.profile.form.set_values({"preferred_name": "Samira 🌟", "first_language": "العربية"})
    record.profile._edited()
    assert record.profile.is_dirty()
    record.profile.save()
    now = saved(window, child_id)
    assert (now.preferred_name, now.first_language) == ("Samira 🌟", "العربية")
    assert not record.profile.is_dirty()
    assert "Samira 🌟" in record.title.text()
    window.undo.undo()
    assert saved(window, child_id).preferred_name == old
    window.undo.redo()
    assert saved(window, child_id).preferred_name == "Samira 🌟"


def test_the_childs_language_is_chosen_on_the_profile_for_letters_and_child_mode(
    record, window
) -> None:
    """A Tigrinya-speaking child's child mode and new letters are in Tigrinya once the IRO
    chooses it on the profile; Undo puts the language back."""
    from iro_desktop.documents.letter_reads import letter_file

    child_id = record.child_id
    old = saved(window, child_id).language_code
    box = record.profile.form.editors["language_code"]
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels[0].startswith("Not chosen") and "English" in labels[1]
    assert any("(Tigrinya)" in label for label in labels)
    box.setCurrentIndex(box.findData("ti"))  # as the IRO picks it from the list
    assert record.profile.is_dirty() and record.profile.save_button.isEnabled()
    record.profile.save()
    assert saved(window, child_id).language_code == "ti"
    assert "(Tigrinya)" in box.currentText() and not record.profile.is_dirty()
    with window.caseload.session() as s:
        assert letter_file(s, child_id).content.language == "ti"  # child mode reads it too
    window.undo.undo()
    assert saved(window, child_id).language_code == old
    assert box.currentData() == old


def test_a_new_placement_brings_the_review_forward_and_says_so(window) -> None:
    rows = window.workspace.caseload.model.rows
    far = next(r for r in rows if (r.next_due - TODAY).days > 45 and r.kind == "Six-monthly")
    window.workspace.open_child(far.child_id)
    record = window.workspace.record
    dialog = record.new_placement()
    dialog.form.set_values({"place_code": "U4", "start_date": "01/01/1990", "area": "Leeds"})
    dialog.save()
    assert dialog.isVisible() and dialog.form.error_text("start_date")
    dialog.form.set_values({"start_date": TODAY.strftime("%d/%m/%Y")})
    dialog.save()
    assert not dialog.isVisible()
    assert "brought forward" in record.banner.text()
    assert record.banner.isVisibleTo(window)
    new_due = window.workspace.caseload.model.rows
    row = next(r for r in new_due if r.child_id == far.child_id)
    assert row.next_due < far.next_due and row.kind == "Brought forward"
    with window.caseload.session() as s:
        live = [p for p in s.query(Placement).filter_by(child_id=far.child_id) if not p.end_date]
    assert len(live) == 1 and live[0].area == "Leeds"


def test_adding_a_person_checks_the_fields(record, window) -> None:
    dialog = record.add_person()
    dialog.form.set_values({"role": "advocate", "name": "  "})
    dialog.save()
    assert "is required" in dialog.form.error_text("name")
    dialog.form.set_values({"name": "Robin Advocate", "email": "not-an-address"})
    dialog.save()
    assert "email" in dialog.form.error_text("email") or dialog.form.error_text("email")
    dialog.form.set_values({"email": "robin@advocacy.example"})
    dialog.save()
    assert not dialog.isVisible()
    names = [record.people.item(r, 1).text() for r in range(record.people.rowCount())]
    assert "Robin Advocate" in names


def test_autosaved_draft_survives_a_crash(demo_folder, qtbot) -> None:
    first = make_window(demo_folder, qtbot)
    first.try_unlock(DEMO_PASSPHRASE)
    child_id = first.workspace.caseload.model.rows[7].child_id
    first.workspace.open_child(child_id)
    profile = first.workspace.record.profile
    profile.form.editors["pronouns"].setText("she/her")
    with qtbot.waitSignal(profile.autosave.timeout, timeout=5000):
        profile.form.editors["pronouns"].textEdited.emit("she/her")
    # The crash: no save, no lock, no close; only the process's connections go.
    first.ctx.alive = False
    first.ctx.caseload.close()
    first.ctx = None
    _OPEN.remove(first)
    first.hide()
    first.deleteLater()
    second = make_window(demo_folder, qtbot)
    second.try_unlock(DEMO_PASSPHRASE)
    assert saved(second, child_id).pronouns != "she/her"
    second.workspace.open_child(child_id)
    again = second.workspace.record.profile
    assert again.form.values()["pronouns"] == "she/her"
    assert again.banner.isVisibleTo(second) and "Restored" in again.banner.text()
    assert again.is_dirty()
    again.save()
    assert saved(second, child_id).pronouns == "she/her"
    from iro_desktop.store.drafts import load_draft

    assert load_draft(second.caseload, again.draft_key) is None
    second.lock()


def test_closing_asks_only_when_something_is_unsaved(record, window, monkeypatch) -> None:
    asked: list[str] = []

    def answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    record.profile.form.editors["school"].setText("Somewhere new")
    record.profile._edited()
    assert not window.close()
    assert asked and not window.is_locked()
    record.profile.revert()
    assert window.close()
    assert len(asked) == 1 and window.is_locked()


@pytest.mark.parametrize("button", ["save_button", "revert_button"])
def test_the_record_stays_open_after_save_and_after_discard(record, window, qtbot, button) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    workspace = window.workspace
    record.show_tab("Profile")
    profile = record.profile
    profile.form.set_values({"pronouns": "they/them"})
    profile._edited()
    clicked = getattr(profile, button)
    assert clicked.isEnabled()
    qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton)  # takes the focus, as a click does
    assert not clicked.isEnabled()  # nothing left to save or discard
    QApplication.processEvents()  # the focus moves on in posted events
    assert workspace.record is record and workspace.pages.currentWidget() is record
    assert workspace.nav.currentRow() == -1
    pronouns = saved(window, record.child_id).pronouns
    assert (pronouns == "they/them") == (button == "save_button")
