"""Search every record and note; results grouped by child, each opening the right tab."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui.context import Context
from iro_desktop.gui.style import heading, muted
from iro_desktop.store.reads.entry import can_read
from iro_desktop.store.search import MAX_HITS, ChildHits, search, symbols

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2  # (child id, table, row id) of an entry to read
TYPING_PAUSE_MS = 200

TAB_FOR_TABLE = {
    "children": "Profile",
    "people": "People",
    "placements": "Placements",
    "reviews": "Reviews",
    "decisions": "Reviews",
    "consultations": "Reviews",
    "review_feedback": "Reviews",
}


def nothing_found_hint(query: str) -> str:
    """What the IRO can try instead, by how the search matched what they typed
    (``store.search``): words from their start, emoji and symbols exactly as typed."""
    if symbols(query):
        return (
            "Emoji and symbols are found only exactly as typed: try one on its own, or a "
            "word written near it."
        )
    return "Each word is found from its start (“sam” finds Samira): try fewer or shorter words."


class SearchView(QWidget):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.results: list[ChildHits] = []
        self.viewer: QWidget | None = None
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search every record and note…")
        self.field.setAccessibleName("Search every record and note")
        self.field.setClearButtonEnabled(True)
        self.summary = muted(QLabel("Type a word or two: names, places, anything written."))
        self.summary.setAccessibleName("Search summary")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Search results")
        self.tree.setHeaderLabels(["Found in", "Text"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        # Activated is Enter and a double-click (or one click, where the desktop says so);
        # a double-click signal as well would open every hit twice.
        self.tree.itemActivated.connect(self._open)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self.run)
        top = QHBoxLayout()
        top.addWidget(heading("Search"))
        top.addWidget(self.field, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def set_query(self, text: str) -> None:
        self.field.setText(text)
        self.run()

    def run(self) -> None:
        self.timer.stop()
        query = self.field.text()
        started = time.perf_counter()
        self.ctx.read(
            lambda s: search(s, query), lambda r: self._show(query, r, started), owner=self
        )

    def _show(self, query: str, results: list[ChildHits], started: float) -> None:
        if query != self.field.text():
            return  # the IRO has typed on; a newer search is on its way
        self.results = results
        self.tree.clear()
        hits = sum(len(g.hits) for g in results)
        ms = (time.perf_counter() - started) * 1000
        if not query.strip():
            self.summary.setText("Type a word or two: names, places, anything written.")
        elif not results:
            self.summary.setText(
                f"Nothing found for “{query.strip()}”. {nothing_found_hint(query)}"
            )
        else:
            children = f"{len(results)} child{'ren' if len(results) != 1 else ''}"
            more = "+ (the newest shown)" if hits >= MAX_HITS else ""
            found = f"{hits}{more} match{'es' if hits != 1 else ''}"
            self.summary.setText(f"{found} for “{query}” in {children} ({ms:.0f} ms)")
        for n, group in enumerate(results):
            top = QTreeWidgetItem(
                [f"{group.name}  ({group.child_ref})", f"{len(group.hits)} found"]
            )
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setData(0, HIT_ROLE, (group.child_id, "Profile"))
            for hit in group.hits:
                row = QTreeWidgetItem([hit.kind, hit.snippet])
                row.setToolTip(1, hit.snippet)
                row.setData(
                    0, HIT_ROLE, (group.child_id, TAB_FOR_TABLE.get(hit.table, "Footprint"))
                )
                if can_read(hit.table):
                    row.setData(0, ENTRY_ROLE, (group.child_id, hit.table, hit.row_id))
                top.addChild(row)
            self.tree.addTopLevelItem(top)
            top.setExpanded(n < 3 or len(results) <= 8)

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """A hit in an entry opens that entry in full, over the results (so the IRO reads
        one hit after another); a child's own row opens their record."""
        entry = item.data(0, ENTRY_ROLE)
        if entry:
            from iro_desktop.gui.record.entry_view import open_entry

            self.viewer = open_entry(self, self.ctx, *entry, to_record=True)
            return
        target = item.data(0, HIT_ROLE)
        if target:
            self.ctx.signals.open_child.emit(*target)

    def focus_search(self) -> None:
        self.field.setFocus()
        self.field.selectAll()
