"""The decisions of a review as an editable table: what, who, by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.workflows.fields import date_text
from iro_desktop.store.schema import Decision

HEADERS = ("What will happen", "Who", "By when (DD/MM/YYYY)")


@dataclass(frozen=True)
class DecisionRow:
    decision_id: str | None
    text: str
    owner: str
    due_date: date | None


class DecisionsTable(QWidget):
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
        self.table.setMinimumHeight(150)
        self.add_button = QPushButton("&Add a decision")
        self.add_button.setAccessibleName("Add a decision")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton("&Remove new decision")
        self.remove_button.setAccessibleName("Remove the selected new decision")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, decision: Decision | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (
            (decision.text, decision.owner, date_text(decision.due_date))
            if decision
            else ("", "", "")
        )
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 0 and decision is not None:
                item.setData(256, decision.id)  # Qt.UserRole
            self.table.setItem(row, column, item)
        return row

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        assert item is not None
        item.setText(text)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None and item.data(256) is None:
            self.table.removeRow(row)

    def rows(self) -> list[DecisionRow]:
        """Every row that says anything; an empty new row is ignored."""
        out: list[DecisionRow] = []
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
            out.append(DecisionRow(decision_id, text, owner, due))
        return out
