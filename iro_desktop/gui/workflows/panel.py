"""The "Review cycle" tab on the child's record: every workflow, one line each, and what
is due for this child.

The lines scroll: with large text there are more of them than a 768-pixel laptop screen
shows at once, and the tab must not make the main window taller than the screen."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.dates import format_date
from iro_desktop.gui.context import Context
from iro_desktop.store.due_items import DueItem, due_items


class ReviewCyclePanel(QWidget):
    def __init__(self, parent: QWidget, ctx: Context, child_id: str) -> None:
        super().__init__(parent)
        from iro_desktop.gui.workflows import WORKFLOWS

        self.ctx, self.child_id = ctx, child_id
        self.record = parent
        self.setAccessibleName("Review cycle")
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.buttons: dict[str, QPushButton] = {}
        for row, (label, about, opener) in enumerate(WORKFLOWS):
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.setAccessibleDescription(about)
            button.clicked.connect(lambda _=False, o=opener: self.open(o))
            text = QLabel(about)
            text.setWordWrap(True)
            grid.addWidget(button, row, 0)
            grid.addWidget(text, row, 1)
            self.buttons[label] = button
        self.due = QLabel()
        self.due.setWordWrap(True)
        self.due.setAccessibleName("Due for this child")
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.due)
        column.addLayout(grid)
        column.addStretch(1)
        # Not a Tab stop of its own: Tab goes from button to button as before, and the
        # scroll area brings each one into view as it takes the focus.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        ctx.signals.changes_made.connect(self._changed)
        self.reload()

    def open(self, opener: Any) -> Any:
        return opener(self.record, self.ctx, self.child_id)

    def _changed(self, changes: Any) -> None:
        if self.child_id in changes.child_ids:
            self.reload()

    def reload(self) -> None:
        child_id, today = self.child_id, self.ctx.today

        def read(session: Any) -> list[DueItem]:
            return [i for i in due_items(session, today) if i.child_id == child_id]

        self.ctx.read(read, self._show)

    def _show(self, items: list[DueItem]) -> None:
        if not items:
            self.due.setText("Nothing in the review cycle is due for this child. ✔")
            return
        lines = [
            html.escape(
                f"{'⚠ OVERDUE: ' if i.overdue else ''}{i.label}, {format_date(i.due)}: {i.detail}"
            )
            for i in items[:6]
        ]
        more = f"<br>…and {len(items) - 6} more." if len(items) > 6 else ""
        self.due.setText("<b>Due for this child</b><br>" + "<br>".join(lines) + more)
