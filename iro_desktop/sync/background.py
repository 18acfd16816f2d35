"""Sync in the background while a connection exists, and on demand. No Qt.

The GUI starts one ``BackgroundSync`` and calls ``request()`` for "sync now"; results
and errors reach it through the callbacks (which it forwards to the UI thread).
Only one sync runs at a time; a failed sync is retried sooner, backing off
(``retry_delay``) up to the interval.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from iro_desktop.store.caseload import Caseload
from iro_desktop.sync.errors import SyncError
from iro_desktop.sync.run import SyncSummary, sync

log = logging.getLogger(__name__)

FIRST_RETRY_S = 15.0


def retry_delay(failures: int, interval: float, first: float = FIRST_RETRY_S) -> float:
    """Seconds before the next try: the interval when all is well; after failures
    15 s, 30 s, 60 s ... never longer than the interval."""
    if failures <= 0:
        return interval
    return float(min(interval, first * 2 ** min(failures - 1, 16)))


class BackgroundSync:
    def __init__(
        self,
        caseload: Caseload,
        *,
        interval: float = 300.0,
        on_done: Callable[[SyncSummary], None] | None = None,
        on_error: Callable[[SyncError], None] | None = None,
    ) -> None:
        self.caseload = caseload
        self.interval = interval
        self.on_done = on_done
        self.on_error = on_error
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._running = threading.Lock()
        self.failures = 0
        self._thread = threading.Thread(target=self._loop, name="iro-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def request(self) -> None:
        """Sync as soon as possible (the "Sync now" button)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def run_once(self) -> SyncSummary | None:
        if not self._running.acquire(blocking=False):
            return None
        try:
            summary = sync(self.caseload)
        except SyncError as exc:
            log.info("background sync failed: %s", type(exc).__name__)
            self.failures += 1
            if self.on_error:
                self.on_error(exc)
            return None
        finally:
            self._running.release()
        self.failures = 0
        if self.on_done:
            self.on_done(summary)
        return summary

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._wake.wait(retry_delay(self.failures, self.interval))
            self._wake.clear()
