"""The one viewer for an entry of the child's file: read in full, read-only, then Edit.

The footprint and search open it (``open_entry``). It reads the entry in the worker
(``store.reads.entry.read_entry``) and shows every field, a label over each piece of free
text, nothing editable. Edit hands over to ``editors.open_editor(parent, ctx, child_id, kind,
entry_id)``, the one door to correcting an entry; a letter is changed in its own editor,
so it has no Edit here.
The viewer reloads when a change names its child, so it never shows a stale entry.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui.context import Context
from iro_desktop.gui.record.editors import Opening, open_editor
from iro_desktop.gui.style import fit_screen, heading, muted
from iro_desktop.store.ops.entries import KIND_OF_TABLE
from iro_desktop.store.reads.entry import Entry, Line, read_entry


def entry_html(entry: Entry) -> str:
    """Every recorded field; a label over each piece of free text, in reading order."""
    out = [_lines(entry.lines)]
    for part in entry.parts:
        out.append(f"<h3>{html.escape(part.title)}</h3>{_lines(part.lines)}")
    return "".join(out)


def _lines(lines: tuple[Line, ...]) -> str:
    rows: list[str] = []
    out: list[str] = []

    def flush() -> None:
        if rows:
            out.append("<table cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>")
            rows.clear()

    for line in lines:
        if not line.value:
            continue
        value = html.escape(line.value).replace("\n", "<br>")
        if line.long:
            flush()
            out.append(f"<p><b>{html.escape(line.label)}</b><br>{value}</p>")
        else:
            rows.append(f"<tr><td><b>{html.escape(line.label)}</b></td><td>{value}</td></tr>")
    flush()
    return "".join(out) or "<p><i>Nothing recorded.</i></p>"


class EntryDialog(QDialog):
    """One entry, read-only. ``loaded`` entry in ``self.entry`` once read."""

    def __init__(
        self, parent: QWidget | None, ctx: Context, child_id: str, table: str, row_id: str,
        *, to_record: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.child_id, self.table, self.row_id = ctx, child_id, table, row_id
        self.entry: Entry | None = None
        self.setWindowTitle("Entry")
        self.setAccessibleName("Entry on the child's file")
        self.title = heading("Reading…", 1.2)
        self.title.setWordWrap(True)
        self.kind = muted(QLabel())
        self.body = QTextBrowser()
        self.body.setAccessibleName("The entry in full")
        self.body.setOpenLinks(False)
        self.body.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.edit = QPushButton("&Edit…")
        self.edit.setAccessibleName("Edit this entry")
        self.edit.clicked.connect(self.open_editor)
        self.buttons.addButton(self.edit, QDialogButtonBox.ButtonRole.ActionRole)
        self.edit.hide()
        self.record = QPushButton("Open the child's &record")
        self.record.clicked.connect(self.open_record)
        self.buttons.addButton(self.record, QDialogButtonBox.ButtonRole.ActionRole)
        self.record.setVisible(to_record)  # after adding: the box shows what it is given
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.kind)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        fit_screen(self, 720, 620)
        ctx.signals.changes_made.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        table, row_id = self.table, self.row_id
        self.ctx.read(lambda s: read_entry(s, table, row_id), self._loaded, self._gone)

    def _changed(self, changes: Any) -> None:
        if self.child_id in getattr(changes, "child_ids", ()):
            self.reload()

    def _loaded(self, entry: Entry) -> None:
        self.entry = entry
        self.table, self.row_id = entry.table, entry.row_id  # a part opens its whole
        self.setWindowTitle(f"{entry.kind}: {entry.title}")
        self.title.setText(entry.title)
        self.kind.setText(" · ".join(x for x in (entry.kind, entry.child_name, entry.corrected,
                                                 "read-only") if x))  # fmt: skip
        self.body.setHtml(entry_html(entry))
        self.edit.setVisible(entry.table in KIND_OF_TABLE)
        self.body.setFocus()

    def _gone(self, error: BaseException) -> None:
        self.entry = None
        self.title.setText("This entry is no longer on the child's file.")
        self.kind.setText(str(error) if isinstance(error, LookupError) else "")
        self.body.clear()
        self.edit.hide()

    def open_editor(self) -> Opening | None:
        kind = KIND_OF_TABLE.get(self.table)
        if kind is None or self.entry is None:
            return None
        return open_editor(self, self.ctx, self.child_id, kind, self.row_id)

    def open_record(self) -> None:
        self.ctx.signals.open_child.emit(self.child_id, "Footprint")
        self.accept()


def open_entry(
    parent: QWidget, ctx: Context, child_id: str, table: str, row_id: str, *,
    to_record: bool = False,
) -> EntryDialog:  # fmt: skip
    """Window-modal, not a nested event loop, so a lock can close it cleanly."""
    dialog = EntryDialog(parent, ctx, child_id, table, row_id, to_record=to_record)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
