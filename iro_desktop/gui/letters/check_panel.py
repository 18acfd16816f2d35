"""Beside the letter: how easy it is to read, the jargon found, what will not print.

Every piece of jargon has its own one-click "Use …" button, so a keyboard user can fix
each one with Tab and Space. The words are plain text throughout (never rich text), since
the IRO's own writing is shown here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iro_desktop.documents.api import LetterCheck
from iro_desktop.documents.plain_language import Flag
from iro_desktop.gui.letters.jargon_field import describe, replacement
from iro_desktop.gui.style import heading

MOST_SHOWN = 10
GOOD = "color: #0e6b0e;"
WARN = "color: #8a4600;"
BAD = "color: #a4262c;"


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    return label


class CheckPanel(QWidget):
    """Shows a ``LetterCheck``; ``use`` is called with (field key, flag) for a fix."""

    def __init__(self, use: Callable[[str, Flag], None], titles: dict[str, str]) -> None:
        super().__init__()
        self.use, self.titles = use, titles
        self.setAccessibleName("Plain-language check")
        self.reading = _label("Reading ease")
        self.summary = _label("Jargon found")
        self.missing = _label("Characters that will not print")
        self.translator = _label("Translator's check")
        self.translator.setStyleSheet(WARN)
        self.fixes = QGridLayout()
        self.fixes.setColumnStretch(0, 1)
        self.fixes.setVerticalSpacing(4)
        self.fix_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Plain-language check", 1.1))
        layout.addWidget(self.reading)
        layout.addWidget(self.translator)
        layout.addWidget(self.summary)
        layout.addLayout(self.fixes)
        layout.addWidget(self.missing)
        layout.addStretch(1)
        self.translator.hide()
        self.missing.hide()

    def show_check(self, check: LetterCheck) -> None:
        reading = check.reading
        self.reading.setText(reading.describe())
        met = reading.meets_target
        self.reading.setStyleSheet("" if met is None else GOOD if met else WARN)
        self.reading.setAccessibleDescription(reading.describe())
        self._show_jargon(check)
        if check.unprintable:
            shown = " ".join(check.unprintable)
            self.missing.setText(
                f"These will not print, because the letter's fonts do not have them: {shown} "
                "(underlined in red). Use words instead, or leave them out."
            )
            self.missing.setStyleSheet(BAD)
            self.missing.show()
        else:
            self.missing.hide()

    def show_translator_note(self, language_name: str | None) -> None:
        if language_name is None:
            self.translator.hide()
            return
        self.translator.setText(
            f"The letter's own wording in {language_name} has not yet been checked by a "
            "qualified translator. Ask for a check before the young person gets it. "
            "Reading ease is scored for English only."
        )
        self.translator.show()

    def _show_jargon(self, check: LetterCheck) -> None:
        while self.fixes.count():
            item = self.fixes.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.fix_buttons = []
        count = check.jargon_count
        if not count:
            self.summary.setText("No jargon found. ✔")
            self.summary.setStyleSheet(GOOD)
            return
        self.summary.setText(
            f"{count} piece{'s' if count != 1 else ''} of jargon (underlined). A child may "
            "not know these words: use the child's words, or explain them."
        )
        self.summary.setStyleSheet(WARN)
        row = 0
        for key, flags in check.jargon.items():
            for flag in flags:
                if row >= MOST_SHOWN:
                    more = _label("More jargon")
                    more.setText(f"…and {count - MOST_SHOWN} more, underlined in the letter.")
                    self.fixes.addWidget(more, 2 * row, 0)
                    return
                where = self.titles.get(key, key.capitalize())
                text = _label(f"Jargon in {where}")
                text.setText(f"{where}: {describe(flag)}")
                button = QPushButton(f"Use “{replacement(flag)}”")
                button.setAccessibleName(f"Use {replacement(flag)} instead of {flag.found}")
                button.clicked.connect(lambda _=False, k=key, f=flag: self.use(k, f))
                self.fixes.addWidget(text, 2 * row, 0)
                self.fixes.addWidget(button, 2 * row + 1, 0, Qt.AlignmentFlag.AlignLeft)
                self.fix_buttons.append(button)
                row += 1
