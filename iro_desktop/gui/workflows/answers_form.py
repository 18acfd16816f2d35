"""Editors for a question set's answers, built from the form's data (resources/forms)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from iro_desktop.domain.forms import FACES, YES_NO, FormSpec, Question
from iro_desktop.gui.forms import Drafted, text_box


def answer_editor(question: Question) -> QWidget:
    if question.kind == "text":
        return text_box(50)
    box = QComboBox()
    box.addItem("Not answered", None)
    if question.kind == "faces":
        for key, emoji, word in FACES:
            box.addItem(f"{emoji} {word}", key)
    elif question.kind == "yes_no":
        for key in YES_NO:
            box.addItem(key.capitalize(), key)
    else:
        for choice in question.choices:
            box.addItem(choice, choice)
    return box


class AnswersForm(Drafted):
    """One editor per question; every question may be left blank."""

    def __init__(self) -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.editors: dict[str, QWidget] = {}
        self.form: FormSpec | None = None

    def show_form(self, form: FormSpec | None, answers: dict[str, str] | None = None) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors = {}
        self.form = form
        if form is None:
            self.layout_.addWidget(QLabel("There is no question set for this respondent."))
            return
        for number, question in enumerate(form.questions, 1):
            label = QLabel(f"{number}. {question.text}")
            label.setWordWrap(True)
            editor = answer_editor(question)
            editor.setAccessibleName(question.text)
            label.setBuddy(editor)
            self.layout_.addWidget(label)
            self.layout_.addWidget(editor)
            self.editors[question.id] = editor
            if isinstance(editor, QPlainTextEdit):
                editor.textChanged.connect(self.edited)
            elif isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(self.edited)
        self.set_answers(answers or {})

    def set_answers(self, answers: dict[str, str]) -> None:
        for key, value in answers.items():
            editor = self.editors.get(key)
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value)
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))

    def answers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                out[key] = editor.toPlainText()
            elif isinstance(editor, QComboBox) and editor.currentData() is not None:
                out[key] = str(editor.currentData())
        return out

    def draft_value(self) -> dict[str, str]:
        return self.answers()

    def restore_draft(self, value: Any) -> None:
        self.set_answers(dict(value or {}))
