"""The decisions of a review as an editable table: what, who, by when.

A saved decision can be marked to be removed (recorded by mistake) or cancelled (it will no
longer happen), each with a reason; nothing is written until the screen is saved, and the
operation layer refuses a removal once a mid-way update has assessed the decision.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from iro_desktop.domain import codes
from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.forms import Drafted, date_text
from iro_desktop.store.ops.reviews import DecisionEdit
from iro_desktop.store.schema import Decision

HEADERS = ("What will happen", "Who", "By when (DD/MM/YYYY)", "Now")
CHANGES = {"remove": "to be removed", "cancel": "to be cancelled"}


class DecisionsTable(Drafted):
    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Decisions: what, who, by when")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.changes: dict[str, tuple[str, str]] = {}
        self.question: QMessageBox | None = None
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why (needed to remove or cancel a saved decision)")
        self.reason.setAccessibleName("Reason for removing or cancelling")
        self.drop_button = QPushButton("Remove: recorded by &mistake")
        self.drop_button.setAccessibleName("Remove the selected decision, recorded by mistake")
        self.drop_button.clicked.connect(lambda: self.mark_selected("remove"))
        self.cancel_button = QPushButton("Ca&ncel decision")
        self.cancel_button.setAccessibleName("Cancel the selected decision")
        self.cancel_button.clicked.connect(lambda: self.mark_selected("cancel"))
        self.undo_button = QPushButton("&Keep it")
        self.undo_button.setAccessibleName("Keep the selected decision after all")
        self.undo_button.clicked.connect(lambda: self.mark_selected(None))
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self.table.setMinimumHeight(150)
        self.add_button = QPushButton("&Add a decision")
        self.add_button.setAccessibleName("Add a decision")
        self.add_button.clicked.connect(self.add_and_edit)
        self.remove_button = QPushButton("&Remove new decision")
        self.remove_button.setAccessibleName("Remove the selected new decision")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        saved = QHBoxLayout()
        saved.addWidget(self.reason, 1)
        for button in (self.drop_button, self.cancel_button, self.undo_button):
            saved.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(saved)

    def add_row(self, decision: Decision | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (
            (decision.text, decision.owner, date_text(decision.due_date),
             codes.DECISION_STATUSES.get(decision.status, decision.status))
            if decision
            else ("", "", "", "New")
        )  # fmt: skip
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 3:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if column == 0 and decision is not None:
                item.setData(256, decision.id)  # Qt.UserRole
            self.table.setItem(row, column, item)
        return row

    def add_and_edit(self) -> None:
        """A new row, with the typing in its first cell: the button keeps no focus, so a
        second press of the space bar types a space rather than adding another row."""
        row = self.add_row()
        item = self.table.item(row, 0)
        assert item is not None
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(item)

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        assert item is not None
        item.setText(text)

    def remove_selected(self) -> None:
        """Remove the selected new row; one with anything typed in it asks first."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or item.data(256) is not None:
            return
        cells = [self.table.item(row, c) for c in range(3)]
        typed = [c.text().strip() for c in cells if c is not None and c.text().strip()]
        if not typed:
            self.table.removeRow(row)
            self.edited.emit()
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove this decision?",
            f"Remove the new decision “{typed[0]}”? What was typed in it will be lost.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        question.button(QMessageBox.StandardButton.Discard).setText("&Remove it")
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        question.setWindowModality(Qt.WindowModality.WindowModal)
        question.finished.connect(lambda answer: self._removed(item, answer))
        self.question = question
        question.open()

    def _removed(self, item: QTableWidgetItem, answer: int) -> None:
        self.question = None
        if answer == QMessageBox.StandardButton.Discard and item.tableWidget() is self.table:
            self.table.removeRow(item.row())
            self.edited.emit()

    def mark_selected(self, change: str | None) -> None:
        """Mark the selected saved decision to be removed or cancelled (or keep it)."""
        row = self.table.currentRow()
        first = self.table.item(row, 0) if row >= 0 else None
        decision_id = first.data(256) if first is not None else None
        if decision_id is None:
            return
        now = self.table.item(row, 3)
        assert now is not None
        if change is None:
            self.changes.pop(decision_id, None)
            now.setText(now.data(256) or now.text())
        else:
            if now.data(256) is None:
                now.setData(256, now.text())
            reason = self.reason.text()
            self.changes[decision_id] = (change, reason)
            now.setText(f"{CHANGES[change]}: {reason.strip() or '(no reason yet)'}")
        self._strike(row, change is not None)
        self.edited.emit()

    def _strike(self, row: int, struck: bool) -> None:
        for column in range(3):
            item = self.table.item(row, column)
            if item is not None:
                font = item.font()
                font.setStrikeOut(struck)
                item.setFont(font)

    # --- kept in a draft -------------------------------------------------------------

    def draft_value(self) -> dict[str, Any]:
        rows = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, c) for c in range(4)]
            texts = [i.text() if i is not None else "" for i in items]
            first, now = items[0], items[3]
            rows.append(
                [*texts, first.data(256) if first else None, now.data(256) if now else None]
            )
        changes = {k: list(v) for k, v in self.changes.items()}
        return {"rows": rows, "changes": changes, "reason": self.reason.text()}

    def restore_draft(self, value: Any) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for *texts, decision_id, before in value.get("rows", []):
            row = self.add_row()
            for column, text in enumerate(texts):
                self.set_cell(row, column, text)
            first, now = self.table.item(row, 0), self.table.item(row, 3)
            assert first is not None and now is not None
            first.setData(256, decision_id)
            now.setData(256, before)
        self.changes = {k: (v[0], v[1]) for k, v in value.get("changes", {}).items()}
        for row in range(self.table.rowCount()):
            first = self.table.item(row, 0)
            self._strike(row, first is not None and first.data(256) in self.changes)
        self.table.blockSignals(False)
        self.reason.setText(value.get("reason", ""))
        self.edited.emit()

    def rows(self) -> list[DecisionEdit]:
        """Every row that says anything; an empty new row is ignored."""
        out: list[DecisionEdit] = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(3)]
            text, owner, when = (c.text().strip() if c else "" for c in cells)
            decision_id = cells[0].data(256) if cells[0] else None
            if not (text or owner or when) and decision_id is None:
                continue
            try:
                due = parse_date(when, "due_date") if when else None
            except ValidationError as exc:
                raise ValidationError(
                    "decisions", f"decision {row + 1}: by when {exc.problem}"
                ) from None
            change = self.changes.get(decision_id) if decision_id else None
            if change is not None:
                out.append(DecisionEdit(decision_id, text, owner, None, change))
                continue
            out.append(DecisionEdit(decision_id, text, owner, due))
        return out
