"""Form rows with the error shown beside the field, as the IRO reads it.

Operations raise ``ValidationError(field, problem)``; ``Form.show_error`` puts the problem
next to the matching box (``aliases`` map the operation's field names to the form's),
moves focus there, and sets the accessible description so a screen reader says it too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from iro_desktop.domain.dates import format_date, parse_date
from iro_desktop.domain.errors import ValidationError

ERROR_STYLE = "color: #ffffff; background: #a4262c; border-radius: 3px; padding: 2px 6px;"


def nice_field(field: str) -> str:
    return field.replace("_", " ").capitalize()


class FieldErrors(QWidget):
    """What every form shares: its editors, an error label for each, and a general
    message for a problem no field owns. Subclasses lay the rows out (``add``)."""

    def __init__(self, parent: QWidget | None, columns: int) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.aliases: dict[str, str] = {}
        self.general = error_label()
        self.general.setAccessibleName("Problem")
        self.grid.addWidget(self.general, 0, 0, 1, columns)

    def clear_errors(self) -> None:
        self.general.hide()
        for key, label in self.errors.items():
            label.hide()
            label.clear()
            editor = self.editors.get(key)
            if editor is not None:
                editor.setAccessibleDescription("")

    def show_general(self, text: str) -> None:
        self.general.setText(f"⚠ {text}")
        self.general.show()

    def show_error(self, exc: ValidationError) -> str:
        """Show the problem beside its field, say it to a screen reader and move the focus
        there; returns the key it was shown against ("" for the general message)."""
        key = self.aliases.get(exc.field, exc.field)
        label = self.errors.get(key)
        if label is None:
            self.show_general(f"{nice_field(exc.field)} {exc.problem}")
            return ""
        label.setText(f"⚠ {exc.problem}")
        label.show()
        editor = self.editors[key]
        editor.setAccessibleDescription(f"Error: {exc.problem}")
        editor.setFocus()
        return key

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return "" if label.isHidden() else label.text()


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class Form(FieldErrors):
    """A two-column grid of labelled editors, each with a slot for its error beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, columns=3)
        self.grid.setColumnStretch(2, 1)  # the space beside each field is for its error
        self.grid.setHorizontalSpacing(10)
        self.labels: dict[str, str] = {}

    def add(self, key: str, label: str, editor: QWidget, hint: str = "") -> QWidget:
        row = self.grid.rowCount()
        caption = QLabel(label)
        caption.setBuddy(editor)
        editor.setAccessibleName(label.replace("&", ""))
        if hint:
            editor.setToolTip(hint)
        if isinstance(editor, QPlainTextEdit):
            editor.setMinimumWidth(420)
            editor.setMaximumWidth(620)
        elif isinstance(editor, QLineEdit | QComboBox):
            editor.setMinimumWidth(300)
            editor.setMaximumWidth(420)
        error = error_label()
        error.setMaximumWidth(420)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tall = isinstance(editor, QPlainTextEdit)
        align = Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag.AlignVCenter
        self.grid.addWidget(caption, row, 0, align)
        self.grid.addWidget(editor, row, 1)
        self.grid.addWidget(error, row, 2, align)
        self.editors[key], self.errors[key], self.labels[key] = (
            editor,
            error,
            label.replace("&", ""),
        )
        return editor

    def on_edit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever any editor changes (drafts, dirty tracking)."""
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(callback)
            elif isinstance(editor, QPlainTextEdit):
                editor.textChanged.connect(callback)
            elif isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(callback)
            elif isinstance(editor, QCheckBox):
                editor.toggled.connect(callback)
            elif isinstance(editor, QSpinBox):
                editor.valueChanged.connect(callback)

    # --- reading and writing values as plain text, for drafts and comparisons ---

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                out[key] = editor.text()
            elif isinstance(editor, QPlainTextEdit):
                out[key] = editor.toPlainText()
            elif isinstance(editor, QComboBox):
                out[key] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[key] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                out[key] = editor.value()
        return out

    def set_values(self, values: dict[str, object]) -> None:
        for key, value in values.items():
            editor = self.editors.get(key)
            if isinstance(editor, QLineEdit):
                editor.setText(str(value or ""))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(str(value or ""))
            elif isinstance(editor, QComboBox):
                index = editor.findData(value)
                editor.setCurrentIndex(max(index, 0))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value or 0))  # type: ignore[call-overload]


def lines_high(editor: QPlainTextEdit, lines: int) -> int:
    """The height that shows ``lines`` lines of the editor's own font, margins and frame
    included (and room for the focus ring): text boxes grow with the system font size
    rather than show fewer lines of larger text."""
    margins = 2 * editor.document().documentMargin() + 2 * editor.frameWidth() + 4
    return math.ceil(editor.fontMetrics().lineSpacing() * lines + margins)


def date_text(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def read_date(text: object, field: str, *, required: bool = True) -> date | None:
    """Parse a typed date; ValidationError (named for the field) when it is not one."""
    if not str(text or "").strip():
        if required:
            raise ValidationError(field, "is required")
        return None
    return parse_date(str(text), field)


def long_date(d: date | None) -> str:
    return format_date(d) if d else "—"


def code_combo(choices: dict[str, str], blank: str | None = None) -> QComboBox:
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, None)
    for code, label in choices.items():
        combo.addItem(f"{label} ({code})" if len(code) <= 3 else label, code)
    return combo
