"""The child's record: a summary header, then tabs for each part of their file.

Plug-in point for the review-cycle workflows: if ``iro_desktop.gui.workflows`` exists,
its ``ACTIONS`` (label, callable(parent, ctx, child_id)) become buttons on the record,
and its ``CHILD_TABS`` (title, factory(parent, ctx, child_id) -> QWidget) become extra
tabs; ``ctx`` is the workspace's ``Context``, whose ``write`` announces what changed.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain import codes
from iro_desktop.domain.dates import age_on
from iro_desktop.domain.timescales import is_overdue
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import long_date
from iro_desktop.gui.record import tabs
from iro_desktop.gui.record.add_dialogs import NoteDialog, PersonDialog, PlacementDialog
from iro_desktop.gui.record.edit_dialogs import (
    EndDialog,
    LastReviewDialog,
    PlacementEditDialog,
    ReviewNumberDialog,
)
from iro_desktop.gui.record.editors import delete_entry, editor_for, open_editor
from iro_desktop.gui.record.entry_view import EntryDialog, open_entry
from iro_desktop.gui.record.profile import ProfileForm
from iro_desktop.gui.style import heading
from iro_desktop.store.ops import entries
from iro_desktop.store.reads.child_file import ChildFile, load_child

log = logging.getLogger(__name__)
ENDS = ("placement", "person")  # what has an End… as well as Edit… and Delete…


def delete_key(table: QWidget, slot: Any) -> None:
    """The Delete key on a table deletes its selected entry (asking first)."""
    key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
    key.setContext(Qt.ShortcutContext.WidgetShortcut)
    key.activated.connect(slot)


def workflows() -> Any | None:
    try:
        return importlib.import_module("iro_desktop.gui.workflows")
    except ModuleNotFoundError as exc:
        if exc.name != "iro_desktop.gui.workflows":
            raise
        return None


def brought_forward_message(before: Any, after: Any) -> str:
    if after.due < before.due:
        return (f"The next review has been brought forward from {long_date(before.due)} "
                f"to {long_date(after.due)}. {after.reason}.")  # fmt: skip
    if after.due != before.due:
        return f"The next review is now due by {long_date(after.due)}. {after.reason}."
    return f"The next review is still due by {long_date(after.due)}."


class ChildRecord(QWidget):
    def __init__(self, ctx: Context, child_id: str) -> None:
        super().__init__()
        self.ctx, self.child_id = ctx, child_id
        self.file: ChildFile | None = None
        self.dialog: QWidget | None = None
        self.opening: Any = None
        self.back = QPushButton("← &Back")
        self.back.setAccessibleName("Back")
        self.title = heading("")
        self.title.setWordWrap(True)  # a long name in large text wraps rather than widen the window
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setAccessibleName("Next review")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Notice")
        self.banner.hide()
        self.action_bar = QHBoxLayout()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the record")
        self.profile = ProfileForm(ctx, child_id)
        self.placements = tabs.table("Placement history", tabs.PLACEMENT_HEADERS, 5)
        self.legal = tabs.table("Legal status history", tabs.LEGAL_HEADERS)
        self.people = tabs.table("People around the child", tabs.PEOPLE_HEADERS)
        self.reviews = tabs.table("Reviews", tabs.REVIEW_HEADERS)
        self.footprint = tabs.FootprintView()
        self.footprint.opened.connect(lambda event: self.open_entry(event.table, event.row_id))
        self.footprint.add_note.clicked.connect(self.add_note)
        new_placement = QPushButton("&New placement…")
        new_placement.clicked.connect(self.new_placement)
        add_person = QPushButton("Add a &person…")
        add_person.clicked.connect(self.add_person)
        self.tabs.addTab(self.profile, "Profile")
        self.row_buttons: dict[str, list[QPushButton]] = {}
        place = self._row_actions("placement", self.placements)
        person = self._row_actions("person", self.people)
        legal = self._row_actions("legal_status", self.legal)
        review = self._row_actions("review", self.reviews)
        self.tabs.addTab(tabs.with_actions(self.placements, new_placement, *place), "Placements")
        self.tabs.addTab(tabs.with_actions(self.legal, *legal), "Legal status")
        self.tabs.addTab(tabs.with_actions(self.people, add_person, *person), "People")
        self.review_note = QLabel()
        self.review_note.setWordWrap(True)
        self.review_note.setAccessibleName("What the program assumes about earlier reviews")
        self.review_number = QPushButton("Review &number…")
        self.review_number.setAccessibleName("Confirm or change the review number")
        self.review_number.setEnabled(False)
        self.review_number.clicked.connect(self.confirm_review_number)
        self.last_review = QPushButton("Record &last review…")
        self.last_review.setAccessibleName("Record the last review held")
        self.last_review.setVisible(False)  # only while the last review's date is needed
        self.last_review.clicked.connect(self.record_last_review)
        self.tabs.addTab(tabs.with_actions(self.reviews, *review, self.last_review,
                                           self.review_number, lead=self.review_note),
                         "Reviews")  # fmt: skip
        self.footprint.edit_button.clicked.connect(lambda: self.edit_event())
        self.footprint.delete_button.clicked.connect(lambda: self.delete_event())
        delete_key(self.footprint.table, self.delete_event)
        self.tabs.addTab(self.footprint, "Footprint")
        self._plug_in()
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        top.addLayout(self.action_bar)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.next_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        ctx.signals.changes_made.connect(self._changed)

    def _row_actions(self, kind: str, table: Any) -> list[QPushButton]:
        """Edit…, End… (placements and people) and Delete… for the selected row;
        double-click or Enter (``activated``) edits."""
        words = entries.words(kind)
        buttons = [QPushButton("Ed&it…")]
        buttons[0].clicked.connect(lambda: self.edit_row(kind))
        if kind in ENDS:
            buttons.append(QPushButton("En&d…"))
            buttons[-1].clicked.connect(lambda: self.end_row(kind))
        if kind not in entries.NOT_DELETED:
            buttons.append(QPushButton("Delete…"))  # every letter of it is taken: the Delete key
            buttons[-1].clicked.connect(lambda: self.delete_row(kind))
            delete_key(table, lambda: self.delete_row(kind))
        for button in buttons:
            verb = button.text().replace("&", "").rstrip("…")
            button.setAccessibleName(f"{verb} the selected {words}")
            button.setEnabled(False)
        table.itemSelectionChanged.connect(lambda: self._selection_changed(kind))
        table.activated.connect(lambda _index: self.edit_row(kind))
        self.row_buttons[kind] = buttons
        return buttons

    def _listed(self, kind: str) -> tuple[Any, Any]:
        f = self.file
        assert f is not None
        return {"placement": (self.placements, f.placements), "person": (self.people, f.people),
                "legal_status": (self.legal, f.legal_statuses),
                "review": (self.reviews, f.reviews)}[kind]  # fmt: skip

    def selected(self, kind: str) -> Any | None:
        if self.file is None:
            return None
        table, rows = self._listed(kind)
        chosen = table.selectionModel().selectedRows()
        row = chosen[0].row() if chosen else -1
        return rows[row] if 0 <= row < len(rows) else None

    def _selection_changed(self, kind: str) -> None:
        row = self.selected(kind)
        for button in self.row_buttons[kind]:
            ending = button.text() == "En&d…"
            button.setEnabled(row is not None and (not ending or row.end_date is None))

    def edit_row(self, kind: str) -> QWidget | None:
        row = self.selected(kind)
        if row is None:
            return None
        if kind != "placement":
            return self._open(editor_for(self, self.ctx, self.child_id, kind, row))
        dialog = PlacementEditDialog(self.ctx, row, self)
        done = "Placement corrected."
        dialog.accepted.connect(lambda: self._placement_changed(dialog.result_value, done))
        return self._open(dialog)

    def delete_row(self, kind: str) -> QWidget | None:
        row = self.selected(kind)
        if row is None:
            return None
        box = delete_entry(self, self.ctx, self.child_id, kind, row.id)
        self.dialog = box
        return box

    def edit_event(self) -> QWidget | None:
        """Correct the footprint entry selected (a letter is changed in its editor)."""
        event = self.footprint.selected()
        kind = entries.KIND_OF_TABLE.get(event.table) if event is not None else None
        if event is None or kind is None:
            return None
        self.opening = open_editor(self, self.ctx, self.child_id, kind, event.row_id)
        if self.opening.dialog is not None:  # read at once (an inline runner)
            self.dialog = self.opening.dialog
        self.opening.opened.connect(lambda dialog: setattr(self, "dialog", dialog))
        opened: QWidget | None = self.opening.dialog
        return opened

    def delete_event(self) -> QWidget | None:
        event = self.footprint.selected()
        kind = entries.KIND_OF_TABLE.get(event.table) if event is not None else None
        if event is None or kind is None or kind in entries.NOT_DELETED:
            return None
        box = delete_entry(self, self.ctx, self.child_id, kind, event.row_id)
        self.dialog = box
        return box

    def end_row(self, kind: str) -> QWidget | None:
        row = self.selected(kind)
        if row is None or row.end_date is not None:
            return None
        dialog = EndDialog(self.ctx, kind, row, self)
        if kind == "placement":
            dialog.accepted.connect(lambda: self._placement_changed(dialog.result_value, ""))
        else:
            dialog.accepted.connect(lambda: self.ctx.signals.status.emit(
                f"{row.name} is now shown as having left."))  # fmt: skip
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        """Window-modal, not a nested event loop, so a lock can close it cleanly."""
        dialog.open()
        self.dialog = dialog
        return dialog

    def _placement_changed(self, moved: Any, quiet: str) -> None:
        if moved is None:
            self.ctx.signals.status.emit(quiet)
        else:
            self.placement_added(*moved)

    def _plug_in(self) -> None:
        module = workflows()
        if module is None:
            return
        for label, action in getattr(module, "ACTIONS", []):
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", ""))
            button.clicked.connect(lambda _=False, a=action: a(self, self.ctx, self.child_id))
            self.action_bar.addWidget(button)
        for title, factory in getattr(module, "CHILD_TABS", []):
            try:
                widget = factory(self, self.ctx, self.child_id)
            except Exception:
                log.exception("a workflow tab could not be built")
                continue
            self.tabs.addTab(widget, title)

    def show_tab(self, title: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).replace("&", "") == title:
                self.tabs.setCurrentIndex(i)
                return

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def reload(self) -> None:
        child_id = self.child_id
        self.ctx.read(lambda s: load_child(s, child_id), self._loaded)

    def _changed(self, changes: Any) -> None:
        if self.child_id in getattr(changes, "child_ids", ()):
            self.reload()

    def _loaded(self, f: ChildFile) -> None:
        self.file = f
        c = f.child
        self.title.setText(f"{c.display_name}")
        self.title.setAccessibleName(f"Child's record: {c.display_name}")
        age = age_on(c.date_of_birth, self.ctx.today)
        status = (
            f.legal_statuses[0] if f.legal_statuses and not f.legal_statuses[0].end_date else None
        )
        place = f.placements[0] if f.placements and not f.placements[0].end_date else None
        bits = [f"{c.first_name} {c.last_name}", c.child_ref, f"age {age}",
                c.pronouns or ""]  # fmt: skip
        if status:
            bits.append(codes.LEGAL_STATUSES.get(status.code, status.code))
        if place:
            where = codes.PLACEMENT_GROUPS.get(place.place_code, "")
            bits.append(f"{where} in {place.area}" if place.area else where)
            bits.append("out of county" if place.out_of_county else "in county")
        self.summary.setText(" · ".join(b for b in bits if b))
        nxt = f.next_review
        if nxt.history_needed is not None:
            self.next_label.setText(f"<b>{nxt.reason}</b> — record the last review held "
                                    "(Reviews tab)")  # fmt: skip
        else:
            late = "⚠ Overdue: " if is_overdue(nxt.due, self.ctx.today) else ""
            self.next_label.setText(
                f"<b>{late}Next review by {long_date(nxt.due)}</b> — {nxt.reason}"
            )
        self.profile.set_child(c)
        tabs.fill(self.placements, tabs.placement_rows(f))
        tabs.fill(self.legal, tabs.legal_rows(f))
        tabs.fill(self.people, tabs.people_rows(f))
        tabs.fill(self.reviews, tabs.review_rows(f))
        for kind in self.row_buttons:
            self._selection_changed(kind)
        needed = nxt.history_needed is not None
        if needed:
            self.review_note.setText(f"⚠ {nxt.assumption}.")
        else:
            self.review_note.setText(f"⚠ {f.assumption}. Confirm or change the review number "
                                     "if you know it." if f.assumption else "")  # fmt: skip
        self.last_review.setVisible(needed)
        self.review_number.setEnabled(bool(f.review_numbers))
        self.footprint.set_events(f.footprint)

    def new_placement(self) -> PlacementDialog:
        """Window-modal, not a nested event loop, so a lock can close it cleanly."""
        dialog = PlacementDialog(self.ctx, self.child_id, self)
        dialog.accepted.connect(lambda: self.placement_added(*dialog.result_value))
        dialog.open()
        self.dialog = dialog
        return dialog

    def placement_added(self, before: Any, after: Any) -> None:
        text = brought_forward_message(before, after)
        self.show_banner(text)
        self.ctx.signals.status.emit(text)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def add_person(self) -> PersonDialog:
        dialog = PersonDialog(self.ctx, self.child_id, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def confirm_review_number(self) -> QDialog | None:
        """The number of the chosen held review (or the earliest on file): the IRO knows
        what the file may not, when earlier reviews are missing."""
        f = self.file
        if f is None or not f.review_numbers:
            return None
        chosen = self.reviews.selectionModel().selectedRows()
        row = f.reviews[chosen[0].row()] if chosen else None
        if row is None or row.id not in f.review_numbers:
            held = [r for r in f.reviews if r.id in f.review_numbers]
            row = min(held, key=lambda r: f.review_numbers[r.id])
        dialog = ReviewNumberDialog(self.ctx, row, f.review_numbers[row.id], self)
        return self._open(dialog)

    def record_last_review(self) -> QDialog | None:
        """The last review held before the file came here, for a child with none on file
        long after their first review was due; the next review is then due from it."""
        f = self.file
        if f is None or f.next_review.history_needed is None:
            return None
        dialog = LastReviewDialog(self.ctx, f.child, self)
        dialog.saved.connect(lambda _r: self.ctx.signals.status.emit("Last review recorded."))
        return self._open(dialog)

    def add_note(self) -> NoteDialog:
        dialog = NoteDialog(self.ctx, self.child_id, self)
        dialog.saved.connect(lambda _note: self.ctx.signals.status.emit("Note added."))
        return self._open(dialog)  # type: ignore[return-value]

    def open_entry(self, table: str, row_id: str) -> EntryDialog:
        """Read an entry of the footprint in full (read-only first, with Edit)."""
        dialog = open_entry(self, self.ctx, self.child_id, table, row_id)
        self.dialog = dialog
        return dialog

    def has_unsaved(self) -> bool:
        return self.profile.is_dirty()
