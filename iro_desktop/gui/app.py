"""Start the Qt application on a caseload folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from iro_desktop.store.caseload import Caseload, env_passphrase, open_caseload
from iro_desktop.store.errors import PassphraseRequired, StoreError, WrongPassphrase


def unlock(folder: Path, passphrase: str | None) -> Caseload | None:
    """Open the caseload, asking for the passphrase until it is right or the IRO gives up."""
    passphrase = passphrase or env_passphrase()
    while True:
        try:
            return open_caseload(folder, passphrase=passphrase)
        except (PassphraseRequired, WrongPassphrase) as exc:
            prompt = "Passphrase for your caseload:"
            if isinstance(exc, WrongPassphrase):
                prompt = "That passphrase is not right. Try again:"
            text, ok = QInputDialog.getText(
                None, "Unlock IRO Desktop", prompt, QLineEdit.EchoMode.Password
            )
            if not ok:
                return None
            passphrase = text
        except StoreError as exc:
            QMessageBox.critical(None, "IRO Desktop", str(exc))
            return None


def run_app(folder: Path, *, passphrase: str | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("IRO Desktop")
    app.setOrganizationName("IRO Desktop")
    caseload = unlock(folder, passphrase)
    if caseload is None:
        return 1
    from iro_desktop.gui.main_window import MainWindow

    window = MainWindow(caseload, demo=demo)
    window.show()
    try:
        return app.exec()
    finally:
        caseload.close()
