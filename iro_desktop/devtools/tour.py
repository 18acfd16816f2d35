"""Drive the real GUI offscreen over the demo caseload and save a PNG of each screen.

People look at the pictures; tests use them to check nothing is cut off. The review
cycle's screens join in through ``iro_desktop.devtools.workflow_tour``: a list of
(name, callable(window) -> QWidget to grab).
"""

from __future__ import annotations

import importlib
import logging
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.tasks import InlineRunner

log = logging.getLogger(__name__)
SIZE = (1366, 768)
Step = tuple[str, Callable[[MainWindow], QWidget]]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str, saved: list[Path]) -> None:
    settle()
    path = out / f"{len(saved) + 1:02d}-{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    saved.append(path)


def pick_child(window: MainWindow) -> str:
    """A child with a full history: the most footprint entries, for a telling picture."""
    assert window.workspace is not None
    rows = window.workspace.caseload.model.rows
    with_flags = [r for r in rows if r.flags and not r.overdue] or rows
    return with_flags[0].child_id


def core_steps(passphrase: str, query: str) -> list[Step]:
    def unlock_wrong(w: MainWindow) -> QWidget:
        w.try_unlock("not the passphrase")
        return w

    def unlock(w: MainWindow) -> QWidget:
        w.try_unlock(passphrase)
        return w

    def page(i: int) -> Callable[[MainWindow], QWidget]:
        def go(w: MainWindow) -> QWidget:
            assert w.workspace is not None
            w.workspace.go(i)
            return w

        return go

    def search(w: MainWindow) -> QWidget:
        assert w.workspace is not None
        w.workspace.show_search(query)
        return w

    return [
        ("unlock", lambda w: w),
        ("unlock-wrong-passphrase", unlock_wrong),
        ("home", unlock),
        ("caseload", page(1)),
        ("search-results", search),
    ]


def child_steps(window: MainWindow) -> list[Step]:
    assert window.workspace is not None
    window.workspace.open_child(pick_child(window))
    record = window.workspace.record
    assert record is not None
    steps: list[Step] = []
    for i, title in enumerate(record.tab_titles()):
        slug = title.lower().replace(" ", "-").replace("&", "")

        def show(w: MainWindow, i: int = i) -> QWidget:
            assert w.workspace is not None and w.workspace.record is not None
            w.workspace.record.tabs.setCurrentIndex(i)
            return w

        steps.append((f"child-{slug}", show))
    return steps


def workflow_steps() -> list[Step]:
    try:
        module = importlib.import_module("iro_desktop.gui.workflows")
    except ModuleNotFoundError as exc:
        if exc.name != "iro_desktop.gui.workflows":
            raise
        return []
    steps = getattr(module, "tour_steps", None)  # a plug-in may bring its own pictures
    if steps is not None:
        return list(steps())
    from iro_desktop.devtools import letter_tour, workflow_tour

    return [*workflow_tour.steps(), *letter_tour.steps()]


def run_tour(
    folder: Path, out: Path, *, passphrase: str, today: date, query: str = "school"
) -> list[Path]:
    from iro_desktop.gui.app import make_app

    make_app()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="iro-tour-") as tmp:
        copy = Path(tmp) / "caseload"  # the tour writes (plans, corrects) on its own copy
        shutil.copytree(folder, copy)
        saved = _tour(copy, out, passphrase=passphrase, today=today, query=query)
    from iro_desktop.devtools import firstrun_tour

    firstrun_tour.run(out, saved, today)
    return saved


def _tour(folder: Path, out: Path, *, passphrase: str, today: date, query: str) -> list[Path]:
    window = MainWindow(folder, runner=InlineRunner(), demo=True, today=today)
    window.resize(*SIZE)
    window.show()
    saved: list[Path] = []
    try:
        for name, step in core_steps(passphrase, query):
            save(step(window), out, name, saved)
        for name, step in child_steps(window):
            save(step(window), out, name, saved)
        from iro_desktop.devtools import record_tour

        for name, step in [*record_tour.steps(), ("home-my-meetings", record_tour.home_meetings)]:
            save(step(window), out, name, saved)
        assert window.workspace is not None
        window.workspace.open_child(pick_child(window))  # back on the child for the workflows
        from iro_desktop.devtools.figures_tour import tour_steps as figures_steps

        for name, step in [*figures_steps(), *workflow_steps()]:
            try:
                save(step(window), out, name, saved)
            except Exception:
                log.exception("tour step %s failed", name)
        from iro_desktop.devtools import firstrun_tour

        save(firstrun_tour.settings_step(window), out, "settings", saved)
        window.setup_dialog.close()
        window.lock()
        save(window, out, "locked", saved)
    finally:
        close_window(window)
    return saved


def close_window(window: MainWindow) -> None:
    if not window.is_locked():
        window.lock()
    window.close()
    # Destroy it now, while nothing else runs: its timers must not fire later
    # into a half-collected window (a crash seen when another window followed).
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    settle()
