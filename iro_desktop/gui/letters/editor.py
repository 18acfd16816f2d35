"""The letter to the young person: written, checked for plain words, previewed, printed.

Opened from the child's record on the latest held review (or another held review chosen
at the top). Reading, checking, saving and rendering all go through the runner, so the
window never freezes; each result arrives on a signal (``loaded``, ``checked``,
``saved``), which is also what the tests wait on.

Unsaved text is never lost and never asked about (a question would hold up the lock):
it is autosaved as a draft inside the encrypted file (``store/drafts.py``) a moment after
each edit and when the window closes, and offered back the next time this review's
letter is opened. The picture is not part of the draft.

A saved letter remembers the review's decisions it was made from. When one has been
corrected, added or deleted since, a notice above the letter says which, in plain words,
with a button that brings the letter's decisions up to date (``letters.refresh_decisions``,
one undoable write that keeps the IRO's own wording elsewhere); printing asks first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.documents import api, wording
from iro_desktop.documents import letter_reads as reader
from iro_desktop.documents.content import DecisionLine, KeptWord, LetterContent, gather_said
from iro_desktop.documents.plain_language import Flag
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.letter_sources import notice
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.letters.check_panel import CheckPanel
from iro_desktop.gui.letters.picture import FILE_FILTER, load_picture
from iro_desktop.gui.letters.preview import PdfPreview, documents_folder
from iro_desktop.gui.letters.sections import TITLES, LetterForm
from iro_desktop.gui.style import fit_screen, heading
from iro_desktop.store import drafts
from iro_desktop.store.ops import letters
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Letter, Review

CHECK_DELAY_MS = 300


def _combo(name: str) -> QComboBox:
    """Never narrower than its longest choice: a squeezed row clipped "Held 19 I"."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class LetterEditor(QDialog):
    loaded = Signal()
    checked = Signal(object)  # documents.api.LetterCheck
    saved = Signal(str)  # the letter's id
    failed = Signal(str)
    draft_saved = Signal()  # an autosaved draft reached the file (or was removed)

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent)
        self.ctx, self.child_id = ctx, child_id
        self.letter: reader.LetterFile | None = None
        self.dirty = False
        self.preview: PdfPreview | None = None
        self.stale_question: QMessageBox | None = None  # open while printing asks
        self._check_seq = 0
        self.languages = {lang.code: lang for lang in wording.languages()}
        self.setWindowTitle("The young person's letter")
        self.setAccessibleName("The young person's letter")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_screen(self, 1300, 720)
        self.title = heading("Letter")
        self.review = _combo("Review")
        self.language = _combo("Language")
        for lang in self.languages.values():
            self.language.addItem(lang.label, lang.code)
        self.band = _combo("Age band")
        for code, label in reader.AGE_BANDS.items():
            self.band.addItem(label, code)
        self.dyslexia = QCheckBox("&Dyslexia-friendly font")
        self.dyslexia.setAccessibleName("Dyslexia-friendly font")
        self.form = LetterForm()
        self.panel = CheckPanel(self.use_fix, TITLES, self.suggestion_for)
        self.ready = False  # the last check found nothing standing in the way of printing
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Message")
        self.preview_button = QPushButton("Pre&view and print…")
        self.save_button = QPushButton("&Save")
        close = QPushButton("Close")
        for button in (self.preview_button, self.save_button, close):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.close)
        self.timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.timer.timeout.connect(self.run_check)
        self.autosave = QTimer(self, singleShot=True, interval=drafts.AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        self.discard_button = QPushButton("Discard &restored changes")
        self.discard_button.setAccessibleName("Discard restored changes")
        self.discard_button.clicked.connect(self.discard_restored)
        self.discard_button.hide()
        self.stale_text = QLabel()
        self.stale_text.setWordWrap(True)
        self.stale_text.setTextFormat(Qt.TextFormat.PlainText)
        self.stale_text.setAccessibleName("Changed since this letter was written")
        self.refresh_button = QPushButton("Bring the letter's &decisions up to date")
        self.refresh_button.setAccessibleName("Bring the letter's decisions up to date")
        self.refresh_button.clicked.connect(self.refresh_decisions)
        self.stale_box = QFrame()
        self.stale_box.setFrameShape(QFrame.Shape.StyledPanel)
        stale = QHBoxLayout(self.stale_box)
        stale.addWidget(self.stale_text, 1)
        stale.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        self.stale_box.hide()
        self._after_load = ""  # what to say once the letter is read again (after a refresh)
        self._layout(close)
        self.form.edited.connect(self._edited)
        self.panel.kept_changed.connect(self._edited)
        self.form.choose_picture.connect(self.choose_picture)
        for box in (self.language, self.band):
            box.currentIndexChanged.connect(self._edited)
        self.dyslexia.toggled.connect(self._edited)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.review.activated.connect(self._review_chosen)
        self.setEnabled(False)
        self.load(None)

    def _layout(self, close: QPushButton) -> None:
        top = QHBoxLayout()
        for label, box in (("&Review:", self.review), ("&Language:", self.language),
                           ("&Age:", self.band)):  # fmt: skip
            caption = QLabel(label)
            caption.setBuddy(box)
            top.addWidget(caption)
            top.addWidget(box)
        top.addWidget(self.dyslexia)
        top.addStretch(1)
        left, right = QScrollArea(), QScrollArea()
        for area, widget in ((left, self.form), (right, self.panel)):
            area.setWidgetResizable(True)
            area.setWidget(widget)
        right.setMinimumWidth(360)
        body = QHBoxLayout()
        body.addWidget(left, 3)
        body.addWidget(right, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.preview_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stale_box)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    # --- reading -----------------------------------------------------------------

    def load(self, review_id: str | None) -> None:
        child_id = self.child_id
        self.ctx.read(lambda s: reader.letter_file(s, child_id, review_id), self._loaded,
                      self._load_failed)  # fmt: skip

    def _loaded(self, letter: reader.LetterFile) -> None:
        letter = replace(letter, content=api.with_suggested_sentences(letter.content))
        self.letter, c = letter, letter.content
        self.title.setText(f"Letter to {c.name}")
        self.review.blockSignals(True)
        self.review.clear()
        for review_id, held in letter.reviews:
            self.review.addItem(f"Held {held}", review_id)
        self.review.setCurrentIndex(max(0, self.review.findData(letter.review_id)))
        self.review.blockSignals(False)
        for box, value in ((self.language, c.language), (self.band, c.age_band)):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
        self.dyslexia.blockSignals(True)
        self.dyslexia.setChecked(letter.dyslexia_font)
        self.dyslexia.blockSignals(False)
        self.form.fill(c)
        self._show_changes(letter)
        self.panel.set_kept({k.term: k.explanation for k in c.kept})
        self._language_changed()
        self.dirty = False
        self.autosave.stop()  # filling the boxes is not an edit
        printed = f" Printed on {letter.printed_on:%d/%m/%Y}." if letter.printed_on else ""
        self.message.setText(
            (
                "Saved letter."
                if letter.letter_id
                else "Not saved yet: this is the text from the review."
            )
            + printed
        )
        if self._after_load:
            self.message.setText(self._after_load)
            self._after_load = ""
        self.setEnabled(True)
        self.form.fields["working_well"].setFocus()
        self.discard_button.hide()
        key = self.draft_key
        caseload = self.ctx.caseload
        self.ctx.run(lambda: drafts.load_draft(caseload, key),
                     self._draft_found, lambda _e: self._draft_found(None))  # fmt: skip

    def _show_changes(self, letter: reader.LetterFile) -> None:
        """The notice above the letter, and each changed decision's caption marked."""
        words = notice(list(letter.changes))
        self.stale_text.setText(
            f"⚠ {words} This letter still says what the record said before. Bring its "
            "decisions up to date to print them as they are now; your own wording elsewhere "
            "in the letter stays as you wrote it." if words else ""
        )  # fmt: skip
        self.stale_box.setVisible(bool(words))
        self.refresh_button.setEnabled(True)
        kinds = {c.decision_id: c.kind for c in letter.changes if c.kind != "added"}
        for row in self.form.rows:
            kind = kinds.get(row.line.decision_id)
            if kind is not None:
                row.mark_changed(kind)

    @property
    def stale(self) -> bool:
        return self.letter is not None and bool(self.letter.changes)

    def refresh_decisions(self) -> None:
        """Bring the letter's decisions up to date in one write; unsaved edits are saved in
        the same write first, so nothing the IRO typed is lost."""
        if self.letter is None:
            return
        review_id, today = self.letter.review_id, self.ctx.today
        letter_id = None if self.dirty else self.letter.letter_id
        values = self._values()

        def write(op: Op) -> str:
            letter = op.session.get(Letter, letter_id) if letter_id else None
            if letter is None:
                review = op.session.get(Review, review_id)
                if review is None:
                    raise ValidationError("review", "is no longer on the caseload")
                letter = letters.save_letter(op, review, **values)
            return letters.refresh_decisions(op, letter, today=today).id

        self.refresh_button.setEnabled(False)
        self.form.clear_errors()
        self.message.setText("Bringing the decisions up to date…")
        self.ctx.write(write, self._refreshed, self._refused, owner=self)

    def _refreshed(self, _letter_id: str) -> None:
        assert self.letter is not None
        self.dirty = False
        self.save_draft()  # removes the draft: it is saved in the letter now
        self._after_load = "The decisions are up to date with the review record. ✔"
        self.load(self.letter.review_id)

    def _draft_found(self, found: drafts.Draft | None) -> None:
        if found is not None and found.values != self.draft_values():
            self.restore(found.values)
            when = found.saved_at.astimezone().strftime("%H:%M on %d/%m/%Y")
            self.message.setText(f"Restored changes you had not saved (autosaved at {when}). "
                                 "Save to keep them.")  # fmt: skip
            self.discard_button.show()
            self.dirty = True
        self.run_check()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.message.setText(f"⚠ {errors.message(error, 'LetterEditor', errors.NOT_READ)}")
        self.setEnabled(True)
        self.form.setEnabled(False)
        self.save_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.failed.emit(str(error))

    # --- checking as the IRO writes ----------------------------------------------

    def _review_chosen(self, _index: int) -> None:
        self.save_draft()  # the text for the review being left stays a draft
        self.load(self.review.currentData())

    # --- drafts ------------------------------------------------------------------

    @property
    def draft_key(self) -> str:
        review = self.letter.review_id if self.letter is not None else "latest"
        return f"letter:{self.child_id}:{review}"

    def draft_values(self) -> dict[str, Any]:
        return {
            "name": self.form.name.text(), "sections": self.form.sections(),
            "decisions": [row.sentence.text() for row in self.form.rows],
            "answers": [[a.answer.text(), a.no_answer.isChecked()] for a in self.form.answers],
            "kept": dict(self.panel.kept), "translations": self.form.translations(),
            "language": self.language.currentData(), "age_band": self.band.currentData(),
            "dyslexia_font": self.dyslexia.isChecked(),
        }  # fmt: skip

    def restore(self, values: dict[str, Any]) -> None:
        for box, key in ((self.language, "language"), (self.band, "age_band")):
            box.setCurrentIndex(max(0, box.findData(values.get(key))))
        self.dyslexia.setChecked(bool(values.get("dyslexia_font")))
        self.form.name.setText(str(values.get("name", "")))
        for key, text in dict(values.get("sections", {})).items():
            if key in self.form.fields:
                self.form.fields[key].setPlainText(str(text))
        for row, sentence in zip(self.form.rows, values.get("decisions", []), strict=False):
            row.sentence.setPlainText(str(sentence))
        for said_row, (answer, no_answer) in zip(
            self.form.answers, values.get("answers", []), strict=False
        ):
            said_row.answer.setPlainText(str(answer))
            said_row.no_answer.setChecked(bool(no_answer))
        self.panel.set_kept(dict(values.get("kept", {})))
        for key, (_caption, own_box) in self.form.own.items():
            own_box.setPlainText(str(dict(values.get("translations", {})).get(key, "")))
        own = dict(values.get("translations", {}))
        for n, row in enumerate(self.form.rows, 1):
            row.own.setPlainText(str(own.get(f"decision {n}", "")))

    def save_draft(self) -> None:
        """Keep unsaved text in the encrypted file (off the UI thread); none when clean."""
        self.autosave.stop()
        if self.letter is None:
            return
        caseload, key, child_id = self.ctx.caseload, self.draft_key, self.child_id
        if self.dirty:
            values = self.draft_values()
            work: Any = lambda: drafts.save_draft(caseload, key, child_id, values)  # noqa: E731
        else:
            work = lambda: drafts.discard_draft(caseload, key)  # noqa: E731
        self.ctx.run(work, lambda _r: self.draft_saved.emit(), owner=self)

    def discard_restored(self) -> None:
        assert self.letter is not None
        self.dirty = False
        self.save_draft()
        self.load(self.letter.review_id)

    def done(self, result: int) -> None:
        """Closing, Escape or a lock: unsaved text becomes a draft, without asking."""
        self._check_seq += 1  # a check still on its way finds the window gone
        self.timer.stop()  # and none starts after: typing just before closing queued one
        if self.dirty:
            self.save_draft()
            self.message.setText("Your changes are kept as a draft for next time.")
        super().done(result)

    def _edited(self) -> None:
        self.dirty = True
        self.message.clear()  # what the last action said is out of date now
        self._set_ready(False)  # until the check has read the new text
        self.autosave.start()
        self._check_seq += 1  # a check already on its way is about older text
        self.timer.start()

    def _language_changed(self) -> None:
        lang = self.languages.get(self.language.currentData())
        self.panel.show_translator_note(lang.name if lang and lang.needs_check else None)
        own = lang.name if lang is not None and lang.code != "en" else None
        self.form.show_own_language(own)

    def run_check(self) -> None:
        """Check the letter exactly as it will print, off the UI thread."""
        self.timer.stop()
        if self.letter is None:
            return
        self._check_seq += 1
        content = self.current_content()
        self.form.set_said(content.said)  # an answer box for each thing the child said
        seq = self._check_seq
        self.ctx.run(lambda: api.check_content(content),
                     lambda check: self._checked(seq, check), owner=self)  # fmt: skip

    def _checked(self, seq: int, check: api.LetterCheck) -> None:
        if seq != self._check_seq:
            return  # the IRO typed again; a newer check is on its way
        hard = tuple(s.text for s in check.reading.hardest)
        for field in {**self.form.check_fields(), **self.form.fields}.values():
            field.highlighter.set_unprintable(check.unprintable)
            field.highlighter.set_hard(hard)
        self.panel.show_check(check)
        self._set_ready(check.ready)
        shown = self.message.text()
        if not check.ready and (not shown or shown.startswith(BEFORE_PRINTING)):
            # Never over what the IRO's last action said ("Saved. ✔"): that stays until
            # they type again.
            self.message.setText(f"{BEFORE_PRINTING}: {_flags(check)}.")
        self.checked.emit(check)

    def _set_ready(self, ready: bool) -> None:
        self.ready = ready
        self.preview_button.setEnabled(ready)
        self.preview_button.setToolTip("" if ready else "Not until every flag beside the "
                                       "letter is resolved")  # fmt: skip

    def suggestion_for(self, key: str, flag: Flag) -> str | None:
        field = self.form.check_fields().get(key)
        found = field.suggestion_for(flag) if field is not None else None
        return found[2] if found else None

    def use_fix(self, key: str, flag: Flag) -> None:
        field = self.form.check_fields().get(key)
        if field is not None and field.use_suggestion(flag):
            field.setFocus()
            self.run_check()

    # --- the picture -------------------------------------------------------------

    def choose_picture(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a photo or drawing", documents_folder(), FILE_FILTER
        )
        if path:
            self.add_picture(path)

    def add_picture(self, path: str) -> None:
        self.message.setText("Reading the picture…")
        self.ctx.run(lambda: load_picture(path), self._picture_read, self._refused)

    def _picture_read(self, data: bytes) -> None:
        self.form.set_picture(data, edited=True)
        self.message.setText("Picture added. Save to keep it.")

    # --- saving, preview, printing -----------------------------------------------

    def current_content(self) -> LetterContent:
        assert self.letter is not None
        name = self.form.name.text().strip() or self.letter.content.name
        lines = tuple(DecisionLine(d.owner, d.what, d.due, d.professional_text, "open",
                                   d.sentence.strip())
                      for d in self.form.decisions() if d.sentence.strip())  # fmt: skip
        sections = {k: v.strip() for k, v in self.form.sections().items()}
        others = [s for s in self.letter.content.said if s.source != "review"]
        said = gather_said(sections["child_words"], others, self.form.said())
        kept = tuple(KeptWord(t, e.strip()) for t, e in self.panel.kept.items())
        return replace(self.letter.content, name=name, decisions=lines,
                       picture=self.form.picture, language=self.language.currentData(),
                       age_band=self.band.currentData(), said=said, kept=kept,
                       translations=self.form.translations(), **sections)  # type: ignore[arg-type]  # fmt: skip

    def _values(self) -> dict[str, Any]:
        """What ``letters.save_letter`` is given: the letter as on screen, and the decisions
        it was made from as they were read (so saving never hides a change)."""
        assert self.letter is not None
        today = self.ctx.today
        return {
            "today": today, "age_band": self.band.currentData(),
            "language": self.language.currentData(), "name": self.form.name.text(),
            "sections": self.form.sections(), "decisions": self.form.decisions(),
            "picture": self.form.picture, "dyslexia_font": self.dyslexia.isChecked(),
            "kept": dict(self.panel.kept),
            "answers": [letters.LetterAnswer(s.said, s.source, s.answer, s.no_answer)
                        for s in self.current_content().said],
            "translations": self.form.translations(), "sources": self.letter.sources,
        }  # fmt: skip

    def save(self) -> None:
        if self.letter is None:
            return
        self.form.clear_errors()
        review_id, values = self.letter.review_id, self._values()

        def write(op: Op) -> str:
            review = op.session.get(Review, review_id)
            if review is None:
                raise ValidationError("review", "is no longer on the caseload")
            return letters.save_letter(op, review, **values).id

        self.save_button.setEnabled(False)
        self.message.setText("Saving…")
        self.ctx.write(write, self._saved, self._refused)

    def _saved(self, letter_id: str) -> None:
        assert self.letter is not None
        self.letter = replace(self.letter, letter_id=letter_id, content=self.current_content())
        self.dirty = False
        self.save_draft()  # removes the draft: the letter itself is saved now
        self.discard_button.hide()
        self.save_button.setEnabled(True)
        self.message.setText("Saved. ✔")
        self.saved.emit(letter_id)

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.form.show_error(error)
            self.message.setText(f"⚠ Not saved. {self._field_words(error)}")
        else:
            self.message.setText(f"⚠ {errors.say('Not saved', error, 'LetterEditor')}")
        self.failed.emit(str(error))

    @staticmethod
    def _field_words(error: ValidationError) -> str:
        where = TITLES.get(error.field, error.field.replace("_", " ").capitalize())
        return f"{where} {error.problem}."

    def show_preview(self) -> PdfPreview | None:
        if not self.ready:
            self.message.setText("⚠ Resolve each flag beside the letter first.")
            return None
        if self.stale and not self.print_stale_anyway():
            return None
        content, dyslexia = self.current_content(), self.dyslexia.isChecked()
        name = f"letter-{content.child_ref}-{content.review_date.isoformat()}.pdf"
        self.preview = PdfPreview(self, self.ctx, f"Letter to {content.name}", name)
        self.preview.output.connect(self._printed)
        self.preview.show()
        lang = self.languages.get(content.language)
        if lang is not None and lang.needs_check:  # the IRO sees the mark; the child never
            iro_copy = replace(content, copy="iro")
            self.preview.render(
                lambda: api.render_letter(iro_copy, dyslexia_font=dyslexia),
                printed=lambda: api.render_letter(content, dyslexia_font=dyslexia),
            )
        else:
            self.preview.render(lambda: api.render_letter(content, dyslexia_font=dyslexia))
        return self.preview

    def print_stale_anyway(self) -> bool:
        """Asked before a letter whose decisions have changed is printed: bring them up to
        date first (the default), print it as it is, or neither."""
        assert self.letter is not None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("The decisions have changed")
        box.setText("The review's decisions have changed since this letter was written.")
        box.setInformativeText(notice(list(self.letter.changes)))
        update = box.addButton("Bring them up to date first", QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton("Print it as it is", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(update)
        self.stale_question = box
        box.exec()
        self.stale_question = None
        if box.clickedButton() is update:
            self.refresh_decisions()
        return box.clickedButton() is anyway

    def _printed(self, _where: str) -> None:
        if self.letter is None or self.letter.letter_id is None or self.dirty:
            self.message.setText("Printed. The letter on screen is not saved yet: Save to keep it.")
            return
        letter_id, today = self.letter.letter_id, self.ctx.today

        def mark(op: Op) -> str:
            letter = op.session.get(Letter, letter_id)
            assert letter is not None
            return letters.mark_printed(op, letter, on=today, today=today).id

        self.ctx.write(
            mark, lambda _id: self.message.setText("Printed. ✔"), self._refused, owner=self
        )


BEFORE_PRINTING = "Before printing, resolve each flag beside the letter"


def _flags(check: api.LetterCheck) -> str:
    """What still stops printing, in words: "2 words of jargon and 1 thing the child said
    with no answer"."""
    parts = []
    if jargon := len(check.unresolved):
        parts.append(f"{jargon} piece{'s' if jargon != 1 else ''} of jargon")
    if said := len(check.unanswered):
        parts.append(f"{said} thing{'s' if said != 1 else ''} the child said with no answer")
    return " and ".join(parts) or "nothing left"
