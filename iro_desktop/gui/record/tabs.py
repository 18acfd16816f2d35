"""The read-only tabs of the child's record: placements, legal status, people, reviews
and the footprint timeline (filterable by kind and by words)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain import codes
from iro_desktop.gui.forms import long_date
from iro_desktop.gui.style import muted
from iro_desktop.store.ops import entries
from iro_desktop.store.reads.child_file import FOOTPRINT_KINDS, ChildFile, Event
from iro_desktop.store.schema import Review


def table(name: str, headers: Sequence[str], stretch: int = -1) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.setAccessibleName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch % len(headers), QHeaderView.ResizeMode.Stretch)
    return t


def fill(t: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    t.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            t.setItem(r, c, item)


def with_actions(
    body: QWidget, *buttons: QWidget, note: str = "", lead: QWidget | None = None
) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    bar = QHBoxLayout()
    if note:
        bar.addWidget(muted(QLabel(note)))
    if lead is not None:
        bar.addWidget(lead, 1)
    bar.addStretch(1)
    for button in buttons:
        bar.addWidget(button)
    layout.addLayout(bar)
    layout.addWidget(body, 1)
    return page


def placement_rows(f: ChildFile) -> list[list[str]]:
    return [
        [
            long_date(p.start_date),
            long_date(p.end_date) if p.end_date else "Current",
            codes.PLACEMENT_GROUPS.get(p.place_code, "").capitalize() + f" ({p.place_code})",
            p.area or "",
            "Out of county" if p.out_of_county else "In county",
            p.carers or p.provider or "",
            f"{p.travel_minutes} min" if p.travel_minutes else "",
            f.note(p),
        ]
        for p in f.placements
    ]


PLACEMENT_HEADERS = ("From", "To", "Type", "Area", "County", "Carers or provider", "Travel",
                     "History")  # fmt: skip


def legal_rows(f: ChildFile) -> list[list[str]]:
    return [
        [long_date(s.start_date), long_date(s.end_date) if s.end_date else "Current",
         s.code, codes.LEGAL_STATUSES.get(s.code, ""), f.note(s)]
        for s in f.legal_statuses
    ]  # fmt: skip


LEGAL_HEADERS = ("From", "To", "Code", "Legal status", "History")


def people_rows(f: ChildFile) -> list[list[str]]:
    return [
        [codes.PEOPLE_ROLES.get(p.role, p.role), p.name, p.organisation or "", p.phone or "",
         p.email or "", f"Left {long_date(p.end_date)}" if p.end_date else "Current",
         p.notes or "", f.note(p)]
        for p in f.people
    ]  # fmt: skip


PEOPLE_HEADERS = ("Role", "Name", "Organisation", "Phone", "Email", "Now", "Notes", "History")


REVIEW_KINDS = {"first": "First", "second": "Second", "subsequent": "Later",
                "brought_forward": "Brought forward"}  # fmt: skip


def review_number(f: ChildFile, review_id: str) -> str:
    number = f.review_numbers.get(review_id)
    if number is None:
        return ""
    return f"{number} (assumed)" if review_id == f.assumed_review_id else str(number)


def review_kind(f: ChildFile, r: Review) -> str:
    """Which review it was, counted as the program counts (missing reviews allowed for)."""
    number = f.review_numbers.get(r.id)
    if r.id == f.assumed_review_id:
        return "Later (assumed)"
    if number is not None and r.kind != "brought_forward":
        return {1: "First", 2: "Second"}.get(number, "Later")
    return REVIEW_KINDS.get(r.kind, r.kind.replace("_", " ").capitalize())


def review_rows(f: ChildFile) -> list[list[str]]:
    out = []
    for r in f.reviews:
        when = r.held_date or r.planned_date or r.due_date
        state = "Held" if r.held_date else r.status.capitalize()
        state += " (imported)" if r.imported else ""
        at = f", {r.planned_time}" if r.status == "planned" and r.planned_time else ""
        out.append([
            review_number(f, r.id), long_date(when) + at, state,
            review_kind(f, r),
            r.participation_code or "", long_date(r.decisions_shared_date) if r.held_date else "",
            long_date(r.record_distributed_date) if r.held_date else "", r.venue or "",
            f.note(r),
        ])  # fmt: skip
    return out


REVIEW_HEADERS = ("No.", "Date", "Status", "Kind", "Participation", "Decisions shared",
                  "Record distributed", "Venue", "History")  # fmt: skip


def what(e: Event) -> str:
    return f"{e.title} · {e.corrected}" if e.corrected else e.title


class FootprintView(QWidget):
    """Everything the IRO did for this child, newest first, filterable. Double-click,
    Enter or "Open…" reads the chosen entry in full (``opened`` gives it)."""

    opened = Signal(object)  # the Event to open

    def __init__(self) -> None:
        super().__init__()
        self.events: list[Event] = []
        self.open_button = QPushButton("&Open…")
        self.open_button.setAccessibleName("Open the selected entry")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.add_note = QPushButton("Add a &note…")
        self.add_note.setAccessibleName("Add a note")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Show kind")
        self.kind.addItem("Everything", None)
        for kind in FOOTPRINT_KINDS:
            self.kind.addItem(
                kind if kind.endswith("s") or kind == "Feedback" else kind + "s", kind
            )
        self.words = QLineEdit()
        self.words.setPlaceholderText("Filter by words…")
        self.words.setAccessibleName("Filter the footprint by words")
        self.words.setClearButtonEnabled(True)
        self.count = muted(QLabel())
        self.table = table("Footprint timeline", ("Date", "Kind", "What", "Detail"))
        self.kind.currentIndexChanged.connect(self.refresh)
        self.words.textChanged.connect(self.refresh)
        self.edit_button = QPushButton("Ed&it…")
        self.delete_button = QPushButton("Delete…")
        for button, verb in ((self.edit_button, "Correct"), (self.delete_button, "Delete")):
            button.setAccessibleName(f"{verb} the selected entry")
            button.setEnabled(False)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.words, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.open_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.add_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def set_events(self, events: list[Event]) -> None:
        self.events = events
        self.refresh()

    def shown(self) -> list[Event]:
        kind = self.kind.currentData()
        words = self.words.text().lower().split()
        return [
            e for e in self.events
            if (kind is None or e.kind == kind)
            and all(w in f"{e.title} {e.detail}".lower() for w in words)
        ]  # fmt: skip

    def selected(self) -> Event | None:
        chosen = self.table.selectionModel().selectedRows()
        shown = self.shown()
        row = chosen[0].row() if chosen else -1
        return shown[row] if 0 <= row < len(shown) and shown[row].table else None

    def open_selected(self) -> None:
        event = self.selected()
        if event is not None:
            self.opened.emit(event)

    def _selection_changed(self) -> None:
        event = self.selected()
        kind = entries.KIND_OF_TABLE.get(event.table) if event is not None else None
        self.open_button.setEnabled(event is not None)
        self.edit_button.setEnabled(kind is not None)
        self.delete_button.setEnabled(kind is not None and kind not in entries.NOT_DELETED)

    def refresh(self) -> None:
        events = self.shown()
        fill(self.table, [[long_date(e.on), e.kind, what(e), e.detail] for e in events])
        self._selection_changed()
        self.count.setText(f"{len(events)} of {len(self.events)}")
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.open_button.setEnabled(self.selected() is not None)
