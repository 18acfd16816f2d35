"""Consultations at a glance: every respondent of the review on one screen.

The child's form (by age band), parents, foster carers, residential staff, adopters and the
social worker's pre-meeting report, each with its status, dates and whether the child filled
it in themselves. From here a form is marked sent, returned, declined or not returned in a
click, its answers are opened, child mode is started, and the blank form is printed. A second
parent or carer (each with their own name) is added with "Add another parent/carer…".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
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
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import ERROR_STYLE, code_combo, date_edit, date_text, read_date
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.gui.style import fit_screen
from iro_desktop.store.ops.consultations import (
    ADULT_RESPONDENTS,
    ANOTHER_RESPONDENTS,
    add_another_respondent,
    mark_consultation,
)
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.review_cycle import ReviewFile, review_file
from iro_desktop.store.schema import Consultation, Review

HEADERS = ("Who", "Name", "Status", "Sent", "Back", "Filled in by")
MARKS = (("sent", "Mark &sent"), ("returned", "Mark &returned"),
         ("declined", "Mark &declined"), ("not_returned", "&Not returned"))  # fmt: skip


@dataclass(frozen=True)
class Respondent:
    respondent_type: str
    consultation: Consultation | None

    @property
    def label(self) -> str:
        return codes.RESPONDENT_TYPES.get(self.respondent_type, self.respondent_type)

    @property
    def is_child(self) -> bool:
        return self.respondent_type in codes.CHILD_RESPONDENT_TYPES


def respondents(file: ReviewFile) -> list[Respondent]:
    """Every form on file, plus a "not sent" line for each usual respondent still missing."""
    wanted = ([codes.child_band(file.facts.age)] if file.facts.age >= 4 else []) + list(
        ADULT_RESPONDENTS
    )
    order = {kind: n for n, kind in enumerate(wanted)}
    rows = [Respondent(c.respondent_type, c) for c in file.consultations]
    have = {r.respondent_type for r in rows}
    if have & codes.CHILD_RESPONDENT_TYPES:
        have |= set(wanted[:1])  # the child already has a form, maybe of an older band
    rows += [Respondent(kind, None) for kind in wanted if kind not in have]
    return sorted(rows, key=lambda r: 0 if r.is_child else 1 + order.get(r.respondent_type, 99))


class ConsultationsOverview(QDialog):
    loaded = Signal()
    changed = Signal(object)  # the consultation written

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent)
        self.ctx, self.child_id = ctx, child_id
        self.file: ReviewFile | None = None
        self.rows: list[Respondent] = []
        self.opened: list[Any] = []
        self.written_id: str | None = None  # a form just written, to select when read
        self.setWindowTitle("Consultations at a glance")
        self.setAccessibleName("Consultations at a glance")
        fit_screen(self, 980, 560)
        self.intro = QLabel("Reading the review…")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Respondents and the state of their forms")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_answers())
        self.on = date_edit(ctx.today)
        self.on.setAccessibleName("On (the day it was sent or came back)")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName("Problem")
        self.error.hide()
        on_label = QLabel("&On:")
        on_label.setBuddy(self.on)
        self.buttons: dict[str, QPushButton] = {}
        actions = QGridLayout()
        actions.addWidget(on_label, 0, 0)
        actions.addWidget(self.on, 0, 1)
        for n, (status, text) in enumerate(MARKS):
            self.buttons[status] = self._button(text, lambda _=False, s=status: self.mark(s))
            actions.addWidget(self.buttons[status], 0, 2 + n)
        extra = (
            ("answers", "&Answers…", self.open_answers),
            ("child_mode", "Child &mode…", self.start_child_mode),
            ("print", "&Print blank form…", self.print_blank),
            ("another", "Add another parent/&carer…", self.add_another),
            ("close", "Close", self.accept),
        )
        for n, (key, text, slot) in enumerate(extra):  # fmt: skip
            self.buttons[key] = self._button(text, lambda _=False, f=slot: f())
            actions.addWidget(self.buttons[key], 1, 2 + n)
        self.buttons["correct"] = self._button("Corr&ect…", lambda: self.change("correct"))
        self.buttons["delete"] = self._button("De&lete…", lambda: self.change("delete"))
        actions.addWidget(self.buttons["correct"], 0, 6)
        actions.addWidget(self.buttons["delete"], 0, 7)
        actions.addWidget(self.error, 2, 0, 1, 8)
        actions.setColumnStretch(8, 1)
        # Every write for the child, this screen's own included: read once, when announced.
        ctx.signals.changes_made.connect(self._changes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._selected()
        self.reload()

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    # --- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        ctx, child_id = self.ctx, self.child_id
        ctx.read(
            lambda s: review_file(s, child_id, ctx.today, None),
            self._loaded,
            lambda e: self._show_error(errors.say("Could not read the review", e, "reload")),
        )

    def _loaded(self, file: ReviewFile) -> None:
        keep = self.current_row()
        self.file = file
        review = file.review
        if review is None or review.status == "cancelled":
            self.intro.setText(f"{file.facts.name}: plan the review first; consultation forms "
                               "belong to a review.")  # fmt: skip
            self.rows = []
        else:
            when = review.planned_date or review.held_date
            state = "held" if review.status == "held" else "planned"
            on = format_date(when) if when else "a date still to fix"
            self.intro.setText(f"{file.facts.name}: the review {state} for {on}. Select a "
                               "respondent, then mark what happened on the day typed.")  # fmt: skip
            self.rows = respondents(file)
        self.table.setRowCount(len(self.rows))
        for row, who in enumerate(self.rows):
            for column, text in enumerate(_cells(who)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        if self.rows:
            self.table.selectRow(min(max(keep, 0), len(self.rows) - 1))
        if self.written_id is not None:
            self.select_form(self.written_id)
            self.written_id = None
        self._selected()
        self.loaded.emit()

    def current_row(self) -> int:
        return self.table.currentRow()

    def current(self) -> Respondent | None:
        row = self.current_row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select(self, respondent_type: str, name: str | None = None) -> None:
        """Select the first respondent of that type (and that name, when given)."""
        found = [n for n, r in enumerate(self.rows) if r.respondent_type == respondent_type
                 and (name is None or (r.consultation is not None
                                       and r.consultation.respondent_name == name))]  # fmt: skip
        if found:
            self.table.selectRow(found[0])

    def select_form(self, consultation_id: str) -> None:
        found = [
            n for n, r in enumerate(self.rows)
            if r.consultation is not None and r.consultation.id == consultation_id
        ]  # fmt: skip
        if found:
            self.table.selectRow(found[0])

    def _selected(self) -> None:
        who = self.current()
        for key, button in self.buttons.items():
            button.setEnabled(key == "close" or who is not None)
        can_add = self.file is not None and self.file.review is not None and bool(self.rows)
        self.buttons["another"].setEnabled(can_add)
        for key in ("correct", "delete"):
            self.buttons[key].setEnabled(who is not None and who.consultation is not None)
        if who is not None:
            self.buttons["child_mode"].setEnabled(who.is_child)
            self.buttons["print"].setEnabled(who.respondent_type in _printable())

    # --- writing -----------------------------------------------------------------------

    def change(self, step: str) -> Any:
        """Correct the selected form's status, dates and name, or delete it (asking)."""
        from iro_desktop.gui.record.editors import delete_entry, editor_for

        who = self.current()
        if who is None or who.consultation is None:
            return None
        if step == "delete":
            return delete_entry(self, self.ctx, self.child_id, "consultation",
                                who.consultation.id)  # fmt: skip
        dialog = editor_for(self, self.ctx, self.child_id, "consultation", who.consultation)
        dialog.open()
        return dialog

    def _changes(self, changes: Any) -> None:
        if self.child_id in getattr(changes, "child_ids", ()):
            self.reload()

    def mark(self, status: str) -> None:
        self.error.hide()
        who, file = self.current(), self.file
        if who is None or file is None or file.review is None:
            return
        try:
            on = read_date(self.on, "on", required=status in ("sent", "returned"))
        except ValidationError as exc:
            self._show_error(exc.problem)
            return
        review_id, today = file.review.id, self.ctx.today
        kind = who.respondent_type
        row_id = who.consultation.id if who.consultation else None

        def write(op: Op) -> Consultation:
            review = op.session.get(Review, review_id)
            if review is None:
                raise ValidationError("review", "is no longer on file")
            return mark_consultation(op, review, respondent_type=kind, status=status, on=on,
                                     today=today, consultation_id=row_id)  # fmt: skip

        self.ctx.write(write, self._written, self._failed)

    def _written(self, consultation: Consultation) -> None:
        """A form this screen (or its dialog) wrote: selected once the write's own
        announcement has reloaded the table (``_changes``), not read a second time here."""
        self.changed.emit(consultation)
        self.written_id = consultation.id

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            words = {"sent_date": "Sent on", "received_date": "Back on", "on": "The date"}
            self._show_error(f"{words.get(error.field, error.field.replace('_', ' ').capitalize())}"
                             f" {error.problem}")  # fmt: skip
        else:
            self._show_error(errors.say("Not saved", error, "ConsultationsOverview"))

    def _show_error(self, text: str) -> None:
        self.error.setText(f"⚠ {text}")
        self.error.show()
        self.on.setAccessibleDescription(f"Error: {text}")

    # --- opening -----------------------------------------------------------------------

    def open_answers(self) -> QDialog | None:
        from iro_desktop.gui.workflows.consultation_dialog import (
            FORM_TYPES,
            ConsultationDialog,
            PreMeetingReportDialog,
        )

        who = self.current()
        if who is None:
            return None
        dialog: QDialog
        if who.respondent_type == "social_worker":
            dialog = PreMeetingReportDialog(self, self.ctx, self.child_id)
        else:
            kind = who.respondent_type if who.respondent_type in FORM_TYPES else None
            form_id = who.consultation.id if who.consultation is not None else None
            dialog = ConsultationDialog(self, self.ctx, self.child_id, kind, form_id)
        dialog.open()
        self.opened.append(dialog)
        return dialog

    def add_another(self) -> AddRespondentDialog | None:
        """Another parent, foster carer or the like: their own name, a form not yet sent."""
        file, who = self.file, self.current()
        if file is None or file.review is None:
            return None
        kind = who.respondent_type if who is not None else None
        dialog = AddRespondentDialog(self, self.ctx, self.child_id, file, kind)
        dialog.saved.connect(self._written)
        dialog.open()
        self.opened.append(dialog)
        return dialog

    def start_child_mode(self) -> QWidget | None:
        from iro_desktop.gui.workflows.child_mode import ChildModeWindow
        from iro_desktop.store.reads.passphrase import can_check_passphrase

        if not can_check_passphrase(self.ctx.caseload.folder):
            self._show_error("Child mode needs a passphrase so that only you can leave it.")
            return None
        window = ChildModeWindow(self.ctx, self.child_id)
        window.left.connect(self.reload)
        window.refused.connect(self._show_error)
        window.show_full_screen()
        self.opened.append(window)
        return window

    def print_blank(self) -> QDialog | None:
        from iro_desktop.documents import api
        from iro_desktop.gui.letters.preview import PdfPreview

        who = self.current()
        if who is None or who.respondent_type not in _printable():
            return None
        kind = who.respondent_type
        preview = PdfPreview(self, self.ctx, f"Blank form: {who.label}", f"form-{kind}.pdf")
        preview.show()
        caseload, child_id = self.ctx.caseload, self.child_id

        def make() -> bytes:  # the child's name on every page, and how to send it back
            details = api.forms_details(caseload, None, child_id=child_id)
            return api.forms_pdf([kind], **details)[kind]

        preview.render(make)
        self.opened.append(preview)
        return preview


def _printable() -> set[str]:
    from iro_desktop.store.reads.question_sets import form_for

    return {k for k in codes.RESPONDENT_TYPES if form_for(k) is not None}


def _cells(who: Respondent) -> tuple[str, ...]:
    c = who.consultation
    status = codes.CONSULTATION_STATUSES.get(c.status, c.status) if c else "Not sent"
    by = ""
    if c is not None and c.completed_by_child:
        by = "The child, in child mode"
    elif c is not None and c.answers:
        by = "Typed by the IRO"
    name = (c.respondent_name or "") if c else ""
    return (who.label, name, status, _d(c.sent_date if c else None),
            _d(c.received_date if c else None), by)  # fmt: skip


def _d(value: date | None) -> str:
    return date_text(value) or "—"


class AddRespondentDialog(SaveDialog):
    """Another respondent of a type already consulted (a second parent, a second carer).

    Each needs a name; when the one already listed has none, it is asked for too, so that
    the two can be told apart. Cancel writes nothing.
    """

    WHAT = "new respondent"

    def __init__(
        self,
        parent: QWidget | None,
        ctx: Context,
        child_id: str,
        file: ReviewFile,
        respondent_type: str | None = None,
    ) -> None:
        super().__init__(parent, ctx, child_id, "Add another parent or carer")
        self.resize(640, 360)
        self.file = file
        f = self.form
        choices = {k: codes.RESPONDENT_TYPES[k] for k in ANOTHER_RESPONDENTS}
        self.kind: QComboBox = f.add("respondent_type", "&Who:", code_combo(choices))
        self.name: QLineEdit = f.add("respondent_name", "Their &name:", QLineEdit())
        row = f.grid.rowCount()
        self.existing: QLineEdit = f.add(
            "name_for_existing", "Name of the one &already listed:", QLineEdit(),
            "The form already listed has no name; give one so the two can be told apart.",
        )  # fmt: skip
        caption = f.grid.itemAtPosition(row, 0)
        self.existing_caption = caption.widget() if caption is not None else None
        f.aliases["review"] = "respondent_type"
        if respondent_type in choices:
            self.kind.setCurrentIndex(self.kind.findData(respondent_type))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.intro.setText(f"{file.facts.name}: add a respondent to this review's "
                           "consultations. Their form starts as not sent.")  # fmt: skip
        self._kind_changed()

    def _same(self) -> list[Consultation]:
        kind = self.kind.currentData()
        return [c for c in self.file.consultations if c.respondent_type == kind]

    def needs_existing_name(self) -> bool:
        return sum(1 for c in self._same() if not (c.respondent_name or "").strip()) == 1

    def _kind_changed(self) -> None:
        needed = self.needs_existing_name()
        self.existing.setVisible(needed)
        if self.existing_caption is not None:
            self.existing_caption.setVisible(needed)
        words = codes.RESPONDENT_TYPES.get(self.kind.currentData(), "").lower()
        named = [c.respondent_name for c in self._same() if c.respondent_name]
        listed = f" Already listed: {', '.join(n for n in named if n)}." if named else ""
        self.name.setPlaceholderText(f"The {words}'s name{' (required)' if self._same() else ''}")
        self.name.setToolTip(listed.strip())

    def operation(self) -> Callable[[Op], Any]:
        review = self.file.review
        if review is None:
            raise ValidationError("respondent_type", "plan the review first")
        kind, name, today = self.kind.currentData(), self.name.text(), self.ctx.today
        existing = self.existing.text() if self.needs_existing_name() else None
        review_id = review.id

        def write(op: Op) -> Consultation:
            row = op.session.get(Review, review_id)
            if row is None:
                raise ValidationError("respondent_type", "the review is no longer on file")
            return add_another_respondent(op, row, respondent_type=kind, respondent_name=name,
                                          today=today, name_for_existing=existing)  # fmt: skip

        return write
