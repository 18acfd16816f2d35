"""File > Export calendar…: planned reviews, visits and review deadlines as an ICS file
for Outlook (the same file as ``iro-desktop calendar``, ``documents.calendar``).

Children are named by first name and initial unless the IRO ticks the box for full names.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import Form, date_edit, read_date
from iro_desktop.gui.style import muted

if TYPE_CHECKING:
    from iro_desktop.store.reads import Session

DEFAULT_DAYS = 90


def write_calendar(session: Session, out: Path, first: date, last: date, today: date,
                   full_names: bool) -> int:  # fmt: skip
    """Worker side: read the meetings, write the file; how many events it holds."""
    from iro_desktop.documents.calendar import calendar_ics
    from iro_desktop.store.reads.meeting_facts import load_meetings

    meetings = load_meetings(session, first, last, today=today, deadlines=True)
    out.write_bytes(calendar_ics(meetings, full_names=full_names))
    return len(meetings)


class CalendarDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: Context) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Export calendar")
        self.chooser: QFileDialog | None = None
        intro = QLabel(
            "A calendar file (.ics) of your planned reviews, visits and the dates reviews are "
            "due by, for Outlook or any calendar. Importing a newer file updates the events "
            "already there."
        )
        intro.setWordWrap(True)
        self.form = Form(beside=False)
        f = self.form
        self.path = QLineEdit(str(Path.home() / "IRO meetings.ics"))
        browse = QPushButton("C&hoose…")
        browse.setAccessibleName("Choose where to save the calendar")
        browse.clicked.connect(self._choose)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        f.add("file", "&Save as:", row)
        self.path.setAccessibleName("Save as")
        self.first = f.add("first", "&From:", date_edit(ctx.today))
        self.last = f.add("last", "&To:", date_edit(ctx.today + timedelta(days=DEFAULT_DAYS)))
        self.full_names = f.add_check(
            "full_names",
            "Put children's &full names in it",
            "By default a child is named by first name and initial (\u201cGabe S.\u201d): a "
            "calendar may be synced to a phone or shared.",
        )
        self.done_label = muted(QLabel())
        self.done_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(f)
        layout.addWidget(self.done_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _choose(self) -> None:
        chooser = QFileDialog(self, "Save the calendar as", self.path.text(),
                              "Calendar files (*.ics)")  # fmt: skip
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("ics")
        chooser.fileSelected.connect(self.path.setText)
        self.chooser = chooser
        chooser.open()  # window-modal, no nested event loop: a lock can close it

    def export(self) -> None:
        self.form.clear_errors()
        try:
            text = self.path.text().strip()
            if not text:
                raise ValidationError("file", "is required")
            out = Path(text).expanduser()
            if not out.parent.is_dir():
                raise ValidationError("file", "is in a folder that does not exist")
            first = read_date(self.first, "first")
            last = read_date(self.last, "last")
            assert first is not None and last is not None
            if last < first:
                raise ValidationError("last", "is before the first day")
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        today, full = self.ctx.today, self.full_names.isChecked()
        self.export_button.setEnabled(False)
        self.ctx.read(
            lambda s: write_calendar(s, out, first, last, today, full),
            lambda n: self._written(out, n),
            self._failed,
            owner=self,
        )

    def _written(self, out: Path, count: int) -> None:
        self.export_button.setEnabled(True)
        text = f"Saved {count} event{'s' if count != 1 else ''} to {out}."
        self.done_label.setText(text)
        self.ctx.status(text)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, OSError):
            why = error.strerror or "it could not be written"
            self.form.show_error(ValidationError("file", f"could not be saved there ({why})"))
            return
        self.form.show_general(errors.say("Not exported", error, "CalendarDialog"))


def open_calendar_export(window: Any) -> CalendarDialog | None:
    if window.ctx is None:
        return None
    dialog = CalendarDialog(window, window.ctx)
    dialog.open()
    return dialog
