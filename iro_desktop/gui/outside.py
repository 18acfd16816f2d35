"""Notice what another program wrote to the open caseload (``iro-desktop import`` at a
terminal, say) and refresh every view through the usual ``Changes`` signal.

The file's write count (``write_gen``, migration 0003) goes up with every write,
whoever makes it. The count is read again after each of the program's own changes; when
the file changes on disk (``QFileSystemWatcher``, on the database and its write-ahead log)
or the program comes back to the front, a count that moved without the program
announcing a change means someone else wrote, and every view reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context

SETTLE_MS = 400  # a burst of file events (one import) is looked at once


class OutsideWatch(QObject):
    def __init__(self, ctx: Context, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # True while the program's own background sync writes: its writes are announced
        # when it finishes (set by the main window, which owns sync).
        self.busy: Callable[[], bool] = lambda: False
        self.seen: int | None = None
        self.checks = 0  # finished checks (tests wait on it)
        db = Path(ctx.caseload.db_path)
        paths = [str(p) for p in (db, db.with_name(db.name + "-wal")) if p.exists()]
        self.watcher = QFileSystemWatcher(paths, self)
        self.watcher.fileChanged.connect(self._poked)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._state)
        ctx.signals.changes_made.connect(self._ours)
        self._ours(None)

    def _state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def _poked(self, path: str) -> None:
        if path not in self.watcher.files() and Path(path).exists():
            self.watcher.addPath(path)  # replaced rather than changed: watch the new one
        self.timer.start()

    def _ours(self, _changes: Any) -> None:
        """The program announced a change (its own write, or a sync): count from here."""
        from iro_desktop.store.reads.file_writes import writes_so_far

        self.ctx.read(writes_so_far, self._counted)

    def _counted(self, count: int | None) -> None:
        self.seen = count

    def check(self) -> None:
        if self.busy():
            self.timer.start()  # look again once the sync is done
            return
        from iro_desktop.store.reads.file_writes import moved_since

        seen = self.seen
        self.ctx.read(lambda s: moved_since(s, seen), self._compared, owner=self)

    def _compared(self, result: tuple[int | None, Any]) -> None:
        count, changes = result
        self.checks += 1
        if changes is None or count == self.seen:
            return
        if self.busy():
            self.timer.start()
            return
        self.seen = count
        self.ctx.status("Updated with changes made outside the program.")
        self.ctx.changed(changes)
