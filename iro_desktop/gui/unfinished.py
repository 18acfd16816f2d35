"""After unlocking (or the next start after a crash): the work typed but never saved.

Each save dialog's draft (``store.drafts``, inside the encrypted file) is offered as "You
have an unfinished visit for Gabe (saved 14:02)" with Carry on and Discard. Carry on opens
the child's record and the same dialog again (``save_dialog.reopen``); the dialog puts the
draft back when it is shown, and Save then works as always. A dialog that was opened for
one saved record (editing a placement, say) cannot be made from plain values: Carry on
opens the record, and opening that entry's dialog again brings the typing back.

A child's answers in child mode not yet saved (a crash, a power cut, or the program closed)
are offered the same way, by the child's name; Carry on opens child mode again, full screen,
at the question the child was on with every answer. (After a lock in the same session child
mode comes back by itself: see ``MainWindow``.)

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
from iro_desktop.gui.save_dialog import reopen
from iro_desktop.store import drafts

TITLE = "Unfinished work"


def describe(item: drafts.Unfinished) -> str:
    if item.draft.key.startswith(drafts.CHILD_MODE_PREFIX):
        return _describe_child_mode(item)
    what = str(item.draft.values.get("what") or "form").lower()
    child = f" for {item.child_name}" if item.child_name else ""
    when = item.draft.saved_at.astimezone()
    day = "" if when.date() == when.now().date() else f" on {when:%d/%m/%Y}"
    return f"You have an unfinished {what}{child} (saved {when:%H:%M}{day})."


def _describe_child_mode(item: drafts.Unfinished) -> str:
    when = item.draft.saved_at.astimezone()
    day = "" if when.date() == when.now().date() else f" on {when:%d/%m/%Y}"
    whose = f"{item.child_name}'s answers" if item.child_name else "A child's answers"
    return f"{whose} in child mode are not saved yet (kept at {when:%H:%M}{day})."


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

    def carry_on(self, item: drafts.Unfinished) -> QWidget | None:
        child_id = item.draft.child_id or ""
        if item.draft.key.startswith(drafts.CHILD_MODE_PREFIX) and child_id:
            return self._child_mode(item, child_id)
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

    def _child_mode(self, item: drafts.Unfinished, child_id: str) -> QWidget | None:
        """Child mode again for the child, full screen; it puts its draft back itself."""
        from iro_desktop.gui.workflows import open_child_mode

        self.open_child(child_id)  # the record behind it, for when the IRO leaves
        window = open_child_mode(self.parentWidget() or self, self.ctx, child_id)
        if not isinstance(window, QWidget):
            return None
        self._done(item)
        if self.rows:  # the others name children: not over child mode, back when it is left
            self.hide()
            window.left.connect(self.show)  # type: ignore[attr-defined]
        self.reopened.emit(window)
        return window

    def discard(self, item: drafts.Unfinished) -> None:
        if item.draft.key.startswith(drafts.CHILD_MODE_PREFIX):
            self._write_alerts(item)  # the answers may go; an alert the child raised never
        caseload, key = self.ctx.caseload, item.draft.key
        self.ctx.run(lambda: drafts.discard_draft(caseload, key), self._discarded, owner=self)
        self._done(item)

    def _write_alerts(self, item: drafts.Unfinished) -> None:
        """Alerts the draft holds that were never known to be written (a crash straight
        after the press): written now, as they would have been (their ids stop a repeat)."""
        from iro_desktop.store.ops.child_mode import raise_alert

        values, child_id, today = item.draft.values, item.draft.child_id, self.ctx.today
        ids, unsaved = values.get("alerts") or {}, values.get("unsaved_alerts") or []
        pending = [(k, ids[k]) for k in unsaved if isinstance(ids.get(k), str)]
        if not pending or not child_id:
            return

        def write(op: Any) -> None:
            for kind, alert_id in pending:
                raise_alert(op, child_id, None, kind, today, alert_id)

        self.ctx.write(write, lambda _none: None, owner=self)

    def _discarded(self, _none: Any) -> None:
        self.ctx.status("The unfinished work was discarded.")

    def _done(self, item: drafts.Unfinished) -> None:
        for widget in self.rows.pop(item.draft.key, ()):
            widget.hide()
        if not self.rows:
            self.emptied.emit()
            self.close()
