"""Home: what is due, overdue first, with the counts at a glance.

Overdue is said in words ("Overdue by 3 days") and with a warning sign, and only then
coloured, so it stands out to someone who cannot tell red from green.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.dates import format_date
from iro_desktop.gui.signals import WorkspaceSignals, touches
from iro_desktop.gui.style import heading, muted, set_bold
from iro_desktop.store.reads.whats_due import VIEW_NAME, Bucket, DueFact, DueLine, due_for

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor("#b3261e")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# What the empty Home offers: (the action ``signals.set_up`` carries, the button's words).
GETTING_STARTED = (
    ("import", "&Import children…"),
    ("add_child", "&Add a child…"),
    ("connect", "C&onnect to the central store…"),
)


# The tables what's due is read from (``store.due_items``): other writes leave it as it is.
SHOWS = frozenset({"children", "reviews", "visits", "consultations", "decisions",
                   "midway_updates", "challenges", "challenge_stages", "settings"})  # fmt: skip


def when_text(item: DueLine, days: int) -> str:
    if item.bucket is Bucket.OVERDUE:
        late = -days
        return f"⚠ Overdue by {late} day{'s' if late != 1 else ''}"
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    return f"{WEEKDAYS[item.due.weekday()]} {item.due.day} {format_date(item.due).split()[1][:3]}"


class HomeView(QWidget):
    """Drawn first from the saved start view (``show_view``), then live once attached."""

    def __init__(self, signals: WorkspaceSignals, today: date) -> None:
        super().__init__()
        self.signals, self.today = signals, today
        self.ctx: Context | None = None
        self.items: list[DueLine] = []
        self.title = heading("What's due")
        self.today_label = muted(QLabel(f"Today is {format_date(today)}"))
        self.tiles: dict[Bucket, QPushButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        tiles = QHBoxLayout()
        for bucket in Bucket:
            tile = QPushButton()
            tile.setObjectName("tile")
            tile.setCheckable(True)
            tile.setChecked(True)
            tile.setAccessibleName(bucket.value)
            tile.toggled.connect(self._show)
            self.tiles[bucket] = tile
            tiles.addWidget(tile)
        self.kinds = muted(QLabel())
        self.kinds.setWordWrap(True)
        self.kinds.setAccessibleName("Counts by kind")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("What's due")
        self.tree.setHeaderLabels(["When", "Child", "What", "Detail"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.itemActivated.connect(self._open)
        self.tree.itemDoubleClicked.connect(self._open)
        self.welcome = self._welcome()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.today_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.welcome)
        layout.addLayout(tiles)
        layout.addWidget(self.kinds)
        layout.addWidget(self.tree, 1)
        signals.changes_made.connect(self._changed)

    def _welcome(self) -> QFrame:
        """What to do next on an empty caseload: shown until the first child arrives."""
        panel = QFrame()
        panel.setObjectName("card")
        panel.setAccessibleName("Getting started")
        box = QVBoxLayout(panel)
        box.addWidget(heading("Add your children", 1.15))
        words = QLabel(
            "Your caseload is empty. Import your children from a CSV file or your "
            "authority's SSDA903 extract, add a child by hand, or connect to your "
            "authority's central store to receive the children allocated to you. "
            "These are in the File and Sync menus too."
        )
        words.setWordWrap(True)
        box.addWidget(words)
        buttons = QHBoxLayout()
        self.start_buttons: dict[str, QPushButton] = {}
        for action, text in GETTING_STARTED:
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _=False, a=action: self.signals.set_up.emit(a))
            self.start_buttons[action] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        panel.hide()
        return panel

    def set_empty(self, empty: bool) -> None:
        """Whether the caseload has no children yet (the caseload screen knows)."""
        self.welcome.setVisible(empty)

    def _changed(self, changes: Any) -> None:
        if touches(changes, SHOWS):
            self.reload()

    def show_view(self, body: dict[str, Any]) -> None:
        self._loaded(due_for([DueFact.from_view(raw) for raw in body["items"]], self.today))

    def attach(self, ctx: Context) -> None:
        self.ctx = ctx

    def reload(self) -> None:
        if self.ctx is None:
            return
        from iro_desktop.store.reads.due_facts import load_due_facts

        today = self.today
        self.ctx.read(lambda s: load_due_facts(s, today), self._read)

    def _read(self, result: tuple[list[DueFact], int | None]) -> None:
        facts, count = result
        if self.ctx is not None:
            self.ctx.remember(VIEW_NAME, count, {"items": [f.to_view() for f in facts]})
        self._loaded(due_for(facts, self.today))

    def _loaded(self, items: list[DueLine]) -> None:
        self.items = items
        counts = Counter(i.bucket for i in items)
        for bucket, tile in self.tiles.items():
            n = counts[bucket]
            mark = "⚠ " if bucket is Bucket.OVERDUE and n else ""
            tile.setText(f"{mark}{n}\n{bucket.value}")
            tile.setAccessibleName(f"{bucket.value}: {n}")
            set_bold(tile, bucket is Bucket.OVERDUE and n > 0)
        kinds = Counter(i.label for i in items)
        self.kinds.setText("  ·  ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
        self._show()

    def counts(self) -> dict[Bucket, int]:
        return dict(Counter(i.bucket for i in self.items))

    def _show(self) -> None:
        self.tree.clear()
        for bucket in Bucket:
            if not self.tiles[bucket].isChecked():
                continue
            mine = [i for i in self.items if i.bucket is bucket]
            top = QTreeWidgetItem([f"{bucket.value} ({len(mine)})"])
            set_bold_item(top)
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for item in mine:
                days = (item.due - self.today).days
                row = QTreeWidgetItem(
                    [when_text(item, days), item.child_name, item.label, item.detail]
                )
                row.setData(0, ITEM_ROLE, item)
                row.setToolTip(0, format_date(item.due))
                row.setToolTip(3, item.detail)
                if bucket is Bucket.OVERDUE:
                    row.setForeground(0, QBrush(OVERDUE))
                    set_bold_item(row, 0)
                top.addChild(row)
            top.setExpanded(True)

    def _open(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        item = row.data(0, ITEM_ROLE)
        if isinstance(item, DueLine):
            self.signals.open_child.emit(item.child_id, item.tab)


def set_bold_item(item: QTreeWidgetItem, column: int = 0) -> None:
    font = item.font(column)
    font.setBold(True)
    item.setFont(column, font)
