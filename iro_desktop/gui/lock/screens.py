"""The unlock screen and the first-run set-up screen: nothing about any child on either."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui.lock.unlocking import strength_hint

CARD_WIDTH, CARD_MARGIN = 460, 28


def fit_wrapped(label: QLabel) -> None:
    """Give a wrapped label in a card the height its whole text needs: the card's layout,
    centred between stretches, would otherwise squeeze it and cut lines off."""
    label.setMinimumHeight(label.heightForWidth(CARD_WIDTH - 2 * CARD_MARGIN))


def _card(title: str, intro: str) -> tuple[QWidget, QFrame, QVBoxLayout]:
    """A centred panel on a plain page, the same for every locked screen."""
    page = QWidget()
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    card = QFrame()
    card.setObjectName("card")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setFixedWidth(CARD_WIDTH)  # a fixed width lets wrapped text work out its height
    layout = QVBoxLayout(card)
    layout.setContentsMargins(CARD_MARGIN, 24, CARD_MARGIN, 24)
    layout.setSpacing(10)
    heading = QLabel(title)
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    heading.setFont(font)
    heading.setAccessibleName(title)
    layout.addWidget(heading)
    blurb = QLabel(intro)
    blurb.setWordWrap(True)
    fit_wrapped(blurb)
    layout.addWidget(blurb)
    outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
    outer.addStretch(2)
    return page, card, layout


def _message_label() -> QLabel:
    label = QLabel()
    label.setObjectName("message")
    label.setWordWrap(True)
    label.setAccessibleName("Message")
    label.hide()
    return label


class UnlockScreen(QWidget):
    """Asks for the passphrase. ``submitted`` carries it; the window does the checking."""

    submitted = Signal(str)

    def __init__(self, *, needs_passphrase: bool = True, demo: bool = False) -> None:
        super().__init__()
        intro = "Your caseload is locked. Enter your passphrase to open it."
        if demo:
            intro += "\n\nThis is the demo caseload; its passphrase is “demo caseload only”."
        page, _card_frame, layout = _card("IRO Desktop is locked", intro)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.setVisible(needs_passphrase)
        self.message = _message_label()
        self.button = QPushButton("&Unlock")
        self.button.setAccessibleName("Unlock")
        self.button.setDefault(True)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(lambda: self.set_busy(False))
        QVBoxLayout(self).addWidget(page)

    def _submit(self) -> None:
        if self.button.isEnabled():
            self.submitted.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if not busy:
            self.passphrase.setFocus()

    def show_message(self, text: str, wait_s: float = 0.0) -> None:
        """Say what went wrong; after repeated failures keep the button off for a while."""
        if wait_s > 0:
            text += f" Please wait {wait_s:.0f} seconds before trying again."
        self.message.setText(text)
        fit_wrapped(self.message)
        self.message.show()
        self.passphrase.selectAll()
        if wait_s > 0:
            self.set_busy(True)
            self._retry.start(int(wait_s * 1000))
        else:
            self.set_busy(False)

    def reset(self) -> None:
        self.passphrase.clear()
        self.message.hide()
        self.set_busy(False)

    def take_focus(self, activate: bool = True) -> None:
        """Put the keyboard in the passphrase box (or on Unlock, when there is none to
        type), so the IRO types at once. ``activate`` activates the window: after a lock
        from a dialog the dialog is gone, and with no window manager to pass the keyboard
        on, nothing had it. (No ``raise_``: the closed dialogs were all that lay over it,
        and some platforms warn that they cannot raise.)"""
        window = self.window()
        if not self.isVisible():
            return
        if activate:
            window.activateWindow()
        target = self.passphrase if not self.passphrase.isHidden() else self.button
        target.setFocus(Qt.FocusReason.OtherFocusReason)


class SetupScreen(QWidget):
    """First run: choose a passphrase (with a strength hint) and, if there is one, the keyring."""

    submitted = Signal(str, bool)

    def __init__(self, *, keyring_available: bool) -> None:
        super().__init__()
        page, _card_frame, layout = _card(
            "Set up IRO Desktop",
            "Step 1 of 3. Your caseload is kept encrypted on this laptop. Choose a "
            "passphrase of a few "
            "words that you will remember; it is never stored, and nobody can recover it "
            "for you.",
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("New passphrase")
        self.passphrase.setPlaceholderText("New passphrase")
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("New passphrase again")
        self.again.setPlaceholderText("The same passphrase again")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName("Passphrase strength")
        self.hint = QLabel(strength_hint("")[1])
        self.hint.setAccessibleName("Passphrase strength hint")
        self.keyring = QCheckBox("Also keep the key in this computer's keyring")
        self.keyring.setAccessibleName("Keep the key in the keyring")
        self.keyring.setChecked(keyring_available)
        self.keyring.setVisible(keyring_available)
        self.message = _message_label()
        self.button = QPushButton("&Create my caseload")
        self.button.setAccessibleName("Create my caseload")
        for widget in (self.passphrase, self.again, self.meter, self.hint, self.keyring,
                       self.message):  # fmt: skip
            layout.addWidget(widget)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.passphrase.textChanged.connect(self._rate)
        self.button.clicked.connect(self._submit)
        self.again.returnPressed.connect(self._submit)
        QVBoxLayout(self).addWidget(page)

    def _rate(self, text: str) -> None:
        score, words = strength_hint(text)
        self.meter.setValue(score)
        self.hint.setText(words)

    def _submit(self) -> None:
        if self.passphrase.text() != self.again.text():
            self.show_message("The two passphrases are not the same.")
            self.again.setFocus()
            return
        self.submitted.emit(self.passphrase.text(), self.keyring.isChecked())

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        fit_wrapped(self.message)
        fit_wrapped(self.message)
        self.message.show()

    def set_busy(self, busy: bool) -> None:
        """While the caseload is made (in the worker: scrypt, then the tables) nothing can
        be typed or pressed twice, and the screen says what is happening."""
        for widget in (self.button, self.passphrase, self.again, self.keyring):
            widget.setEnabled(not busy)
        if busy:
            self.show_message("Creating your caseload…")
        elif self.message.text() == "Creating your caseload…":
            self.message.hide()
