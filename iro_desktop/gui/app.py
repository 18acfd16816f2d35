"""Start the Qt application on a caseload folder.

The window, with its unlock screen, comes up before any of the store layer is loaded.
Once it is drawn, while the IRO types the passphrase, ``WarmUp`` imports SQLAlchemy, the
schema and the rules in a background thread (imports only: it touches no Qt object and no
file), so the full open after the start view has little left to load.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from iro_desktop.gui import errors, style
from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.tasks import MainThreadGC, StallWatch, TaskRunner
from iro_desktop.store.paths import env_passphrase

if TYPE_CHECKING:
    from iro_desktop.store.quick_open import QuickStart

log = logging.getLogger(__name__)

WARM_MODULES = (
    "iro_desktop.store.quick_open",  # the passphrase's check (the key code: hashlib, OpenSSL)
    "iro_desktop.store.caseload",
    "iro_desktop.store.queries",
    "iro_desktop.store.reads.caseload_facts",
    "iro_desktop.store.reads.due_facts",
    "iro_desktop.store.search",
    "holidays",
)


def make_app() -> QApplication:
    app = QApplication.instance()
    made = app is None
    if app is None:
        app = QApplication([*sys.argv, *style.STYLE_ARGS])
    assert isinstance(app, QApplication)
    app.setApplicationName("IRO Desktop")
    app.setOrganizationName("IRO Desktop")
    style.apply(app, style_set=made)
    return app


def preload_workspace() -> None:
    """The workspace's screens, on the main thread (they define Qt classes) but after the
    window is up: the unlock screen does not wait for them."""
    import iro_desktop.gui.workspace  # noqa: F401

    style.add_script_fonts()  # before any screen shows a language's own name


@dataclass
class WarmUp:
    done: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        threading.Thread(target=self._run, name="warm-up", daemon=True).start()

    def _run(self) -> None:
        try:
            for name in WARM_MODULES:
                importlib.import_module(name)
        except Exception as exc:  # the full open will meet it again and say so
            log.warning("loading the store layer early failed: %s", type(exc).__name__)
        finally:
            self.done.set()


@dataclass
class Started:
    app: QApplication
    window: MainWindow
    warm_up: WarmUp | None
    keep: list[object]  # the collector and stall watch live as long as the program


def start_app(
    folder: Path,
    *,
    passphrase: str | None = None,
    demo: bool = False,
    today: date | None = None,
    early: Future[QuickStart] | None = None,
) -> Started:
    """Show the window locked (or at set-up); a given passphrase unlocks it at once
    (``early``: its check, already started by the launcher)."""
    app = make_app()
    collector = MainThreadGC()
    collector.start()
    stall = StallWatch()
    stall.start()
    window = MainWindow(Path(folder), runner=TaskRunner(), demo=demo, today=today)
    errors.install(window.show_problem)  # an exception in a slot: logged in full, said once
    window.show()
    passphrase = passphrase or env_passphrase()
    warm_up = None
    if passphrase and window.setup_screen is None:
        window.try_unlock(passphrase, early)  # the full open loads everything after
    else:
        # After the first paint, as the workspace's preload is: a thread importing in the
        # background holds the interpreter's lock for most of its work, so started here
        # it would hold back the first paint of the unlock screen.
        warm_up = WarmUp()
        QTimer.singleShot(0, warm_up.start)
    QTimer.singleShot(0, preload_workspace)  # after the first paint, while scrypt runs
    return Started(app, window, warm_up, [collector, stall])


def run_app(
    folder: Path,
    *,
    passphrase: str | None = None,
    demo: bool = False,
    early: Future[QuickStart] | None = None,
) -> int:
    started = start_app(folder, passphrase=passphrase, demo=demo, early=early)
    try:
        return started.app.exec()
    finally:
        if not started.window.is_locked():
            started.window.lock()
        if started.warm_up is not None:
            started.warm_up.done.wait(10)  # never end the interpreter mid-import
