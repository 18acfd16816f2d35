"""What every review-cycle screen shares: reading and writing off the UI thread, the
error shown beside its field, and telling the rest of the program what changed.

A workflow is opened from the child's record with (parent, caseload, runner, child_id).
If the workspace's ``Context`` is found among the parents, its date, its actor and its
``signals.changes_made`` are used, so the caseload, home and record refresh after a save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import reading, writing
from iro_desktop.gui.style import fit_screen
from iro_desktop.gui.tasks import Runner
from iro_desktop.gui.workflows.fields import FieldForm
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor, Changes, Op

T = TypeVar("T")


@dataclass
class Env:
    """Where a workflow reads and writes, and who is doing it on which day."""

    caseload: Caseload
    runner: Runner
    today: date
    actor: Actor
    notify: Callable[[Changes], None] | None = None

    def read(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.runner.submit(reading(self.caseload, fn), on_done, on_error)

    def write(
        self,
        fn: Callable[[Op], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        work = writing(self.caseload, self.actor, fn)

        def done(pair: tuple[T, Changes]) -> None:
            result, changes = pair
            if changes and self.notify is not None:
                self.notify(changes)
            on_done(result)

        self.runner.submit(work, done, on_error)


def env_for(parent: QWidget | None, caseload: Caseload, runner: Runner) -> Env:
    """Use the workspace's context (today, actor, changes_made) when there is one."""
    widget = parent
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        signals = getattr(ctx, "signals", None)
        if ctx is not None and signals is not None:
            return Env(caseload, runner, ctx.today, ctx.actor, signals.changes_made.emit)
        widget = widget.parentWidget()
    return Env(caseload, runner, date.today(), Actor(email="iro@this-laptop", device="laptop"))


class WorkflowDialog(QDialog):
    """A dialog with a scrolling form, Save and Cancel. Cancel writes nothing."""

    saved = Signal(object)  # whatever the operation returned
    loaded = Signal()

    def __init__(self, parent: QWidget | None, env: Env, child_id: str, title: str) -> None:
        super().__init__(parent)
        self.env, self.child_id = env, child_id
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        fit_screen(self, 760, 640)
        self.form = FieldForm()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setAccessibleName("About this screen")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    # subclasses: build the operation from the form (raise ValidationError for bad typing)
    def operation(self) -> Callable[[Op], Any]:
        raise NotImplementedError

    def save(self) -> None:
        self.form.clear_errors()
        try:
            fn = self.operation()
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        self.save_button.setEnabled(False)
        self.env.write(fn, self._saved, self._failed)

    def _saved(self, result: Any) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.form.show_error(error)
        else:
            self.form.show_general(f"Not saved: {type(error).__name__}. Nothing was changed.")
