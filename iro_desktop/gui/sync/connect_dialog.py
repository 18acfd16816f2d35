"""Connect this laptop to the authority's central store: address, device token, CA bundle.

The token is checked with the central store first, then kept inside the encrypted
caseload (``sync.connect``), exactly as safe as the database key. The check runs on a
worker thread; the dialog stays responsive and says plainly what went wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui.tasks import Runner
from iro_desktop.store.caseload import Caseload
from iro_desktop.sync.connect import Connected, connect


class ConnectDialog(QDialog):
    connected = Signal(object)  # sync.connect.Connected

    def __init__(
        self,
        caseload: Caseload,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        server_url: str = "",
    ) -> None:
        super().__init__(parent)
        self.caseload, self.runner = caseload, runner
        self.setWindowTitle("Connect to a central store")
        self.setMinimumWidth(560)
        intro = QLabel(
            "Your authority's team gives you the central store's address and a device "
            "token for this laptop. The token is kept inside your encrypted caseload. "
            "Your work stays on this laptop whether or not it is connected."
        )
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://central.your-authority.gov.uk")
        self.server.setAccessibleName("Central store address")
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setAccessibleName("Device token")
        self.show_token = QCheckBox("Show the token")
        self.show_token.toggled.connect(
            lambda on: self.token.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setPlaceholderText("Only if your authority has its own certificates")
        self.ca_bundle.setAccessibleName("CA bundle file (optional)")
        choose = QPushButton("Choose…")
        choose.setAccessibleName("Choose the CA bundle file")
        choose.clicked.connect(self._choose)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("Central store &address", self.server)
        form.addRow("Device &token", self.token)
        form.addRow("", self.show_token)
        form.addRow("&CA bundle (optional)", ca_row)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Connect")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose the CA bundle", "", "Certificates (*.pem *.crt *.cer);;All files (*)"
        )
        if path:
            self.ca_bundle.setText(path)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def submit(self) -> None:
        server, token = self.server.text().strip(), self.token.text().strip()
        bundle = self.ca_bundle.text().strip() or None
        if not server.startswith(("https://", "http://")):
            self.show_message("The address starts with https:// (ask your team for it).")
            self.server.setFocus()
            return
        if not token:
            self.show_message("Paste the device token your team gave you.")
            self.token.setFocus()
            return
        self.ok.setEnabled(False)
        self.ok.setText("Connecting…")
        caseload = self.caseload
        self.runner.submit(
            lambda: connect(caseload, server, token, ca_bundle=bundle), self._done, self._failed
        )

    def _done(self, who: Connected) -> None:
        self.connected.emit(who)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.ok.setText("Connect")
        self.show_message(f"Not connected: {error}")
