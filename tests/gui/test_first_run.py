"""First run on a new, empty caseload: passphrase, profile, children, and a working Home.

A real encrypted caseload made by the set-up screen; no demo data anywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from sqlalchemy import func, select

from iro_desktop.devtools.firstrun_tour import sample_csv
from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.setup.child_dialog import AddChildDialog
from iro_desktop.gui.setup.import_dialog import ImportDialog
from iro_desktop.gui.setup.profile_dialog import AUTHORITY_HINTS, ProfileDialog
from iro_desktop.gui.tasks import InlineRunner
from iro_desktop.store import queries
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.settings_write import keep_supplied
from iro_desktop.store.queries import me
from iro_desktop.store.schema import Child, Placement
from tests.conftest import TODAY
from tests.gui import conftest

NEW_PASSPHRASE = "three quiet harbour lights"


def new_window(folder: Path) -> MainWindow:
    window = MainWindow(folder, runner=InlineRunner(), today=TODAY)
    window.resize(1366, 768)
    window.show()
    conftest._OPEN.append(window)
    return window


def children(caseload: Caseload) -> int:
    with caseload.session() as session:
        return int(session.scalar(select(func.count()).select_from(Child)) or 0)


def set_up(window: MainWindow, qtbot) -> ProfileDialog:  # type: ignore[no-untyped-def]
    screen = window.setup_screen
    assert screen is not None and screen.isVisibleTo(window)
    screen.passphrase.setText(NEW_PASSPHRASE)
    screen.again.setText(NEW_PASSPHRASE)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert not window.is_locked()
    profile = window.setup_dialog
    assert isinstance(profile, ProfileDialog) and profile.isVisible()
    assert profile.intro.text().startswith("Step 2 of 3")
    return profile


def fill_profile(profile: ProfileDialog) -> None:
    profile.form.set_values({
        "name": "Sam Hartley", "role": "Senior IRO", "phone": "01632 960321",
        "email": "sam.hartley@northmoor.example",
        "authority_name": "Northmoor Borough Council", "authority_phone": "01632 960555",
        "authority_email": "reviews@northmoor.example",
        "advocacy_service": "Northmoor Advocacy", "advocacy_phone": "0808 157 0202",
        "children_in_care_council": "Northmoor Voices",
        "children_in_care_council_phone": "01632 960777",
        "forms_return": "Reviewing Service, Northmoor Borough Council, Civic Centre, NM1 1AA",
    })  # fmt: skip


def profiled_window(qtbot, tmp_path: Path, then: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """Set up, the profile saved, and the next setting-up dialog (``then``) open."""
    window = new_window(tmp_path / "new")
    profile = set_up(window, qtbot)
    fill_profile(profile)
    profile.save()
    window.start(then)
    return window


def test_first_run_ends_with_a_working_caseload_from_a_csv(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = new_window(tmp_path / "new")
    profile = set_up(window, qtbot)
    authority = profile.form.editors["authority_name"]
    assert isinstance(authority, QLineEdit)
    assert authority.text() == "" and "your council's name" in authority.placeholderText()
    council = profile.form.editors["children_in_care_council"]
    assert isinstance(council, QLineEdit)
    assert "Children in Care Council name" in council.placeholderText()
    for key in AUTHORITY_HINTS:  # the demo's words never print: they are required
        editor = profile.form.editors[key]
        assert isinstance(editor, QLineEdit)
        hint = editor.placeholderText()
        assert hint.startswith("Required: ") and "Demo" not in hint, key
    profile.form.set_values({"name": "Sam Hartley", "email": "not an address"})
    profile.save()
    assert "not an email address" in profile.form.error_text("email")  # with the rest, at once
    assert "required" in profile.form.error_text("authority_name")  # never the demo's
    assert "required" in profile.form.error_text("advocacy_phone")
    assert "required" in profile.form.error_text("forms_return")  # blank forms go back here
    fill_profile(profile)
    profile.form.set_values({"email": "not an address"})
    profile.save()
    assert "not an email address" in profile.form.error_text("email")
    assert profile.isVisible()  # nothing typed is lost to a mistake
    fill_profile(profile)
    profile.save()
    assert profile.result() == QDialog.DialogCode.Accepted
    assert window.ctx is not None
    caseload = window.ctx.caseload
    with caseload.session() as session:
        mine = me(session)
        assert mine is not None and (mine.name, mine.role) == ("Sam Hartley", "Senior IRO")

    # The empty Home says what to do next, and its button opens the import.
    assert window.workspace is not None
    home = window.workspace.home
    assert home.welcome.isVisibleTo(window)
    qtbot.mouseClick(home.start_buttons["import"], Qt.MouseButton.LeftButton)
    dialog = window.setup_dialog
    assert isinstance(dialog, ImportDialog)

    csv = sample_csv(tmp_path / "children.csv", bad=True)
    dialog.choose(csv)
    problems = [dialog.lines.item(i).text() for i in range(dialog.lines.count())]
    assert len(problems) == 1
    assert problems[0].startswith("row 3, date_of_birth")
    assert "nothing has been imported" in dialog.outcome.text()
    assert not dialog.import_button.isEnabled()
    assert children(caseload) == 0

    sample_csv(csv)  # put right in the file
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    assert "Ready to import 3 children" in dialog.outcome.text()
    assert children(caseload) == 0  # the check wrote nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("Imported (Ctrl+Z undoes it all).")
    assert children(caseload) == 3
    dialog.close()

    names = sorted(row.name for row in window.workspace.caseload.model.rows)
    assert names == ["Bea Marlowe", "Kitty Fennick", "Wren Elmstead"]
    assert not home.welcome.isVisibleTo(window)
    with caseload.session() as session:
        mine = me(session)
        assert mine is not None
        owned = session.scalars(select(Child.iro_id)).all()
        assert set(owned) == {mine.id}  # the imported children are the IRO's


def test_a_child_added_by_hand_opens_on_their_record(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = profiled_window(qtbot, tmp_path, "add_child")
    dialog = window.setup_dialog
    assert isinstance(dialog, AddChildDialog)
    dialog.form.set_values({
        "child_ref": "H1", "first_name": "Ollie", "last_name": "Brackwater",
        "date_of_birth": "12/04/2015", "became_looked_after": "01/09/2013",
        "legal_status": "C2", "place_code": "U4", "start_date": "01/09/2023",
    })  # fmt: skip
    # Nobody has said where the placement is: it is asked, never assumed to be in county.
    assert dialog.form.values()["county"] is None
    dialog.save()
    assert "required" in dialog.form.error_text("county")
    assert children(window.ctx.caseload) == 0  # type: ignore[union-attr]
    dialog.form.set_values({"county": "out"})
    dialog.save()
    assert "before the date of birth" in dialog.form.error_text("became_looked_after")
    assert children(window.ctx.caseload) == 0  # type: ignore[union-attr]
    dialog.form.set_values({"became_looked_after": "01/09/2023"})
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.workspace is not None and window.workspace.record is not None
    assert [r.name for r in window.workspace.caseload.model.rows] == ["Ollie Brackwater"]
    with window.ctx.caseload.session() as session:  # type: ignore[union-attr]
        assert session.scalars(select(Placement.out_of_county)).all() == [True]


def test_the_menus_offer_import_add_a_child_profile_and_settings(window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.setup_actions]
    assert texts == ["&Import children…", "&Add a child…", "My &profile…", "&Settings…"]
    assert all(a.isEnabled() for a in window.setup_actions)
    window.lock()
    assert not any(a.isEnabled() for a in window.setup_actions)


def test_the_ssda903_extract_folder_is_checked_then_imported(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ssda903.files import HEADER_ROWS, write_extract

    window = profiled_window(qtbot, tmp_path, "import")
    dialog = window.setup_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.extract.setChecked(True)
    folder = write_extract(tmp_path / "903", header=["900001,Q,14/03/2012,WBRI,UN1,,",
                                                     *HEADER_ROWS[1:]])  # fmt: skip
    dialog.choose(folder)
    assert dialog.lines.count() >= 1 and not dialog.import_button.isEnabled()
    assert "nothing has been imported" in dialog.outcome.text()
    assert children(window.ctx.caseload) == 0  # type: ignore[union-attr]
    write_extract(folder)
    dialog.check()
    assert "Ready to import 4 children" in dialog.outcome.text()
    dialog.run_import()
    assert children(window.ctx.caseload) == 4  # type: ignore[union-attr]
    assert len(window.workspace.caseload.model.rows) >= 3  # type: ignore[union-attr]


SUPPLIED = {
    "authority_name": "Northmoor Borough Council",
    "advocacy_service": "Northmoor Advocacy",
    "advocacy_phone": "0808 157 0202",
    "children_in_care_council": "Northmoor Voices",
    "children_in_care_council_phone": "01632 960777",
}


def test_the_profile_step_shows_the_central_stores_values_read_only(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The IRO leaves the profile step, connects, and a sync brings the authority's
    contacts (as ``keep_supplied`` leaves them; the sync itself is in tests/sync): the step
    asks only for the rest."""
    window = new_window(tmp_path / "new")
    set_up(window, qtbot).cancel()
    assert window.ctx is not None
    caseload = window.ctx.caseload
    with caseload.writing() as session, session.begin():
        keep_supplied(session, SUPPLIED)
    window.start("profile", first_run=True)
    profile = window.setup_dialog
    assert isinstance(profile, ProfileDialog) and profile.intro.text().startswith("Step 2 of 3")
    for key, value in SUPPLIED.items():
        editor = profile.form.editors[key]
        assert isinstance(editor, QLineEdit)
        assert editor.isReadOnly() and editor.text() == value
        captions = [w.text() for w in profile.findChildren(QLabel) if w.buddy() is editor]
        assert captions and captions[0].endswith("(set by your organisation's central store)")
        assert editor.accessibleDescription() == "Set by your organisation's central store"
    for key in ("authority_phone", "authority_email", "forms_return"):  # the IRO's to give
        editor = profile.form.editors[key]
        assert isinstance(editor, QLineEdit) and not editor.isReadOnly()

    profile.form.set_values({"name": "Sam Hartley", "email": "sam.hartley@northmoor.example"})
    profile.save()
    assert "required" in profile.form.error_text("forms_return")  # still asked for
    assert not profile.form.error_text("advocacy_phone")  # supplied: never asked for
    name = profile.form.editors["authority_name"]
    assert isinstance(name, QLineEdit)
    name.setReadOnly(False)  # even forced, what the store supplies stays
    name.setText("Somewhere Else Council")
    profile.form.set_values({"forms_return": "Reviewing Service, Civic Centre, NM1 1AA"})
    profile.save()
    assert profile.result() == QDialog.DialogCode.Accepted
    with caseload.session() as session:
        assert queries.setting(session, "authority_name") == "Northmoor Borough Council"
        returned = queries.setting(session, "forms_return")
        assert returned == "Reviewing Service, Civic Centre, NM1 1AA"
        mine = me(session)
        assert mine is not None and mine.name == "Sam Hartley"


def test_a_passing_status_message_goes_and_a_state_stays(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ "Your profile is saved. Now add your children." was still up long after the
    children were in; a passing message now clears itself, "Locked" does not."""
    from iro_desktop.gui.main_window import STATUS_SECONDS

    window = profiled_window(qtbot, tmp_path, "import")
    assert "Now add your children" in window.status.text()
    assert window.status_timeout.isActive()
    assert window.status_timeout.interval() == STATUS_SECONDS * 1000 and 5 <= STATUS_SECONDS <= 30
    window.status_timeout.setInterval(50)  # restarts it, shorter, for the test
    qtbot.waitUntil(lambda: window.status.text() == "", timeout=5_000)
    window.say("Saved the chart")
    window.say("Locked", passing=False)  # a later state replaces it, and is not timed out
    assert not window.status_timeout.isActive() and window.status.text() == "Locked"
