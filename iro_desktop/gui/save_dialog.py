"""The one save dialog: a form, Save and Cancel, and one store operation per save.

A subclass builds its fields on ``self.form`` and says what Save does in ``operation()``:
read the form (raise ``ValidationError`` for bad typing) and return ``fn(op)``, one call
into ``store.ops``. ``save()`` first shows every typing problem at once (each beside its
field), then runs the operation through the workspace's ``Context``; the operation's own
complaint goes beside its field too, and anything else follows ``gui.errors``. The dialog
stays open until the operation succeeds, so nothing typed is lost to a mistake.

Nothing typed is lost, for every dialog built on this base:
- A draft is kept as the IRO types (``store.drafts``, inside the encrypted file, a moment
  after typing pauses) and at a lock, before the workspace goes. It is removed on Save or
  on an explicit Discard. Its key is the dialog's kind, the child and the record it edits
  (``draft_key``, from how the dialog was opened: ``opened_with``).
- A dialog opened again for the same child, kind and record brings the draft back; after
  unlocking, ``gui.unfinished`` offers every draft and reopens its dialog
  (``reopen``), when the dialog was opened with plain values (ids, dates, words).
- Cancel, Escape or closing the window with something typed asks first ("Keep editing" /
  "Discard"); a lock never asks (it must never wait on a question): it keeps the draft.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import Problems, ValidationError
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import Form
from iro_desktop.gui.style import fit_screen
from iro_desktop.gui.wheel import WheelScrollsForm
from iro_desktop.store import drafts
from iro_desktop.store.ops.core import Op

DISCARD_TITLE = "Discard what you typed?"
DISCARD_QUESTION = "Discard what you typed? It has not been saved."
KEEP_EDITING = "Keep editing"
RESTORED_STYLE = "background: #fff4ce; border-radius: 3px; padding: 4px 6px;"


def autosave_timer(parent: QWidget, keep: Callable[[], None]) -> QTimer:
    """The one autosave rhythm: ``keep`` runs once typing has paused for a moment."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(drafts.AUTOSAVE_MS)
    timer.timeout.connect(keep)
    return timer


@dataclass(frozen=True)
class Opening:
    """How a dialog was opened, as plain values: the window it was opened over and the
    context stand as markers, a record passed in as its id. ``reopenable`` when every
    value is plain, so the same dialog can be made again from a draft."""

    kind: str  # "module:QualName"
    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    reopenable: bool = True

    def ident(self) -> str:
        return json.dumps([self.args, self.kwargs], sort_keys=True, separators=(",", ":"))


PARENT, CTX = {"$": "parent"}, {"$": "ctx"}


def _plain(value: Any) -> tuple[Any, bool]:
    if isinstance(value, QWidget):
        return PARENT, True
    if isinstance(value, Context):
        return CTX, True
    if value is None or isinstance(value, str | int | float | bool):
        return value, True
    record_id = getattr(value, "id", None)
    if isinstance(record_id, str):
        return {"$id": record_id}, False  # a record: its id names it, it is not kept
    return {"$type": type(value).__name__}, False


def opening(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Opening:
    plain = [_plain(a) for a in args]
    named = {k: _plain(v) for k, v in kwargs.items()}
    return Opening(
        f"{cls.__module__}:{cls.__qualname__}",
        [v for v, _ok in plain],
        {k: v for k, (v, _ok) in named.items()},
        all(ok for _v, ok in plain) and all(ok for _v, ok in named.values()),
    )


def reopen(payload: dict[str, Any], parent: QWidget, ctx: Context) -> SaveDialog | None:
    """Make the dialog a draft was typed in again (its draft restores itself when shown);
    None when it cannot be (opened with a record, or the dialog is no longer there)."""
    if not payload.get("reopenable"):
        return None
    module, _colon, name = str(payload.get("kind", "")).partition(":")
    if not module.startswith("iro_desktop.gui."):
        return None  # only our own dialogs are ever made from a draft
    try:
        cls = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    if not (isinstance(cls, type) and issubclass(cls, SaveDialog)):
        return None

    def back(value: Any) -> Any:
        return parent if value == PARENT else ctx if value == CTX else value

    args = [back(a) for a in payload.get("args", [])]
    kwargs = {k: back(v) for k, v in payload.get("kwargs", {}).items()}
    dialog: SaveDialog = cls(*args, **kwargs)
    return dialog


class SaveDialog(QDialog):
    saved = Signal(object)  # whatever the operation returned
    loaded = Signal()  # for dialogs that read before they can be filled in
    restored = Signal()  # a draft was put back into the form

    WHAT: ClassVar[str] = ""  # "visit": "your unfinished visit for Gabe"
    opened_with: Opening  # set by ``__new__``, before any ``__init__`` runs

    def __new__(cls, *args: Any, **kwargs: Any) -> SaveDialog:
        self = super().__new__(cls, *args, **kwargs)
        self.opened_with = opening(cls, args, kwargs)
        return self

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
        self.locking = False  # closed by a lock: keep the draft, ask nothing
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
        self.restored_note = QLabel()
        self.restored_note.setWordWrap(True)
        self.restored_note.setStyleSheet(RESTORED_STYLE)
        self.restored_note.setAccessibleName("Draft restored")
        self.restored_note.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        self.autosave = autosave_timer(self, self.keep_draft)
        ctx.signals.locking.connect(self._locking)
        layout = QVBoxLayout(self)
        layout.addWidget(self.restored_note)
        if scroll:
            fit_screen(self, 760, 640)
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setWidget(self.form)
            self.wheel: WheelScrollsForm | None = WheelScrollsForm(area)
            layout.addWidget(self.intro)
            layout.addWidget(area, 1)
        else:
            self.wheel = None
            self.intro.hide()
            layout.addWidget(self.form)
        layout.addWidget(self.buttons)

    # --- for subclasses -----------------------------------------------------------------

    def operation(self) -> Callable[[Op], Any]:
        """Read the form and return the one store call Save makes."""
        raise NotImplementedError

    def draft_key(self) -> str | None:
        """The key the draft is kept under: the dialog's kind, the child and the record
        it edits (from how it was opened). None keeps none."""
        o = self.opened_with
        return f"{drafts.FORM_PREFIX}{o.kind}:{self.child_id}:{o.ident()}"

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

    # --- typing and drafts --------------------------------------------------------------

    def _filled(self) -> None:
        self.typed = False  # filling the boxes from the store is not typing

    def showEvent(self, event: QShowEvent) -> None:
        if self.wheel is not None:
            self.wheel.watch()  # every list the subclass has put in the form by now
        if not self.shown_once:
            self.shown_once = True
            self._filled()
            self._look_for_draft()
        super().showEvent(event)

    def _typed(self) -> None:
        self.typed = True
        if self.draft_key() is not None:
            self.autosave.start()

    def _look_for_draft(self) -> None:
        """A draft for this dialog comes back once it is filled in. A dialog that reads
        asks in ``__init__``; this asks at the first show, after it on the one database
        thread, so the draft lands on the boxes the store filled and not under them."""
        key = self.draft_key()
        if key is None:
            return
        caseload = self.ctx.caseload
        self.ctx.run(lambda: drafts.load_draft(caseload, key), self._draft_found, owner=self)

    def _draft_found(self, found: drafts.Draft | None) -> None:
        values = found.values.get("values") if found is not None else None
        if found is None or not isinstance(values, dict) or values == self.form.values():
            return
        self.form.set_values(values)
        when = found.saved_at.astimezone().strftime("%H:%M on %d/%m/%Y")
        self.restored_note.setText(
            f"What you typed at {when} is back; it is not saved yet. Save it, or Cancel "
            "to discard it."
        )
        self.restored_note.show()
        self.typed = True
        self.autosave.stop()
        self.restored.emit()

    def draft_payload(self) -> dict[str, Any]:
        """What a draft keeps: the form's values and how to open the dialog again."""
        o = self.opened_with
        return {"kind": o.kind, "args": o.args, "kwargs": o.kwargs,
                "reopenable": o.reopenable, "what": self.WHAT or self.windowTitle(),
                "values": self.form.values()}  # fmt: skip

    def keep_draft(self) -> None:
        """Keep what is typed (or, once saved or discarded, drop the draft)."""
        self.autosave.stop()
        key = self.draft_key()
        if key is None:
            return
        caseload, child_id = self.ctx.caseload, self.child_id
        if self.typed:
            payload = self.draft_payload()
            work: Callable[[], None] = lambda: drafts.save_draft(caseload, key, child_id, payload)  # noqa: E731
        else:
            work = lambda: drafts.discard_draft(caseload, key)  # noqa: E731
        self.ctx.run(work, lambda _none: None, owner=self)

    def _locking(self) -> None:
        """A lock: what is typed is kept (before the caseload closes), nothing is asked."""
        self.locking = True
        if self.typed:
            self.keep_draft()

    # --- cancelling ---------------------------------------------------------------------

    def cancel(self) -> None:
        """Cancel, Escape or closing: ask first when something typed would be lost."""
        if not self.typed:
            self.reject()
            return
        if self.question is not None and self.question.isVisible():
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            DISCARD_TITLE,
            DISCARD_QUESTION,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        question.button(QMessageBox.StandardButton.Cancel).setText(KEEP_EDITING)
        question.button(QMessageBox.StandardButton.Discard).setText("&Discard")
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.typed and not self.locking:
            event.ignore()
            self.cancel()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)
