"""Long work runs in the worker with the real runner, and the UI thread keeps turning.

A ``QTimer`` on the main thread counts its ticks while the work runs: with the work on
the UI thread it could not fire at all until the end.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer

from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.setup.profile_dialog import ProfileDialog
from iro_desktop.gui.tasks import TaskRunner
from tests.conftest import TODAY
from tests.gui import conftest

NEW_PASSPHRASE = "three quiet harbour lights"


class Ticks:
    """A 10 ms timer on the main thread and how often it fired."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def test_creating_a_caseload_leaves_the_window_responsive(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    window = MainWindow(tmp_path / "new", runner=runner, today=TODAY)
    conftest._OPEN.append(window)
    window.show()
    screen = window.setup_screen
    assert screen is not None
    screen.passphrase.setText(NEW_PASSPHRASE)
    screen.again.setText(NEW_PASSPHRASE)
    ticks = Ticks()
    ticks_at_busy: list[int] = []
    runner.busy_changed.connect(lambda busy: ticks_at_busy.append(ticks.count))
    with qtbot.waitSignal(window.unlocked, timeout=60_000):
        screen.button.click()
        # Busy at once, and saying so; a second press does nothing.
        assert not screen.button.isEnabled() and not screen.passphrase.isEnabled()
        assert screen.message.isVisibleTo(screen)
        assert screen.message.text() == "Creating your caseload…"
    ticks.timer.stop()
    started, finished = ticks_at_busy[0], ticks_at_busy[-1]
    # scrypt and the new tables took the worker a good while; the UI thread ticked on.
    assert finished - started >= 5
    assert isinstance(window.setup_dialog, ProfileDialog)
    assert window.setup_dialog.isVisible()


def test_a_failed_set_up_says_so_and_can_be_tried_again(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from iro_desktop.gui.lock import unlocking

    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("a bug, with Jade Smith in its text")

    monkeypatch.setattr(unlocking, "set_up", broken)
    runner = TaskRunner()
    window = MainWindow(tmp_path / "new", runner=runner, today=TODAY)
    conftest._OPEN.append(window)
    window.show()
    screen = window.setup_screen
    assert screen is not None
    screen.passphrase.setText(NEW_PASSPHRASE)
    screen.again.setText(NEW_PASSPHRASE)
    with qtbot.waitSignal(runner.busy_changed, timeout=30_000, check_params_cb=lambda b: not b):
        screen.button.click()
    assert screen.button.isEnabled() and screen.passphrase.isEnabled()
    assert screen.message.text() == "Not created: something went wrong (the log has the details)"
    assert screen.passphrase.text() == NEW_PASSPHRASE  # nothing typed is lost
    assert window.is_locked()
