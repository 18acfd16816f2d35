"""Open the edit dialog of any entry on the child's record, or delete one (asking first).

``open_editor(parent, ctx, child_id, kind, entry_id)`` is the one door to correcting an
entry: the record's tabs, the footprint and any read-only viewer call it with the kind
(``store.ops.entries.KINDS``: "visit", "placement", "legal_status", "person", "review",
...) and the entry's id. It reads the entry in the worker and opens its dialog (the add
dialog's form in correcting mode, on the one ``SaveDialog``); the returned ``Opening``
says when (``opened``) and holds the dialog. ``delete_entry`` asks, then writes one
tombstone (``entries.delete``), which syncs and can be undone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from iro_desktop.gui.context import Context
from iro_desktop.store.ops import entries

# Every kind ``open_editor`` opens (all of ``entries.KINDS``).
EDITORS = ("visit", "placement", "legal_status", "person", "review", "midway", "challenge",
           "challenge_stage", "note", "decision", "consultation", "feedback")  # fmt: skip


class Opening(QObject):
    """An editor being opened: ``opened(dialog)`` once the entry is read."""

    opened = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.dialog: QDialog | None = None


def open_editor(parent: QWidget, ctx: Context, child_id: str, kind: str, entry_id: str) -> Opening:
    """Open the dialog that corrects one entry (window-modal, so a lock can close it)."""
    opening = Opening(parent)

    def read(session: Any) -> Any:
        return entries.find(session, kind, entry_id)

    def show(row: Any) -> None:
        dialog = editor_for(parent, ctx, child_id, kind, row)
        dialog.open()
        opening.dialog = dialog
        opening.opened.emit(dialog)

    ctx.read(read, show, owner=opening)
    return opening


def editor_for(parent: QWidget, ctx: Context, child_id: str, kind: str, row: Any) -> QDialog:
    """The edit dialog for ``row`` (an entry of ``kind``, read from the store)."""
    if kind == "visit":
        from iro_desktop.gui.workflows.visit_dialog import VisitDialog

        return VisitDialog(parent, ctx, child_id, visit=row)
    if kind == "placement":
        from iro_desktop.gui.record.edit_dialogs import PlacementEditDialog

        return PlacementEditDialog(ctx, row, parent)
    if kind == "legal_status":
        from iro_desktop.gui.record.edit_dialogs import LegalStatusDialog

        return LegalStatusDialog(ctx, row, parent)
    if kind == "person":
        from iro_desktop.gui.record.add_dialogs import PersonDialog

        return PersonDialog(ctx, child_id, parent, person=row)
    if kind == "review":
        from iro_desktop.gui.workflows.review_hold import HoldReviewDialog

        return HoldReviewDialog(parent, ctx, child_id, row.id)
    from iro_desktop.gui.record.more_editors import dialog_for

    return dialog_for(parent, ctx, child_id, kind, row)


DELETE_QUESTION = "Delete this {what}? It is kept in the history, and Edit > Undo brings it back."


def delete_entry(
    parent: QWidget, ctx: Context, child_id: str, kind: str, entry_id: str, *, ask: bool = True
) -> QMessageBox | None:
    """Ask first, then delete the entry as one store operation (a tombstone that syncs).

    The question is window-modal (``open``, no nested event loop); the returned box is
    for tests and the tour. ``ask=False`` deletes at once with no reason."""
    what = entries.words(kind)

    def go(reason: str | None) -> None:
        def done(_row: Any) -> None:
            ctx.status(f"The {what} was deleted. Edit > Undo brings it back.")

        ctx.write(lambda op: entries.delete(op, kind, entry_id, reason), done, owner=parent)

    if not ask:
        go(None)
        return None
    box = QMessageBox(QMessageBox.Icon.Question, f"Delete the {what}?",
                      DELETE_QUESTION.format(what=what),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                      parent)  # fmt: skip
    box.button(QMessageBox.StandardButton.Yes).setText("&Delete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.finished.connect(
        lambda answer: go(None) if answer == QMessageBox.StandardButton.Yes else None
    )
    box.open()
    return box
