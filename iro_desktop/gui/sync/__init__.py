"""Sync in the program: the status line, "Sync now", connecting, and settling conflicts.

``install(window)`` is the one call the main window makes. It adds a Sync menu and the
status line, starts background sync at each unlock (``SyncController.attach``) and stops
it before each lock (``detach``, on the window's ``about_to_lock``), and after a sync
that brought changes announces them (``Context.changed``) so every view refreshes: newly
allocated children appear, and a transferred child's open record closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from iro_desktop.central.protocol import TABLES
from iro_desktop.gui.sync.controller import Outcome, SyncController
from iro_desktop.gui.sync.status import StatusLine
from iro_desktop.store.changes import Changes

SYNC_SHORTCUT = "Ctrl+Shift+S"
SYNC_MARK = "sync"  # in the row ids of the Changes a sync announces


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class SyncUi(QObject):
    def __init__(self, window: Any, controller: SyncController | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller or SyncController(self)
        self.line = StatusLine()
        self.line.hide()
        window.statusBar().addPermanentWidget(self.line)
        self.conflict_screen: Any = None
        self.connect_dialog: Any = None
        menu = window.menuBar().addMenu("S&ync")
        self.sync_action = self._action(menu, "Sync &now", self.sync_now, SYNC_SHORTCUT)
        self.conflicts_action = self._action(menu, "Settle &conflicts…", self.show_conflicts)
        menu.addSeparator()
        self.connect_action = self._action(menu, "C&onnect to a central store…",
                                           self.show_connect)  # fmt: skip
        self.actions = [self.sync_action, self.conflicts_action, self.connect_action]
        self._enable(False)
        self.line.sync_clicked.connect(self.sync_now)
        self.line.conflicts_clicked.connect(self.show_conflicts)
        self.line.connect_clicked.connect(self.show_connect)
        c = self.controller
        c.started.connect(lambda: self.line.set_syncing(True))
        c.status_changed.connect(
            lambda st: self.line.show_status(st, retry_at=self.controller.retry_at)
        )
        c.finished.connect(self._finished)
        window.unlocked.connect(self._unlocked)
        getattr(window, "about_to_lock", window.locked).connect(self.controller.detach)
        window.locked.connect(self._locked)

    def _action(self, menu: Any, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _enable(self, on: bool) -> None:
        for action in self.actions:
            action.setEnabled(on)

    # --- lock and unlock ---------------------------------------------------------------

    def _unlocked(self) -> None:
        caseload = self.window.caseload
        if caseload is None:
            return
        self.line.show_status(None)
        self.line.show()
        self._enable(True)
        self.controller.attach(caseload)
        ctx = self.window.ctx
        if ctx is not None:  # the signals are the workspace's: made at unlock, gone at lock
            ctx.signals.changes_made.connect(self._written)

    def _written(self, changes: object) -> None:
        """A write waits for the next sync: count it now, not at the next sync. (Any news
        that is not a sync's own, even one that is not a ``Changes``.)"""
        if SYNC_MARK not in getattr(changes, "row_ids", ()):
            self.controller.refresh()

    def _locked(self) -> None:
        self.controller.detach()  # already done on about_to_lock; harmless twice
        self.line.hide()
        self.line.show_status(None)
        self._enable(False)
        self.conflict_screen = self.connect_dialog = None

    # --- actions -----------------------------------------------------------------------

    def sync_now(self) -> None:
        if not self.controller.request() and self.controller.attached:
            self.show_connect()

    def show_connect(self) -> None:
        from iro_desktop.gui.sync.connect_dialog import ConnectDialog

        caseload = self.window.caseload
        if caseload is None:
            return
        status = self.controller.status
        dialog = ConnectDialog(caseload, self.controller.runner, self.window,
                               server_url=status.server_url or "" if status else "")  # fmt: skip
        dialog.connected.connect(self._connected)
        self.connect_dialog = dialog
        dialog.open()

    def connect_first(self, profile: Any) -> None:
        """The first run's profile step: connect, sync, then ``profile.take_supplied()`` (the
        contacts the central store supplies). A failure says why and changes nothing."""
        from iro_desktop.gui.sync.connect_dialog import ConnectDialog

        caseload = self.window.caseload
        if caseload is None:
            return
        dialog = ConnectDialog(caseload, self.controller.runner, profile)
        self.connect_dialog = dialog

        def synced(outcome: Outcome) -> None:
            self.controller.finished.disconnect(synced)
            if not profile.isVisible():  # saved or closed meanwhile: nothing to refresh
                return
            if outcome.error:
                profile.say_central(f"Connected, but the first sync failed: {outcome.error}")
            else:
                profile.take_supplied()

        def connected(who: Any) -> None:
            self.controller.finished.connect(synced)
            profile.say_central("Connected; fetching your authority's contacts…")
            self._connected(who)

        dialog.connected.connect(connected)
        dialog.open()

    def _connected(self, who: Any) -> None:
        self._say(f"Connected to the central store as {who.email}; syncing now.")
        self.controller.status = None
        self.controller.request()

    def show_conflicts(self) -> None:
        from iro_desktop.gui.sync.conflict_screen import ConflictScreen

        ctx = self.window.ctx
        if ctx is None:
            return
        if self.conflict_screen is not None and self.conflict_screen.isVisible():
            self.conflict_screen.reload()
            self.conflict_screen.raise_()
            self.conflict_screen.activateWindow()
            return
        screen = ConflictScreen(ctx, self.window)
        screen.settled.connect(self._settled)
        self.conflict_screen = screen
        screen.show()

    def _settled(self, changes: Changes) -> None:
        self._say("Conflict settled.")  # not the "1 new conflict" of the sync before
        self._announce(changes)
        if not self.controller.request():
            self.controller.refresh()

    # --- after a sync --------------------------------------------------------------------

    def _finished(self, outcome: Outcome) -> None:
        workspace = self.window.workspace
        record = getattr(workspace, "record", None)
        open_child = getattr(record, "child_id", None)
        if open_child is not None and open_child in outcome.removed:
            workspace.close_child()
            self._say("The child whose record was open has been transferred to another "
                      "IRO; their record has left this laptop.")  # fmt: skip
        elif outcome.summary is not None:
            s, bits = outcome.summary, []
            if s.new_children:
                bits.append(_plural(s.new_children, "child", "children") + " newly allocated")
            if s.removed_children:
                bits.append(_plural(s.removed_children, "child", "children")
                            + " transferred away")  # fmt: skip
            if s.conflicts:
                bits.append(_plural(s.conflicts, "new conflict", "new conflicts"))
            if bits:
                self._say("Sync: " + ", ".join(bits) + ".")
        if outcome.brought_changes:
            ids = set(outcome.added | outcome.removed)
            if open_child is not None and open_child not in outcome.removed:
                ids.add(open_child)
            # The authority's settings (due dates, what letters print) come with a sync too.
            settings = (
                {"settings"} if outcome.summary and outcome.summary.authority_settings else set()
            )
            self._announce(Changes(set(TABLES) | settings, ids, {SYNC_MARK}))
        if self.conflict_screen is not None and self.conflict_screen.isVisible():
            self.conflict_screen.reload()

    def _announce(self, changes: Changes) -> None:
        ctx = self.window.ctx
        if ctx is not None:
            ctx.changed(changes)

    def _say(self, text: str) -> None:
        ctx = self.window.ctx
        if ctx is not None:
            ctx.signals.status.emit(text)


def install(window: Any, controller: SyncController | None = None) -> SyncUi:
    """Give the main window sync: a Sync menu, the status line, background sync."""
    return SyncUi(window, controller)
