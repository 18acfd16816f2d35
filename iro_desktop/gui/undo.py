"""Undo and redo for every write of the session, through the operation layer.

``Context.write`` pushes one ``WriteCommand`` per operation that saved rows. Its text is
what the operation did ("correct visit"), so the Edit menu reads "Undo correct visit".
Undo writes back each row's version from before the operation (a row the operation made
becomes a tombstone), redo the version after it: each is itself one store operation
(``entries.restore``), versioned, audited and queued for sync like any write, so the
other laptop sees the undo too. Nothing is undone per widget.

An import from the Import dialog is one such operation ("Undo import of 5 children"):
undo tombstones every row it made and puts back every row it changed, in one write.

One undo or redo at a time (``UndoStack``): while one is being written, or put back after
the store refused it, Ctrl+Z and Ctrl+Shift+Z (and the Edit menu's items, greyed) do
nothing, so a second press can never move the stack past a command the store has not
undone, and the menu always names what the store can undo next. When an undo or redo is
written, ``signals.undo_written`` says which command it was (the Import dialog follows
its own import so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from iro_desktop.gui import errors
from iro_desktop.store.errors import ChangedSince

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context
    from iro_desktop.store.changes import Changes, Payload
    from iro_desktop.store.ops.core import Op


class UndoStack(QUndoStack):
    """The session's undo stack: an undo or redo asked for while another runs is ignored.

    ``QUndoStack`` moves its index as soon as a command's ``undo`` returns, but our undo
    is a write in the worker that the store may refuse (``ChangedSince``), after which the
    command puts the stack back. A second press in between moved the stack over a command
    the store had not undone, and the refused one could no longer find its place.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: WriteCommand | None = None  # whose undo or redo is being written

    def start(self, command: WriteCommand) -> None:
        self.running = command
        self.busy_changed.emit(True)

    def finish(self) -> None:
        if self.running is not None:
            self.running = None
            self.busy_changed.emit(False)

    def undo(self) -> None:
        if self.running is None:
            super().undo()

    def redo(self) -> None:
        if self.running is None:
            super().redo()

    def clear(self) -> None:
        self.finish()  # a lock: a result still on its way is dropped with the context
        super().clear()

    def edit_actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """The Edit menu's Undo and Redo: named by the stack, through the guard above,
        greyed while an undo or redo runs."""
        undo = self.createUndoAction(parent, "&Undo")
        redo = self.createRedoAction(parent, "&Redo")
        for action, slot, able, changed in (
            (undo, self.undo, self.canUndo, self.canUndoChanged),
            (redo, self.redo, self.canRedo, self.canRedoChanged),
        ):
            action.triggered.disconnect()  # Qt's own goes straight to QUndoStack.undo
            action.triggered.connect(slot)

            def follow(*_args: object, action: QAction = action, able: Any = able) -> None:
                # ~QUndoStack clears itself, and so says "nothing to undo", after the
                # Python side of the stack (or of its window's actions) is gone
                if shiboken6.isValid(self) and shiboken6.isValid(action):
                    action.setEnabled(able() and self.running is None)

            changed.connect(follow)  # after Qt's own, so the last word is this one
            self.busy_changed.connect(follow)
        return undo, redo


class WriteCommand(QUndoCommand):
    """One saved operation; pushed after it was written, so the first redo does nothing.

    ``now`` is each row as this command last left it (the operation's own write, then
    each undo or redo): the store refuses to undo or redo over a row that has moved on
    since (``ChangedSince``), and then the stack is put back where it was, so the command
    stays where the IRO sees it and nothing is lost.
    """

    def __init__(self, ctx: Context, changes: Changes) -> None:
        super().__init__(changes.label or "change")
        self.ctx = ctx
        self.versions = dict(changes.versions)
        self.now: dict[tuple[str, str], Payload | None] = {
            k: a for k, (_b, a) in self.versions.items()
        }
        self.first = True
        self.skip = False  # the stack is being put back after a refusal: write nothing
        self.refusal: QMessageBox | None = None  # the box that said why, while it shows
        self.undone = False  # its undo written (and no redo since)

    def redo(self) -> None:
        if self.first or self.skip:
            self.first = self.skip = False  # already written when pushed, or refused
            return
        self._write("redo", [(t, i, after) for (t, i), (_b, after) in self.versions.items()])

    def undo(self) -> None:
        if self.skip:
            self.skip = False
            return
        self._write("undo", [(t, i, before) for (t, i), (before, _a) in self.versions.items()])

    def _write(self, action: str, versions: list[tuple[str, str, Any]]) -> None:
        from iro_desktop.store.ops import entries

        label = f"{action} {self.text()}"
        expected = dict(self.now)

        def work(op: Op) -> dict[tuple[str, str], Payload | None]:
            return entries.restore(op, versions, label=label, action=action, expected=expected)

        def done(written: dict[tuple[str, str], Payload | None]) -> None:
            self.now.update(written)
            self.undone = action == "undo"
            stack.finish()
            self.ctx.status(label[0].upper() + label[1:] + ".")
            self.ctx.signals.undo_written.emit(self)

        def failed(error: BaseException) -> None:
            # After the stack has moved: a runner that fails at once does so inside
            # ``QUndoStack.undo``, before the stack sets its new index.
            QTimer.singleShot(0, self.ctx.undo, lambda: self._put_back(action))
            text = errors.message(error, "Undo", errors.NOT_SAVED)
            self.ctx.status(text)
            if isinstance(error, ChangedSince):
                self._tell("Not undone" if action == "undo" else "Not redone", text)

        stack = self.ctx.undo
        stack.start(self)
        self.ctx.write(work, done, failed, owner=self.ctx.signals, undoable=False)

    def _put_back(self, action: str) -> None:
        """Return the stack to where it was before the refused undo (or redo)."""
        stack = self.ctx.undo
        stack.finish()  # so the stack's own undo or redo below is not ignored
        if action == "undo" and stack.command(stack.index()) is self:
            self.skip = True
            stack.redo()
        elif action == "redo" and stack.index() > 0 and stack.command(stack.index() - 1) is self:
            self.skip = True
            stack.undo()

    def _tell(self, title: str, text: str) -> None:
        """Say it where it cannot be missed: a box over the window (not a nested loop)."""
        parent = self.ctx.undo.parent()
        window = parent if isinstance(parent, QWidget) else QApplication.activeWindow()
        self.refusal = errors.tell(window, title, text)
