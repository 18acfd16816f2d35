"""The letter's parts as the IRO edits them: name, four sections, decisions, picture."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.documents.content import ChildSaid, DecisionLine, LetterContent
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
    """One decision as the sentence the child reads ("Your social worker, Lee, will ...,
    by 12 January 2026."): suggested from the decision, edited here. The review record's
    own words are shown above it, for reference."""

    def __init__(self, number: int, line: DecisionLine) -> None:
        super().__init__()
        self.line, self.number = line, number
        recorded = line.professional_text or line.what
        self.record = muted(
            QLabel(
                f"Decision {number} in the review record: {recorded} "
                f"({line.owner or 'no owner'}, "
                f"{format_date(line.due) if line.due else 'no date'})"
            )
        )
        self.record.setWordWrap(True)
        self.record.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence = LetterField(f"Decision {number}: the sentence the child reads")
        self.sentence.setPlainText(line.sentence)
        self.sentence.setFixedHeight(64)
        self.own = LetterField(f"Decision {number} in the child's language", check=False)
        self.own.setPlaceholderText("The same sentence in the child's language (printed first)")
        self.own.setFixedHeight(56)
        self.own.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.record)
        layout.addWidget(self.sentence)
        layout.addWidget(self.own)
        self.setAccessibleName(f"Decision {number}")

    def mark_changed(self, kind: str) -> None:
        """The record has moved on since the letter was written: the caption says so, so it
        never claims the old wording or date is what the review record says now."""
        line = self.line
        when = format_date(line.due) if line.due else "no date"
        since = {"corrected": "since corrected in the review record",
                 "deleted": "since deleted from the review record"}[kind]  # fmt: skip
        self.record.setText(f"⚠ Decision {self.number} as this letter has it: "
                            f"{line.professional_text or line.what} ({line.owner or 'no owner'}, "
                            f"{when}) — {since}")  # fmt: skip

    def value(self) -> LetterDecision:
        return LetterDecision(self.line.owner, self.line.what, self.line.due,
                              self.sentence.text(), self.line.professional_text,
                              self.line.decision_id)  # fmt: skip


class AnswerRow(QWidget):
    """Something the child said, and the letter's answer: "You told us, we will"."""

    def __init__(self, number: int, said: ChildSaid) -> None:
        super().__init__()
        self.said = said
        where = {"visit": "on a visit", "form": "on their form"}.get(said.source, "")
        words = QLabel(f"The child said{' ' + where if where else ''}: “{said.said}”")
        words.setWordWrap(True)
        words.setTextFormat(Qt.TextFormat.PlainText)
        self.answer = LetterField(f"Answer {number}: what we will do")
        self.answer.setPlaceholderText("What we will do about it, in the child's words")
        self.answer.setPlainText(said.answer)
        self.answer.setFixedHeight(56)
        self.no_answer = QCheckBox("No answer needed in this letter")
        self.no_answer.setChecked(said.no_answer)
        self.no_answer.setAccessibleName(f"Answer {number}: no answer needed")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(words)
        layout.addWidget(self.answer)
        layout.addWidget(self.no_answer)
        self.setAccessibleName(f"What the child said, {number}")

    def value(self) -> ChildSaid:
        return ChildSaid(self.said.said, self.said.source, self.answer.text().strip(),
                         self.no_answer.isChecked())  # fmt: skip


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
        self.own: dict[str, tuple[QLabel, LetterField]] = {}  # in the child's language
        for key in SECTIONS:
            field = LetterField(TITLES[key], HINTS[key], check=key != "child_words")
            field.setMinimumHeight(84)
            field.setMaximumHeight(130)
            self.add(key, f"{TITLES[key]}:", field, HINTS[key])
            self.fields[key] = field
            if key != "child_words":  # the child's own words are already theirs
                own = LetterField(f"{TITLES[key]}, in the child's language", check=False)
                own.setMaximumHeight(110)
                self.add(
                    f"{key} (own)",
                    "…in the child's language:",
                    own,
                    "Printed first, with the English after it in smaller type.",
                )
                item = self.grid.itemAtPosition(self.grid.rowCount() - 2, 0)
                caption = item.widget() if item is not None else None
                assert isinstance(caption, QLabel)
                self.own[key] = (caption, own)
                caption.hide()
                own.hide()
                own.edited.connect(self.edited)
        self.add_heading("Who will do what, by when")
        self.decision_box = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.decision_box)
        self.no_decisions = muted(QLabel("No decisions were recorded at this review."))
        self.decision_box.addWidget(self.no_decisions)
        self.add("decisions", "Decisions:", holder)
        self.rows: list[DecisionRow] = []
        self.own_language: str | None = None  # the child's language, when not English
        self.add_heading("You told us, we will")
        self.answer_box = QVBoxLayout()
        answers = QWidget()
        answers.setLayout(self.answer_box)
        self.nothing_said = muted(QLabel("Nothing the child said is recorded for this review."))
        self.answer_box.addWidget(self.nothing_said)
        self.add("said", "Answers:", answers)
        self.answers: list[AnswerRow] = []
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
        for key, (_caption, own) in self.own.items():
            own.setPlainText(content.translations.get(key, ""))
        for number, line in enumerate(content.decisions, 1):
            row = DecisionRow(number, line)
            row.own.setPlainText(content.translations.get(f"decision {number}", ""))
            row.own.edited.connect(self.edited)
            row.sentence.edited.connect(self.edited)
            self.decision_box.addWidget(row)
            row.show()  # at once, not when the layout's queued show arrives
            self.rows.append(row)
            self.aliases.update({f"decision {number}": "decisions",
                                 f"decision {number} (who)": "decisions",
                                 f"decision {number} (by when)": "decisions"})  # fmt: skip
        self.no_decisions.setVisible(not self.rows)
        self.show_own_language(self.own_language)  # new rows follow the chosen language
        self.set_said(content.said)
        self.set_picture(content.picture)

    def set_said(self, said: tuple[ChildSaid, ...]) -> None:
        """One answer box per thing the child said; rebuilt only when what they said
        changes, so an answer being typed is never swept away."""
        if [a.said.said for a in self.answers] == [s.said for s in said]:
            return
        for row in self.answers:
            row.deleteLater()
        self.answers = []
        for number, item in enumerate(said, 1):
            row = AnswerRow(number, item)
            row.answer.edited.connect(self.edited)
            row.no_answer.toggled.connect(self.edited)
            self.answer_box.addWidget(row)
            self.answers.append(row)
        self.nothing_said.setVisible(not self.answers)

    def show_own_language(self, language: str | None) -> None:
        """Show the boxes for the child's language (``None``: an English letter)."""
        self.own_language = language
        for caption, own in self.own.values():
            caption.setText(f"…in {language}:" if language else "")
            caption.setVisible(language is not None)
            own.setVisible(language is not None)
        for row in self.rows:
            row.own.setVisible(language is not None)
            row.own.setPlaceholderText(f"The same sentence in {language}" if language else "")

    def translations(self) -> dict[str, str]:
        """What the IRO wrote in the child's language, by the part it goes with."""
        found = {key: own.text().strip() for key, (caption, own) in self.own.items()
                 if own.isVisibleTo(self) and own.text().strip()}  # fmt: skip
        found.update({f"decision {n}": row.own.text().strip()
                      for n, row in enumerate(self.rows, 1)
                      if row.own.isVisibleTo(self) and row.own.text().strip()})  # fmt: skip
        return found

    def said(self) -> tuple[ChildSaid, ...]:
        return tuple(row.value() for row in self.answers)

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
        found = {key: field for key, field in self.fields.items() if key != "child_words"}
        found.update({f"decision {n}": row.sentence for n, row in enumerate(self.rows, 1)})
        found.update({f"answer {n}": row.answer for n, row in enumerate(self.answers, 1)})
        return found

    def show_error(self, exc: ValidationError, *, focus: bool = True) -> str:
        if exc.field.startswith("decision ") and exc.field in self.aliases:
            exc = ValidationError("decisions", f"{exc.field.capitalize()} {exc.problem}")
        elif exc.field in TITLES:
            exc = ValidationError(exc.field, f"“{TITLES[exc.field]}” {exc.problem}")
        return super().show_error(exc)
