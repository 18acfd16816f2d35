"""The one save dialog: a form, Save and Cancel, and one store operation per save.

A subclass builds its fields on ``self.form`` and says what Save does in ``operation()``:
read the form (raise ``ValidationError`` for bad typing) and return ``fn(op)``, one call
into ``store.ops``. ``save()`` first shows every typing problem at once (each beside its
field), then runs the operation through the workspace's ``Context``; the operation's own
complaint goes beside its field too, and anything else follows ``gui.errors``. The dialog
stays open until the operation succeeds, so nothing typed is lost to a mistake.

Cancel or Escape with something typed asks before discarding it (a lock or closing the
window does not ask: a lock must never wait on a question). ``draft_key()`` is the hook for
keeping a draft as the IRO types (``gui.drafts``): return a key and the typed values are
autosaved in the encrypted file, and removed once saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import Form, Problems
from iro_desktop.gui.style import fit_screen
from iro_desktop.store import drafts
from iro_desktop.store.ops.core import Op

DISCARD_QUESTION = "Discard what you have typed? It has not been saved."


def autosave_timer(parent: QWidget, keep: Callable[[], None]) -> QTimer:
    """The one autosave rhythm: ``keep`` runs once typing has paused for a moment."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(drafts.AUTOSAVE_MS)
    timer.timeout.connect(keep)
    return timer


class SaveDialog(QDialog):
    saved = Signal(object)  # whatever the operation returned
    loaded = Signal()  # for dialogs that read before they can be filled in

    def __init__(
        self,
        parent: QWidget | None,
        ctx: Context,
        child_id: str,
        title: str,
        *,
        scroll: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.child_id = ctx, child_id
        self.result_value: Any = None
        self.typed = False  # something typed since the dialog was filled in
        self.shown_once = False
        self.loaded.connect(self._filled)
        self.question: QMessageBox | None = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = Form(beside=not scroll)
        self.form.changed.connect(self._typed)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setAccessibleName("About this screen")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        self.autosave = autosave_timer(self, self.keep_draft)
        layout = QVBoxLayout(self)
        if scroll:
            fit_screen(self, 760, 640)
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setWidget(self.form)
            layout.addWidget(self.intro)
            layout.addWidget(area, 1)
        else:
            self.intro.hide()
            layout.addWidget(self.form)
        layout.addWidget(self.buttons)

    # --- for subclasses -----------------------------------------------------------------

    def operation(self) -> Callable[[Op], Any]:
        """Read the form and return the one store call Save makes."""
        raise NotImplementedError

    def draft_key(self) -> str | None:
        """A key to keep a draft under as the IRO types; None keeps none."""
        return None

    # --- saving -------------------------------------------------------------------------

    def save(self) -> None:
        self.form.clear_errors()
        problems = self.form.check()
        try:
            fn = self.operation()
        except ValidationError as exc:
            known = {p.field for p in problems}
            problems += [p for p in getattr(exc, "problems", [exc]) if p.field not in known]
        if problems:
            self.show_error(Problems(problems))
            return
        self.save_button.setEnabled(False)
        self.ctx.write(fn, self._saved, self._failed)

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.save_button.setEnabled(True)
        self.typed = False
        self.keep_draft()  # removes it: what was typed is saved now
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_error(error)
        else:
            self.form.show_general(errors.say("Not saved", error, type(self).__name__))

    def show_error(self, error: ValidationError) -> None:
        """Beside its field, and the dialog grows so a wrapped message is never cut off."""
        self.form.show_error(error)
        layout = self.layout()
        assert layout is not None
        layout.invalidate()
        layout.activate()
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    # --- typing, drafts and cancelling --------------------------------------------------

    def _filled(self) -> None:
        self.typed = False  # filling the boxes from the store is not typing

    def showEvent(self, event: Any) -> None:
        if not self.shown_once:
            self.shown_once = True
            self._filled()
        super().showEvent(event)

    def _typed(self) -> None:
        self.typed = True
        if self.draft_key() is not None:
            self.autosave.start()

    def keep_draft(self) -> None:
        """Keep what is typed (or, once saved or untouched, drop the draft)."""
        self.autosave.stop()
        key = self.draft_key()
        if key is None:
            return
        caseload, child_id, values = self.ctx.caseload, self.child_id, self.form.values()
        if self.typed:
            work: Callable[[], None] = lambda: drafts.save_draft(caseload, key, child_id, values)  # noqa: E731
        else:
            work = lambda: drafts.discard_draft(caseload, key)  # noqa: E731
        self.ctx.run(work, lambda _none: None, owner=self)

    def cancel(self) -> None:
        """Cancel or Escape: ask first when something typed would be lost."""
        if not self.typed:
            self.reject()
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            "Discard changes?",
            DISCARD_QUESTION,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        question.finished.connect(
            lambda answer: self._discard() if answer == QMessageBox.StandardButton.Discard else None
        )
        self.question = question
        question.open()  # window-modal, no nested event loop: a lock can close it

    def _discard(self) -> None:
        self.typed = False
        self.keep_draft()
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)
