"""The main window: locked (unlock or set-up screen) or unlocked (the workspace).

Signals other parts of the program use:

- ``changes_made(Changes)``: emit it after any write (``store.ops`` returns the
  ``Changes``); every view that shows the changed data reloads.
- ``locked`` / ``unlocked``: the caseload was closed / opened; ``about_to_lock`` comes
  just before it closes.

Locking closes every other window, destroys the workspace (so no widget holds a child's
data), waits for background work, and calls ``Caseload.close()``.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QStackedWidget

from iro_desktop.domain.settings import SETTINGS
from iro_desktop.gui import unlocking
from iro_desktop.gui.context import Context, WorkspaceSignals
from iro_desktop.gui.idle import IdleWatch, SuspendWatch
from iro_desktop.gui.lock_screen import SetupScreen, UnlockScreen
from iro_desktop.gui.tasks import Runner, TaskRunner
from iro_desktop.gui.workspace import PAGES, Workspace
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.errors import StoreError, WrongPassphrase
from iro_desktop.store.ops.core import Actor

log = logging.getLogger(__name__)


def _opened(caseload: Caseload) -> tuple[Caseload, Actor, int]:
    """Worker side of unlocking: who the IRO is and their idle-lock setting."""
    from iro_desktop.store.queries import me, setting

    with caseload.session() as session:
        owner = me(session)
        minutes = int(setting(session, "idle_lock_minutes"))  # type: ignore[call-overload]
    return caseload, Actor(email=owner.email if owner else "local user"), minutes


class MainWindow(QMainWindow):
    changes_made = Signal(object)
    locked = Signal()
    unlocked = Signal()
    about_to_lock = Signal()  # before the caseload closes (background sync stops here)

    def __init__(
        self,
        folder: Path,
        *,
        runner: Runner | None = None,
        demo: bool = False,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.folder, self.demo, self.fixed_today = Path(folder), demo, today
        self.runner: Runner = runner or TaskRunner()
        self.ctx: Context | None = None
        self.workspace: Workspace | None = None
        self.backoff = unlocking.Backoff()
        self.undo = QUndoStack(self)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.unlock_screen = UnlockScreen(
            needs_passphrase=unlocking.needs_passphrase(self.folder), demo=demo
        )
        self.unlock_screen.submitted.connect(self.try_unlock)
        self.setup_screen: SetupScreen | None = None
        self.stack.addWidget(self.unlock_screen)
        if unlocking.needs_setup(self.folder):
            self.setup_screen = SetupScreen(keyring_available=unlocking.keyring_available())
            self.setup_screen.submitted.connect(self.set_up)
            self.stack.addWidget(self.setup_screen)
            self.stack.setCurrentWidget(self.setup_screen)
        self.idle = IdleWatch(int(SETTINGS["idle_lock_minutes"].default), self)  # type: ignore[call-overload]
        self.idle.idle.connect(self.lock)
        self.suspend = SuspendWatch(parent=self)
        self.suspend.resumed.connect(self.lock)
        self.changes_made.connect(self._relay_changes)
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        self.statusBar().addWidget(self.status, 1)
        self._build_menus()
        from iro_desktop.gui.sync import install

        self.sync_ui = install(self)
        self._set_unlocked_ui(False)
        self.resize(1280, 760)

    # --- menus ---------------------------------------------------------------

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self.change_action = self._action(file, "&Change passphrase…", self.change_passphrase)
        self.lock_action = self._action(file, "&Lock now", self.lock, "Ctrl+L")
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        undo = self.undo.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addActions([undo, redo])
        go = bar.addMenu("&Go")
        self.go_actions = [
            self._action(go, f"&{name}", lambda _=False, i=i: self._go(i), f"Ctrl+{i + 1}")
            for i, name in enumerate(PAGES)
        ]
        self.find_action = self._action(go, "&Find anything…", lambda: self._search(), "Ctrl+F")
        from iro_desktop.gui import print_menu

        self.print_dialog: Any = None
        self.print_actions = print_menu.install(self)
        self.unlocked_actions = [self.change_action, self.lock_action, undo, redo,
                                 *self.go_actions, self.find_action,
                                 *self.print_actions]  # fmt: skip

    def _set_unlocked_ui(self, on: bool) -> None:
        for action in self.unlocked_actions:
            action.setEnabled(on)
        tag = " (demo caseload)" if self.demo else ""
        self.setWindowTitle(f"IRO Desktop{tag}" + ("" if on else " — locked"))
        self.status.setText("" if on else "Locked")

    def _go(self, index: int) -> None:
        if self.workspace is not None:
            self.workspace.go(index)

    def _search(self, text: str | None = None) -> None:
        if self.workspace is not None:
            self.workspace.show_search(text)

    # --- unlocking -----------------------------------------------------------

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    @property
    def caseload(self) -> Caseload | None:
        return self.ctx.caseload if self.ctx is not None else None

    def try_unlock(self, passphrase: str) -> None:
        wait = self.backoff.wait_seconds()
        if wait > 0:
            self.unlock_screen.show_message("Too many wrong tries.", wait)
            return
        self.unlock_screen.set_busy(True)
        folder = self.folder
        self.runner.submit(
            lambda: _opened(unlocking.unlock(folder, passphrase)),
            self._opened,
            self._unlock_failed,
        )

    def set_up(self, passphrase: str, use_keyring: bool) -> None:
        assert self.setup_screen is not None
        self.setup_screen.set_busy(True)
        folder = self.folder
        self.runner.submit(
            lambda: _opened(unlocking.set_up(folder, passphrase, use_keyring=use_keyring)),
            self._opened,
            self._setup_failed,
        )

    def _setup_failed(self, error: BaseException) -> None:
        assert self.setup_screen is not None
        self.setup_screen.set_busy(False)
        problem = getattr(error, "problem", None)
        self.setup_screen.show_message(f"The passphrase {problem}." if problem else str(error))

    def _unlock_failed(self, error: BaseException) -> None:
        if isinstance(error, WrongPassphrase):
            delay = self.backoff.failed()
            self.unlock_screen.show_message("That passphrase is not right.", delay)
        elif isinstance(error, StoreError):
            self.unlock_screen.show_message(str(error))
        else:
            log.error("unlocking failed: %s", type(error).__name__)
            self.unlock_screen.show_message("The caseload could not be opened.")

    def _opened(self, opened: tuple[Caseload, Actor, int]) -> None:
        caseload, actor, minutes = opened
        self.backoff.succeeded()
        if self.setup_screen is not None:
            self.stack.removeWidget(self.setup_screen)
            self.setup_screen.deleteLater()
            self.setup_screen = None
        signals = WorkspaceSignals()
        self.ctx = Context(caseload, self.runner, self.today, actor, signals, self.undo,
                           notify=self.changes_made.emit)  # fmt: skip
        self.workspace = Workspace(self.ctx)
        signals.setParent(self.workspace)
        signals.status.connect(self.status.setText)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._set_unlocked_ui(True)
        self.workspace.load()
        self.workspace.nav.setFocus()
        self.idle.set_minutes(minutes)
        self.idle.start()
        self.suspend.start()
        self.unlocked.emit()

    def _relay_changes(self, changes: object) -> None:
        if self.ctx is not None and self.ctx.alive:
            self.ctx.signals.changes_made.emit(changes)

    # --- locking -------------------------------------------------------------

    def lock(self) -> None:
        """Hide everything, close other windows, drop every connection."""
        if self.ctx is None:
            return
        self.about_to_lock.emit()
        if self.workspace is not None and self.workspace.record is not None:
            self.workspace.record.profile.save_draft()
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible():
                widget.close()
            if widget is not self and widget.parent() is self:
                widget.deleteLater()  # closed is not gone: its labels may name a child
        self.print_dialog = None
        ctx, self.ctx = self.ctx, None
        ctx.close()
        self.undo.clear()
        # Show the unlock screen and move focus off the workspace before destroying it:
        # a focused widget deleted under Qt's feet (e.g. during closeEvent) crashes.
        self.unlock_screen.reset()
        self.stack.setCurrentWidget(self.unlock_screen)
        focused = QApplication.focusWidget()
        if (
            focused is not None
            and self.workspace is not None
            and self.workspace.isAncestorOf(focused)
        ):
            focused.clearFocus()
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.hide()
            self.workspace.setParent(None)  # out of the window now, destroyed next event
            self.workspace.deleteLater()
            self.workspace = None
        self.idle.stop()
        self.suspend.stop()
        self._set_unlocked_ui(False)
        self.locked.emit()

    def is_locked(self) -> bool:
        return self.ctx is None

    # --- passphrase and closing ----------------------------------------------

    def change_passphrase(self) -> None:
        from iro_desktop.gui.passphrase_dialog import PassphraseDialog

        if self.ctx is not None:
            PassphraseDialog(self.ctx.caseload, self.runner, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace is not None and self.workspace.has_unsaved():
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "You have changed this child's profile without saving. Save it before closing?",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            record = self.workspace.record
            assert record is not None
            if answer == QMessageBox.StandardButton.Save:
                event.ignore()
                record.profile.saved.connect(self.close)
                record.profile.save()
                return
            record.profile.revert()
        self.lock()
        event.accept()
