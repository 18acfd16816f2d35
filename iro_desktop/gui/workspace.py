"""The unlocked workspace: navigation on the left, the chosen screen on the right.

It is built fresh at every unlock and destroyed at every lock, so no widget keeps a
child's data while the program is locked.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from iro_desktop.gui.caseload_view import CaseloadView
from iro_desktop.gui.child_record import ChildRecord
from iro_desktop.gui.context import Context
from iro_desktop.gui.home_view import HomeView
from iro_desktop.gui.search_view import SearchView

PAGES = ("Home", "Caseload", "Search")


class Workspace(QWidget):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.home = HomeView(ctx)
        self.caseload = CaseloadView(ctx)
        self.search = SearchView(ctx)
        self.record: ChildRecord | None = None
        self.previous = 0
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Go to")
        self.nav.setFixedWidth(150)
        self.nav.setSpacing(2)
        for name, key in zip(PAGES, ("1", "2", "3"), strict=True):
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} (Ctrl+{key})")
            item.setSizeHint(QSize(140, 36))
            self.nav.addItem(item)
        self.pages = QStackedWidget()
        for page in (self.home, self.caseload, self.search):
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.go)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        ctx.signals.open_child.connect(self.open_child)
        self.nav.setCurrentRow(0)

    def load(self) -> None:
        self.home.reload()
        self.caseload.reload()

    def go(self, row: int) -> None:
        if row < 0:
            return
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # re-enters here once
            return
        self.pages.setCurrentIndex(row)

    def show_search(self, text: str | None = None) -> None:
        self.go(PAGES.index("Search"))
        if text is not None:
            self.search.set_query(text)
        self.search.focus_search()

    def open_child(self, child_id: str, tab: str = "") -> None:
        if self.record is not None and self.record.has_unsaved():
            self.record.profile.save_draft()
        self.previous = (
            self.pages.currentIndex()
            if self.pages.currentWidget() is not self.record
            else self.previous
        )
        self._drop_record()
        self.record = ChildRecord(self.ctx, child_id)
        self.record.back.clicked.connect(self.close_child)
        self.pages.addWidget(self.record)
        self.pages.setCurrentWidget(self.record)
        self.nav.blockSignals(True)
        self.nav.clearSelection()
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)
        if tab:
            self.record.show_tab(tab)
        self.record.reload()
        self.record.tabs.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_child(self) -> None:
        if self.record is not None:
            self.record.profile.save_draft()
        self._drop_record()
        self.nav.setCurrentRow(self.previous)
        self.pages.setCurrentIndex(self.previous)

    def _drop_record(self) -> None:
        if self.record is not None:
            self.pages.removeWidget(self.record)
            self.record.deleteLater()
            self.record = None

    def has_unsaved(self) -> bool:
        return self.record is not None and self.record.has_unsaved()
