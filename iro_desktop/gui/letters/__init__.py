"""The young person's letter and the other printouts, plugged into the child's record.

``WORKFLOWS`` (label, what it is for, opener) join ``iro_desktop.gui.workflows``: each is
a button on the record and a line on its "Review cycle" tab. Openers take (parent,
the workspace's ``Context``, child_id) and return the window they opened. Screens are imported
only when opened, so the record stays quick to build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from iro_desktop.gui.context import Context

LETTER_LABEL = "The &letter…"
PRINTOUTS_LABEL = "Print&outs…"


def open_letter(parent: QWidget, ctx: Context, child_id: str) -> Any:
    from iro_desktop.gui.letters.editor import LetterEditor

    editor = LetterEditor(parent, ctx, child_id)
    editor.show()
    return editor


def open_printouts(parent: QWidget, ctx: Context, child_id: str) -> Any:
    from iro_desktop.gui.letters.printouts import PrintoutsDialog

    dialog = PrintoutsDialog(parent, ctx, child_id)
    dialog.open()
    return dialog


WORKFLOWS: list[tuple[str, str, Callable[[QWidget, Context, str], Any]]] = [
    (LETTER_LABEL, "The young person's letter from a held review: written in plain words, "
     "checked for jargon, previewed and printed.", open_letter),
    (PRINTOUTS_LABEL, "Preview, print or save as PDF: the letter, the review record, your "
     "contact card and sheet, blank consultation forms.", open_printouts),
]  # fmt: skip
