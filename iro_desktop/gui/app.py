"""Start the Qt application on a caseload folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from iro_desktop.gui import style
from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.tasks import MainThreadGC, StallWatch, TaskRunner
from iro_desktop.store.caseload import env_passphrase


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("IRO Desktop")
    app.setOrganizationName("IRO Desktop")
    style.apply(app)
    return app


def run_app(folder: Path, *, passphrase: str | None = None, demo: bool = False) -> int:
    """Show the window locked (or at set-up); a given passphrase unlocks it at once."""
    app = make_app()
    collector = MainThreadGC()
    collector.start()
    stall = StallWatch()
    stall.start()
    runner = TaskRunner()
    window = MainWindow(Path(folder), runner=runner, demo=demo)
    window.show()
    passphrase = passphrase or env_passphrase()
    if passphrase and window.setup_screen is None:
        window.try_unlock(passphrase)
    try:
        return app.exec()
    finally:
        if window.ctx is not None:
            window.lock()
