"""The unlocked workspace: navigation on the left, the chosen screen on the right.

It is built fresh at every unlock and destroyed at every lock, so no widget keeps a
child's data while the program is locked.

It can be shown before the caseload is fully open: home and the caseload are drawn from
the saved start view (``show_views``) while the store layer loads, and become live at
``attach(ctx)``. A child or a search asked for in that moment opens at ``attach``. The
child's record and search are imported only then, so the first screen waits for neither.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from iro_desktop.gui.caseload_view import CaseloadView
from iro_desktop.gui.home_view import HomeView
from iro_desktop.gui.signals import PAGES, WorkspaceSignals
from iro_desktop.store.reads import caseload_rows, whats_due

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context
    from iro_desktop.gui.figures.view import FiguresView
    from iro_desktop.gui.record.record import ChildRecord
    from iro_desktop.gui.search_view import SearchView

GETTING_READY = "Opening the caseload…"


class NavList(QListWidget):
    """The "Go to" list. Qt's item views make their first row current when they take the
    focus with none current; here that would switch to Home whenever the focus lands on
    the list by itself (a focused Save button disabled after saving hands the focus on),
    closing the child's record under the IRO. Going somewhere takes a choice."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.currentRow() >= 0:
            super().focusInEvent(event)
            return
        self.blockSignals(True)
        super().focusInEvent(event)
        self.setCurrentRow(-1)
        self.blockSignals(False)


class Workspace(QWidget):
    def __init__(self, signals: WorkspaceSignals, today: date) -> None:
        super().__init__()
        self.signals, self.today = signals, today
        self.ctx: Context | None = None
        self.home = HomeView(signals, today)
        self.caseload = CaseloadView(signals, today)
        self.search: SearchView | None = None
        self.search_page: QWidget = QLabel(GETTING_READY)
        self.search_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting: list[tuple[str, Any]] = []  # what to do at attach
        self.record: ChildRecord | None = None
        self.previous = 0
        self.nav = NavList()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Go to")
        metrics = self.nav.fontMetrics()  # the system font size, large text included
        self.nav.setFixedWidth(max(150, metrics.horizontalAdvance("Caseload") + 48))
        self.nav.setSpacing(2)
        for name, key in zip(PAGES, ("1", "2", "3", "4"), strict=True):
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} (Ctrl+{key})")
            item.setSizeHint(QSize(self.nav.width() - 10, max(36, metrics.height() + 16)))
            self.nav.addItem(item)
        self.figures: FiguresView | None = None
        self.figures_page: QWidget = QLabel(GETTING_READY)
        self.pages = QStackedWidget()
        for page in (self.home, self.caseload, self.search_page, self.figures_page):
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.go)
        self.nav.itemClicked.connect(self._clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        signals.open_child.connect(self.open_child)
        self.caseload.loaded.connect(self._caseload_drawn)
        self.nav.setCurrentRow(0)

    def _caseload_drawn(self, _live: bool) -> None:
        self.home.set_empty(not self.caseload.model.rows)

    def show_views(self, views: dict[str, Any]) -> None:
        """Draw home and the caseload from the saved start view."""
        self.home.show_view(views[whats_due.VIEW_NAME])
        self.caseload.show_view(views[caseload_rows.VIEW_NAME])

    def attach(self, ctx: Context) -> None:
        """The caseload is open: go live, and do what was asked for meanwhile."""
        from iro_desktop.gui.outside import OutsideWatch
        from iro_desktop.gui.search_view import SearchView

        self.ctx = ctx
        self.outside = OutsideWatch(ctx, self)
        self.home.attach(ctx)
        self.caseload.attach(ctx)
        self.search = SearchView(ctx)
        current = self.pages.currentIndex()
        self.pages.insertWidget(PAGES.index("Search"), self.search)
        self.pages.removeWidget(self.search_page)
        self.search_page.deleteLater()
        self.search_page = self.search
        from iro_desktop.gui.figures.view import FiguresView

        self.figures = FiguresView(ctx)
        self.pages.insertWidget(PAGES.index("Figures"), self.figures)
        self.pages.removeWidget(self.figures_page)
        self.figures_page.deleteLater()
        self.figures_page = self.figures
        self.pages.setCurrentIndex(current)
        self.load()
        waiting, self.waiting = self.waiting, []
        for what, args in waiting:
            getattr(self, what)(*args)

    @property
    def ready(self) -> bool:
        return self.ctx is not None

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

    def _clicked(self, item: QListWidgetItem) -> None:
        """Search chosen with the mouse: the IRO is about to type, so the box is ready
        (moving down the list with the arrow keys leaves the focus on the list)."""
        if PAGES[self.nav.row(item)] == "Search":
            self.show_search()

    def show_search(self, text: str | None = None) -> None:
        self.go(PAGES.index("Search"))
        if self.search is None:
            self.waiting.append(("show_search", (text,)))
            return
        if text is not None:
            self.search.set_query(text)
        self.search.focus_search()

    def open_child(self, child_id: str, tab: str = "") -> None:
        if self.ctx is None:
            self.waiting.append(("open_child", (child_id, tab)))
            self.signals.status.emit(GETTING_READY)
            return
        from iro_desktop.gui.record.record import ChildRecord

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
