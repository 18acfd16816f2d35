"""Home: my meetings (today or this week), then what is due, overdue first, with the counts
at a glance.

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
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.dates import format_date
from iro_desktop.gui.signals import WorkspaceSignals, touches
from iro_desktop.gui.style import heading, muted, set_bold
from iro_desktop.store.reads.meetings import (
    KIND_LABELS,
    Meeting,
    MeetingKind,
    Span,
    meetings_in,
    span_days,
    when_words,
)
from iro_desktop.store.reads.whats_due import VIEW_NAME, Bucket, DueFact, DueLine, due_for

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor("#b3261e")
MEETING_ROWS = 8  # the most meetings shown without scrolling
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
    if item.bucket is Bucket.TO_RECORD:
        return "Date needed"
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
        self.tree = item_tree("What's due", ["When", "Child", "What", "Detail"], self._open)
        self.tree.setRootIsDecorated(True)
        self.welcome = self._welcome()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.today_label)
        self.meetings = MeetingsPanel(signals, today)
        due = QWidget()
        due_layout = QVBoxLayout(due)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addLayout(top)
        due_layout.addLayout(tiles)
        due_layout.addWidget(self.kinds)
        due_layout.addWidget(self.tree, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.welcome)
        layout.addWidget(self.meetings)
        layout.addSpacing(8)
        layout.addWidget(due, 1)
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
        self.meetings.ctx = ctx

    def reload(self) -> None:
        if self.ctx is None:
            return
        from iro_desktop.store.reads.due_facts import load_due_facts

        today = self.today
        self.ctx.read(lambda s: load_due_facts(s, today), self._read)
        self.meetings.reload()

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


class MeetingsPanel(QWidget):
    """My meetings: planned reviews and visits, with time and venue, today or this week."""

    def __init__(self, signals: WorkspaceSignals, today: date) -> None:
        super().__init__()
        self.signals, self.today = signals, today
        self.ctx: Context | None = None
        self.all: list[Meeting] = []
        self.shown: list[Meeting] = []
        self.title = heading("My meetings")
        self.spans: dict[Span, QRadioButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        for span in Span:
            button = QRadioButton(span.value)
            self.spans[span] = button
            top.addWidget(button)
        self.spans[Span.THIS_WEEK].setChecked(True)
        top.addSpacing(16)
        top.addWidget(muted(QLabel("Show:")))
        self.kinds: dict[MeetingKind, QCheckBox] = {}
        for kind in (MeetingKind.REVIEW, MeetingKind.VISIT):
            box = QCheckBox(KIND_LABELS[kind] + "s")
            box.setChecked(True)
            self.kinds[kind] = box
            top.addWidget(box)
        top.addStretch(1)
        self.count = muted(QLabel("Your meetings appear once the caseload is open."))
        top.addWidget(self.count)
        self.tree = item_tree("My meetings", ["When", "Child", "What", "Venue"], self._open)
        self.tree.setRootIsDecorated(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        toggles: list[QAbstractButton] = [*self.spans.values(), *self.kinds.values()]
        for toggle in toggles:
            toggle.toggled.connect(self._show)

    def reload(self) -> None:
        if self.ctx is None:
            return
        from iro_desktop.store.reads.meeting_facts import load_meetings

        today = self.today
        first, last = span_days(Span.THIS_WEEK, today)
        self.ctx.read(lambda s: load_meetings(s, first, last, today=today), self.loaded)

    def loaded(self, meetings: list[Meeting]) -> None:
        self.all = meetings
        self._show()

    def span(self) -> Span:
        return next(s for s, b in self.spans.items() if b.isChecked())

    def _show(self) -> None:
        kinds = frozenset(k for k, box in self.kinds.items() if box.isChecked())
        span = self.span()
        self.shown = meetings_in(self.all, span, self.today, kinds)
        self.tree.clear()
        for m in self.shown:
            row = QTreeWidgetItem([when_words(m, self.today), m.child_name, m.headline, m.venue])
            row.setData(0, ITEM_ROLE, m)
            row.setToolTip(0, format_date(m.on) + (f" at {m.time}" if m.time else ""))
            row.setToolTip(3, m.venue)
            if m.on < self.today:
                for column in range(4):
                    row.setForeground(column, self.palette().placeholderText())
            self.tree.addTopLevelItem(row)
        rows = min(max(len(self.shown), 2), MEETING_ROWS)  # no tall empty box on a laptop
        row_height = self.tree.sizeHintForRow(0) if self.shown else self.fontMetrics().height() + 6
        self.tree.setMaximumHeight(self.tree.header().sizeHint().height() + rows * row_height + 6)
        n = len(self.shown)
        when = "today" if span is Span.TODAY else "this week"
        self.count.setText(
            f"{n} meeting{'s' if n != 1 else ''} {when}" if n else f"No meetings {when}"
        )

    def _open(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        item = row.data(0, ITEM_ROLE)
        if isinstance(item, Meeting):
            self.signals.open_child.emit(item.child_id, item.tab)


def item_tree(name: str, headers: list[str], on_open: Any) -> QTreeWidget:
    """A list of Home's: the last column stretches, a row opens with Enter or a double-click."""
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setHeaderLabels(headers)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    header = tree.header()
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    tree.itemActivated.connect(on_open)  # Enter or a double-click: once
    return tree


def set_bold_item(item: QTreeWidgetItem, column: int = 0) -> None:
    font = item.font(column)
    font.setBold(True)
    item.setFont(column, font)
