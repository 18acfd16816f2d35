"""The children and items behind one figure: each row says whether it counted and why,
so a wrong number can be traced to a child and put right there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.figures.measure import Item, Measure
from iro_desktop.gui.style import fit_screen, heading, muted

COLUMNS = ("Child", "Reference", "Date", "What", "Counted", "Why")
CHILD_ROLE = Qt.ItemDataRole.UserRole + 1


def rows_of(measure: Measure) -> list[tuple[Item, str]]:
    """Every item, the ones that count against first, then those not yet due."""
    counted = [(i, "yes") for i in measure.items if i.counted]
    against = [(i, "no") for i in measure.items if not i.counted]
    return [*against, *counted, *((i, "not yet due") for i in measure.waiting)]


class ItemsDialog(QDialog):
    def __init__(self, measure: Measure, open_child: Callable[[str], None],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(f"Behind the figure: {measure.label}")
        self.open_child = open_child
        rate = measure.rate
        summary = muted(QLabel(
            f"{rate.describe()}. {len(measure.waiting)} not yet due, left out. "
            f"Double-click a row to open the child's record."))  # fmt: skip
        summary.setWordWrap(True)
        rule = muted(QLabel(" ".join(measure.rule.split())))
        rule.setWordWrap(True)
        rule.setAccessibleName("How it is counted")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(measure.label)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        rows = rows_of(measure)
        self.table.setRowCount(len(rows))
        for r, (item, counted) in enumerate(rows):
            cells = (item.name, item.child_ref, format_date(item.day), item.what, counted,
                     item.note)  # fmt: skip
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(CHILD_ROLE, item.child_id)
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        for c in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(measure.label, 1.2))
        layout.addWidget(summary)
        layout.addWidget(rule)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_screen(self, 980, 620)

    def _open(self, row: int, _column: int) -> None:
        cell = self.table.item(row, 0)
        if cell is not None:
            self.accept()
            self.open_child(str(cell.data(CHILD_ROLE)))
