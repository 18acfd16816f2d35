"""Unlocking in two steps: the saved start view first, then the live store."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.due_kinds import DueKind
from iro_desktop.gui.main_window import MainWindow
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.demo import DEMO_PASSPHRASE
from iro_desktop.store.errors import StoreError
from iro_desktop.store.quick_open import quick_open
from iro_desktop.store.reads import VIEW_NAMES, caseload_rows, whats_due
from iro_desktop.store.reads.caseload_facts import load_facts, load_rows
from iro_desktop.store.reads.due_facts import load_due, load_due_facts
from tests.conftest import TODAY
from tests.gui.conftest import _OPEN, make_window

PINNED_DIGEST = "c07ad929f605"  # see test_the_view_format_names_what_it_holds


class StepRunner:
    """Keeps each job until the test runs it, so the moment between the two unlocking
    steps can be looked at."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any, Any]] = []

    def submit(self, fn: Callable[[], Any], on_done: Any, on_error: Any = None) -> None:
        self.jobs.append((fn, on_done, on_error))

    def run_next(self) -> Any:
        fn, on_done, on_error = self.jobs.pop(0)
        try:
            result = fn()
        except Exception as exc:
            on_error(exc)
            return exc
        on_done(result)
        return result

    def run_all(self) -> None:
        while self.jobs:
            self.run_next()

    def later(self, fn: Callable[[], None]) -> None:
        fn()


@pytest.fixture
def seen_folder(demo_folder: Path, qtbot) -> Path:  # type: ignore[no-untyped-def]
    """The demo caseload after one unlock, which saved what the IRO saw."""
    window = make_window(demo_folder, qtbot)
    window.try_unlock(DEMO_PASSPHRASE)
    assert not window.is_locked()
    window.lock()
    return demo_folder


def stepped_window(folder: Path) -> tuple[MainWindow, StepRunner]:
    runner = StepRunner()
    return make_window(folder, runner=runner), runner


def test_the_start_view_draws_what_the_live_read_draws(demo_folder: Path) -> None:
    """Same rows, same due list, on the day it was saved and on later days."""
    caseload = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    try:
        with caseload.session() as s:
            facts, _count = load_facts(s)
            due, _count = load_due_facts(s, TODAY)
            saved = caseload_rows.CaseloadFacts.from_view(facts.to_view())
            saved_due = [whats_due.DueFact.from_view(f.to_view()) for f in due]
            for later in (0, 1, 6, 30, 200):
                day = TODAY + timedelta(days=later)
                assert caseload_rows.rows_for(saved, day) == load_rows(s, day)
                assert whats_due.due_for(saved_due, day) == load_due(s, day)
    finally:
        caseload.close()
    assert len(saved.children) == 65 and len(saved_due) > 20


def test_unlocking_draws_the_caseload_before_the_store_opens(seen_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, runner = stepped_window(seen_folder)
    window.try_unlock(DEMO_PASSPHRASE)
    with qtbot.waitSignal(window.caseload_drawn) as drawn:
        runner.run_next()  # step one: passphrase checked, start view read
    assert drawn.args == [False]
    assert window.workspace is not None and window.ctx is None
    assert not window.is_locked() and "locked" not in window.windowTitle()
    assert window.workspace.caseload.model.rowCount() == 65
    assert window.workspace.home.items, "what's due is drawn too"
    # usable already: filter and type-to-search work on the drawn rows
    view = window.workspace.caseload
    view.search.setText(view.model.rows[0].name)
    assert 1 <= view.proxy.rowCount() < 65

    # a child asked for now opens as soon as the store is open
    child = view.model.rows[3]
    window.workspace.signals.open_child.emit(child.child_id, "")
    assert window.workspace.record is None
    assert "Opening" in window.status.text()
    with qtbot.waitSignal(window.caseload_drawn) as live:
        runner.run_all()  # step two: the full open, then the live reads
    assert live.args == [True]
    assert window.ctx is not None
    assert window.workspace.record is not None
    assert window.workspace.record.child_id == child.child_id


def test_a_wrong_passphrase_draws_nothing(seen_folder: Path) -> None:
    window, runner = stepped_window(seen_folder)
    window.try_unlock("not the passphrase at all")
    runner.run_all()
    assert window.workspace is None and window.is_locked()
    assert "not right" in window.unlock_screen.message.text()


def test_locking_between_the_steps_closes_what_was_opening(seen_folder: Path) -> None:
    window, runner = stepped_window(seen_folder)
    window.try_unlock(DEMO_PASSPHRASE)
    runner.run_next()
    assert window.workspace is not None
    window.lock()
    assert window.workspace is None and window.is_locked()
    for widget in QApplication.topLevelWidgets():
        assert "Opening" not in widget.windowTitle()
    opened = runner.run_next()  # the full open finishes after the lock
    caseload = opened[0]
    assert window.ctx is None and window.workspace is None
    with pytest.raises(StoreError):  # dropped and closed, not left open
        caseload.engine.connect()


def test_after_a_change_the_next_start_shows_it(seen_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from iro_desktop.store.ops.children import update_child
    from iro_desktop.store.schema import Child

    window = make_window(seen_folder, qtbot)
    window.try_unlock(DEMO_PASSPHRASE)
    row = window.workspace.caseload.model.rows[0]

    def rename(op: Any) -> None:
        update_child(op, op.session.get(Child, row.child_id), today=TODAY,
                     preferred_name="Starling")  # fmt: skip

    window.ctx.write(rename, lambda _r: None, owner=window)
    window.lock()
    views = quick_open(seen_folder, DEMO_PASSPHRASE, VIEW_NAMES).views
    names = {c["name"] for c in views["caseload"]["children"]}
    assert any(n.startswith("Starling") for n in names) and row.name not in names


def test_the_first_screen_loads_neither_sqlalchemy_nor_the_printouts(seen_folder: Path) -> None:
    """A guard for start-up time: what draws the first screen stays light."""
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from datetime import date
        from pathlib import Path
        from iro_desktop.cli.open_cmd import early_unlock
        folder = Path({str(seen_folder)!r})
        early = early_unlock(folder, {DEMO_PASSPHRASE!r})
        from iro_desktop.gui.app import make_app
        from iro_desktop.gui.main_window import MainWindow
        class Hold:  # keeps the full open from running: only step one is looked at
            def submit(self, *args): pass
            def later(self, fn): fn()
        app = make_app()
        window = MainWindow(folder, runner=Hold(), demo=True, today=date(2026, 11, 24))
        window.show()
        print("screen needs", sorted(m for m in ("iro_desktop.gui.workspace",
              "iro_desktop.domain.settings") if m in sys.modules))
        window._quick_opened(early.result(timeout=60), window.opening)
        heavy = sorted(m for m in ("sqlalchemy", "alembic", "reportlab", "httpx", "holidays")
                       if m in sys.modules)
        print("rows", window.workspace.caseload.model.rowCount(), "heavy", heavy)
    """)  # fmt: skip
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout  # fmt: skip
    assert "screen needs []" in out  # the unlock screen waits for no workspace code
    assert "rows 65 heavy []" in out


@pytest.mark.parametrize("spoil", ["another release", "a field it lacks"])
def test_a_view_this_version_cannot_read_is_not_drawn(seen_folder: Path, spoil: str) -> None:
    """Saved by another release, or missing a field: the full open draws it live instead."""
    from sqlalchemy import text

    caseload = open_caseload(seen_folder, passphrase=DEMO_PASSPHRASE)
    with caseload.session() as s:
        body = s.execute(text("SELECT body FROM start_view WHERE name = 'caseload'")).scalar()
        view = json.loads(body)
        if spoil == "another release":
            view["format"] = "0/0.0.1"
        else:
            del view["children"][0]["flags"]
        s.execute(text("UPDATE start_view SET body = :b WHERE name = 'caseload'"),
                  {"b": json.dumps(view)})  # fmt: skip
        s.commit()
    caseload.close()
    window, runner = stepped_window(seen_folder)
    window.try_unlock(DEMO_PASSPHRASE)
    runner.run_next()  # step one: the passphrase is right, the view is not drawn
    assert window.workspace is None and window.is_locked()
    runner.run_all()
    assert window.ctx is not None and not window.is_locked()
    assert window.workspace.caseload.model.rowCount() == 65
    assert "locked" not in window.windowTitle() and window.lock_action.isEnabled()


def test_the_view_format_names_what_it_holds() -> None:
    """Changing what a saved view holds must change VIEW_FORMAT's number, or a new release
    would try to draw an old view (it would be refused, but only by luck)."""
    from dataclasses import fields

    from iro_desktop.store.reads import VIEW_FORMAT

    held = (
        [f.name for f in fields(caseload_rows.ChildFacts)],
        [f.name for f in fields(whats_due.DueFact)],
        sorted(k.value for k in DueKind),
    )
    digest = hashlib.sha256(json.dumps(held).encode()).hexdigest()[:12]
    assert (VIEW_FORMAT.split("/")[0], digest) == ("4", PINNED_DIGEST), (
        f"the saved view's shape changed (now {digest}): bump VIEW_FORMAT and this pin"
    )


def test_with_the_real_worker_the_start_view_comes_first_then_live(
    seen_folder: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from iro_desktop.gui.tasks import TaskRunner

    window = MainWindow(seen_folder, runner=TaskRunner(), demo=True, today=TODAY)
    window.show()
    _OPEN.append(window)
    with qtbot.waitSignal(window.caseload_drawn, timeout=30_000) as first:
        window.try_unlock(DEMO_PASSPHRASE)
    assert first.args == [False] and window.ctx is None
    with qtbot.waitSignal(window.caseload_drawn, timeout=30_000) as live:
        pass  # the full open was deferred until the start view had been painted
    assert live.args == [True] and window.ctx is not None
    window.lock()
    assert window.is_locked()
