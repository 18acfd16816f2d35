"""The letter's parts as the IRO edits them: name, four sections, decisions, picture."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.documents.content import DecisionLine, LetterContent
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.forms import Form
from iro_desktop.gui.letters.jargon_field import LetterField
from iro_desktop.gui.letters.picture import preview
from iro_desktop.gui.style import muted
from iro_desktop.store.ops.letters import SECTIONS, LetterDecision

TITLES = {
    "working_well": "What is working well",
    "worried_about": "What we are worried about",
    "needs_to_happen": "What needs to happen next",
    "child_words": "The young person's own words",
}
HINTS = {
    "working_well": "Start with the good things: what is going well, in the child's life "
    "and in what they have done.",
    "worried_about": "Say it kindly and plainly, so the young person knows what the "
    "grown-ups are worried about.",
    "needs_to_happen": "Anything not covered by the list of who will do what.",
    "child_words": "What the young person said, in their words, if they would like it in.",
}


class DecisionRow(QWidget):
    """Who will do what, by when: the wording in the child's words, editable."""

    def __init__(self, number: int, line: DecisionLine) -> None:
        super().__init__()
        self.due = line.due
        self.owner = QLineEdit(line.owner)
        self.owner.setAccessibleName(f"Decision {number}: who")
        self.owner.setPlaceholderText("Who (for example, your social worker)")
        self.owner.setMinimumWidth(280)
        self.what = LetterField(f"Decision {number}: what, in the child's words")
        self.what.setPlainText(line.what)
        self.what.setFixedHeight(64)
        if line.professional_text and line.professional_text != line.what:
            self.what.setToolTip(f"In the review record: {line.professional_text}")
        when = QLabel(f"by {format_date(line.due)}" if line.due else "no date set")
        when.setAccessibleName(f"Decision {number}: by when")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.owner, 0, 0)
        grid.addWidget(when, 0, 1)
        grid.addWidget(self.what, 1, 0, 1, 2)
        self.setAccessibleName(f"Decision {number}")

    def value(self) -> LetterDecision:
        return LetterDecision(self.owner.text(), self.what.text(), self.due)


class LetterForm(Form):
    edited = Signal()
    choose_picture = Signal()

    def __init__(self) -> None:
        super().__init__(beside=False)
        self.picture: bytes | None = None
        self.name = QLineEdit()
        self.name.setPlaceholderText("The name the young person likes to be called")
        self.add("name", "Dear (&name):", self.name)
        self.fields: dict[str, LetterField] = {}
        for key in SECTIONS:
            field = LetterField(TITLES[key], HINTS[key])
            field.setMinimumHeight(84)
            field.setMaximumHeight(130)
            self.add(key, f"{TITLES[key]}:", field, HINTS[key])
            self.fields[key] = field
        self.add_heading("Who will do what, by when")
        self.decision_box = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.decision_box)
        self.no_decisions = muted(QLabel("No decisions were recorded at this review."))
        self.decision_box.addWidget(self.no_decisions)
        self.add("decisions", "Decisions:", holder)
        self.rows: list[DecisionRow] = []
        self.add("picture", "Photo or drawing:", self._picture_row())
        self.name.textChanged.connect(self.edited)
        for field in self.fields.values():
            field.edited.connect(self.edited)

    def add(
        self, key: str, label: str, editor: Any, hint: str = "", *, required: bool = False
    ) -> Any:
        added = super().add(key, label, editor, hint, required=required)
        caption = self.grid.itemAtPosition(self.grid.rowCount() - 2, 0)
        if caption is not None:  # captions sit level with the top of tall boxes
            caption.setAlignment(Qt.AlignmentFlag.AlignTop)
        return added

    def _picture_row(self) -> QWidget:
        self.thumb = QLabel()
        self.thumb.setAccessibleName("The letter's picture")
        self.thumb.setFixedSize(120, 90)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("border: 1px dashed palette(mid);")
        choose = QPushButton("Choose a &picture…")
        choose.setAccessibleName("Choose a picture")
        choose.clicked.connect(self.choose_picture)
        self.remove = QPushButton("Remo&ve picture")
        self.remove.setAccessibleName("Remove picture")
        self.remove.clicked.connect(lambda: self.set_picture(None, edited=True))
        note = muted(QLabel("Optional: a photo or a drawing the young person would like in."))
        note.setWordWrap(True)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumb)
        buttons = QVBoxLayout()
        buttons.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(note)
        layout.addLayout(buttons, 1)
        return row

    def fill(self, content: LetterContent) -> None:
        self.name.setText(content.name)
        for key, field in self.fields.items():
            field.setPlainText(getattr(content, key))
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for number, line in enumerate(content.decisions, 1):
            row = DecisionRow(number, line)
            row.what.edited.connect(self.edited)
            row.owner.textChanged.connect(self.edited)
            self.decision_box.addWidget(row)
            self.rows.append(row)
            self.aliases.update({f"decision {number}": "decisions",
                                 f"decision {number} (who)": "decisions",
                                 f"decision {number} (by when)": "decisions"})  # fmt: skip
        self.no_decisions.setVisible(not self.rows)
        self.set_picture(content.picture)

    def set_picture(self, data: bytes | None, *, edited: bool = False) -> None:
        self.picture = data or None
        image = preview(data, 120) if data else None
        if image is not None and not image.isNull():
            self.thumb.setPixmap(QPixmap.fromImage(image))
            self.thumb.setAccessibleDescription("A picture is chosen")
        else:
            self.thumb.clear()
            self.thumb.setText("No picture")
            self.thumb.setAccessibleDescription("No picture")
        self.remove.setEnabled(self.picture is not None)
        if edited:
            self.edited.emit()

    def sections(self) -> dict[str, str]:
        return {key: field.text() for key, field in self.fields.items()}

    def decisions(self) -> list[LetterDecision]:
        return [row.value() for row in self.rows]

    def check_fields(self) -> dict[str, LetterField]:
        """Every box the plain-language check reads, by the name the check reports."""
        found = dict(self.fields)
        found.update({f"decision {n}": row.what for n, row in enumerate(self.rows, 1)})
        return found

    def show_error(self, exc: ValidationError, *, focus: bool = True) -> str:
        if exc.field.startswith("decision ") and exc.field in self.aliases:
            exc = ValidationError("decisions", f"{exc.field.capitalize()} {exc.problem}")
        elif exc.field in TITLES:
            exc = ValidationError(exc.field, f"“{TITLES[exc.field]}” {exc.problem}")
        return super().show_error(exc)
