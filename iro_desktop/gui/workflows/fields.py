"""A labelled form whose errors appear beside the field they are about.

Dates are typed (DD/MM/YYYY or YYYY-MM-DD) and read by ``domain.dates.parse_date`` so an
absurd date gets the same plain message everywhere.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError

ERROR_STYLE = "color: #ffffff; background: #a4262c; border-radius: 3px; padding: 2px 6px;"


def date_text(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def read_date(editor: QLineEdit, field: str, *, required: bool = True) -> date | None:
    text = editor.text().strip()
    if not text:
        if required:
            raise ValidationError(field, "is required")
        return None
    return parse_date(text, field)


def date_edit(value: date | None = None) -> QLineEdit:
    editor = QLineEdit(date_text(value))
    editor.setPlaceholderText("DD/MM/YYYY")
    editor.setMaximumWidth(160)
    return editor


def text_box(height: int = 70) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(height)
    editor.setMaximumHeight(height * 2)
    return editor


def combo(choices: dict[str, str], blank: str | None = None) -> QComboBox:
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for code, label in choices.items():
        box.addItem(label, code)
    return box


def lines(editor: QPlainTextEdit | QLineEdit) -> list[str]:
    """One name per line (or comma separated in a single-line box)."""
    if isinstance(editor, QLineEdit):
        return [p.strip() for p in editor.text().split(",") if p.strip()]
    return [p.strip() for p in editor.toPlainText().splitlines() if p.strip()]


class FieldForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(8)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.aliases: dict[str, str] = {}
        self.general = QLabel()
        self.general.setWordWrap(True)
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setAccessibleName("Problem")
        self.general.hide()
        self.grid.addWidget(self.general, 0, 0, 1, 2)

    def add(self, key: str, label: str, editor: QWidget, hint: str = "") -> QWidget:
        row = self.grid.rowCount()
        caption = QLabel(label)
        caption.setBuddy(editor)
        caption.setWordWrap(True)
        editor.setAccessibleName(label.replace("&", "").rstrip(":"))
        if hint:
            editor.setToolTip(hint)
            editor.setAccessibleDescription(hint)
        error = QLabel()
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        top = Qt.AlignmentFlag.AlignTop
        self.grid.addWidget(
            caption,
            row,
            0,
            top if isinstance(editor, QPlainTextEdit) else Qt.AlignmentFlag.AlignVCenter,
        )
        self.grid.addWidget(editor, row, 1)
        self.grid.addWidget(error, row + 1, 1)
        self.editors[key], self.errors[key] = editor, error
        return editor

    def add_check(self, key: str, label: str, hint: str = "") -> QCheckBox:
        box = QCheckBox(label)
        row = self.grid.rowCount()
        box.setAccessibleName(label.replace("&", ""))
        if hint:
            box.setToolTip(hint)
        error = QLabel()
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        self.grid.addWidget(box, row, 1)
        self.grid.addWidget(error, row + 1, 1)
        self.editors[key], self.errors[key] = box, error
        return box

    def add_heading(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>")
        label.setAccessibleName(text)
        self.grid.addWidget(label, self.grid.rowCount(), 0, 1, 2)
        return label

    def add_widget(self, widget: QWidget) -> None:
        self.grid.addWidget(widget, self.grid.rowCount(), 0, 1, 2)

    def clear_errors(self) -> None:
        self.general.hide()
        for label in self.errors.values():
            label.hide()

    def show_general(self, text: str) -> None:
        self.general.setText(f"⚠ {text}")
        self.general.show()

    def show_error(self, exc: ValidationError) -> str:
        """Put the problem beside its field (and say it to a screen reader)."""
        key = self.aliases.get(exc.field, exc.field)
        label = self.errors.get(key)
        if label is None:
            self.show_general(f"{exc.field.replace('_', ' ').capitalize()} {exc.problem}")
            return ""
        label.setText(f"⚠ {exc.problem}")
        label.show()
        editor = self.editors[key]
        editor.setAccessibleDescription(f"Error: {exc.problem}")
        editor.setFocus()
        return key

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""
