"""Beside the letter: how easy it is to read, the jargon found, what will not print.

Every piece of jargon has its own one-click "Use …" button, which rewrites the whole
sentence in the child's words, and a "Keep and explain" button, which keeps the word
and prints an explanation in the letter's "Words we used" box (editable here), so a
keyboard user can resolve each one with Tab and Space. The words are plain text
throughout (never rich text), since the IRO's own writing is shown here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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


Suggest = Callable[[str, Flag], "str | None"]


class CheckPanel(QWidget):
    """Shows a ``LetterCheck``; ``use`` is called with (field key, flag) for a fix;
    ``suggest`` gives the rewritten sentence a fix would put in. ``kept_changed`` fires
    when a word is kept, its explanation edited, or it is given up."""

    kept_changed = Signal()

    def __init__(self, use: Callable[[str, Flag], None], titles: dict[str, str],
                 suggest: Suggest | None = None) -> None:  # fmt: skip
        super().__init__()
        self.use, self.titles = use, titles
        self.suggest: Suggest = suggest or (lambda _key, flag: flag.suggestion)
        self.kept: dict[str, str] = {}  # term -> explanation for the child
        self.hardest = _label("Hardest sentences")
        self.unanswered = _label("Not answered yet")
        self.unanswered.setStyleSheet(WARN)
        self.kept_box = QVBoxLayout()
        self.keep_buttons: list[QPushButton] = []
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
        layout.addWidget(self.hardest)
        layout.addWidget(self.translator)
        layout.addWidget(self.summary)
        layout.addLayout(self.fixes)
        layout.addWidget(self.unanswered)
        self.kept_title = heading("Words we used (printed in the letter)", 1.0)
        layout.addWidget(self.kept_title)
        layout.addLayout(self.kept_box)
        layout.addWidget(self.missing)
        layout.addStretch(1)
        for hidden in (self.translator, self.missing, self.hardest, self.unanswered,
                       self.kept_title):  # fmt: skip
            hidden.hide()

    def set_kept(self, kept: dict[str, str]) -> None:
        self.kept = dict(kept)
        self._show_kept()

    def keep(self, flag: Flag) -> None:
        self.kept[flag.term] = flag.explain
        self._show_kept()
        self.kept_changed.emit()

    def _show_kept(self) -> None:
        _clear(self.kept_box)
        for term, explanation in self.kept.items():
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(f"{term}:")
            edit = QLineEdit(explanation)
            edit.setAccessibleName(f"Explanation of {term} for the child")
            edit.textEdited.connect(lambda text, t=term: self._explained(t, text))
            drop = QPushButton("Remove")
            drop.setAccessibleName(f"Stop keeping {term}")
            drop.clicked.connect(lambda _=False, t=term: self._drop(t))
            for widget in (caption, edit, drop):
                line.addWidget(widget)
            line.setStretch(1, 1)
            self.kept_box.addWidget(row)
        self.kept_title.setVisible(bool(self.kept))

    def _explained(self, term: str, text: str) -> None:
        self.kept[term] = text
        self.kept_changed.emit()

    def _drop(self, term: str) -> None:
        self.kept.pop(term, None)
        self._show_kept()
        self.kept_changed.emit()

    def show_check(self, check: LetterCheck) -> None:
        reading = check.reading
        self.reading.setText(reading.describe())
        met = reading.meets_target
        self.reading.setStyleSheet("" if met is None else GOOD if met else WARN)
        self.reading.setAccessibleDescription(reading.describe())
        hard = [f"“{s.text}” ({s.score:.0f})" for s in reading.hardest]
        self.hardest.setText("Hardest to read: " + "; ".join(hard) if hard else "")
        self.hardest.setVisible(bool(hard))
        self._show_jargon(check)
        waiting = [f"“{s.said}”" for s in check.unanswered]
        self.unanswered.setText(
            "Not answered yet (answer it under “You told us, we will”, or tick “No answer "
            "needed”): " + "; ".join(waiting)
            if waiting
            else ""
        )
        self.unanswered.setVisible(bool(waiting))
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
        _clear(self.fixes)
        self.fix_buttons, self.keep_buttons = [], []
        unresolved = check.unresolved
        count = len(unresolved)
        if not count:
            self.summary.setText("No jargon left to resolve. ✔")
            self.summary.setStyleSheet(GOOD)
            return
        self.summary.setText(
            f"{count} piece{'s' if count != 1 else ''} of jargon (underlined). A child may "
            "not know these words: use the rewrite, write it your own way, or keep the word "
            "and explain it. The letter cannot be printed until each is resolved."
        )
        self.summary.setStyleSheet(WARN)
        for row, (key, flag) in enumerate(unresolved):
            if row >= MOST_SHOWN:
                more = _label("More jargon")
                more.setText(f"…and {count - MOST_SHOWN} more, underlined in the letter.")
                self.fixes.addWidget(more, 2 * row, 0)
                return
            where = self.titles.get(key, key.capitalize())
            text = _label(f"Jargon in {where}")
            text.setText(f"{where}: {describe(flag)}")
            sentence = self.suggest(key, flag)
            buttons = QWidget()
            # One under the other: side by side, a long rewrite pushed "Keep and explain"
            # out of the panel's width on a 1366x768 laptop.
            line = QVBoxLayout(buttons)
            line.setContentsMargins(0, 0, 0, 0)
            if sentence:
                button = QPushButton(f"Use “{_short(sentence)}”")
                button.setToolTip(sentence)
                button.setAccessibleName(f"Use {replacement(flag)} instead of {flag.found}: "
                                         f"{sentence}")  # fmt: skip
                button.clicked.connect(lambda _=False, k=key, f=flag: self.use(k, f))
                line.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
                self.fix_buttons.append(button)
            keep = QPushButton("Keep and explain")
            keep.setAccessibleName(f"Keep {flag.found} and explain it in the letter")
            keep.clicked.connect(lambda _=False, f=flag: self.keep(f))
            line.addWidget(keep, 0, Qt.AlignmentFlag.AlignLeft)
            self.keep_buttons.append(keep)
            self.fixes.addWidget(text, 2 * row, 0)
            self.fixes.addWidget(buttons, 2 * row + 1, 0)


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
