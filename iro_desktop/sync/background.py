"""Sync in the background while a connection exists, and on demand. No Qt.

The GUI starts one ``BackgroundSync`` and calls ``request()`` for "sync now"; results
and errors reach it through the callbacks (which it forwards to the UI thread).
Only one sync runs at a time; a failed sync is retried at the next interval.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from iro_desktop.store.caseload import Caseload
from iro_desktop.sync.errors import SyncError
from iro_desktop.sync.run import SyncSummary, sync

log = logging.getLogger(__name__)


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
            if self.on_error:
                self.on_error(exc)
            return None
        finally:
            self._running.release()
        if self.on_done:
            self.on_done(summary)
        return summary

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._wake.wait(self.interval)
            self._wake.clear()
