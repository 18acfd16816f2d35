"""Background sync for the window: on a timer, when the network comes back, on demand.

Each sync runs on the controller's own worker thread (a one-thread ``TaskRunner``), not
the database runner the screens use, so a slow network never holds up a screen and the
UI thread never waits. ``detach()`` is called before the window locks: it stops the
timer and waits for a sync in flight to finish, so nothing touches the caseload after
it is closed; a result that arrives for an earlier unlock is dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from iro_desktop.gui import errors
from iro_desktop.gui.tasks import Runner, TaskRunner
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.queries import child_ids
from iro_desktop.store.types import utcnow
from iro_desktop.sync import conflicts
from iro_desktop.sync.background import retry_delay
from iro_desktop.sync.conflicts import SyncStatus
from iro_desktop.sync.errors import SyncError
from iro_desktop.sync.run import SyncSummary, sync

log = logging.getLogger(__name__)

INTERVAL_S = 300.0
FIRST_RETRY_S = 15.0


@dataclass(frozen=True)
class Outcome:
    """What one background job found: the status, and a sync's result or its problem."""

    status: SyncStatus
    summary: SyncSummary | None = None
    error: str | None = None
    added: frozenset[str] = field(default_factory=frozenset)
    removed: frozenset[str] = field(default_factory=frozenset)

    @property
    def brought_changes(self) -> bool:
        s = self.summary
        return s is not None and bool(
            s.pulled
            or s.new_children
            or s.removed_children
            or s.conflicts
            or s.full_resync
            or s.authority_settings
        )


def _children(caseload: Caseload) -> set[str]:
    with caseload.session() as session:
        return child_ids(session)


def run_job(caseload: Caseload, do_sync: bool) -> Outcome:
    """Worker side: read the status, and sync when connected and asked to."""
    before = conflicts.status(caseload)
    if not do_sync or not before.connected:
        return Outcome(before)
    held = _children(caseload)
    summary: SyncSummary | None = None
    error: str | None = None
    try:
        summary = sync(caseload)
    except SyncError as exc:
        error = str(exc)
    now_held = _children(caseload)
    return Outcome(
        conflicts.status(caseload),
        summary,
        error,
        frozenset(now_held - held),
        frozenset(held - now_held),
    )


class SyncController(QObject):
    started = Signal()
    finished = Signal(object)  # Outcome, after a sync (done or failed)
    status_changed = Signal(object)  # SyncStatus

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        interval_s: float = INTERVAL_S,
        first_retry_s: float = FIRST_RETRY_S,
        runner: Runner | None = None,
        watch_network: bool = True,
    ) -> None:
        super().__init__(parent)
        self.interval_s, self.first_retry_s = interval_s, first_retry_s
        self.runner: Runner = runner or TaskRunner(threads=1)
        self.caseload: Caseload | None = None
        self.generation = 0
        self.running = False
        self.again = False
        self.stale = False
        self.failures = 0
        self.status: SyncStatus | None = None
        self.retry_at: datetime | None = None
        self.syncs = 0  # finished syncs since the controller was made (tests read it)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.request)
        if watch_network:
            self._watch_network()

    # --- life cycle ----------------------------------------------------------------

    def attach(self, caseload: Caseload, *, sync_now: bool = True) -> None:
        """The window unlocked: read the status, and sync at once if connected."""
        self.generation += 1
        self.caseload = caseload
        self.failures = 0
        self.status = None
        self._submit(do_sync=sync_now)

    def detach(self) -> None:
        """The window is about to lock: no new sync, and wait for one in flight."""
        self.generation += 1
        self.caseload = None
        self.timer.stop()
        self.again = self.stale = False
        self.status = None
        self.retry_at = None
        wait = getattr(self.runner, "wait", None)
        if wait is not None and self.running:
            wait(30_000)
        self.running = False

    @property
    def attached(self) -> bool:
        return self.caseload is not None

    # --- asking for a sync -----------------------------------------------------------

    def request(self) -> bool:
        """Sync as soon as possible ("Sync now"); False when locked or not connected."""
        if self.caseload is None:
            return False
        if self.status is not None and not self.status.connected:
            self.refresh()  # perhaps connected since; the status says
            return False
        if self.running:
            self.again = True
            return True
        self._submit(do_sync=True)
        return True

    def refresh(self) -> None:
        """Re-read the status (after a write, connecting, or settling a conflict); while a
        sync or read runs, once it has finished, as it may have counted before the write."""
        if self.caseload is None:
            return
        if self.running:
            self.stale = True
            return
        self._submit(do_sync=False)

    def _submit(self, *, do_sync: bool) -> None:
        caseload, generation = self.caseload, self.generation
        assert caseload is not None
        self.running = True
        if do_sync:
            self.timer.stop()
            self.started.emit()
        self.runner.submit(
            lambda: run_job(caseload, do_sync),
            lambda outcome: self._delivered(generation, do_sync, outcome),
            lambda error: self._crashed(generation, error),
        )

    def _delivered(self, generation: int, did_sync: bool, outcome: Outcome) -> None:
        if generation != self.generation:
            return  # locked (or re-unlocked) since: drop it
        self.running = False
        self.status = outcome.status
        if did_sync and outcome.status.connected:
            self.syncs += 1
            self.failures = self.failures + 1 if outcome.error else 0
            self._schedule()
            self.finished.emit(outcome)
        elif outcome.status.connected and not self.timer.isActive():
            self._schedule()
        self.status_changed.emit(outcome.status)
        if self.again:
            self.again = False
            self.request()
        elif self.stale:
            self.stale = False
            self.refresh()

    def _crashed(self, generation: int, error: BaseException) -> None:
        if generation != self.generation:
            return
        self.running = False
        errors.log_fault(error, "the sync job")
        self.failures += 1
        self._schedule()

    def _schedule(self) -> None:
        delay = retry_delay(self.failures, self.interval_s, self.first_retry_s)
        self.retry_at = utcnow() + timedelta(seconds=delay) if self.failures else None
        self.timer.start(int(delay * 1000))

    # --- the network coming back ---------------------------------------------------------

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            feature = QNetworkInformation.Feature.Reachability
            if not QNetworkInformation.loadBackendByFeatures(feature):
                return
            info = QNetworkInformation.instance()
        except (ImportError, AttributeError, RuntimeError):
            return
        if info is not None:
            info.reachabilityChanged.connect(self.network_changed)

    def network_changed(self, reachability: object) -> None:
        """Online again after a failed sync: try now instead of waiting for the backoff."""
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online and self.failures:
            self.request()
