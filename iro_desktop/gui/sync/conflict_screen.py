"""The conflict screen: both versions side by side, field by field, to choose or merge.

A conflict is one record changed on this laptop and on the central store before they
could sync. Nothing is settled by "newest wins": the IRO keeps this laptop's version,
the server's, or picks field by field. A field that differs is marked in words
("Differs") and bold as well as by its background, so colour is never the only sign.
Settling calls ``sync.conflicts.resolve`` on the database runner; the choice is pushed
at the next sync (the window asks for one at once).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.style import fit_screen, heading, set_bold
from iro_desktop.store.changes import Changes
from iro_desktop.sync import conflicts
from iro_desktop.sync.conflicts import KINDS, ConflictView

HIDDEN = frozenset({"id", "version", "updated_at", "child_id", "corrected_at", "corrected_by"})
DIFFERS_STYLE = "background: palette(alternate-base); border-left: 4px solid palette(highlight);"


def kind_of(table: str) -> str:
    return KINDS.get(table, table.replace("_", " ").capitalize())


def field_label(name: str) -> str:
    text = name.replace("_", " ")
    if text.endswith(" id"):
        text = text[:-3]
    return text[:1].upper() + text[1:]


def show_value(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        if len(value) == 10:
            try:
                return date.fromisoformat(value).strftime("%-d %b %Y")
            except ValueError:
                pass
        if "_" in value and " " not in value and value.islower():
            return value.replace("_", " ")  # a code such as in_person
        return value
    if isinstance(value, list | dict):
        import json

        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def title_of(view: ConflictView) -> str:
    who = view.child_name or "a child no longer on this laptop"
    return f"{kind_of(view.table)} for {who}" if view.table != "iros" else kind_of(view.table)


def merged_payload(view: ConflictView, laptop_fields: set[str]) -> dict[str, Any]:
    """The server's version with the chosen fields taken from this laptop's."""
    out = dict(view.server)
    for name in laptop_fields:
        if name in view.laptop:
            out[name] = view.laptop[name]
        else:
            out.pop(name, None)
    return out


class ConflictPanel(QWidget):
    """One conflict: a grid of fields with this laptop's and the server's values."""

    def __init__(self, view: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.groups: dict[str, QButtonGroup] = {}
        self.rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for col, text in enumerate(("Field", "On this laptop", "On the central store", "Keep")):
            label = QLabel(text)
            set_bold(label)
            grid.addWidget(label, 0, col)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        grid.addWidget(line, 1, 0, 1, 4)
        keys = [k for k in sorted(set(view.server) | set(view.laptop))
                if k not in HIDDEN and not k.startswith("_")]  # fmt: skip
        differing = set(view.differing)
        ordered = [k for k in keys if k in differing] + [k for k in keys if k not in differing]
        for row, name in enumerate(ordered, start=2):
            differs = name in differing
            label = QLabel(field_label(name) + ("\n◆ Differs" if differs else "\nSame on both"))
            label.setAccessibleName(field_label(name) + (", differs" if differs else ", same"))
            laptop = self._value(view.laptop.get(name), differs, "This laptop", name)
            server = self._value(view.server.get(name), differs, "Central store", name)
            if differs:
                set_bold(label)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(laptop, row, 1)
            grid.addWidget(server, row, 2)
            self.rows[name] = (label, laptop, server)
            if differs and view.refused_reason is None:
                group = QButtonGroup(self)
                mine = QRadioButton("Laptop's")
                mine.setAccessibleName(f"Keep this laptop's {field_label(name).lower()}")
                theirs = QRadioButton("Server's")
                theirs.setAccessibleName(f"Keep the server's {field_label(name).lower()}")
                group.addButton(mine, 0)
                group.addButton(theirs, 1)
                mine.setChecked(True)
                box = QVBoxLayout()
                box.setSpacing(2)
                box.addWidget(mine)
                box.addWidget(theirs)
                grid.addLayout(box, row, 3, Qt.AlignmentFlag.AlignTop)
                self.groups[name] = group
        grid.setRowStretch(len(ordered) + 2, 1)

    def _value(self, value: Any, differs: bool, side: str, name: str) -> QLabel:
        label = QLabel(show_value(value))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setAccessibleName(f"{side}: {field_label(name)}")
        label.setMargin(4)
        if differs:
            label.setStyleSheet(DIFFERS_STYLE)
            set_bold(label)
        return label

    def laptop_choices(self) -> set[str]:
        return {name for name, g in self.groups.items() if g.checkedId() == 0}

    def choose(self, name: str, side: str) -> None:
        """Pick one field's side ("laptop" or "server"), as the radio buttons do."""
        button = self.groups[name].button(0 if side == "laptop" else 1)
        button.setChecked(True)


class ConflictScreen(QDialog):
    """Every open conflict, one at a time, with the three ways to settle it."""

    settled = Signal(object)  # Changes, for the window's changes_made

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.caseload, self.actor = ctx.caseload, ctx.actor
        self.views: list[ConflictView] = []
        self.panel: ConflictPanel | None = None
        self.setWindowTitle("Settle conflicts")
        fit_screen(self, 1180, 680)
        self.list = QListWidget()
        self.list.setAccessibleName("Conflicts to settle")
        self.list.setMinimumWidth(260)
        self.list.currentRowChanged.connect(self._show)
        self.title = heading("")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.keep_laptop = QPushButton("Keep this &laptop's version")
        self.keep_server = QPushButton("Keep the &server's version")
        self.keep_merge = QPushButton("Keep my &field choices")
        self.keep_laptop.clicked.connect(lambda: self.settle("laptop"))
        self.keep_server.clicked.connect(lambda: self.settle("server"))
        self.keep_merge.clicked.connect(lambda: self.settle("merged"))
        self.keep_merge.setToolTip("The server's version, with the fields you marked Laptop's")
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_laptop)
        buttons.addWidget(self.keep_server)
        buttons.addWidget(self.keep_merge)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.explain)
        rl.addWidget(self.scroller, 1)
        rl.addWidget(self.message)
        rl.addLayout(buttons)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(heading("To settle", 1.1))
        ll.addWidget(self.list, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([280, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        self.reload()

    # --- loading -------------------------------------------------------------------

    def reload(self) -> None:
        caseload = self.caseload
        self.ctx.run(lambda: conflicts.list_conflicts(caseload), self._loaded)

    def _loaded(self, views: list[ConflictView]) -> None:
        keep = self.list.currentRow()
        self.views = views
        self.list.blockSignals(True)
        self.list.clear()
        for view in views:
            n = len(view.differing)
            what = (
                "refused by the central store"
                if view.refused_reason
                else f"{n} field{'s' if n != 1 else ''} differ{'s' if n == 1 else ''}"
            )
            item = QListWidgetItem(f"{title_of(view)}\n{what}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        if views:
            self.list.setCurrentRow(min(max(keep, 0), len(views) - 1))
            self._show(self.list.currentRow())
        else:
            self._show(-1)

    def _show(self, row: int) -> None:
        has = 0 <= row < len(self.views)
        for button in (self.keep_laptop, self.keep_server, self.keep_merge):
            button.setEnabled(has)
        if not has:
            self.panel = None
            self.title.setText("Nothing to settle")
            self.title.setAccessibleName("Nothing to settle")
            self.explain.setText("Every change has been agreed between this laptop and the "
                                 "central store.")  # fmt: skip
            self.scroller.setWidget(QWidget())
            return
        view = self.views[row]
        self.title.setText(title_of(view))
        self.title.setAccessibleName(title_of(view))
        when = view.created_at.astimezone().strftime("%-d %b %Y at %H:%M")
        if view.refused_reason:
            self.explain.setText(
                f"The central store refused this laptop's change ({view.refused_reason}), "
                "so it has not been shared. Your version is shown so nothing is lost; "
                "copy what you need, then accept the refusal."
            )
            self.keep_server.setText("Accept the &refusal")
            self.keep_laptop.setEnabled(False)
            self.keep_merge.setEnabled(False)
        else:
            n = len(view.differing)
            self.explain.setText(
                f"This record was changed on this laptop and on the central store before "
                f"they could sync (found {when}). {n} field{'s' if n != 1 else ''} "
                f"differ{'s' if n == 1 else ''}, marked ◆ Differs. Keep one version, or "
                "choose Laptop's or Server's for each field and keep your field choices."
            )
            self.keep_server.setText("Keep the &server's version")
        self.panel = ConflictPanel(view)
        self.scroller.setWidget(self.panel)

    def current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    # --- settling ------------------------------------------------------------------

    def settle(self, choice: conflicts.Choice) -> None:
        view, panel = self.current(), self.panel
        if view is None or panel is None:
            return
        merged = merged_payload(view, panel.laptop_choices()) if choice == "merged" else None
        caseload, actor = self.caseload, self.actor
        for button in (self.keep_laptop, self.keep_server, self.keep_merge):
            button.setEnabled(False)

        def work() -> None:
            conflicts.resolve(caseload, view.id, choice, actor, merged)

        changes = Changes(
            tables={view.table},
            child_ids={view.child_id} if view.child_id else set(),
            row_ids={view.row_id},
        )
        words = {"laptop": "this laptop's version", "server": "the server's version",
                 "merged": "your field choices"}[choice]  # fmt: skip
        self.ctx.run(
            work,
            lambda _none: self._settled(changes, f"Settled: kept {words}."),
            self._failed,
            owner=self,
        )

    def _settled(self, changes: Changes, text: str) -> None:
        self.message.setText(text)
        self.settled.emit(changes)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(errors.say("Not settled", error, "ConflictScreen"))
        self._show(self.list.currentRow())
