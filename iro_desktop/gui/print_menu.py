"""The main window's Print menu: what is not about one child.

The IRO's contact card and introductory sheet, and blank consultation forms to take on
a visit. Both open the same printouts window the child's record uses (without the
child's letter and record), and from there the same preview, print and save screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from iro_desktop.gui.letters.printouts import PrintoutsDialog


def open_printouts(window: Any, then: str = "") -> PrintoutsDialog | None:
    """Open the general printouts window; ``then`` ("card" or "forms") opens that preview.

    The printouts (reportlab, the letter texts) load on first use, not at start."""
    if window.ctx is None or window.workspace is None:
        return None
    from iro_desktop.gui.letters.printouts import PrintoutsDialog

    dialog = PrintoutsDialog(window, window.ctx, None)
    dialog.open()  # window-modal, no nested event loop: a lock can close it
    window.print_dialog = dialog
    if then == "card":
        dialog.preview_card()
    elif then == "forms":
        dialog.preview_forms()
    return dialog


def install(window: Any) -> list[QAction]:
    menu = window.menuBar().addMenu("&Print")
    menu.setAccessibleName("Print")
    made = []
    for text, then, shortcut in (
        ("&Printouts not about one child…", "", "Ctrl+P"),
        ("Your contact &card and introductory sheet…", "card", None),
        ("Blank consultation &forms…", "forms", None),
    ):
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False, t=then: open_printouts(window, t))
        menu.addAction(action)
        made.append(action)
    return made
