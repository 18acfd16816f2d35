"""The first run's profile step can connect to the central store first, so the contacts
it supplies are filled in (read-only) rather than typed: a real central store process on
loopback, a real encrypted caseload, real Qt widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from sqlalchemy import select

from iro_desktop.central import authority
from iro_desktop.documents.card import services
from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.setup.profile_dialog import ProfileDialog
from iro_desktop.gui.tasks import InlineRunner
from iro_desktop.store import queries
from iro_desktop.store.schema import Setting
from tests.sync.harness import TODAY, Central

WAIT_MS = 30_000
PASSPHRASE = "three quiet harbour lights"
ADVOCACY = "Northmoor Young People's Advocacy"
CICC = "Northmoor Voices"


@pytest.fixture
def store_settings(central: Central) -> Iterator[Central]:
    """The module's central store supplying the advocacy service and the Children in Care
    Council, and nothing after the test."""

    def clear() -> None:
        with central.store.writing() as s:
            for row in s.scalars(select(Setting)):
                s.delete(row)

    clear()
    authority.set_value(central.store, "advocacy_service", ADVOCACY)
    authority.set_value(central.store, "children_in_care_council", CICC)
    yield central
    clear()


def first_run(folder: Path, qtbot: Any) -> tuple[MainWindow, ProfileDialog]:
    window = MainWindow(folder, runner=InlineRunner(), today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    screen = window.setup_screen
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    screen.again.setText(PASSPHRASE)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    profile = window.setup_dialog
    assert isinstance(profile, ProfileDialog) and profile.isVisible()
    return window, profile


def caption(profile: ProfileDialog, key: str) -> str:
    editor = profile.form.editors[key]
    return next(w.text() for w in profile.findChildren(QLabel) if w.buddy() is editor)


def test_connect_first_fills_the_supplied_contacts_and_keeps_what_was_typed(
    store_settings: Central, tmp_path: Path, qtbot: Any, shots: Path
) -> None:
    central = store_settings
    email = central.iro()
    window, profile = first_run(tmp_path / "new", qtbot)
    try:
        assert profile.central is not None and profile.central.isVisible()
        # The IRO types some of it first; none of it is lost by connecting.
        profile.form.set_values({"name": "Sam Hartley", "email": email,
                                 "authority_name": "Northmoor Borough Council",
                                 "advocacy_phone": "0808 157 0202"})  # fmt: skip
        ui = window.sync_ui
        # A wrong token: the connect dialog says why, and the step is as it was.
        qtbot.mouseClick(profile.central, Qt.MouseButton.LeftButton)
        dialog = ui.connect_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.server.setText(central.url)
        dialog.token.setText("not-a-real-token")
        dialog.submit()
        qtbot.waitUntil(lambda: "Not connected:" in dialog.message.text(), timeout=WAIT_MS)
        advocacy = profile.form.editors["advocacy_service"]
        assert isinstance(advocacy, QLineEdit)
        assert not advocacy.isReadOnly() and advocacy.text() == ""
        assert profile.form.values()["name"] == "Sam Hartley"

        dialog.token.setText(central.token(email))
        with qtbot.waitSignal(ui.controller.finished, timeout=WAIT_MS) as done:
            dialog.submit()
        assert done.args[0].error is None
        qtbot.waitUntil(lambda: advocacy.isReadOnly(), timeout=WAIT_MS)
        assert advocacy.text() == ADVOCACY
        assert caption(profile, "advocacy_service").endswith(
            "(set by your organisation's central store)"
        )
        council = profile.form.editors["children_in_care_council"]
        assert isinstance(council, QLineEdit) and council.isReadOnly() and council.text() == CICC
        values = profile.form.values()  # what was typed is still there
        assert values["name"] == "Sam Hartley" and values["advocacy_phone"] == "0808 157 0202"
        assert values["authority_name"] == "Northmoor Borough Council"
        phone = profile.form.editors["authority_phone"]
        assert isinstance(phone, QLineEdit) and not phone.isReadOnly()  # not supplied
        assert "filled in" in profile.central_message.text()
        assert not profile.central.isVisible()  # connected: not offered again
        qtbot.wait(200)
        profile.grab().save(str(shots / "first-connect-profile.png"))

        # Saving without typing the supplied contacts succeeds.
        returns = "Reviewing Service, Civic Centre, NM1 1AA"
        profile.form.set_values(
            {"children_in_care_council_phone": "01632 960777", "forms_return": returns}
        )
        with qtbot.waitSignal(profile.saved, timeout=WAIT_MS):
            profile.save()
        assert profile.result() == QDialog.DialogCode.Accepted
        assert window.ctx is not None
        with window.ctx.caseload.session() as s:
            assert queries.setting(s, "advocacy_service") == ADVOCACY
            assert queries.setting(s, "authority_name") == "Northmoor Borough Council"
            card = services(s)
        assert card["advocacy"] == ADVOCACY  # the contact card prints the store's value
    finally:
        if not window.is_locked():
            window.lock()


def test_skipping_it_changes_nothing(store_settings: Central, tmp_path: Path, qtbot: Any) -> None:
    window, profile = first_run(tmp_path / "skip", qtbot)
    try:
        advocacy = profile.form.editors["advocacy_service"]
        assert isinstance(advocacy, QLineEdit) and not advocacy.isReadOnly()
        profile.form.set_values({"name": "Sam Hartley", "email": "sam@northmoor.example",
                                 "authority_name": "Northmoor Borough Council"})  # fmt: skip
        profile.save()
        assert "required" in profile.form.error_text("advocacy_service")
    finally:
        if not window.is_locked():
            window.lock()
