"""After unlocking (or the next start after a crash): the work typed but never saved.

Each save dialog's draft (``store.drafts``, inside the encrypted file) is offered as "You
have an unfinished visit for Gabe (saved 14:02)" with Carry on and Discard. Carry on opens
the child's record and the same dialog again (``save_dialog.reopen``); the dialog puts the
draft back when it is shown, and Save then works as always. A dialog that was opened for
one saved record (editing a placement, say) cannot be made from plain values: Carry on
opens the record, and opening that entry's dialog again brings the typing back.

The window is not modal: the IRO can leave it open and carry on with anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui.context import Context
from iro_desktop.gui.save_dialog import SaveDialog, reopen
from iro_desktop.store import drafts

TITLE = "Unfinished work"


def describe(item: drafts.Unfinished) -> str:
    what = str(item.draft.values.get("what") or "form").lower()
    child = f" for {item.child_name}" if item.child_name else ""
    when = item.draft.saved_at.astimezone()
    day = "" if when.date() == when.now().date() else f" on {when:%d/%m/%Y}"
    return f"You have an unfinished {what}{child} (saved {when:%H:%M}{day})."


class UnfinishedPrompt(QDialog):
    reopened = Signal(object)  # the dialog made again (for tests and the tour)
    emptied = Signal()  # nothing left to offer: the window closes

    def __init__(
        self,
        parent: QWidget,
        ctx: Context,
        items: list[drafts.Unfinished],
        open_child: Callable[[str], QWidget | None],
    ) -> None:
        super().__init__(parent)
        self.ctx, self.open_child = ctx, open_child
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.setModal(False)
        self.rows: dict[str, tuple[QLabel, QPushButton, QPushButton]] = {}
        intro = QLabel("What you typed and did not save is kept. Carry on where you left off?")
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        for row, item in enumerate(items):
            label = QLabel(describe(item))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setMinimumWidth(380)
            carry, drop = QPushButton("&Carry on"), QPushButton("&Discard")
            carry.setAccessibleName(f"Carry on: {label.text()}")
            drop.setAccessibleName(f"Discard: {label.text()}")
            carry.clicked.connect(lambda _=False, i=item: self.carry_on(i))
            drop.clicked.connect(lambda _=False, i=item: self.discard(i))
            grid.addWidget(label, row, 0)
            grid.addWidget(carry, row, 1)
            grid.addWidget(drop, row, 2)
            self.rows[item.draft.key] = (label, carry, drop)
        later = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        later.button(QDialogButtonBox.StandardButton.Close).setText("&Later")
        later.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(later)

    def carry_on(self, item: drafts.Unfinished) -> SaveDialog | None:
        child_id = item.draft.child_id or ""
        parent = self.open_child(child_id) if child_id else None
        dialog = reopen(item.draft.values, parent or self.parentWidget() or self, self.ctx)
        if dialog is None:
            label = self.rows[item.draft.key][0]
            label.setText(
                f"{describe(item)} Open it again from the child's record to carry on: "
                "what you typed comes back."
            )
            return None
        dialog.open()
        self._done(item)
        self.reopened.emit(dialog)
        return dialog

    def discard(self, item: drafts.Unfinished) -> None:
        caseload, key = self.ctx.caseload, item.draft.key
        self.ctx.run(lambda: drafts.discard_draft(caseload, key), self._discarded, owner=self)
        self._done(item)

    def _discarded(self, _none: Any) -> None:
        self.ctx.status("The unfinished work was discarded.")

    def _done(self, item: drafts.Unfinished) -> None:
        for widget in self.rows.pop(item.draft.key, ()):
            widget.hide()
        if not self.rows:
            self.emptied.emit()
            self.close()
