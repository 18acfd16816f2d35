"""The record's "Printouts" window: every document, one line each, to preview and print.

The young person's letter (opens its editor), the statutory review record for the
professionals, the IRO's contact card and introductory sheet, and the blank consultation
forms to take on a visit. Each opens a preview; the PDF is made in the worker.

Without a child (``child_id=None``, the main window's Print menu) it offers only what
is not about one child: the contact card and sheet, and the blank forms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.documents import api, wording
from iro_desktop.documents import letter_reads as reader
from iro_desktop.documents.forms import load_forms
from iro_desktop.gui.context import Context
from iro_desktop.gui.errors import NOT_READ, message
from iro_desktop.gui.letters.editor import LetterEditor
from iro_desktop.gui.letters.preview import PdfPreview
from iro_desktop.gui.style import heading


def _combo(name: str) -> QComboBox:
    """Never narrower than its longest choice: a squeezed row clipped "Held 19 I"."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class PrintoutsDialog(QDialog):
    loaded = Signal()

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str | None) -> None:
        super().__init__(parent)
        self.ctx, self.child_id = ctx, child_id
        self.child_ref = ""
        self.opened: list[QDialog] = []
        title = "Printouts" if child_id is not None else "Print: not about one child"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(760, 420)
        self.reviews = _combo("Review for the record")
        self.card_language = _combo("Language of the card")
        for lang in wording.languages():
            self.card_language.addItem(lang.label, lang.code)
        self.forms = _combo("Which blank form")
        self.forms.addItem("All the forms", "")
        for form in load_forms():
            self.forms.addItem(form.title, form.id)
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        rows: list[tuple[str, str, QComboBox | None, Callable[[], object]]] = [
            ("The young person's &letter…", "Written with them, in plain words: open it to "
             "write, check and print.", None, self.open_letter),
            ("Review &record…", "The statutory record for professionals.", self.reviews,
             self.preview_record),
            ("Contact &card and sheet…", "Who I am, how to reach me, advocacy, what to do "
             "if unhappy.", self.card_language, self.preview_card),
            ("Blank &forms…", "Consultation forms for each age and respondent, to take on a "
             "visit.", self.forms, self.preview_forms),
        ]  # fmt: skip
        if child_id is None:
            rows = rows[2:]
        self.buttons: dict[str, QPushButton] = {}
        for row, (label, about, chooser, action) in enumerate(rows):
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.setAccessibleDescription(about)
            button.clicked.connect(action)
            text = QLabel(about)
            text.setWordWrap(True)
            grid.addWidget(button, row, 0)
            if chooser is not None:
                grid.addWidget(chooser, row, 1)
            grid.addWidget(text, row, 2)
            self.buttons[label.replace("&", "").rstrip("…")] = button
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Message")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(close)
        if child_id is None:
            self.message.setText("The letter and the review record are printed from the "
                                 "child's record.")  # fmt: skip
            return
        ctx.read(lambda s: (reader.child_ref(s, child_id), reader.review_dates(s, child_id)),
                 self._loaded, self._failed)  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        self.message.setText(f"⚠ {message(error, 'PrintoutsDialog', NOT_READ)}")

    def _loaded(self, found: tuple[str, list[tuple[date, str]]]) -> None:
        self.child_ref, dates = found
        for held, text in dates:
            self.reviews.addItem(f"Held {text}", held)
        if not dates:
            self.reviews.addItem("No review held yet", None)
            self.buttons["Review record"].setEnabled(False)
            self.buttons["The young person's letter"].setEnabled(False)
            self.message.setText("There is no held review yet, so there is no letter or "
                                 "record to print. The card and forms are ready.")  # fmt: skip
        self.loaded.emit()

    def _preview(self, title: str, file_name: str, make: Callable[[], bytes]) -> PdfPreview:
        preview = PdfPreview(self, self.ctx, title, file_name)
        preview.show()
        preview.render(make)
        self.opened.append(preview)
        return preview

    def open_letter(self) -> LetterEditor:
        assert self.child_id is not None
        editor = LetterEditor(self.parentWidget(), self.ctx, self.child_id)
        editor.show()
        self.opened.append(editor)
        return editor

    def preview_record(self) -> PdfPreview:
        held: date | None = self.reviews.currentData()
        caseload, ref = self.ctx.caseload, self.child_ref
        when = held.isoformat() if held else "latest"
        return self._preview("Review record", f"review-record-{ref}-{when}.pdf",
                             lambda: api.record_pdf(caseload, ref, review_date=held))  # fmt: skip

    def preview_card(self) -> PdfPreview:
        code, caseload = self.card_language.currentData(), self.ctx.caseload
        return self._preview("Contact card and introductory sheet", f"iro-card-{code}.pdf",
                             lambda: api.card_pdf(caseload, language=code))  # fmt: skip

    def preview_forms(self) -> PdfPreview:
        form_id: str = self.forms.currentData()
        if not form_id:
            return self._preview("Blank consultation forms", "consultation-forms.pdf",
                                 api.all_forms_pdf)  # fmt: skip
        return self._preview(f"Blank form: {self.forms.currentText()}", f"form-{form_id}.pdf",
                             lambda: api.forms_pdf([form_id])[form_id])  # fmt: skip
