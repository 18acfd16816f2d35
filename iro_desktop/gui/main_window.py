"""The main window: the caseload, with each child's next review."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.kpis import caseload_message
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.queries import DueEntry, due_list

Index = QModelIndex | QPersistentModelIndex


class CaseloadModel(QAbstractTableModel):
    HEADERS = ("Ref", "Name", "Next review due", "Kind", "Overdue")

    def __init__(self, entries: list[DueEntry]) -> None:
        super().__init__()
        self.entries = entries

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.entries[index.row()]
        return (
            e.child_ref,
            e.name,
            format_date(e.next_review_due),
            e.kind.replace("_", " "),
            "Overdue" if e.overdue else "",
        )[index.column()]


class MainWindow(QMainWindow):
    def __init__(self, caseload: Caseload, *, demo: bool = False) -> None:
        super().__init__()
        self.caseload = caseload
        self.setWindowTitle("IRO Desktop" + (" (demo caseload)" if demo else ""))
        with caseload.session() as session:
            entries = due_list(session, date.today())
        self.model = CaseloadModel(entries)
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName("Caseload")
        table.resizeColumnsToContents()
        summary = QLabel(caseload_message(len(entries)))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(summary)
        layout.addWidget(table)
        self.setCentralWidget(body)
        self.resize(1100, 700)
