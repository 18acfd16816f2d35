"""Locking destroys the windows it closes: a hidden dialog could still hold a child's name."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from iro_desktop.gui.print_menu import open_printouts


def owned_windows(window) -> list[QWidget]:  # type: ignore[no-untyped-def]
    return [w for w in QApplication.topLevelWidgets() if w is not window and w.parent() is window]


def test_lock_leaves_no_window_of_ours_behind(window) -> None:  # type: ignore[no-untyped-def]
    child_id = window.workspace.caseload.model.rows[0].child_id
    window.workspace.open_child(child_id)
    assert open_printouts(window) is not None
    window.sync_ui.show_conflicts()
    assert owned_windows(window)
    window.lock()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert owned_windows(window) == []
    assert window.print_dialog is None
