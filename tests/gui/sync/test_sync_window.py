"""Sync in the program, against a real central store process: the status line, "Sync
now", views refreshing after a sync, the conflict screen, and no sync while locked."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from iro_desktop.central import admin
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Child, Note
from iro_desktop.sync.conflicts import SyncStatus
from tests.sync.harness import PASSPHRASE, TODAY, Central, Laptop

WAIT_MS = 30_000


def open_window(folder: Path, qtbot: Any) -> Any:
    from iro_desktop.gui.main_window import MainWindow
    from iro_desktop.gui.tasks import InlineRunner

    window = MainWindow(folder, runner=InlineRunner(), today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def unlock_and_sync(window: Any, qtbot: Any) -> Any:
    """Unlock; the first background sync starts at once. Returns its outcome."""
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=WAIT_MS) as done:
        window.try_unlock(PASSPHRASE)
    assert not window.is_locked()
    return done.args[0]


def sync_now(window: Any, qtbot: Any) -> Any:
    """Press Ctrl+Shift+S, as the IRO would, and wait for the sync to finish."""
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=WAIT_MS) as done:
        mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window, Qt.Key.Key_S, mods)
    return done.args[0]


def caseload_ids(window: Any) -> set[str]:
    return {row.child_id for row in window.workspace.caseload.model.rows}


def close(window: Any) -> None:
    if not window.is_locked():
        window.lock()


# --- the words ---------------------------------------------------------------------------


def test_status_words_are_plain_british_english() -> None:
    from iro_desktop.gui.sync.status import describe

    now = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)

    def st(**kw: Any) -> SyncStatus:
        base: dict[str, Any] = dict(connected=True, server_url="https://c", account_email="a@b",
                                    last_sync_at=now - timedelta(minutes=2), last_error=None,
                                    changes_waiting=3, open_conflicts=1)  # fmt: skip
        return SyncStatus(**{**base, **kw})

    assert describe(st(), now) == "Synced 2 minutes ago · 3 changes waiting · 1 conflict to settle"
    assert describe(st(changes_waiting=1, open_conflicts=0,
                       last_sync_at=now - timedelta(seconds=20)), now) == (
        "Synced just now · 1 change waiting")  # fmt: skip
    assert describe(st(changes_waiting=0, open_conflicts=2), now).endswith(
        "no changes waiting · 2 conflicts to settle"
    )
    failed = describe(st(last_error="unreachable"), now, retry_at=now + timedelta(minutes=4))
    assert failed.startswith(
        "Could not sync (last synced 2 minutes ago) · trying again in 4 minutes"
    )
    assert describe(st(), now, syncing=True).startswith("Syncing now…")
    assert describe(st(connected=False), now).startswith("Not connected to a central store")
    assert describe(st(last_sync_at=None), now).startswith("Not synced yet")


# --- status line, sync now, views refreshing ---------------------------------------------------


def test_status_line_sync_now_and_views_follow_allocation(
    central: Central, tmp_path: Path, qtbot: Any, shots: Path
) -> None:
    email = central.iro("Window IRO")
    laptop = Laptop.make(tmp_path, "laptop", email)
    laptop.connect(central.url, central.token(email))
    mine = laptop.add_child(f"W{uuid.uuid4().hex[:6]}")
    laptop.add_note(mine, "Met at school")
    laptop.caseload.close()

    window = open_window(laptop.folder, qtbot)
    try:
        line = window.sync_ui.line
        first = unlock_and_sync(window, qtbot)
        assert first.error is None and first.summary.applied == 3
        assert line.isVisible()
        assert line.text() == "Synced just now · no changes waiting"
        assert mine in central.rows_for({mine})
        window.grab().save(str(shots / "sync-status-line.png"))

        # A change made in the window waits until the next sync, and the line says so at
        # once (it used to say "no changes waiting" until the next sync).
        note = Note(child_id=mine, note_date=TODAY, text="Phoned the carer")
        window.ctx.write(lambda op: op.save(note), lambda _row: None, owner=window)
        qtbot.waitUntil(lambda: "1 change waiting" in line.text(), timeout=WAIT_MS)

        # The team allocates a new child (pushed by another laptop of a second IRO, then
        # allocated to this one): "Sync now" brings them, and the caseload shows them.
        other = central.iro("Other IRO")
        second = Laptop.make(tmp_path, "second", other)
        second.connect(central.url, central.token(other))
        ref = f"N{uuid.uuid4().hex[:6]}"
        newcomer = second.add_child(ref)
        second.sync()
        assert newcomer not in caseload_ids(window)
        outcome = sync_now(window, qtbot)
        assert outcome.summary.pushed == 1  # the note written above
        assert newcomer not in caseload_ids(window)  # not theirs yet
        admin.allocate(central.store, ref, email)
        outcome = sync_now(window, qtbot)
        assert outcome.summary.new_children == 1 and newcomer in outcome.added
        assert newcomer in caseload_ids(window)

        # Transferred away while their record is open: the record closes, the child leaves.
        window.workspace.open_child(newcomer)
        assert window.workspace.record is not None
        with window.caseload.session() as s:
            moved_ref = s.get(Child, newcomer).child_ref
        admin.allocate(central.store, moved_ref, other)
        outcome = sync_now(window, qtbot)
        assert newcomer in outcome.removed
        assert window.workspace.record is None
        assert newcomer not in caseload_ids(window) and mine in caseload_ids(window)
        assert line.text() == "Synced just now · no changes waiting"
    finally:
        close(window)
        second.caseload.close()


def test_a_failed_sync_says_so_and_retries_with_backoff(
    central: Central, tmp_path: Path, qtbot: Any
) -> None:
    email = central.iro()
    laptop = Laptop.make(tmp_path, "laptop", email)
    laptop.connect(central.url, central.token(email))
    with laptop.caseload.session() as s, s.begin():
        from iro_desktop.sync import state

        state.put(s, state.SERVER, "http://127.0.0.1:9")  # nothing listens there
    laptop.caseload.close()
    window = open_window(laptop.folder, qtbot)
    try:
        outcome = unlock_and_sync(window, qtbot)
        controller = window.sync_ui.controller
        assert outcome.error and "could not be reached" in outcome.error
        assert controller.failures == 1 and controller.timer.isActive()
        assert controller.timer.interval() == 15_000  # sooner than the 5-minute interval
        text = window.sync_ui.line.text()
        assert text.startswith("Could not sync · trying again in under a minute"), text
        sync_now(window, qtbot)
        assert controller.failures == 2 and controller.timer.interval() == 30_000  # backing off
    finally:
        close(window)


# --- conflicts ----------------------------------------------------------------------------


def _edit(laptop: Laptop, note_id: str, **values: Any) -> None:
    with operation(laptop.caseload, laptop.actor) as op:
        note = op.session.get(Note, note_id)
        assert note is not None
        for key, value in values.items():
            setattr(note, key, value)
        op.save(note)


def _note(laptop: Laptop, note_id: str) -> dict[str, Any]:
    return {k: v for k, v in laptop.payloads()[note_id].items() if k != "updated_at"}


def test_conflict_screen_side_by_side_choose_and_merge(
    central: Central, tmp_path: Path, qtbot: Any, shots: Path
) -> None:
    from iro_desktop.gui.sync.conflict_screen import ConflictScreen

    email = central.iro("Conflict IRO")
    a, b = Laptop.make(tmp_path, "a", email), Laptop.make(tmp_path, "b", email)
    a.connect(central.url, central.token(email))
    b.connect(central.url, central.token(email))
    child = a.add_child(f"C{uuid.uuid4().hex[:6]}")
    choose_id = a.add_note(child, "Original note one")
    merge_id = a.add_note(child, "Original note two")
    a.sync()
    b.sync()
    # The same two notes edited on both laptops while apart.
    _edit(a, choose_id, text="From laptop A")
    _edit(a, merge_id, text="Server text, A", kind="visit")
    _edit(b, choose_id, text="From laptop B, the one to keep")
    _edit(b, merge_id, text="Laptop text, B", kind="phone")
    a.sync()
    b.caseload.close()

    window = open_window(b.folder, qtbot)
    try:
        outcome = unlock_and_sync(window, qtbot)
        assert outcome.summary.conflicts == 2
        assert "2 new conflicts" in window.status.text()
        ui = window.sync_ui
        assert ui.line.text().endswith("· 2 conflicts to settle")
        assert ui.line.conflicts_button.isVisible()
        ui.line.conflicts_button.click()
        screen = ui.conflict_screen
        assert isinstance(screen, ConflictScreen) and screen.isVisible()
        screen.resize(1366, 768)
        assert screen.list.count() == 2

        def select(note_id: str) -> Any:
            row = next(i for i, v in enumerate(screen.views) if v.row_id == note_id)
            screen.list.setCurrentRow(row)
            return screen.panel

        # Side by side, field by field, differences marked in words, not colour alone.
        panel = select(merge_id)
        label, laptop_value, server_value = panel.rows["text"]
        assert laptop_value.text() == "Laptop text, B" and server_value.text() == "Server text, A"
        assert "Differs" in label.text() and label.font().bold()
        assert set(panel.groups) == {"kind", "text"}
        same_label = panel.rows["note_date"][0]
        assert "Same on both" in same_label.text() and "Differs" not in same_label.text()
        screen.grab().save(str(shots / "sync-conflict-screen.png"))

        # Choose: keep this laptop's version of the first note.
        select(choose_id)
        with qtbot.waitSignal(screen.settled, timeout=WAIT_MS):
            screen.keep_laptop.click()
        assert screen.list.count() == 1
        assert "Settled: kept this laptop's version" in screen.message.text()
        assert "new conflict" not in window.status.text()  # the sync's news is out of date

        # Merge: the text from this laptop, the kind from the server.
        panel = select(merge_id)
        panel.choose("text", "laptop")
        panel.choose("kind", "server")
        with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=WAIT_MS):
            screen.keep_merge.click()  # settling asks for a sync at once
        assert screen.list.count() == 0
        assert screen.title.text() == "Nothing to settle"
        qtbot.waitUntil(
            lambda: ui.line.text() == "Synced just now · no changes waiting", timeout=WAIT_MS
        )
        assert not ui.line.conflicts_button.isVisible()
    finally:
        close(window)

    # After a sync, the row is the same on both laptops and on the server.
    a.sync()
    b2 = Laptop(b.folder, email, _reopen(b.folder))
    try:
        for note_id in (choose_id, merge_id):
            assert _note(a, note_id) == _note(b2, note_id)
            server = {k: v for k, v in central.rows_for({child})[note_id].items()
                      if k != "updated_at"}  # fmt: skip
            assert server == _note(a, note_id)
        assert _note(a, choose_id)["text"] == "From laptop B, the one to keep"
        merged = _note(a, merge_id)
        assert merged["text"] == "Laptop text, B" and merged["kind"] == "visit"
    finally:
        b2.caseload.close()
        a.caseload.close()


def _reopen(folder: Path) -> Any:
    from iro_desktop.store.caseload import open_caseload

    return open_caseload(folder, passphrase=PASSPHRASE)


# --- locked means no sync ----------------------------------------------------------------------


def test_no_sync_while_locked(central: Central, tmp_path: Path, qtbot: Any) -> None:
    email = central.iro()
    laptop = Laptop.make(tmp_path, "laptop", email)
    laptop.connect(central.url, central.token(email))
    laptop.add_child(f"L{uuid.uuid4().hex[:6]}")
    laptop.caseload.close()
    window = open_window(laptop.folder, qtbot)
    try:
        unlock_and_sync(window, qtbot)
        ui, controller = window.sync_ui, window.sync_ui.controller
        finished: list[object] = []
        controller.finished.connect(finished.append)
        syncs = controller.syncs

        # A sync asked for just before the lock: the lock waits for it, then drops its result.
        assert controller.request()
        window.lock()
        assert window.is_locked() and not controller.attached and not controller.running
        assert controller.runner.pool.activeThreadCount() == 0
        QApplication.processEvents()  # deliver anything queued from the worker
        assert finished == [] and controller.syncs == syncs

        # While locked: nothing can start a sync, nothing is scheduled, nothing is shown.
        assert not controller.timer.isActive()
        assert controller.request() is False
        assert not ui.sync_action.isEnabled() and not ui.conflicts_action.isEnabled()
        ui.sync_action.trigger()
        controller.network_changed(__import__("PySide6.QtNetwork", fromlist=["x"])
                                   .QNetworkInformation.Reachability.Online)  # fmt: skip
        assert not controller.running and controller.runner.pool.activeThreadCount() == 0
        assert not ui.line.isVisible()
        assert window.statusBar().findChild(type(ui.line)) is ui.line

        # Unlocked again: it syncs again.
        outcome = unlock_and_sync(window, qtbot)
        assert outcome.error is None and controller.syncs == syncs + 1
    finally:
        close(window)


def test_connect_from_the_window(central: Central, tmp_path: Path, qtbot: Any) -> None:
    """Connect dialog: a wrong token is refused in words; the right one connects and syncs."""
    email = central.iro()
    laptop = Laptop.make(tmp_path, "laptop", email)
    child = laptop.add_child(f"K{uuid.uuid4().hex[:6]}")
    laptop.caseload.close()
    window = open_window(laptop.folder, qtbot)
    try:
        window.try_unlock(PASSPHRASE)
        ui = window.sync_ui
        qtbot.waitUntil(lambda: ui.line.text().startswith("Not connected"), timeout=WAIT_MS)
        assert ui.line.connect_button.isVisible() and not ui.line.sync_button.isVisible()
        ui.sync_action.trigger()  # not connected: "Sync now" offers to connect
        dialog = ui.connect_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.server.setText(central.url)
        dialog.token.setText("not-a-real-token")
        qtbot.waitUntil(lambda: True)
        dialog.submit()
        qtbot.waitUntil(lambda: "Not connected:" in dialog.message.text(), timeout=WAIT_MS)
        assert "refused this laptop's token" in dialog.message.text()
        assert dialog.token.echoMode() == dialog.token.EchoMode.Password
        dialog.token.setText(central.token(email))
        with qtbot.waitSignal(ui.controller.finished, timeout=WAIT_MS) as done:
            dialog.submit()
        assert done.args[0].error is None and done.args[0].summary.applied >= 2
        assert child in central.rows_for({child})
        assert ui.line.text() == "Synced just now · no changes waiting"
        with window.caseload.session() as s:
            from iro_desktop.sync import state

            assert state.connection(s) is not None
            assert s.scalar(select(Child.id).where(Child.id == child)) == child
    finally:
        close(window)


@pytest.fixture(autouse=True)
def _no_leftover_windows() -> Any:
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
