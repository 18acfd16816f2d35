"""The caseload as a Qt table model, and the filter the caseload screen puts over it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from iro_desktop.gui.forms import long_date
from iro_desktop.store.reads.caseload_rows import CaseloadRow

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_COLOUR = QColor("#b3261e")

COLUMNS = (
    "Name", "Age", "Legal status", "Placement", "Area", "County",
    "Next review", "Kind", "Last visit", "Flags",
)  # fmt: skip
NEXT_REVIEW = COLUMNS.index("Next review")


def _cell(row: CaseloadRow, column: int) -> tuple[str, Any]:
    """(what is shown, what it sorts by) for one cell."""
    match COLUMNS[column]:
        case "Name":
            return row.name, row.name.lower()
        case "Age":
            return str(row.age), row.age
        case "Legal status":
            return row.legal_code, row.legal_code
        case "Placement":
            return row.placement.capitalize(), row.placement
        case "Area":
            return row.area, row.area
        case "County":
            return ("Out of county" if row.out_of_county else "In county"), row.out_of_county
        case "Next review":
            if row.history_needed:  # no date until the last review's is recorded
                return "Last review date needed", row.next_due.toordinal()
            text = long_date(row.next_due)
            return (f"⚠ Overdue: {text}" if row.overdue else text), row.next_due.toordinal()
        case "Kind":
            return row.kind, row.kind
        case "Last visit":
            return long_date(row.last_visit), row.last_visit.toordinal() if row.last_visit else 0
        case _:
            return ", ".join(row.flags), len(row.flags)


class CaseloadModel(QAbstractTableModel):
    def __init__(self, rows: list[CaseloadRow] | None = None) -> None:
        super().__init__()
        self.rows: list[CaseloadRow] = rows or []

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell(row, column)[0]
        if role == SORT_ROLE:
            return _cell(row, column)[1]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NEXT_REVIEW:
                return row.reason
            if COLUMNS[column] == "Legal status":
                return row.legal_label
            return f"{row.full_name} ({row.child_ref})"
        if row.overdue and column == NEXT_REVIEW:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None


SHOW_CHOICES = {
    "all": "Every child",
    "overdue": "Review overdue",
    "due_soon": "Review due in the next four weeks",
    "out_of_county": "Out of county",
    "under_4": "Under 4",
    "flagged": "With a flag",
}


class CaseloadFilter(QSortFilterProxyModel):
    """Type-to-search over names and refs, plus the "show" and legal status choices."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.show = "all"
        self.legal_code: str | None = None
        self.setSortRole(SORT_ROLE)

    def _refilter(self, name: str, value: object) -> None:
        """Qt 6.9+ wants begin/endFilterChange; older Qt only has invalidateRowsFilter."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            setattr(self, name, value)
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self._refilter("text", " ".join(text.lower().split()))

    def set_show(self, show: str) -> None:
        self._refilter("show", show)

    def set_legal_code(self, code: str | None) -> None:
        self._refilter("legal_code", code)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        row = model.rows[source_row]
        if self.text:
            haystack = f"{row.name} {row.full_name} {row.child_ref}".lower()
            if not all(word in haystack for word in self.text.split()):
                return False
        if self.legal_code and row.legal_code != self.legal_code:
            return False
        return {
            "all": True,
            "overdue": row.overdue,
            "due_soon": row.due_soon,
            "out_of_county": row.out_of_county,
            "under_4": row.under_4,
            "flagged": bool(row.flags),
        }.get(self.show, True)


def row_at(proxy: QSortFilterProxyModel, index: Index) -> CaseloadRow | None:
    value = proxy.data(proxy.index(index.row(), 0), ROW_ROLE)
    return value if isinstance(value, CaseloadRow) else None


def today_default(today: date | None) -> date:
    return today or date.today()
