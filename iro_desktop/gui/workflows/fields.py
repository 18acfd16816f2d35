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
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from iro_desktop.gui import forms
from iro_desktop.gui.forms import ERROR_STYLE, FieldErrors, date_text, error_label

__all__ = ["ERROR_STYLE", "FieldForm", "combo", "date_edit", "date_text", "read_date"]


def read_date(editor: QLineEdit, field: str, *, required: bool = True) -> date | None:
    return forms.read_date(editor.text(), field, required=required)


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


class FieldForm(FieldErrors):
    """Labelled editors in two columns, each error on the line under its field."""

    def __init__(self) -> None:
        super().__init__(None, columns=2)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(8)

    def add(self, key: str, label: str, editor: QWidget, hint: str = "") -> QWidget:
        row = self.grid.rowCount()
        caption = QLabel(label)
        caption.setBuddy(editor)
        caption.setWordWrap(True)
        editor.setAccessibleName(label.replace("&", "").rstrip(":"))
        if hint:
            editor.setToolTip(hint)
            editor.setAccessibleDescription(hint)
        error = error_label()
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
        error = error_label()
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
