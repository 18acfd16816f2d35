"""Every screen and dialog, opened in the real window, with a lock in the middle of its
load: the results that arrive afterwards are dropped, and nothing raises or warns (an
exception in a slot or a Qt warning fails the test, see pyproject.toml)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.workflows import WORKFLOWS
from tests.gui.conftest import make_window


class HeldRunner:
    """Does each job's work when told, and hands the results back only later: as the
    real runner does when the program locks while a read is on its way."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any, Any]] = []
        self.done: list[tuple[Any, Any, Any]] = []

    def submit(self, fn: Callable[[], Any], on_done: Any, on_error: Any = None) -> None:
        self.jobs.append((fn, on_done, on_error))

    def later(self, fn: Callable[[], None]) -> None:
        fn()

    def work(self) -> None:
        while self.jobs:
            fn, on_done, on_error = self.jobs.pop(0)
            try:
                self.done.append((on_done, None, fn()))
            except Exception as exc:
                self.done.append((None, on_error, exc))

    def deliver(self) -> None:
        done, self.done = self.done, []
        for on_done, on_error, value in done:
            if on_done is not None:
                on_done(value)
            elif on_error is not None:
                on_error(value)

    def run_all(self) -> None:
        while self.jobs or self.done:
            self.work()
            self.deliver()


def unlocked(window: MainWindow, runner: HeldRunner) -> None:
    window.try_unlock(DEMO_PASSPHRASE)
    runner.run_all()
    assert not window.is_locked()


def open_record(window: MainWindow, runner: HeldRunner) -> Any:
    workspace = window.workspace
    assert workspace is not None
    child = next(r for r in workspace.caseload.model.rows if r.age >= 10)
    workspace.open_child(child.child_id)
    runner.run_all()
    return workspace.record


def lock_mid_load(window: MainWindow, runner: HeldRunner, name: str) -> None:
    assert runner.jobs, f"{name}: the screen should have started a read or a save"
    runner.work()  # the reads finish in the worker ...
    window.lock()  # ... while the program locks ...
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # widgets gone
    runner.deliver()  # ... and their results arrive after
    QApplication.processEvents()
    assert window.is_locked() and window.workspace is None


def export_calendar(window: MainWindow, _runner: HeldRunner) -> None:
    window.calendar_action.trigger()
    dialog = window.calendar_dialog
    dialog.path.setText(str(Path(tempfile.mkdtemp()) / "meetings.ics"))
    dialog.export()


SCREENS: list[tuple[str, Callable[[MainWindow, HeldRunner], Any]]] = [
    ("home", lambda w, r: w.workspace.load()),  # type: ignore[union-attr]
    ("caseload", lambda w, r: w.workspace.caseload.reload()),  # type: ignore[union-attr]
    ("search", lambda w, r: w.workspace.show_search("school")),  # type: ignore[union-attr]
    ("record", lambda w, r: w.workspace.record.reload()),  # type: ignore[union-attr]
    ("print menu", lambda w, r: w.print_actions[1].trigger()),  # the card: a PDF is made
    ("new placement", lambda w, r: w.workspace.record.new_placement().save()),  # type: ignore[union-attr]
    ("add a person", lambda w, r: w.workspace.record.add_person()),  # type: ignore[union-attr]
    ("calendar export", export_calendar),
]
WORKFLOW_LABELS = [label for label, _about, _opener in WORKFLOWS if label != "&Child mode…"]


@pytest.fixture
def held(demo_folder: Path) -> tuple[MainWindow, HeldRunner]:
    runner = HeldRunner()
    return make_window(demo_folder, runner=runner), runner


def test_every_screen_survives_a_lock_in_the_middle_of_its_load(held) -> None:  # type: ignore[no-untyped-def]
    window, runner = held
    openers = {label: opener for label, _about, opener in WORKFLOWS}
    for name, start in SCREENS:
        unlocked(window, runner)
        open_record(window, runner)
        start(window, runner)
        if name == "add a person":
            window.workspace.record.dialog.save()  # type: ignore[union-attr]
        lock_mid_load(window, runner, name)
    for label in WORKFLOW_LABELS:
        unlocked(window, runner)
        record = open_record(window, runner)
        opened = openers[label](record, record.ctx, record.child_id)
        assert opened is not None, label
        if not runner.jobs and hasattr(opened, "save"):
            opened.save()  # a screen that reads nothing first: lock during its save
        lock_mid_load(window, runner, label)
        assert not shiboken6.isValid(opened) or not opened.isVisible(), label
    unlocked(window, runner)  # and the program still opens afterwards
    assert window.workspace is not None and window.workspace.caseload.model.rows
