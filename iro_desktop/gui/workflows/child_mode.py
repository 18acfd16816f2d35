"""Child mode: the young person answers their own consultation form on the IRO's laptop.

Full screen, one question at a time in large type. Every question can be answered by
tapping a face, a thumb or a picture, by drawing, or by typing, and each may be kept "just
for my IRO". "I want to talk to you alone" and "I don't feel safe" are on every screen and
saved the moment they are pressed. A summary comes before saving: the child can change
any answer and print a copy of their own.

It is given only the child's first name and their question set (``ChildModeData``), so
nothing about another child or the IRO's notes can reach it. Leaving needs the IRO's
passphrase; then, before anything else, the IRO sees what the child asked for
(``child_alerts.HandBack``). Focus starts on the first answer; every control is reached
with Tab and pressed with Space or Enter.

Nothing the child says is lost to a lock, a crash or a power cut. Every answer (a choice, a
face, pictures, typing, each line drawn, "just for my IRO") and where the child is keeps an
encrypted draft a moment later (``store.drafts``, the same store and rhythm as every save
dialog; never synced), and at a lock before the caseload closes. After unlocking, child
mode comes straight back at the same question with every answer (``MainWindow`` notes it at
the lock); after a crash, the "carry on?" prompt offers it (``gui.unfinished``). Saving the
answers removes the draft. An alert is different: it is written as a real record the moment
it is pressed, so it reaches Home and the footprint (and syncs) even if the draft is never
carried on or is discarded; its id is chosen at the press and kept in the draft, so a write
that failed, or whose answer a lock cut off, is tried again without making a second alert.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontInfo,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.forms import FormSpec, Question
from iro_desktop.gui import errors, style
from iro_desktop.gui.context import Context
from iro_desktop.gui.save_dialog import autosave_timer
from iro_desktop.gui.workflows.child_alerts import HandBack
from iro_desktop.gui.workflows.child_mode_pages import (
    QuestionPage,
    big,
    catalogue,
    font_label,
    icon,
    read_button,
    scrolling,
)
from iro_desktop.gui.workflows.child_mode_words import Words, language_name, letter_font
from iro_desktop.gui.workflows.read_aloud import Engine, Speaker, find_engine, voice_for
from iro_desktop.store import drafts
from iro_desktop.store.errors import NeedsDoingFirst
from iro_desktop.store.ops import consultations
from iro_desktop.store.ops.child_mode import raise_alert
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.feedback import add_feedback
from iro_desktop.store.reads.child_mode import ChildModeData, load_child_mode
from iro_desktop.store.reads.passphrase import verify_passphrase
from iro_desktop.store.schema import ChildAlert, Consultation, Review

ALERT_POINTS = 15  # the alert buttons' type size, as in STYLE below

STYLE = """
QWidget#childMode { background: #fff8e7; }
QScrollArea#page, QScrollArea#page > QWidget, QWidget#pageContent { background: transparent; }
QWidget#childMode QLabel { color: #1d1d1d; }
QPushButton#big, QPushButton#private { font-size: 20pt; padding: 12px 20px;
    border-radius: 14px; background: #ffffff; border: 3px solid #f0b429; color: #1d1d1d; }
QPushButton#read { font-size: 15pt; padding: 4px 14px; border-radius: 12px;
    background: #ffffff; border: 3px solid #f0b429; color: #1d1d1d; }
QPushButton#read:focus { border: 5px solid #1f4e9c; }
QPushButton#big:checked { background: #ffe08a; border: 4px solid #8a5a00; }
QPushButton#private:checked { background: #e3ddff; border: 4px solid #5b3fb5; }
QPushButton#big:focus, QPushButton#private:focus { border: 5px solid #1f4e9c; }
QPushButton#face { font-size: 18pt; padding: 8px; border-radius: 18px; color: #1d1d1d; }
QPushButton#nav { font-size: 18pt; padding: 10px 26px; border-radius: 12px;
    background: #1f4e9c; color: #ffffff; min-height: 56px; }
QPushButton#nav:focus { border: 5px solid #f0b429; }
QPushButton#alert { font-size: 15pt; padding: 8px 16px; border-radius: 12px;
    background: #ffffff; border: 3px solid #5b3fb5; color: #1d1d1d; min-height: 52px; }
QPushButton#alert:checked { background: #5b3fb5; color: #ffffff; }
QPushButton#alert:focus { border: 5px solid #1f4e9c; }
QPushButton#leave { font-size: 10pt; color: #555555; background: transparent; border: none; }
QPlainTextEdit, QLineEdit { font-size: 20pt; background: #ffffff; color: #1d1d1d;
    border: 2px solid #c9c9c9; border-radius: 10px; padding: 8px; }
QPlainTextEdit:focus, QLineEdit:focus { border: 4px solid #1f4e9c; }
"""

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
DEFAULT_LOOK: dict[str, Any] = {"background": "#fff8e7", "accent": "#f0b429", "question_points": 28,
                "greeting": "Hello {name}!"}  # fmt: skip


def speech_for(language: str) -> tuple[Engine | None, bool]:
    """The laptop's speech engine and whether it has a voice for the language (worker)."""
    engine = find_engine()
    return engine, engine is not None and voice_for(engine, language)


def look_of(form: FormSpec) -> dict[str, Any]:
    """The age band's look from its form's ``look`` (resources/forms); anything missing or
    not understood keeps the default, so a mistyped colour never stops child mode."""
    given = form.extra.get("look")
    look = dict(DEFAULT_LOOK)
    if not isinstance(given, dict):
        return look
    for key in ("background", "accent"):
        if isinstance(given.get(key), str) and COLOUR.fullmatch(given[key]):
            look[key] = given[key]
    points = given.get("question_points")
    if isinstance(points, int) and 14 <= points <= 40:
        look["question_points"] = points
    greeting = given.get("greeting")
    if isinstance(greeting, str) and "{name}" in greeting:
        look["greeting"] = greeting
    return look


# The feedback postcard (North Yorkshire's), asked the same way when the last review has none.
POSTCARD = (
    Question("rating", "How did your last review go?", "faces"),
    Question("venue_as_wanted", "Was it where you wanted it to be?", "yes_no"),
    Question("date_time_as_wanted", "Was it on the day and at the time you wanted?", "yes_no"),
    Question("asked_who_should_come", "Were you asked who should come?", "yes_no"),
    Question("comments", "Is there anything else you want to say about your review?", "text"),
)
RATING_OF_FACE = {"great": "excellent", "good": "good", "okay": "okay", "not_good": "poor",
                  "bad": "poor"}  # fmt: skip


def postcard_details(answers: dict[str, str]) -> dict[str, Any] | None:
    """The postcard's fields from its pages, or None when no face was chosen (a postcard
    needs how it went)."""
    rating = RATING_OF_FACE.get(answers.get("rating", ""))
    if rating is None:
        return None
    yes_no = {"yes": True, "no": False}
    asked = ("venue_as_wanted", "date_time_as_wanted", "asked_who_should_come")
    details: dict[str, Any] = {key: yes_no.get(answers.get(key, "")) for key in asked}
    details.update(rating=rating, comments=answers.get("comments"))
    return details


class ChildModeWindow(QWidget):
    """The full-screen window. ``left`` fires once the IRO's passphrase was accepted and
    they have seen what the child asked for."""

    saved = Signal(object)
    left = Signal()
    loaded = Signal()  # the questions are up and any draft is back
    alert_saved = Signal(object)
    draft_kept = Signal()  # a draft was written (or removed)
    refused = Signal(str)  # it cannot start until the IRO does something first (why)

    def __init__(self, ctx: Context, child_id: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.ctx, self.child_id = ctx, child_id
        self.data: ChildModeData | None = None
        self.pages: list[QuestionPage] = []
        self.unlocked = False
        self.leaving = False
        self.saved_once = False
        self.failures = 0
        self.pressed: set[str] = set()
        self.alert_ids: dict[str, str] = {}  # kind: the id chosen when it was pressed
        self.unsaved_alerts: set[str] = set()  # pressed, not yet known to be written
        self.draft_key = drafts.child_mode_key(child_id)
        self.restored = False  # the draft (if any) has been looked for and put back
        self.autosave = autosave_timer(self, self.keep_draft)
        self.setProperty("resumeAfterUnlock", child_id)  # MainWindow.lock brings it back
        self.words = Words()
        # Built when the child's questions have been read (``_loaded``); until then these
        # stand in, never shown, so that showing the window first (as it always is: the
        # read runs in the worker) finds no page missing.
        self.welcome = QWidget()
        self.summary_page = QWidget()
        self.speaker: Speaker | None = None
        self.setObjectName("childMode")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle("Your review")
        self.setAccessibleName("Child mode")
        self.stack = QStackedWidget()
        self.back_button = self._nav("◀ Back", self.back)
        self.skip_button = self._nav("Skip ▶▶", self.skip)
        self.next_button = self._nav("Next ▶", self.next)
        self.alert_buttons = {kind: self._alert_button(kind) for kind in codes.CHILD_ALERTS}
        self.alert_message = font_label("", 15)
        self.alert_message.setAccessibleName("What happens when you press it")
        self.leave_button = QPushButton("For your IRO: leave")
        self.leave_button.setObjectName("leave")
        self.leave_button.setAccessibleName("Leave child mode (needs the IRO's passphrase)")
        self.leave_button.clicked.connect(self.ask_passphrase)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.skip_button)
        nav.addWidget(self.next_button)
        # The IRO's small link on a line of its own above the alerts, so the alerts keep
        # their whole words on a narrow screen (800 pixels) too.
        leave_line = QHBoxLayout()
        leave_line.addStretch(1)
        leave_line.addWidget(self.leave_button)
        alerts = QHBoxLayout()
        for button in self.alert_buttons.values():
            alerts.addWidget(button)
        alerts.addWidget(self.alert_message, 1)
        top = QVBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(leave_line)
        top.addLayout(alerts)
        self.top = QWidget()
        self.top.setLayout(top)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 16, 36, 24)
        layout.addWidget(self.top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)
        self.message = font_label("Getting your questions ready…", 20)
        self.message_page = self._wrap(self.message)
        self.stack.addWidget(self.message_page)
        self._resume: QWidget = self.message_page
        self._build_lock_page()
        self.handback = HandBack(ctx, child_id)
        self.handback.finished.connect(self._leave)
        self.stack.addWidget(self.handback)
        self.stack.currentChanged.connect(lambda _i: self._page_shown())
        ctx.signals.locking.connect(self._locking)
        ctx.read(lambda s: load_child_mode(s, child_id, ctx.today), self._loaded, self._failed)

    def _nav(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("nav")
        button.setAccessibleName(text.strip("◀▶ "))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _alert_button(self, kind: str) -> QPushButton:
        words = codes.CHILD_ALERTS[kind]
        button = QPushButton(words)
        button.setObjectName("alert")
        button.setAccessibleName(words)
        button.setCheckable(True)
        button.setAutoDefault(False)
        button.setIcon(icon(catalogue()["buttons"][kind], 36))
        button.setIconSize(QSize(36, 36))
        # A styled button with an icon under-reports its width, so a squeezed row cut the
        # words ("I want to talk to you alo"): never narrower than its words, in the 15pt
        # of the style, beside the icon, inside the padding and the focus border.
        font = QFont(button.font())
        font.setPointSizeF(ALERT_POINTS)
        words_px = QFontMetrics(font).horizontalAdvance(words)
        button.setMinimumWidth(words_px + 36 + 8 + 2 * 16 + 2 * 5 + 8)
        button.clicked.connect(lambda _=False, k=kind: self.press_alert(k))
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
        stay.clicked.connect(lambda: self.stack.setCurrentWidget(self._resume))
        self.stay_button = stay
        self.lock_title = font_label("Your IRO needs to type their passphrase to leave.", 22, True)
        self.lock_page = self._wrap(
            self.lock_title,
            self.passphrase,
            self.lock_message,
            unlock,
            stay,
        )
        self.stack.addWidget(self.lock_page)

    def _loaded(self, data: ChildModeData) -> None:
        self.data = data
        self.words = words = Words(data.language)
        script = letter_font(words.code)
        if script is not None and style.lacks_letters(words("title") + words("privacy")):
            font = QFont(self.font())  # before any label is drawn in that script
            font.setFamilies([QFontInfo(font).family(), *style.bundled_font(script)])
            self.setFont(font)
        self.look = look_of(data.form)
        self._apply_words()
        self.setStyleSheet(STYLE.replace(DEFAULT_LOOK["background"], self.look["background"])
                           .replace(DEFAULT_LOOK["accent"], self.look["accent"]))  # fmt: skip
        greeting = words.greeting(data.form.id, self.look["greeting"])
        hello = font_label(greeting.replace("{name}", data.first_name), 34, bold=True)
        intro = font_label(words.intro(data.form) or "This is about your review.", 20)
        privacy = font_label(words("privacy"), 17)
        privacy.setObjectName("privacy")
        self.start_button = big(words("start"), "Start")
        self.start_button.clicked.connect(self.next)
        self.iro_note = font_label(self._language_note(), 11)
        self.iro_note.setObjectName("iroNote")
        self.iro_note.setVisible(bool(self.iro_note.text()))
        self.welcome_read = read_button(words("read_aloud"))
        welcome_said = ". ".join(w.text() for w in (hello, intro, privacy))
        self.welcome_read.clicked.connect(lambda: self.say(welcome_said))
        self.welcome = self._wrap(self.iro_note, self.welcome_read, hello, intro, privacy,
                                  self.start_button)  # fmt: skip
        self.stack.addWidget(self.welcome)
        total = len(data.form.questions)
        for number, question in enumerate(data.form.questions, 1):
            page = QuestionPage(number, total, question, self.look["question_points"],
                                words=words, form_id=data.form.id)  # fmt: skip
            self.pages.append(page)
            self.stack.addWidget(page)
        if data.postcard_review_id is not None:
            for number, question in enumerate(POSTCARD, 1):
                asked = replace(question, text=words.postcard(question.id, question.text))
                page = QuestionPage(number, len(POSTCARD), asked, self.look["question_points"],
                                    postcard=True, words=words)  # fmt: skip
                self.pages.append(page)
                self.stack.addWidget(page)
        self._build_summary()
        done_heading = font_label(words("thanks"), 34, bold=True)
        self.done_message = font_label(words("give_back"), 22)
        self.done_page = self._wrap(done_heading, self.done_message)
        self.stack.addWidget(self.done_page)
        for page in self.pages:
            page.read_button.clicked.connect(lambda _=False, p=page: self.say(p.spoken()))
        code = words.code
        self.ctx.run(lambda: speech_for(code), self._speech_ready)
        self.stack.setCurrentWidget(self.welcome)
        self._update_nav()
        caseload, key = self.ctx.caseload, self.draft_key
        self.ctx.run(lambda: drafts.load_draft(caseload, key), self._draft_found,
                     lambda _e: self._draft_found(None))  # fmt: skip

    # --- the draft: every answer kept as it is given (store.drafts) ---
    def _draft_found(self, found: drafts.Draft | None) -> None:
        """Put back what the child had said (a lock, a crash), then listen for more."""
        if found is not None:
            self.restore(found.values)
        for page in self.pages:
            page.changed.connect(self.changed)
        self.stack.currentChanged.connect(lambda _i: self.changed())
        self.restored = True
        self.loaded.emit()

    def restore(self, values: dict[str, Any]) -> None:
        pages = values.get("pages")
        if isinstance(pages, dict):
            for page in self.pages:
                state = pages.get(page.key)
                if isinstance(state, dict):
                    page.restore(state)
        alerts = values.get("alerts")
        if isinstance(alerts, dict):
            for kind, alert_id in alerts.items():
                if kind in self.alert_buttons and isinstance(alert_id, str):
                    self.alert_ids[kind] = alert_id
                    self.pressed.add(kind)
                    self.alert_buttons[kind].setChecked(True)
        unsaved = values.get("unsaved_alerts")
        if isinstance(unsaved, list):
            self.unsaved_alerts = {k for k in unsaved if k in self.alert_ids}
        at = values.get("at")
        target: QWidget | None = None
        if at == "summary":
            target = self.summary_page
        elif isinstance(at, str):
            target = next((p for p in self.pages if p.key == at), None)
        if target is not None:
            self.stack.setCurrentWidget(target)
        self.save_alerts()  # any the lock or a fault kept from being written

    def has_work(self) -> bool:
        """What a draft is worth keeping for: answers not yet saved, or an alert not yet
        written, or a child who has started (so they come back at the same question)."""
        if self.unsaved_alerts:
            return True
        if self.saved_once or self.data is None:
            return False
        return self._position() != "welcome" or any(p.touched() for p in self.pages)

    def _position(self) -> str:
        current = self.stack.currentWidget()
        if current is self.lock_page:
            current = self._resume
        if isinstance(current, QuestionPage):
            return current.key
        return "summary" if current is self.summary_page else "welcome"

    def draft_values(self) -> dict[str, Any]:
        return {
            "kind": "child_mode",
            "what": "child mode answers",
            "form_id": self.data.form.id if self.data is not None else None,
            "at": self._position(),
            "pages": {p.key: p.state() for p in self.pages},
            "alerts": dict(self.alert_ids),
            "unsaved_alerts": sorted(self.unsaved_alerts),
        }

    def changed(self) -> None:
        """An answer given or changed: keep the draft once the child pauses."""
        if self.restored and not self.leaving:
            self.autosave.start()

    def keep_draft(self) -> None:
        """Keep the child's answers (or, once saved or left, remove the draft)."""
        self.autosave.stop()
        if not self.restored:
            return  # not yet read back: writing now could overwrite it with nothing
        caseload, key, child_id = self.ctx.caseload, self.draft_key, self.child_id
        if self.has_work():
            values = self.draft_values()
            work: Any = lambda: drafts.save_draft(caseload, key, child_id, values)  # noqa: E731
        else:
            work = lambda: drafts.discard_draft(caseload, key)  # noqa: E731
        self.ctx.run(work, lambda _none: self.draft_kept.emit(), owner=self)

    # --- reading aloud (read_aloud.py): offered only with a voice for the language ---
    def _speech_ready(self, found: tuple[Engine | None, bool]) -> None:
        engine, has_voice = found
        name = language_name(self.words.code)
        if engine is None:
            self._note_for_iro("This laptop has no speech engine, so the questions cannot be "
                               "read aloud: read them with the child.")  # fmt: skip
            return
        if not has_voice:
            self._note_for_iro(f"There is no {name} voice on this laptop, so the questions "
                               "cannot be read aloud: read them with the child.")  # fmt: skip
            return
        self.speaker = Speaker(engine, self.words.code, self)
        for button in (self.welcome_read, *(p.read_button for p in self.pages)):
            button.setVisible(True)

    def _note_for_iro(self, text: str) -> None:
        before = self.iro_note.text()
        self.iro_note.setText(f"{before} {text}" if before else f"For your IRO: {text}")
        self.iro_note.setVisible(True)

    def say(self, text: str) -> None:
        if self.speaker is not None:
            self.speaker.say(text)

    def stop_speaking(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()

    def _locking(self) -> None:
        """The program is locking (the IRO's choice or idle): nothing of the child's may
        stay on screen or keep talking, and the caseload is about to close. Alerts not yet
        written and the answers are kept first: the lock waits for both."""
        self.stop_speaking()
        if not self.leaving:
            self.save_alerts()
            self.keep_draft()
        self.leaving = True
        self.close()
        self.deleteLater()  # closed is not gone: its labels name the child

    def _apply_words(self) -> None:
        """Child mode's own buttons in the child's language, right to left if it reads so."""
        words = self.words
        self.setWindowTitle(words("title"))
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if words.rtl else Qt.LayoutDirection.LeftToRight
        )
        for iros in (self.lock_page, self.handback):  # the IRO's own pages, in English
            iros.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        for button, key in ((self.back_button, "back"), (self.skip_button, "skip"),
                            (self.next_button, "next")):  # fmt: skip
            button.setText(words(key))
        for kind, button in self.alert_buttons.items():
            button.setText(words(kind))
            button.setAccessibleName(words(kind))
        self.lock_title.setText(words("passphrase_needed"))
        self.stay_button.setText(words("go_back"))

    def _language_note(self) -> str:
        """For the IRO, before the child starts: a language with no words, or words not yet
        checked by a translator."""
        words = self.words
        name = language_name(words.asked)
        if words.missing:
            return (f"For your IRO: child mode has no words in {name} yet, so the questions "
                    "are in English. Read them with the child, or use an interpreter.")  # fmt: skip
        if words.unchecked:
            return (f"For your IRO: the {name} wording has not yet been checked by a qualified "
                    "translator.")  # fmt: skip
        return ""

    def _failed(self, error: BaseException) -> None:
        text = errors.say("Child mode cannot start", error, "ChildModeWindow")
        self.message.setText(text)
        self.setProperty("resumeAfterUnlock", None)
        if isinstance(error, NeedsDoingFirst):
            # Nothing was shown to the child or asked of them, so there is nothing to guard
            # with the passphrase: the window goes and the IRO is told on their own screen.
            self.refused.emit(text)
            self.leaving = True
            self.close()
        self.loaded.emit()

    # --- the summary: what the child said, to change, print or save ---
    def _build_summary(self) -> None:
        self.summary_rows = QGridLayout()
        self.summary_rows.setColumnStretch(1, 1)
        inner = QWidget()
        inner.setLayout(self.summary_rows)
        inner.setObjectName("pageContent")
        scroll = scrolling(inner)
        words = self.words
        self.print_button = big(words("print"), "Print my answers")
        self.print_button.clicked.connect(self.print_answers)
        self.save_button = big(words("save"), "Save my answers")
        self.save_button.clicked.connect(self.finish)
        self.summary_message = font_label("", 18)
        self.summary_message.setAccessibleName("Saving message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        self.summary_page = QWidget()
        box = QVBoxLayout(self.summary_page)
        box.addWidget(font_label(words("summary_heading"), 30, bold=True))
        box.addWidget(font_label(words("summary_change_any"), 18))
        box.addWidget(scroll, 1)
        box.addWidget(self.summary_message)
        box.addLayout(buttons)
        self.stack.addWidget(self.summary_page)
        self.change_buttons: list[QPushButton] = []

    def fill_summary(self) -> None:
        while self.summary_rows.count():
            item = self.summary_rows.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.change_buttons = []
        for row, page in enumerate(self.pages):
            self.summary_rows.addWidget(font_label(page.question.text, 16, bold=True), row, 0)
            said = page.said() + (f"  {self.words('kept_for_iro')}" if page.is_private() else "")
            self.summary_rows.addWidget(font_label(said, 16), row, 1)
            change = big(self.words("change"), f"{self.words('change')}: {page.question.text}")
            change.setMinimumHeight(56)
            change.clicked.connect(lambda _=False, p=page: self.stack.setCurrentWidget(p))
            self.summary_rows.addWidget(change, row, 2)
            self.change_buttons.append(change)

    def summary_items(self) -> list[tuple[str, str, bytes | None]]:
        """The child's own answers for their printed copy: question, words, drawing."""
        return [(p.question.text, p.said(), p.drawing()) for p in self.pages]

    def print_answers(self) -> QWidget | None:
        from iro_desktop.documents.child_answers import child_answers_pdf
        from iro_desktop.gui.letters.preview import PdfPreview

        if self.data is None:
            return None
        name, items = self.data.first_name, self.summary_items()
        preview = PdfPreview(self, self.ctx, "My answers", "my-answers.pdf")
        preview.setWindowModality(Qt.WindowModality.WindowModal)
        preview.show()
        preview.render(lambda: child_answers_pdf(name, items))
        self.preview = preview
        return preview

    # --- moving between pages ---
    def _page_shown(self) -> None:
        self.stop_speaking()  # the child moved on: what was being read is not theirs now
        if self.stack.currentWidget() is self.summary_page:
            self.fill_summary()
        self._update_nav()
        self.focus_first()

    def focus_first(self) -> None:
        """Focus on the first answer (or the page's main button), never the IRO's link."""
        current = self.stack.currentWidget()
        if self.data is None:  # shown before the questions are read (a real thread)
            return
        if isinstance(current, QuestionPage):
            current.first_control().setFocus()
        elif current is self.summary_page:
            self.save_button.setFocus()
        elif self.data is not None and current is self.welcome:
            self.start_button.setFocus()
        elif current is self.lock_page:
            self.passphrase.setFocus()

    def _update_nav(self) -> None:
        current = self.stack.currentWidget()
        on_question = isinstance(current, QuestionPage)
        self.back_button.setVisible(on_question or current is self.summary_page)
        self.skip_button.setVisible(on_question)
        self.next_button.setVisible(on_question)
        self.top.setVisible(current is not self.handback)

    def next(self) -> None:
        if self.data is None:
            return
        current = self.stack.currentWidget()
        if current is self.welcome:
            self.stack.setCurrentWidget(self.pages[0] if self.pages else self.summary_page)
        elif isinstance(current, QuestionPage):
            index = self.pages.index(current)
            following = self.pages[index + 1] if index + 1 < len(self.pages) else None
            self.stack.setCurrentWidget(following or self.summary_page)

    def skip(self) -> None:
        page = self.current_question()
        if page is not None:
            page.clear()
        self.next()

    def back(self) -> None:
        current = self.stack.currentWidget()
        if current is self.summary_page and self.pages:
            self.stack.setCurrentWidget(self.pages[-1])
        elif isinstance(current, QuestionPage):
            index = self.pages.index(current)
            self.stack.setCurrentWidget(self.pages[index - 1] if index else self.welcome)

    def current_question(self) -> QuestionPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, QuestionPage) else None

    def form_pages(self) -> list[QuestionPage]:
        return [p for p in self.pages if not p.postcard]

    def answers(self) -> dict[str, str]:
        return {p.question.id: a for p in self.form_pages() if (a := p.answer()) is not None}

    def postcard(self) -> dict[str, str]:
        return {p.question.id: a for p in self.pages if p.postcard and (a := p.answer())}

    def drawings(self) -> dict[str, bytes]:
        return {p.question.id: d for p in self.form_pages() if (d := p.drawing()) is not None}

    def private(self) -> set[str]:
        return {p.question.id for p in self.form_pages() if p.is_private()}

    # --- the child asks for help: saved at once, shown to the IRO first on leaving ---
    def press_alert(self, kind: str) -> None:
        self.alert_buttons[kind].setChecked(True)
        self.alert_message.setText(self.words("alert_thanks"))
        if kind in self.pressed:
            return
        self.pressed.add(kind)
        self.alert_ids.setdefault(kind, str(uuid.uuid4()))
        self.unsaved_alerts.add(kind)
        self._write_alert(kind)

    def save_alerts(self) -> None:
        """Write every alert not yet known to be saved (its id makes a repeat harmless)."""
        for kind in sorted(self.unsaved_alerts):
            self._write_alert(kind)

    def _write_alert(self, kind: str) -> None:
        child_id, today, alert_id = self.child_id, self.ctx.today, self.alert_ids[kind]
        review_id = self.data.review_id if self.data is not None else None

        def write(op: Op) -> ChildAlert:
            return raise_alert(op, child_id, review_id, kind, today, alert_id)

        def done(alert: ChildAlert) -> None:
            self.unsaved_alerts.discard(kind)
            self.keep_draft()
            self.alert_saved.emit(alert)

        def failed(error: BaseException) -> None:
            # Kept in the draft and tried again: pressing it again, on leaving, at a lock,
            # and when child mode comes back.
            self.pressed.discard(kind)
            self.keep_draft()
            errors.say("The alert could not be saved yet", error, "ChildModeWindow")

        self.ctx.write(write, done, failed, owner=self)

    # --- saving: what the child said is theirs ---
    def _not_saved(self, error: BaseException) -> str:
        """Why, in the child's words: a problem with one answer names the question as they
        saw it ("the answer to “What is going well?” is too long"), never its id."""
        doing = "Your answers could not be saved yet"
        if isinstance(error, ValidationError):
            for page in self.pages:
                if not page.postcard and page.question.id == error.field:
                    return f"{doing}: the answer to “{page.question.text}” {error.problem}."
        return errors.say(doing, error, "ChildModeWindow")

    def finish(self) -> None:
        self._save(lambda _row: self.stack.setCurrentWidget(self.done_page))

    def _save(self, then: Any) -> None:
        if self.data is None:
            then(None)
            return
        review_id, form_id, today = self.data.review_id, self.data.form.id, self.ctx.today
        answers, drawings, private = self.answers(), self.drawings(), self.private()
        postcard_id = self.data.postcard_review_id
        postcard = postcard_details(self.postcard()) if postcard_id else None

        def write(op: Op) -> Consultation:
            review = op.session.get(Review, review_id)
            assert review is not None
            row = consultations.record_child_answers(
                op, review, form_id=form_id, answers=answers, today=today,
                drawings=drawings, private=private,
            )  # fmt: skip
            held = op.session.get(Review, postcard_id) if postcard_id else None
            if held is not None and postcard is not None:
                add_feedback(op, held, **postcard)
            return row

        def done(row: Consultation) -> None:
            self.saved_once = True
            self.setProperty("resumeAfterUnlock", None)  # saved: nothing to come back to
            if postcard is not None and self.data is not None:
                self.data = replace(self.data, postcard_review_id=None)  # sent: not twice
            self.keep_draft()  # removes it: the answers are saved now
            self.saved.emit(row)
            then(row)

        def failed(error: BaseException) -> None:
            self.summary_message.setText(self._not_saved(error))
            self.done_message.setText(self.summary_message.text())

        self.ctx.write(write, done, failed, owner=self)

    # --- leaving needs the IRO's passphrase ---
    def ask_passphrase(self) -> None:
        current = self.stack.currentWidget()
        if current is self.handback:
            return
        if current is not None and current is not self.lock_page:
            self._resume = current
        self.passphrase.clear()
        self.stack.setCurrentWidget(self.lock_page)

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
        self.setProperty("resumeAfterUnlock", None)  # the IRO has taken the laptop back
        self.save_alerts()
        unsaved = (self.answers() or self.drawings() or self.postcard()) and not self.saved_once
        if unsaved:
            self._save(lambda _row: self._hand_back())
        else:
            self._hand_back()

    def _try_again(self) -> None:
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def _hand_back(self) -> None:
        """The IRO's first sight after the passphrase: the child's alerts and the answers kept
        just for them. Nothing else shows until the IRO closes it."""
        self.unlocked = True
        self.handback.load(self.data.review_id if self.data is not None else None)
        self.stack.setCurrentWidget(self.handback)

    def _leave(self) -> None:
        self.saved_once = True  # the IRO has seen everything: no draft, unless an alert
        self.keep_draft()  # could not be written yet (then it is kept and tried again)
        self.leaving = True
        self.stop_speaking()
        self.left.emit()
        self.close()

    def show_full_screen(self) -> None:
        """Full screen, and the whole screen's size first: a desktop with no window manager
        (a kiosk, a plain X session) ignores the full-screen hint, and the IRO's caseload
        would show beside a small window."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_first()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.ask_passphrase()
            return
        focused = self.focusWidget()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focused, QPushButton):
            focused.click()  # Enter presses the focused button, as Space does
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.leaving:
            self.stop_speaking()
            event.accept()
        elif self.unlocked:
            event.ignore()  # the IRO closes the hand-back page first
        else:
            event.ignore()
            self.ask_passphrase()
