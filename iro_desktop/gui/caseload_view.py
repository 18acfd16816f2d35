"""The caseload screen: every child in a sortable, filterable table."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain import codes
from iro_desktop.gui.caseload_model import (
    COLUMNS,
    SHOW_CHOICES,
    CaseloadFilter,
    CaseloadModel,
    row_at,
)
from iro_desktop.gui.signals import WorkspaceSignals, touches
from iro_desktop.gui.style import heading
from iro_desktop.store.reads.caseload_rows import VIEW_NAME, CaseloadFacts, CaseloadTable, rows_for

# The tables the caseload table is read from (``store.reads.caseload_facts``).
SHOWS = frozenset({"children", "legal_statuses", "placements", "reviews", "visits",
                   "challenges", "settings"})  # fmt: skip

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context


class CaseloadView(QWidget):
    """Drawn first from the saved start view (``show_view``), then live once attached."""

    loaded = Signal(bool)  # the table was filled: live (True) or from the start view

    def __init__(self, signals: WorkspaceSignals, today: date) -> None:
        super().__init__()
        self.signals, self.today = signals, today
        self.ctx: Context | None = None
        self.model = CaseloadModel()
        self.proxy = CaseloadFilter()
        self.proxy.setSourceModel(self.model)
        self.title = heading("Caseload")
        self.size_label = QLabel()
        self.size_label.setAccessibleName("Caseload size")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name or reference…")
        self.search.setAccessibleName("Find a child by name or reference")
        self.search.setClearButtonEnabled(True)
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName("Show")
        for key, label in SHOW_CHOICES.items():
            self.show_combo.addItem(label, key)
        self.legal_combo = QComboBox()
        self.legal_combo.setAccessibleName("Legal status")
        self.legal_combo.addItem("Any legal status", None)
        for code, label in codes.LEGAL_STATUSES.items():
            self.legal_combo.addItem(f"{code}: {label}", code)
        self.legal_combo.setMaximumWidth(260)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Children shown")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Caseload table")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("Next review"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Flags"), QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open)  # Enter or a double-click: once

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.size_label)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        show_caption = QLabel("&Show:")
        show_caption.setBuddy(self.show_combo)
        bar.addWidget(show_caption)
        bar.addWidget(self.show_combo, 1)
        bar.addWidget(self.legal_combo, 1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        self.search.textChanged.connect(self._filter)
        self.show_combo.currentIndexChanged.connect(self._filter)
        self.legal_combo.currentIndexChanged.connect(self._filter)
        self.search.returnPressed.connect(self._open_first)
        signals.changes_made.connect(self._changed)

    def _changed(self, changes: Any) -> None:
        if touches(changes, SHOWS):
            self.reload()

    def show_view(self, body: dict[str, Any]) -> None:
        self._loaded(rows_for(CaseloadFacts.from_view(body), self.today))
        self.loaded.emit(False)

    def attach(self, ctx: Context) -> None:
        self.ctx = ctx

    def reload(self) -> None:
        if self.ctx is None:
            return
        from iro_desktop.store.reads.caseload_facts import load_facts

        self.ctx.read(load_facts, self._read)

    def _read(self, result: tuple[CaseloadFacts, int | None]) -> None:
        facts, count = result
        if self.ctx is not None:
            self.ctx.remember(VIEW_NAME, count, facts.to_view())
        self._loaded(rows_for(facts, self.today))
        self.loaded.emit(True)

    def _loaded(self, caseload: CaseloadTable) -> None:
        self.model.set_rows(caseload.rows)
        self.size_label.setText(caseload.message)
        self._count()

    def _filter(self) -> None:
        self.proxy.set_text(self.search.text())
        self.proxy.set_show(self.show_combo.currentData())
        self.proxy.set_legal_code(self.legal_combo.currentData())
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} shown")

    def _open(self, index: QModelIndex) -> None:
        row = row_at(self.proxy, index)
        if row is not None:
            self.signals.open_child.emit(row.child_id, "")

    def _open_first(self) -> None:
        if self.proxy.rowCount():
            self._open(self.proxy.index(0, 0))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
