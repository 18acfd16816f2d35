"""Unlocking, set-up, the slow-down after wrong tries, and what locking hides and closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QLineEdit, QWidget

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.gui.lock.unlocking import FREE_TRIES, Backoff, strength_hint
from tests.gui.conftest import make_window


def visible_text(root: QWidget) -> str:
    """Every piece of text a person (or a screen reader) could read in the window."""
    parts = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            parts.extend(model_text(widget.model(), QModelIndex()))
    return "\n".join(parts)


def model_text(model, parent: QModelIndex) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # list models keep columnCount private
        columns = 1
    for r in range(model.rowCount(parent)):
        for c in range(columns):
            index = model.index(r, c, parent)
            out.append(str(index.data() or ""))
            if c == 0:
                out.extend(model_text(model, index))
    return out


def test_a_wrong_passphrase_is_said_plainly_and_stays_locked(locked_window) -> None:
    locked_window.try_unlock("not the passphrase at all")
    assert locked_window.is_locked()
    message = locked_window.unlock_screen.message
    assert message.isVisibleTo(locked_window)
    assert message.text() == "That passphrase is not right."


def test_repeated_failures_slow_down(locked_window) -> None:
    screen = locked_window.unlock_screen
    for _ in range(FREE_TRIES):
        locked_window.try_unlock("wrong")
        assert screen.button.isEnabled()
    locked_window.try_unlock("wrong")
    assert not screen.button.isEnabled()
    assert "wait" in screen.message.text()
    locked_window.try_unlock(DEMO_PASSPHRASE)  # refused while waiting, even if right
    assert locked_window.is_locked()


def test_backoff_doubles_and_is_capped() -> None:
    now = [0.0]
    backoff = Backoff(clock=lambda: now[0])
    delays = [backoff.failed() for _ in range(12)]
    assert delays[:FREE_TRIES] == [0.0] * FREE_TRIES
    assert delays[FREE_TRIES : FREE_TRIES + 3] == [1.0, 2.0, 4.0]
    assert max(delays) == 30.0
    now[0] += 31
    assert backoff.wait_seconds() == 0
    backoff.succeeded()
    assert backoff.failed() == 0.0


def test_locking_hides_every_child_and_closes_the_connections(window, qtbot) -> None:
    rows = window.workspace.caseload.model.rows
    name = rows[0].name
    window.workspace.open_child(rows[0].child_id)
    assert name in visible_text(window)
    other = QDialog()
    other.setWindowTitle(name)
    other.show()
    caseload = window.caseload
    pool = caseload.engine.pool
    closed = []
    original_close = caseload.close
    caseload.close = lambda: (closed.append(True), original_close())
    with qtbot.waitSignal(window.locked, timeout=2000):
        window.lock()
    assert window.is_locked() and window.caseload is None and window.workspace is None
    assert not other.isVisible()
    assert closed == [True]
    assert caseload.engine.pool is not pool  # disposed: every pooled connection dropped
    text = visible_text(window)
    assert all(r.name not in text and r.child_ref not in text for r in rows)
    assert window.stack.currentWidget() is window.unlock_screen
    assert not window.find_action.isEnabled()
    window.try_unlock(DEMO_PASSPHRASE)
    assert not window.is_locked()


def test_idle_time_locks(window, qtbot) -> None:
    window.idle.set_interval_ms(150)
    with qtbot.waitSignal(window.locked, timeout=3000):
        window.idle.start()
    assert window.is_locked()


def test_activity_restarts_the_idle_countdown(window, qtbot) -> None:
    """A key press puts the whole interval back, whatever the clock did before it."""
    window.idle.set_interval_ms(60_000)
    window.idle.timer.setTimerType(Qt.TimerType.PreciseTimer)  # exact remainingTime()
    window.idle.start()
    qtbot.waitUntil(lambda: window.idle.timer.remainingTime() < 59_900)  # some time idle
    qtbot.keyClick(window.workspace.caseload.search, "a")
    assert window.idle.timer.remainingTime() > 59_900
    assert not window.is_locked()


def test_waking_from_sleep_locks(window) -> None:
    watch = window.suspend
    watch.start()
    assert not watch.check(now=watch._last + watch.tick_s)
    assert watch.check(now=watch._last + 3600)
    assert window.is_locked()


def test_first_run_sets_up_a_passphrase_with_a_hint(tmp_path: Path, qtbot) -> None:
    window = make_window(tmp_path / "new", qtbot)
    setup = window.setup_screen
    assert setup is not None and window.stack.currentWidget() is setup
    setup.passphrase.setText("short")
    assert strength_hint("short")[0] == 0 and "Too short" in setup.hint.text()
    setup.again.setText("short")
    setup._submit()
    assert window.is_locked() and "at least" in setup.message.text()
    setup.passphrase.setText("three good words here")
    setup.again.setText("three good words")
    setup._submit()
    assert "not the same" in setup.message.text()
    setup.again.setText("three good words here")
    setup._submit()
    assert not window.is_locked()
    assert (tmp_path / "new" / "caseload.db").exists()
    assert window.workspace.caseload.model.rowCount() == 0
    window.lock()
    window.try_unlock("three good words here")
    assert not window.is_locked()
    window.lock()


def test_changing_the_passphrase(window) -> None:
    from iro_desktop.gui.lock.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(window.ctx, window)
    dialog.form.set_values(
        {"old": "wrong one", "new": "a new long phrase", "again": "a new long phrase"}
    )
    dialog.save()
    assert "not right" in dialog.form.error_text("old")
    dialog.form.set_values({"old": DEMO_PASSPHRASE})
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    window.lock()
    window.try_unlock(DEMO_PASSPHRASE)
    assert window.is_locked()
    window.try_unlock("a new long phrase")
    assert not window.is_locked()


def test_the_unlock_card_shows_every_line_of_its_text(locked_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wrapped text in the centred card used to be squeezed, cutting lines off."""
    from PySide6.QtWidgets import QLabel

    screen = locked_window.unlock_screen
    screen.show_message("That passphrase is not right.", 16)  # the longest message
    qtbot.waitUntil(lambda: screen.message.isVisible())
    labels = [w for w in screen.findChildren(QLabel) if w.wordWrap() and w.isVisible()]
    assert len(labels) >= 2
    for label in labels:
        assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_the_passphrase_box_has_the_keyboard_after_a_lock_from_a_dialog(window, qtbot) -> None:
    """Locked while a dialog had the keyboard (idle, or Ctrl+L typed in the dialog): the
    dialog closes and the unlock screen takes the keyboard, so the IRO can type at once."""
    from PySide6.QtWidgets import QApplication

    dialog = QDialog(window)
    box = QLineEdit(dialog)
    dialog.show()
    dialog.activateWindow()
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    with qtbot.waitSignal(window.locked):
        qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    passphrase = window.unlock_screen.passphrase
    qtbot.waitUntil(lambda: QApplication.focusWidget() is passphrase)
    assert QApplication.activeWindow() is window
    qtbot.keyClicks(QApplication.focusWidget(), DEMO_PASSPHRASE)  # typed where the focus is
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not window.is_locked()


def test_the_passphrase_box_has_the_keyboard_after_the_idle_lock(window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    window.workspace.nav.setFocus()
    window.idle.set_interval_ms(100)
    with qtbot.waitSignal(window.locked, timeout=3000):
        window.idle.start()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.unlock_screen.passphrase)
