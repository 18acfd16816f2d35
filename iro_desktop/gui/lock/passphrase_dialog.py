"""Change the passphrase: the file is re-keyed in the background (store.caseload)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import Form
from iro_desktop.gui.lock.unlocking import strength_hint
from iro_desktop.store.errors import WrongPassphrase


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PassphraseDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Change passphrase")
        self.form = Form()
        self.old = self.form.add("old", "&Current passphrase", _secret())
        self.new = self.form.add("new", "&New passphrase", _secret())
        self.again = self.form.add("again", "New passphrase &again", _secret())
        self.hint = QLabel(strength_hint("")[1])
        self.hint.setAccessibleName("Passphrase strength hint")
        assert isinstance(self.new, QLineEdit)
        self.new.textChanged.connect(lambda t: self.hint.setText(strength_hint(t)[1]))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def save(self) -> None:
        self.form.clear_errors()
        values = self.form.values()
        if values["new"] != values["again"]:
            self.form.show_error(ValidationError("again", "is not the same as the new one"))
            return
        old, new = str(values["old"]), str(values["new"])
        self.buttons.setEnabled(False)
        caseload = self.ctx.caseload
        self.ctx.run(lambda: caseload.change_passphrase(old, new), self._done, self._failed)

    def _done(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, WrongPassphrase):
            self.form.show_error(ValidationError("old", "is not right"))
        elif isinstance(error, ValidationError):
            self.form.show_error(ValidationError("new", error.problem))
        else:
            self.form.show_general(errors.say("The passphrase was not changed", error, "change"))
