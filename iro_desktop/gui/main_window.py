"""The main window: locked (unlock or set-up screen) or unlocked (the workspace).

Signals other parts of the program use:

- What a write changed is announced by ``Context.changed`` on the workspace's
  ``signals.changes_made`` (``Context.write`` does it), never by the window.
- ``locked`` / ``unlocked``: the caseload was closed / opened; ``about_to_lock`` comes
  just before it closes.

Locking closes every other window, destroys the workspace (so no widget holds a child's
data), waits for background work, and calls ``Caseload.close()``.

A lock during child mode: child mode keeps its draft and closes with everything else, and
the window notes which child it was for (``resume_child``). The next unlock then draws no
start view and opens child mode again straight away, before the workspace is first painted,
so the child at the laptop never sees the IRO's caseload; the "carry on?" prompt waits until
the IRO has left child mode.

Unlocking is two steps, so the IRO sees their caseload as soon as Qt can draw it:
``store.quick_open`` checks the passphrase and reads the saved start view with the bare
SQLCipher driver, and the workspace is drawn from it; meanwhile the full open (SQLAlchemy,
the rules, a migration if one is due) runs in the worker, and the workspace goes live
when it is done. Without a usable start view the workspace waits for the full open.
This module therefore imports no part of the store layer that loads SQLAlchemy.
"""

from __future__ import annotations

import importlib
import logging
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from iro_desktop.gui import errors
from iro_desktop.gui.lock import unlocking
from iro_desktop.gui.lock.idle import LOCK_KEYS, IdleWatch, SuspendWatch
from iro_desktop.gui.lock.screens import SetupScreen, UnlockScreen
from iro_desktop.gui.signals import PAGES, WorkspaceSignals
from iro_desktop.gui.style import fit_screen
from iro_desktop.gui.tasks import Runner, TaskRunner
from iro_desktop.gui.undo import UndoStack
from iro_desktop.store.errors import StoreError, WrongPassphrase
from iro_desktop.store.reads import VIEW_FORMAT, VIEW_NAMES

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context
    from iro_desktop.gui.sync import SyncUi
    from iro_desktop.gui.workspace import Workspace
    from iro_desktop.store.caseload import Caseload
    from iro_desktop.store.ops.core import Actor
    from iro_desktop.store.quick_open import QuickStart

log = logging.getLogger(__name__)
# How long a passing status-bar message stays: long enough to read twice.
STATUS_SECONDS = 10


def _full_open(folder: Path, candidates: list[tuple[str, bytes]]) -> tuple[Caseload, Actor, int]:
    """Worker side of the second step: SQLAlchemy, the schema, a migration if due."""
    from iro_desktop.store.caseload import open_caseload

    return _opened(open_caseload(folder, candidates=candidates))


# Loaded in the worker as the caseload opens, so that going live on the UI thread has
# nothing slow left to import: the Figures screen's charts (matplotlib, 2-5 s on a busy
# laptop at first run) and the sync client (httpx). Neither makes a Qt object.
WORKER_MODULES = ("iro_desktop.gui.figures.loading", "iro_desktop.sync.run")


def _opened(caseload: Caseload) -> tuple[Caseload, Actor, int]:
    """Worker side of unlocking: who the IRO is and their idle-lock setting."""
    from iro_desktop.store.ops.core import Actor
    from iro_desktop.store.queries import me, setting

    with caseload.session() as session:
        owner = me(session)
        minutes = int(setting(session, "idle_lock_minutes"))  # type: ignore[call-overload]
    for name in WORKER_MODULES:
        importlib.import_module(name)
    return caseload, Actor(email=owner.email if owner else "local user"), minutes


def _user_settings(session: Any) -> dict[str, object]:
    from iro_desktop.domain.settings import SETTINGS
    from iro_desktop.store.reads.settings import read_setting

    return {k: read_setting(session, k) for k, s in SETTINGS.items() if s.scope == "user"}


class MainWindow(QMainWindow):
    caseload_drawn = Signal(bool)  # the caseload table was filled: False from the start view
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
        self.opening = 0  # counts unlocks and locks: a late result from before is dropped
        self.resume_child: str | None = None  # child mode was open at the lock: for whom
        self.child_mode: QWidget | None = None  # child mode, opened again after unlocking
        self._sync_ui: SyncUi | None = None
        self.backoff = unlocking.Backoff()
        self.first_run = False  # set up in this session: the profile comes next
        self.setup_dialog: Any = None  # the profile, import, add-child or settings dialog
        self.base_point_size = QApplication.font().pointSizeF()
        self.undo = UndoStack(self)
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
        self.idle = IdleWatch(parent=self)  # its minutes are set at unlock (_show_workspace)
        self.idle.idle.connect(self.lock)
        self.idle.lock_asked.connect(self.lock)
        self.suspend = SuspendWatch(parent=self)
        self.suspend.resumed.connect(self.lock)
        self.unlocked.connect(self._offer_unfinished)
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        self.statusBar().addWidget(self.status, 1)
        # A passing message ("Saved …", "Your profile is saved…") goes after a while, so
        # it is never left saying something that stopped being true.
        self.status_timeout = QTimer(self)
        self.status_timeout.setSingleShot(True)
        self.status_timeout.setInterval(STATUS_SECONDS * 1000)
        self.status_timeout.timeout.connect(self.status.clear)
        self._build_menus()
        self._set_unlocked_ui(False)
        fit_screen(self, 1280, 760)

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
        self.setup_actions = [
            self._action(file, "&Import children…", lambda: self.start("import"), "Ctrl+I"),
            self._action(file, "&Add a child…", lambda: self.start("add_child")),
            self._action(file, "My &profile…", lambda: self.start("profile")),
            self._action(file, "&Settings…", lambda: self.start("settings"), "Ctrl+,"),
        ]
        file.addSeparator()
        self.change_action = self._action(file, "&Change passphrase…", self.change_passphrase)
        self.calendar_action = self._action(file, "&Export calendar…", self.export_calendar)
        file.addSeparator()
        self.lock_action = self._action(file, "&Lock now", self.lock, LOCK_KEYS)
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        undo, redo = self.undo.edit_actions(self)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)  # every binding: Ctrl+Z
        redo.setShortcuts(QKeySequence.StandardKey.Redo)  # Ctrl+Shift+Z as well as Ctrl+Y
        edit.addActions([undo, redo])
        self.undo_actions = [undo, redo]
        go = bar.addMenu("&Go")
        self.go_actions = [
            self._action(go, f"&{name}", lambda _=False, i=i: self._go(i), f"Ctrl+{i + 1}")
            for i, name in enumerate(PAGES)
        ]
        self.find_action = self._action(go, "&Find anything…", lambda: self._search(), "Ctrl+F")
        from iro_desktop.gui import print_menu

        self.print_dialog: Any = None
        self.unfinished: Any = None  # the "carry on?" prompt after unlocking (gui.unfinished)
        self.calendar_dialog: Any = None
        self.print_actions = print_menu.install(self)
        self.shown_actions = [self.lock_action, *self.go_actions]  # usable from the start view
        self.unlocked_actions = [self.change_action, self.calendar_action, undo, redo,
                                 self.find_action, *self.print_actions,
                                 *self.setup_actions]  # fmt: skip

    @property
    def sync_ui(self) -> SyncUi:
        """The Sync menu, status line and background sync; made at the first full unlock
        (it loads the sync client, which the first screen does not need)."""
        if self._sync_ui is None:
            from iro_desktop.gui.sync import install

            self._sync_ui = install(self)
        return self._sync_ui

    def _set_unlocked_ui(self, on: bool, *, shown: bool | None = None) -> None:
        shown = on if shown is None else shown
        for action in self.shown_actions:
            action.setEnabled(shown)
        for action in self.unlocked_actions:
            action.setEnabled(on)
        tag = " (demo caseload)" if self.demo else ""
        self.setWindowTitle(f"IRO Desktop{tag}" + ("" if shown else " — locked"))
        self.say("" if on else "Locked", passing=False)

    def say(self, text: str, *, passing: bool = True) -> None:
        """The one way to put words in the status bar: a passing message clears itself
        after ``STATUS_SECONDS``; a state ("Locked") stays until the next message."""
        self.status.setText(text)
        if passing and text:
            self.status_timeout.start()
        else:
            self.status_timeout.stop()

    def show_problem(self, text: str) -> None:
        """A fault's one line (``gui.errors``), in the status bar whatever screen is up;
        it stays until the next message, so it cannot be missed."""
        self.say(text, passing=False)

    def export_calendar(self) -> None:
        """File > Export calendar…: loaded on first use, not at start."""
        from iro_desktop.gui.calendar_export import open_calendar_export

        self.calendar_dialog = open_calendar_export(self)

    def _go(self, index: int) -> None:
        if self.workspace is not None and PAGES[index] == "Search":
            self.workspace.show_search()  # Ctrl+3: ready to type, as Ctrl+F
        elif self.workspace is not None:
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

    def try_unlock(self, passphrase: str, early: Future[QuickStart] | None = None) -> None:
        """``early``: the same check, started at launch (``store.quick_open.start_early``)."""
        wait = self.backoff.wait_seconds()
        if wait > 0:
            self.unlock_screen.show_message("Too many wrong tries.", wait)
            return
        self.unlock_screen.set_busy(True)
        folder, opening = self.folder, self.opening
        from iro_desktop.store.quick_open import quick_open  # loaded by now: gui.app.WarmUp

        self.runner.submit(
            early.result if early else lambda: quick_open(folder, passphrase, VIEW_NAMES),
            lambda quick: self._quick_opened(quick, opening),
            self._unlock_failed,
        )

    def _quick_opened(self, quick: QuickStart, opening: int) -> None:
        """Step one: the passphrase is right; draw the start view if there is one."""
        if opening != self.opening:
            return  # locked again meanwhile
        self.backoff.succeeded()
        if self.resume_child is None and quick.views and self._show_start_view(quick.views):
            self._set_unlocked_ui(False, shown=True)
            self.say("Opening the caseload…", passing=False)
        folder, candidates = self.folder, quick.candidates

        def full_open() -> None:
            if opening != self.opening:
                return  # locked before it began
            self.runner.submit(
                lambda: _full_open(folder, candidates),
                lambda opened: self._opened(opened, opening),
                lambda error: self._open_failed(error, opening),
            )

        # After the start view is painted: loading SQLAlchemy in the worker holds the GIL
        # often enough to halve the speed of that first paint.
        self.runner.later(full_open)

    def _show_start_view(self, views: dict[str, Any]) -> bool:
        """Draw the saved start view; False (and nothing shown) when this version cannot
        read it, e.g. one saved by another release. The full open then draws live."""
        if any(not isinstance(v, dict) or v.get("format") != VIEW_FORMAT for v in views.values()):
            return False
        workspace = self._show_workspace()
        try:
            workspace.show_views(views)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("the saved start view could not be drawn: %s", type(exc).__name__)
            self._drop_workspace()
            return False
        return True

    def _open_failed(self, error: BaseException, opening: int) -> None:
        if opening != self.opening:
            return
        if self.workspace is not None:
            self.lock()  # the start view must not stay up on a caseload that did not open
        self._unlock_failed(error)

    def _show_workspace(self) -> Workspace:
        from iro_desktop.gui.workspace import Workspace  # loaded after the first paint

        if self.workspace is None:
            self.workspace = Workspace(WorkspaceSignals(), self.today)
            self.workspace.signals.setParent(self.workspace)
            self.workspace.signals.status.connect(self.say)
            self.workspace.caseload.loaded.connect(self.caseload_drawn)
            self.stack.addWidget(self.workspace)
            self.stack.setCurrentWidget(self.workspace)
            self.workspace.nav.setFocus()
            from iro_desktop.domain.settings import SETTINGS  # the caseload's own at _opened

            self.idle.set_minutes(int(SETTINGS["idle_lock_minutes"].default))  # type: ignore[call-overload]
            self.idle.start()
            self.suspend.start()
        return self.workspace

    def set_up(self, passphrase: str, use_keyring: bool) -> None:
        assert self.setup_screen is not None
        self.setup_screen.set_busy(True)
        folder = self.folder
        opening = self.opening
        self.first_run = True
        self.runner.submit(
            lambda: _opened(unlocking.set_up(folder, passphrase, use_keyring=use_keyring)),
            lambda opened: self._opened(opened, opening),
            self._setup_failed,
        )

    def _setup_failed(self, error: BaseException) -> None:
        assert self.setup_screen is not None
        self.first_run = False
        self.setup_screen.set_busy(False)
        problem = getattr(error, "problem", None)
        self.setup_screen.show_message(
            f"The passphrase {problem}."
            if problem
            else errors.message(error, "setting up", f"Not created: {errors.SOMETHING_WRONG}")
        )

    def _unlock_failed(self, error: BaseException) -> None:
        if isinstance(error, WrongPassphrase):
            delay = self.backoff.failed()
            self.unlock_screen.show_message("That passphrase is not right.", delay)
        elif isinstance(error, StoreError):
            self.unlock_screen.show_message(str(error))
        else:
            errors.log_fault(error, "unlocking")
            self.unlock_screen.show_message("The caseload could not be opened.")

    def _opened(self, opened: tuple[Caseload, Actor, int], opening: int) -> None:
        """Step two: the store is open; the workspace goes live."""
        from iro_desktop.gui.context import Context

        caseload, actor, minutes = opened
        if opening != self.opening:
            caseload.close()  # locked while it was opening
            return
        self.backoff.succeeded()
        if self.setup_screen is not None:
            self.stack.removeWidget(self.setup_screen)
            self.setup_screen.deleteLater()
            self.setup_screen = None
        workspace = self._show_workspace()
        self.ctx = Context(caseload, self.runner, self.today, actor, workspace.signals, self.undo)
        self._set_unlocked_ui(True)
        if self.resume_child is not None:  # up before the caseload is drawn behind it
            self._resume_child_mode(self.resume_child)
        sync = self.sync_ui  # made now, before ``unlocked`` is emitted
        workspace.signals.set_up.connect(self.start)
        workspace.attach(self.ctx)
        workspace.outside.busy = lambda: sync.controller.running
        self.idle.set_minutes(minutes)
        self.ctx.read(_user_settings, self.apply_settings)
        self.unlocked.emit()
        if self.first_run:
            self.first_run = False
            self.start("profile", first_run=True)

    def _resume_child_mode(self, child_id: str) -> None:
        """Child mode again, at the question the child was on with every answer (its draft)."""
        from iro_desktop.gui.workflows import open_child_mode

        assert self.ctx is not None
        self.resume_child = None
        window = open_child_mode(self, self.ctx, child_id)
        if isinstance(window, QWidget):
            self.child_mode = window
            window.left.connect(self._child_mode_left)  # type: ignore[attr-defined]

    def _child_mode_left(self) -> None:
        self.child_mode = None
        self._offer_unfinished()

    def _offer_unfinished(self) -> None:
        """Forms typed in and never saved (a lock, a crash): offer to carry on. Not while
        child mode is up: the prompt names children, and the child is at the laptop."""
        from iro_desktop.store import drafts

        if self.ctx is None:
            return
        mode = self.child_mode
        if mode is not None and shiboken6.isValid(mode) and mode.isVisible():
            return  # offered when the IRO leaves child mode
        self.child_mode = None
        caseload = self.ctx.caseload
        self.ctx.run(lambda: drafts.unfinished_forms(caseload), self._unfinished_found, owner=self)

    def _unfinished_found(self, items: list[Any]) -> None:
        if not items or self.ctx is None:
            return
        from iro_desktop.gui.unfinished import UnfinishedPrompt

        self.unfinished = UnfinishedPrompt(self, self.ctx, items, self._open_for_draft)
        self.unfinished.show()

    def _open_for_draft(self, child_id: str) -> QWidget | None:
        """The child's record, the window a reopened form belongs to."""
        if self.workspace is None:
            return None
        self.workspace.open_child(child_id)
        return self.workspace.record

    # --- locking -------------------------------------------------------------

    def lock(self) -> None:
        """Hide everything, close other windows, drop every connection."""
        self.opening += 1
        if self.ctx is None and self.workspace is None:
            self.unlock_screen.set_busy(False)
            return
        # Was the IRO using the program (a window of it had the keyboard)? Then the lock
        # screen takes the keyboard; a lock while they were in another program leaves the
        # focus there and only readies the passphrase box.
        in_use = QApplication.activeWindow() is not None
        self.about_to_lock.emit()
        self.resume_child = next(
            (str(w.property("resumeAfterUnlock")) for w in QApplication.topLevelWidgets()
             if w.isVisible() and w.property("resumeAfterUnlock")
             and self.ctx is not None and getattr(w, "ctx", None) is self.ctx),
            None,
        )  # fmt: skip
        if self.ctx is not None:
            self.ctx.signals.locking.emit()  # every open form keeps its draft first
        if self.workspace is not None and self.workspace.record is not None:
            self.workspace.record.profile.save_draft()
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible():
                widget.close()
            if widget is not self and widget.parent() is self:
                widget.deleteLater()  # closed is not gone: its labels may name a child
        self.print_dialog = self.setup_dialog = self.calendar_dialog = None
        ctx, self.ctx = self.ctx, None
        if ctx is not None:
            ctx.close()
        # else a full open may still be running: it is not waited for, and the caseload it
        # brings back is closed on arrival (``_opened`` sees ``opening`` has moved on)
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
        self._drop_workspace()
        self._set_unlocked_ui(False)
        self.unlock_screen.take_focus(activate=in_use)
        # Again once the closed dialogs are gone: their going can move the keyboard.
        QTimer.singleShot(0, self, lambda: self._focus_unlock(in_use))
        self.locked.emit()

    def _focus_unlock(self, activate: bool) -> None:
        if self.is_locked() and self.stack.currentWidget() is self.unlock_screen:
            self.unlock_screen.take_focus(activate=activate)

    def _drop_workspace(self) -> None:
        self.unfinished = None  # closed and deleted with the other windows at a lock
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.hide()
            self.workspace.setParent(None)  # out of the window now, destroyed next event
            self.workspace.deleteLater()
            self.workspace = None
        self.idle.stop()
        self.suspend.stop()

    def is_locked(self) -> bool:
        return self.workspace is None

    # --- setting up: profile, children, settings -----------------------------

    def start(self, what: str, *, first_run: bool = False) -> None:
        """Open a setting-up dialog ("import", "add_child", "profile", "settings") or
        connect to the central store ("connect"), from the menu or the empty Home."""
        if self.ctx is None:
            return
        if what == "connect":
            self.sync_ui.show_connect()
            return
        from iro_desktop.gui.setup import (
            child_dialog,
            import_dialog,
            profile_dialog,
            settings_dialog,
        )

        dialog: Any
        if what == "import":
            dialog = import_dialog.ImportDialog(self.ctx, self)
            # The dialog blocks this window (and its Edit menu) while open: the same Undo
            # and Redo work there by their keys, so an import can be taken back at once.
            dialog.addActions(self.undo_actions)
        elif what == "add_child":
            dialog = child_dialog.AddChildDialog(self.ctx, self)
            dialog.saved.connect(self._child_added)
        elif what == "profile":
            dialog = profile_dialog.ProfileDialog(self.ctx, self, first_run=first_run)
            if first_run:
                dialog.saved.connect(self._profile_done)
                profile = dialog
                dialog.connect_first.connect(lambda: self.sync_ui.connect_first(profile))
        elif what == "settings":
            dialog = settings_dialog.SettingsDialog(self.ctx, self)
            dialog.saved.connect(self.apply_settings)
        else:
            raise ValueError(f"no such setting-up action: {what}")
        self.setup_dialog = dialog
        dialog.open()

    def _profile_done(self, _name: object) -> None:
        self.say("Your profile is saved. Now add your children.")
        self._go(0)

    def _child_added(self, child_id: object) -> None:
        if self.workspace is not None and isinstance(child_id, str):
            self.workspace.open_child(child_id)

    def apply_settings(self, values: dict[str, object]) -> None:
        """The IRO's own settings that change the program itself: idle lock, text size."""
        minutes = values.get("idle_lock_minutes")
        if isinstance(minutes, int):
            self.idle.set_minutes(minutes)
        percent = values.get("text_size_percent")
        app = QApplication.instance()
        if isinstance(percent, int) and isinstance(app, QApplication) and self.base_point_size > 0:
            font = app.font()
            wanted = self.base_point_size * percent / 100
            if abs(font.pointSizeF() - wanted) > 0.01:
                font.setPointSizeF(wanted)
                app.setFont(font)

    # --- passphrase and closing ----------------------------------------------

    def change_passphrase(self) -> None:
        from iro_desktop.gui.lock.passphrase_dialog import PassphraseDialog

        if self.ctx is not None:
            PassphraseDialog(self.ctx, self).exec()

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
