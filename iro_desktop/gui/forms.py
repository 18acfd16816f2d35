"""The one form class, and the one way to read a typed date and to offer codes.

Dates are typed (DD/MM/YYYY or YYYY-MM-DD) and read by ``domain.dates.parse_date`` so an
absurd date gets the same plain message everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
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
from iro_desktop.domain.errors import Problems, ValidationError

ERROR_STYLE = "color: #ffffff; background: #a4262c; border-radius: 3px; padding: 2px 6px;"


class Drafted(QWidget):
    """A compound editor a form can keep in a draft (a table of decisions, say): it says
    when it was edited and gives its value as plain JSON data, and takes it back."""

    edited = Signal()

    def draft_value(self) -> Any:
        raise NotImplementedError

    def restore_draft(self, value: Any) -> None:
        raise NotImplementedError


def nice_field(field: str) -> str:
    return field.replace("_", " ").capitalize()


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class Form(QWidget):
    """The one form: labelled editors, each with its error beside it (``beside=True``, a
    three-column grid) or on the line under it (the review-cycle dialogs' narrow column),
    and a general message for a problem no field owns.

    Operations raise ``ValidationError(field, problem)``; ``show_error`` puts the problem
    next to the matching box (``aliases`` map the operation's field names to the form's),
    moves focus there and sets the accessible description so a screen reader says it too.
    ``check()`` finds every typing problem at once (required fields, typed dates); an
    error is cleared as soon as its field is fixed. ``changed`` is emitted on any change."""

    changed = Signal()  # any editor changed

    def __init__(self, parent: QWidget | None = None, *, beside: bool = True) -> None:
        super().__init__(parent)
        self.beside = beside
        columns = 3 if beside else 2
        self.grid = QGridLayout(self)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self.required: set[str] = set()
        self.dates: set[str] = set()
        self.general = error_label()
        self.summary = False  # the general line now names several problems
        self.general.setAccessibleName("Problem")
        self.grid.addWidget(self.general, 0, 0, 1, columns)
        if beside:
            self.grid.setColumnStretch(2, 1)  # the space beside each field is for its error
            self.grid.setHorizontalSpacing(10)
        else:
            self.grid.setColumnStretch(1, 1)
            self.grid.setVerticalSpacing(8)

    # --- building ---------------------------------------------------------------

    def add(
        self, key: str, label: str, editor: Any, hint: str = "", *, required: bool = False
    ) -> Any:
        """A labelled editor (returned as given, so its type is kept)."""
        row = self.grid.rowCount()
        caption = QLabel(label)
        caption.setBuddy(editor)
        name = label.replace("&", "").rstrip(":")
        editor.setAccessibleName(name)
        if hint:
            editor.setToolTip(hint)
        if "DD/MM/YYYY" in (hint, editor.property("placeholderText")):
            self.dates.add(key)
        if required:
            self.required.add(key)
        error = error_label()
        tall = isinstance(editor, QPlainTextEdit)
        top = Qt.AlignmentFlag.AlignTop
        align = top if tall else Qt.AlignmentFlag.AlignVCenter
        if self.beside:
            if isinstance(editor, QPlainTextEdit):
                editor.setMinimumWidth(420)
                editor.setMaximumWidth(620)
            elif isinstance(editor, QLineEdit | QComboBox):
                editor.setMinimumWidth(300)
                editor.setMaximumWidth(420)
            error.setMaximumWidth(420)
            error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(caption, row, 0, align)
            self.grid.addWidget(editor, row, 1)
            self.grid.addWidget(error, row, 2, align)
        else:
            caption.setWordWrap(True)
            if hint:
                editor.setAccessibleDescription(hint)
            self.grid.addWidget(caption, row, 0, align)
            self.grid.addWidget(editor, row, 1)
            self.grid.addWidget(error, row + 1, 1)
        self.editors[key], self.errors[key], self.labels[key] = editor, error, name
        self._watch(key, editor)
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
        self._watch(key, box)
        return box

    def add_heading(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>")
        label.setAccessibleName(text)
        self.grid.addWidget(label, self.grid.rowCount(), 0, 1, 2)
        return label

    def add_widget(self, widget: QWidget, key: str = "") -> None:
        """A widget across the form; with a ``key`` (a ``Drafted`` editor) its value is
        one of the form's, kept in drafts, its problems in the line at the top."""
        self.grid.addWidget(widget, self.grid.rowCount(), 0, 1, 2)
        if key:
            self.editors[key], self.errors[key] = widget, self.general
            self._watch(key, widget)

    def _watch(self, key: str, editor: QWidget) -> None:
        def changed(*_args: object) -> None:
            self._recheck(key)
            self.changed.emit()

        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(changed)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(changed)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(changed)
        elif isinstance(editor, QCheckBox | QAbstractButton):
            editor.toggled.connect(changed)
        elif isinstance(editor, QSpinBox):
            editor.valueChanged.connect(changed)
        elif isinstance(editor, Drafted):
            editor.edited.connect(changed)

    def on_edit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever any editor changes (drafts, dirty tracking)."""
        self.changed.connect(callback)

    # --- problems ---------------------------------------------------------------

    def clear_errors(self) -> None:
        self.general.hide()
        self.summary = False
        for key in self.errors:
            self.clear_error(key)

    def clear_error(self, key: str) -> None:
        """Take the problem shown against one field away (its value is left alone)."""
        label = self.errors[key]
        label.hide()
        label.clear()
        editor = self.editors.get(key)
        if editor is not None:
            editor.setAccessibleDescription("")

    def _recheck(self, key: str) -> None:
        """An error goes as soon as its field is fixed (a date only once it reads)."""
        if self.errors[key].isHidden() or self.errors[key] is self.general:
            return
        problem = self._problem(key)
        if problem is None:
            self.clear_error(key)
            self._summarise()

    def _problem(self, key: str) -> ValidationError | None:
        value = self.values().get(key)
        try:
            if key in self.dates:
                read_date(value, key, required=key in self.required)
            elif key in self.required and not str(value or "").strip():
                raise ValidationError(key, "is required")
        except ValidationError as exc:
            return exc
        return None

    def check(self) -> list[ValidationError]:
        """Every typing problem at once: a required field left empty, a date that is not."""
        return [p for key in self.editors if (p := self._problem(key)) is not None]

    def show_general(self, text: str) -> None:
        self.general.setText(f"⚠ {text}")
        self.general.show()

    def show_errors(self, problems: list[ValidationError]) -> None:
        """Each beside its field, the focus on the first."""
        first = True
        for exc in problems:
            self.show_error(exc, focus=first)
            first = False
        self._summarise()

    def _summarise(self) -> None:
        """With more than one problem, a line at the top names them all: some may be
        scrolled out of sight. It goes once one problem is left."""
        shown = [
            self.labels.get(key, nice_field(key))
            for key, label in self.errors.items()
            if label is not self.general and not label.isHidden()
        ]
        if len(shown) > 1:
            self.summary = True
            self.show_general(f"{len(shown)} things to put right: {', '.join(shown)}.")
        elif self.summary:
            self.summary = False
            self.general.hide()

    def show_error(self, exc: ValidationError, *, focus: bool = True) -> str:
        """Show the problem beside its field and say it to a screen reader; returns the key
        it was shown against ("" for the general message)."""
        if isinstance(exc, Problems):
            self.show_errors(exc.problems)
            return self.aliases.get(exc.field, exc.field)
        key = self.aliases.get(exc.field, exc.field)
        label = self.errors.get(key)
        if label is None:
            self.show_general(f"{nice_field(exc.field)} {exc.problem}")
            return ""
        label.setText(f"⚠ {beside_field(exc.problem)}")
        label.show()
        editor = self.editors[key]
        editor.setAccessibleDescription(f"Error: {beside_field(exc.problem)}")
        if focus:
            editor.setFocus()
        return key

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return "" if label.isHidden() else label.text()

    # --- values as plain text, for drafts and comparisons -------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
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
            elif isinstance(editor, Drafted):
                out[key] = editor.draft_value()
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
            elif isinstance(editor, Drafted):
                editor.restore_draft(value)


def lines_high(editor: QPlainTextEdit, lines: int) -> int:
    """The height that shows ``lines`` lines of the editor's own font, margins and frame
    included (and room for the focus ring): text boxes grow with the system font size
    rather than show fewer lines of larger text."""
    margins = 2 * editor.document().documentMargin() + 2 * editor.frameWidth() + 4
    return math.ceil(editor.fontMetrics().lineSpacing() * lines + margins)


def date_text(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


_PREDICATES = {"is", "are", "must", "cannot", "can", "should", "has", "needs", "may", "does"}


def beside_field(problem: str) -> str:
    """A rule's problem ("is not a real date", made to follow the field's name in a list)
    as a sentence of its own beside the field: "This is not a real date"."""
    if problem.split(" ", 1)[0] in _PREDICATES:
        return f"This {problem}"
    return problem[:1].upper() + problem[1:]


def read_date(text: object, field: str, *, required: bool = True) -> date | None:
    """Parse a typed date (text, or the line edit it is typed in); ValidationError named
    for the field when it is not one."""
    if isinstance(text, QLineEdit):
        text = text.text()
    if not str(text or "").strip():
        if required:
            raise ValidationError(field, "is required")
        return None
    return parse_date(str(text), field)


def long_date(d: date | None) -> str:
    return format_date(d) if d else "—"


def code_combo(choices: dict[str, str], blank: str | None = None) -> QComboBox:
    """The one way to offer codes: each by its words, with an SSDA903 code (PN1, U6)
    after them in brackets; the code is the item's data."""
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, None)
    for code, label in choices.items():
        combo.addItem(f"{label} ({code})" if code.isupper() else label, code)
    return combo


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


def lines(editor: QPlainTextEdit | QLineEdit) -> list[str]:
    """One name per line (or comma separated in a single-line box)."""
    if isinstance(editor, QLineEdit):
        return [p.strip() for p in editor.text().split(",") if p.strip()]
    return [p.strip() for p in editor.toPlainText().splitlines() if p.strip()]
