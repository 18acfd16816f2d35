"""Child mode: the young person answers their own consultation form on the IRO's laptop.

Full screen, one question at a time in large type, faces for the youngest, and a Skip
button on every question. It is given only the child's first name and their question set
(``ChildModeData``), so nothing about another child or the IRO's notes can reach it.
Leaving needs the IRO's passphrase, checked against the caseload's key file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.forms import FACES, Question
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.store.ops import consultations
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.child_mode import ChildModeData, load_child_mode
from iro_desktop.store.reads.passphrase import verify_passphrase
from iro_desktop.store.schema import Consultation, Review

STYLE = """
QWidget#childMode { background: #fff8e7; }
QWidget#childMode QLabel { color: #1d1d1d; }
QPushButton#big { font-size: 22pt; padding: 14px 22px; border-radius: 14px;
    background: #ffffff; border: 3px solid #f0b429; color: #1d1d1d; }
QPushButton#big:checked { background: #ffe08a; border: 4px solid #8a5a00; }
QPushButton#big:focus { border: 4px solid #1f4e9c; }
QPushButton#nav { font-size: 18pt; padding: 10px 26px; border-radius: 12px;
    background: #1f4e9c; color: #ffffff; }
QPushButton#nav:focus { border: 4px solid #f0b429; }
QPushButton#leave { font-size: 10pt; color: #555555; background: transparent; border: none; }
QPlainTextEdit, QLineEdit { font-size: 20pt; background: #ffffff; color: #1d1d1d;
    border: 2px solid #c9c9c9; border-radius: 10px; padding: 8px; }
"""


def big(text: str, name: str | None = None, checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("big")
    button.setAccessibleName(name or text)
    button.setCheckable(checkable)
    button.setMinimumHeight(72)
    return button


def font_label(text: str, points: int, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setPointSize(points)
    font.setBold(bold)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class QuestionPage(QWidget):
    """One question: big words, then faces, buttons or a box to type in."""

    def __init__(self, number: int, total: int, question: Question) -> None:
        super().__init__()
        self.question = question
        self.choice: str | None = None
        self.buttons: list[QPushButton] = []
        self.box: QPlainTextEdit | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(font_label(f"Question {number} of {total}", 14))
        layout.addWidget(font_label(question.text, 28, bold=True))
        if question.hint:
            layout.addWidget(font_label(question.hint, 16))
        row = QHBoxLayout()
        if question.kind == "faces":
            options = [(key, f"{emoji}\n{word}", word) for key, emoji, word in FACES]
        elif question.kind == "yes_no":
            options = [("yes", "👍 Yes", "Yes"), ("no", "👎 No", "No")]
        elif question.kind == "choice":
            options = [(c, c, c) for c in question.choices]
        else:
            options = []
        for key, text, name in options:
            button = big(text, name, checkable=True)
            if question.kind == "faces":
                button.setMinimumSize(130, 130)
                button.setStyleSheet("font-size: 30pt;")
            button.clicked.connect(lambda _=False, k=key: self._pick(k))
            row.addWidget(button)
            self.buttons.append(button)
        if options:
            layout.addLayout(row)
        else:
            self.box = QPlainTextEdit()
            self.box.setTabChangesFocus(True)
            self.box.setAccessibleName(question.text)
            self.box.setPlaceholderText("Type here, or skip this one")
            layout.addWidget(self.box, 1)
        layout.addStretch(1)

    def _pick(self, key: str) -> None:
        self.choice = key
        for button, option in zip(self.buttons, self._keys(), strict=True):
            button.setChecked(option == key)

    def _keys(self) -> list[str]:
        if self.question.kind == "faces":
            return [key for key, _e, _w in FACES]
        if self.question.kind == "yes_no":
            return ["yes", "no"]
        return list(self.question.choices)

    def answer(self) -> str | None:
        if self.box is not None:
            return self.box.toPlainText().strip() or None
        return self.choice


class ChildModeWindow(QWidget):
    """The full-screen window. ``left`` fires once the IRO's passphrase was accepted."""

    saved = Signal(object)
    left = Signal()
    loaded = Signal()

    def __init__(self, ctx: Context, child_id: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.ctx, self.child_id = ctx, child_id
        self.data: ChildModeData | None = None
        self.pages: list[QuestionPage] = []
        self.unlocked = False
        self.saved_once = False
        self.failures = 0
        self._resume = 0
        self.setObjectName("childMode")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle("Your review")
        self.setAccessibleName("Child mode")
        self.stack = QStackedWidget()
        self.back_button = self._nav("◀ Back", self.back)
        self.skip_button = self._nav("Skip ▶▶", self.skip)
        self.next_button = self._nav("Next ▶", self.next)
        self.leave_button = QPushButton("For your IRO: leave")
        self.leave_button.setObjectName("leave")
        self.leave_button.setAccessibleName("Leave child mode (needs the IRO's passphrase)")
        self.leave_button.clicked.connect(self.ask_passphrase)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.skip_button)
        nav.addWidget(self.next_button)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 32)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)
        self.message = font_label("Getting your questions ready…", 20)
        self.stack.addWidget(self._wrap(self.message))
        self._build_lock_page()
        ctx.read(lambda s: load_child_mode(s, child_id, ctx.today), self._loaded, self._failed)

    def _nav(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("nav")
        button.setAccessibleName(text.strip("◀▶ "))
        button.clicked.connect(slot)
        return button

    def _wrap(self, *widgets: QWidget) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        for widget in widgets:
            box.addWidget(widget)
        box.addStretch(1)
        return page

    def _build_lock_page(self) -> None:
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("IRO's passphrase")
        self.passphrase.returnPressed.connect(self.check_passphrase)
        self.lock_message = font_label("", 16)
        self.lock_message.setAccessibleName("Passphrase message")
        unlock = big("Leave child mode", "Leave child mode")
        unlock.clicked.connect(self.check_passphrase)
        stay = big("Go back to the questions", "Go back to the questions")
        stay.clicked.connect(lambda: self.stack.setCurrentIndex(self._resume))
        self.lock_page = self._wrap(
            font_label("Your IRO needs to type their passphrase to leave.", 22, bold=True),
            self.passphrase,
            self.lock_message,
            unlock,
            stay,
        )
        self.stack.addWidget(self.lock_page)
        self._resume = 0

    def _loaded(self, data: ChildModeData) -> None:
        self.data = data
        hello = font_label(f"Hello {data.first_name}!", 34, bold=True)
        intro = font_label(data.form.intro or "This is about your review.", 20)
        start = big("Let's start ▶", "Start")
        start.clicked.connect(self.next)
        self.stack.addWidget(self._wrap(hello, intro, start))
        total = len(data.form.questions)
        for number, question in enumerate(data.form.questions, 1):
            page = QuestionPage(number, total, question)
            self.pages.append(page)
            self.stack.addWidget(page)
        done_button = big("I'm finished: save my answers ✔", "Save my answers")
        done_button.clicked.connect(self.finish)
        self.done_message = font_label("Thank you! You can look back at your answers first.", 22)
        self.stack.addWidget(
            self._wrap(font_label("All done! ✔", 34, bold=True), self.done_message, done_button)
        )
        self.stack.setCurrentIndex(2)
        self._update_nav()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(errors.say("Child mode cannot start", error, "ChildModeWindow"))
        self.loaded.emit()

    # --- moving between pages ---
    def _first(self) -> int:
        return 2

    def _update_nav(self) -> None:
        index = self.stack.currentIndex()
        on_question = self.data is not None and 3 <= index < 3 + len(self.pages)
        self.back_button.setVisible(self.data is not None and index > self._first())
        self.skip_button.setVisible(on_question)
        self.next_button.setVisible(on_question)

    def next(self) -> None:
        if self.data is None:
            return
        index = self.stack.currentIndex()
        if index < self.stack.count() - 1:
            self.stack.setCurrentIndex(index + 1)
        self._update_nav()

    def skip(self) -> None:
        page = self.current_question()
        if page is not None and page.box is not None:
            page.box.clear()
        elif page is not None:
            page._pick("")
            page.choice = None
        self.next()

    def back(self) -> None:
        index = self.stack.currentIndex()
        if index > self._first():
            self.stack.setCurrentIndex(index - 1)
        self._update_nav()

    def current_question(self) -> QuestionPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, QuestionPage) else None

    def answers(self) -> dict[str, str]:
        return {p.question.id: a for p in self.pages if (a := p.answer()) is not None}

    # --- saving: what the child wrote is theirs ---
    def finish(self) -> None:
        self._save(lambda _row: self._thanks())

    def _save(self, then: Any) -> None:
        if self.data is None:
            then(None)
            return
        review_id, form_id, answers, today = (
            self.data.review_id,
            self.data.form.id,
            self.answers(),
            self.ctx.today,
        )

        def write(op: Op) -> Consultation:
            review = op.session.get(Review, review_id)
            assert review is not None
            return consultations.record_child_answers(
                op, review, form_id=form_id, answers=answers, today=today
            )

        def done(row: Consultation) -> None:
            self.saved_once = True
            self.saved.emit(row)
            then(row)

        def failed(error: BaseException) -> None:
            self.done_message.setText(
                errors.say("Your answers could not be saved yet", error, "ChildModeWindow")
            )

        self.ctx.write(write, done, failed, owner=self)

    def _thanks(self) -> None:
        self.done_message.setText("Saved. Thank you! Please give the laptop back to your IRO.")

    # --- leaving needs the IRO's passphrase ---
    def ask_passphrase(self) -> None:
        if self.stack.currentWidget() is not self.lock_page:
            self._resume = self.stack.currentIndex()
        self.passphrase.clear()
        self.stack.setCurrentWidget(self.lock_page)
        self._update_nav()
        self.passphrase.setFocus()

    def check_passphrase(self) -> None:
        typed = self.passphrase.text()
        self.passphrase.clear()
        folder = self.ctx.caseload.folder
        self.ctx.run(lambda: verify_passphrase(folder, typed), self._checked)

    def _checked(self, ok: bool) -> None:
        if not ok:
            self.failures += 1
            self.lock_message.setText("That is not the passphrase. Try again.")
            self.passphrase.setEnabled(False)
            QTimer.singleShot(min(500 * self.failures, 5000), self._try_again)
            return
        if self.answers() and not self.saved_once:
            self._save(lambda _row: self._leave())
        else:
            self._leave()

    def _try_again(self) -> None:
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def _leave(self) -> None:
        self.unlocked = True
        self.left.emit()
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.ask_passphrase()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.unlocked:
            event.accept()
        else:
            event.ignore()
            self.ask_passphrase()
