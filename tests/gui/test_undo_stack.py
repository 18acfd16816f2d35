"""The undo stack's Edit menu items outlive nothing: closing a window with history is quiet."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from iro_desktop.gui.undo import UndoStack


def test_a_window_with_undo_history_is_destroyed_without_an_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    stack = UndoStack(window)  # made before the actions, so destroyed first, as in MainWindow
    undo, redo = stack.edit_actions(window)
    stack.push(QUndoCommand("correct visit"))
    assert undo.isEnabled() and not redo.isEnabled()
    stack.start(QUndoCommand("undo being written"))  # type: ignore[arg-type]
    assert not undo.isEnabled()
    stack.finish()
    assert undo.isEnabled()
    # ~QUndoStack clears itself, which says "nothing to undo" to the actions; before the
    # guard that reached a stack Python already saw as deleted (pytest-qt fails the test)
    shiboken6.delete(window)
    assert not shiboken6.isValid(stack)
