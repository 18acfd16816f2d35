"""The settings screen: the IRO's own settings with help and checks, the rest read-only,
and what the machine-wide policy fixes shown as set by the organisation."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from iro_desktop.domain.settings import SETTINGS
from iro_desktop.gui.setup.settings_dialog import SettingsDialog
from iro_desktop.store.ops.settings_write import keep_supplied
from iro_desktop.store.reads.settings import read_setting


def open_settings(window) -> SettingsDialog:  # type: ignore[no-untyped-def]
    window.start("settings")
    dialog = window.setup_dialog
    assert isinstance(dialog, SettingsDialog)
    return dialog


def stored(window, key: str) -> object:  # type: ignore[no-untyped-def]
    with window.ctx.caseload.session() as session:
        return read_setting(session, key)


def test_the_idle_lock_is_changed_checked_and_takes_effect(window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_settings(window)
    idle = dialog.form.editors["idle_lock_minutes"]
    assert isinstance(idle, QLineEdit) and idle.text() == "10"
    texts = [w.text() for w in dialog.findChildren(type(dialog.intro))]
    assert any(t.startswith("Minutes without use before the program locks") for t in texts)
    assert any("Demo Borough Council" in t for t in texts)  # the authority's, read-only
    idle.setText("0")
    dialog.save()
    assert dialog.form.error_text("idle_lock_minutes") == "⚠ This must be between 1 and 240"
    assert stored(window, "idle_lock_minutes") == 10
    idle.setText("25")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert stored(window, "idle_lock_minutes") == 25
    assert window.idle.timer.interval() == 25 * 60_000


def test_a_value_the_policy_fixes_is_read_only_and_refused(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    policy = tmp_path / "policy.toml"
    policy.write_text("idle_lock_minutes = 5\n", encoding="utf-8")
    monkeypatch.setenv("IRO_DESKTOP_POLICY", str(policy))
    dialog = open_settings(window)
    idle = dialog.form.editors["idle_lock_minutes"]
    assert isinstance(idle, QLineEdit)
    assert idle.isReadOnly() and idle.text() == "5"
    captions = [w.text() for w in dialog.findChildren(type(dialog.intro)) if w.buddy() is idle]
    assert captions and "set by your organisation" in captions[0]
    idle.setReadOnly(False)  # even forced, the store refuses it
    idle.setText("30")
    dialog.save()
    assert "fixed at 5 by this computer's policy" in dialog.form.error_text("idle_lock_minutes")
    assert dialog.isVisible()
    assert stored(window, "idle_lock_minutes") == 5


def test_a_value_the_central_store_supplies_is_shown_as_set_by_it(window) -> None:  # type: ignore[no-untyped-def]
    """As a sync leaves them (``keep_supplied``; the sync itself is in tests/sync)."""
    with window.ctx.caseload.writing() as session, session.begin():
        keep_supplied(session, {"authority_name": "Northmoor Borough Council",
                                "record_working_days": 12})  # fmt: skip
    dialog = open_settings(window)
    shown = {
        w.accessibleName(): w.text()
        for w in dialog.others.findChildren(QLabel)
        if w.accessibleName()
    }
    assert shown["Authority's name"] == (
        "Northmoor Borough Council  (set by your organisation's central store)"
    )
    assert shown["Record sent out (working days after the review)"] == (
        "12  (set by your organisation's central store)"
    )
    assert shown["Advocacy service"] == "Demo Borough Advocacy Service"  # the IRO's
    assert not any(isinstance(w, QLineEdit) for w in dialog.others.findChildren(QWidget))
    assert "authority_name" not in dialog.form.editors  # nothing here could change it
    assert stored(window, "authority_name") == "Northmoor Borough Council"


def test_every_setting_is_named_from_the_registry_in_british_english(window) -> None:  # type: ignore[no-untyped-def]
    """Not made from the key ("Children in care council", "Pre meeting report")."""
    dialog = open_settings(window)
    names = [w.text() for w in dialog.others.findChildren(QLabel) if w.text().startswith("<b>")]
    assert "<b>Children in Care Council</b>" in names
    assert "<b>Social worker&#x27;s report (working days before the review)</b>" in names
    others = [k for k, s in SETTINGS.items() if s.scope != "user"]
    assert sorted(names) == sorted(f"<b>{html.escape(SETTINGS[k].label)}</b>" for k in others)
    captions = {w.buddy(): w.text() for w in dialog.findChildren(QLabel) if w.buddy()}
    assert captions[dialog.form.editors["idle_lock_minutes"]].startswith("&Idle lock (minutes)")
    assert captions[dialog.form.editors["default_language"]].startswith("Letters &start in")
