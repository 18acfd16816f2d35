"""Lock after idle time, and after the machine has been asleep.

Qt has no portable "system suspended" signal, but a suspended process runs no timers:
``SuspendWatch`` ticks every few seconds and, when the wall clock has jumped far past
the tick, the laptop was asleep (or the lid closed), so it asks for a lock.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        # A pen on a tablet (child mode's drawing pad takes its events whole, so no mouse
        # events follow): a child drawing is not idle.
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


LOCK_KEYS = "Ctrl+L"  # File > Lock now


class IdleWatch(QObject):
    """Emits ``idle`` when there has been no keyboard, mouse or touch use for a while.

    It also emits ``lock_asked`` when the lock keys are pressed in another window of the
    program (a dialog over the main window, which blocks the main window's own shortcut):
    the IRO can lock from wherever they are typing, and the dialog's draft is kept."""

    idle = Signal()
    lock_asked = Signal()

    def __init__(self, minutes: float = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))

    def set_interval_ms(self, ms: int) -> None:
        """For tests and the tour: a short interval without touching the setting."""
        self.timer.setInterval(ms)

    def start(self) -> None:
        """Watch every input event only while unlocked: a filter written in Python costs
        each event a call, and at start-up that alone took tens of milliseconds."""
        app = QApplication.instance()
        if app is not None and not self.timer.isActive():
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()  # restart the countdown
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) == QKeySequence(LOCK_KEYS)
            and isinstance(watched, QWidget)
            and watched.window() is not self.parent()
        ):
            self.lock_asked.emit()
            return True
        return False


class SuspendWatch(QObject):
    """Emits ``resumed`` when the wall clock jumped: the machine was asleep."""

    resumed = Signal()

    def __init__(self, tick_s: float = 5.0, gap_s: float = 30.0, parent: QObject | None = None):
        super().__init__(parent)
        self.tick_s, self.gap_s = tick_s, gap_s
        self._last = time.time()
        self.timer = QTimer(self)
        self.timer.setInterval(int(tick_s * 1000))
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self._last = time.time()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        slept = now - self._last > self.tick_s + self.gap_s
        self._last = now
        if slept:
            self.resumed.emit()
        return slept
