"""Run slow work (database, files, PDFs) off the UI thread, one small helper for all.

``runner.submit(fn, on_done, on_error)`` calls ``fn()`` in a worker thread and delivers
its result (or exception) to the main thread by a queued signal. Tests may use
``InlineRunner``, which calls everything at once. ``StallWatch`` logs, without personal
data, whenever the main thread was blocked for longer than 100 ms.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def submit(
        self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None
    ) -> None: ...


class _Relay(QObject):
    """Lives on the main thread; the worker emits, Qt queues the call across threads."""

    finished = Signal(object, object, object)  # callback, result, error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, object, object)
    def _deliver(self, callbacks: Any, result: Any, error: Any) -> None:
        on_done, on_error = callbacks
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            log.error("background task failed: %s", type(error).__name__)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any], callbacks: tuple[Any, Any]) -> None:
        super().__init__()
        self.relay, self.fn, self.callbacks = relay, fn, callbacks

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to the caller, never lost
            self.relay.finished.emit(self.callbacks, None, exc)
        else:
            self.relay.finished.emit(self.callbacks, result, None)


class TaskRunner(QObject):
    """Background work on a small pool; one thread for the database keeps SQLite simple."""

    busy_changed = Signal(bool)

    def __init__(self, threads: int = 1) -> None:
        super().__init__()
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self.relay = _Relay()
        self._pending = 0

    def submit(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def done(result: Any) -> None:
            self._finish()
            on_done(result)

        def failed(error: BaseException) -> None:
            self._finish()
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed: %s", type(error).__name__)

        self.pool.start(_Job(self.relay, fn, (done, failed)))

    def _finish(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)


class InlineRunner:
    """Runs at once on the calling thread: for tests that want no threads at all."""

    def submit(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> None:
        try:
            result = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            on_done(result)


class StallWatch(QObject):
    """Logs when the main thread's event loop was held up longer than ``limit_ms``."""

    stalled = Signal(float)

    def __init__(self, limit_ms: float = 100.0, tick_ms: int = 50) -> None:
        super().__init__()
        self.limit_ms = limit_ms
        self.tick_ms = tick_ms
        self.worst_ms = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        late_ms = (now - self._last) * 1000 - self.tick_ms
        self._last = now
        if late_ms > self.limit_ms:
            self.worst_ms = max(self.worst_ms, late_ms)
            log.warning("main thread stalled for %.0f ms", late_ms)
            self.stalled.emit(late_ms)
