"""Run slow work (database, files, PDFs) off the UI thread, one small helper for all.

``runner.submit(fn, on_done, on_error)`` calls ``fn()`` in a worker thread and delivers
its result (or exception) to the main thread by a queued signal. Tests may use
``InlineRunner``, which calls everything at once. ``StallWatch`` logs, without personal
data, whenever the main thread was blocked for longer than 100 ms.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from iro_desktop.gui import errors

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def submit(
        self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None
    ) -> None: ...

    def later(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` on the main thread once the events already queued (a paint, say)
        have been handled."""


class _Relay(QObject):
    """Lives on the main thread; the worker emits, Qt queues the call across threads."""

    finished = Signal(object, object, object, object)  # callbacks, result, error, fn

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, object, object, object)
    def _deliver(self, callbacks: Any, result: Any, error: Any, _fn: Any) -> None:
        # ``_fn`` rides along so that the last reference to it (and to any widget its
        # closure holds) is dropped here, on the main thread, never in the worker.
        on_done, on_error = callbacks
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            errors.log_fault(error, "a background task")


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any], callbacks: tuple[Any, Any]) -> None:
        super().__init__()
        self.relay, self.fn, self.callbacks = relay, fn, callbacks

    def run(self) -> None:
        fn, callbacks = self.fn, self.callbacks
        self.fn = self.callbacks = None  # type: ignore[assignment]
        try:
            result = fn()
        except BaseException as exc:  # delivered to the caller, never lost
            self.relay.finished.emit(callbacks, None, exc, fn)
        else:
            self.relay.finished.emit(callbacks, result, None, fn)
        del fn, callbacks


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
                errors.log_fault(error, "a background task")

        self.pool.start(_Job(self.relay, fn, (done, failed)))

    def _finish(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    def later(self, fn: Callable[[], None]) -> None:
        QTimer.singleShot(0, fn)  # posted events, paints included, are delivered first

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

    def later(self, fn: Callable[[], None]) -> None:
        fn()


class MainThreadGC(QObject):
    """Python's cyclic garbage collector, run on the main thread only.

    Left to itself the collector runs in whichever thread happens to allocate, so a
    worker can end up destroying Qt objects that belong to the main thread, which
    crashes PySide6. We switch automatic collection off and collect from a timer here
    (the pattern pyqtgraph and others use); worker threads then never collect.
    """

    def __init__(self, interval_ms: int = 500) -> None:
        super().__init__()
        self.threshold = gc.get_threshold()
        self._was_enabled = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._was_enabled:
            gc.enable()

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] > self.threshold[0]:
            generation = 0
            if counts[1] > self.threshold[1]:
                generation = 2 if counts[2] > self.threshold[2] else 1
            gc.collect(generation)


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
