"""What every review-cycle screen shares: a form, Save and Cancel, the error shown beside
its field, and the save done through the workspace's ``Context`` (which announces what
changed). A workflow is opened from the child's record with (parent, ctx, child_id).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.style import fit_screen
from iro_desktop.gui.workflows.fields import FieldForm
from iro_desktop.store.ops.core import Op


class WorkflowDialog(QDialog):
    """A dialog with a scrolling form, Save and Cancel. Cancel writes nothing."""

    saved = Signal(object)  # whatever the operation returned
    loaded = Signal()

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str, title: str) -> None:
        super().__init__(parent)
        self.ctx, self.child_id = ctx, child_id
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
        self.ctx.write(fn, self._saved, self._failed)

    def _saved(self, result: Any) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.form.show_error(error)
        else:
            self.form.show_general(errors.message(error, type(self).__name__))
