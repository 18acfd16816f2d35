"""Nothing typed is lost: a visit typed, the caseload locked the real way, unlocked, the
visit offered, finished and saved with the child's words intact; the draft lives only
inside the encrypted file (no temp file, never synced)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.gui.tasks import TaskRunner
from iro_desktop.gui.workflows import WORKFLOWS
from iro_desktop.gui.workflows.visit_dialog import VisitDialog
from iro_desktop.store import drafts
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.schema import MODELS_BY_TABLE, Child, OutboxEntry, Visit
from tests.gui.conftest import make_window

WORDS = "I want to stay at Marram Road with Toffee the dog zq7wk"  # a marker no file has
VISIT = next(o for label, _about, o in WORKFLOWS if label == "Record a &visit…")


def files_holding(marker: bytes, roots: list[Path], since: float) -> list[Path]:
    """Every file under ``roots`` written since ``since`` whose bytes hold the marker (as
    UTF-8 or UTF-16, the two ways text might be written out)."""
    found = []
    wide = marker.decode().encode("utf-16-le")
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder, name)
                try:
                    info = path.stat()
                    if info.st_mtime < since or info.st_size > 50_000_000 or not path.is_file():
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue
                if marker in data or wide in data:
                    found.append(path)
    return found


def unlock(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        window.try_unlock(DEMO_PASSPHRASE)
    qtbot.waitUntil(lambda: bool(window.workspace.caseload.model.rows), timeout=30_000)


def test_a_visit_typed_survives_the_lock_and_is_finished_after_unlocking(
    demo_folder: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    started = time.time() - 1
    window = make_window(demo_folder, qtbot, runner=TaskRunner())
    unlock(window, qtbot)
    row = window.workspace.caseload.model.rows[0]
    window.workspace.open_child(row.child_id)
    dialog = VISIT(window.workspace.record, window.ctx, row.child_id)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.place, "The park cafe")
    qtbot.keyClicks(dialog.words, WORDS)
    assert dialog.autosave.isActive()  # typing just now: not yet kept by the timer

    window.lock()  # the real lock path: the draft is kept before the caseload closes
    assert window.is_locked()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)  # the dialog went with the workspace

    caseload = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    try:
        kept = drafts.unfinished_forms(caseload)
        with caseload.session() as s:
            entries = s.scalars(select(OutboxEntry)).all()
            outbox = " ".join(str(v) for e in entries for v in vars(e).values())
            child = s.get(Child, row.child_id)
            assert child is not None
            first = child.preferred_name or child.first_name
        synced = [e for e in entries if e.table_name == "drafts"]
    finally:
        caseload.close()
    assert [k.draft.values["values"]["child_words"] for k in kept] == [WORDS]
    assert WORDS not in outbox and synced == []  # a draft is never synced
    assert "drafts" not in MODELS_BY_TABLE  # nor can be: sync knows only these tables
    roots = [demo_folder, Path(tempfile.gettempdir())]
    assert files_holding(WORDS.encode(), roots, started) == []  # only inside the encryption

    unlock(window, qtbot)
    qtbot.waitUntil(lambda: window.unfinished is not None and window.unfinished.isVisible())
    prompt = window.unfinished
    label, carry, _discard = prompt.rows[kept[0].draft.key]
    assert label.text().startswith(f"You have an unfinished visit for {first} (saved ")
    with qtbot.waitSignal(prompt.reopened) as opened:
        carry.click()
    again = opened.args[0]
    assert isinstance(again, VisitDialog) and again.child_id == row.child_id
    assert window.workspace.record is not None and window.workspace.record.child_id == row.child_id
    qtbot.waitUntil(lambda: again.words.toPlainText() == WORDS)  # every field back
    assert again.place.text() == "The park cafe" and again.restored_note.isVisible()
    assert not prompt.isVisible()  # nothing else unfinished
    qtbot.keyClicks(again.summary, "Settled; wants more time with her brother.")
    with qtbot.waitSignal(again.saved, timeout=10_000):
        again.save()

    with window.ctx.caseload.session() as s:
        visit = s.scalars(select(Visit).where(Visit.child_words == WORDS)).one()
        assert visit.child_id == row.child_id and visit.place == "The park cafe"
    qtbot.waitUntil(lambda: drafts.unfinished_forms(window.ctx.caseload) == [])  # saved: gone


def test_the_prompt_discards_and_says_how_to_carry_on_a_correction(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = window.workspace.caseload.model.rows[0]
    caseload = window.ctx.caseload
    visit = {"kind": "iro_desktop.gui.workflows.visit_dialog:VisitDialog", "reopenable": True,
             "args": [{"$": "parent"}, {"$": "ctx"}, row.child_id], "kwargs": {},
             "what": "visit", "values": {"child_words": "Hello"}}  # fmt: skip
    edit = {"kind": "iro_desktop.gui.record.edit_dialogs:PlacementEditDialog",
            "reopenable": False, "what": "placement change", "values": {}}  # fmt: skip
    drafts.save_draft(caseload, "form:visit", row.child_id, visit)
    drafts.save_draft(caseload, "form:edit", row.child_id, edit)
    drafts.save_draft(caseload, f"profile:{row.child_id}", row.child_id, {"school": "x"})
    window.lock()
    window.try_unlock(DEMO_PASSPHRASE)
    prompt = window.unfinished
    assert prompt is not None and prompt.isVisible()
    assert set(prompt.rows) == {"form:visit", "form:edit"}  # the profile restores itself
    label, carry, _drop = prompt.rows["form:edit"]
    carry.click()
    assert label.text().endswith("what you typed comes back.")
    assert window.workspace.record.child_id == row.child_id  # its record is open
    prompt.rows["form:visit"][2].click()  # Discard
    keys = [u.draft.key for u in drafts.unfinished_forms(window.ctx.caseload)]
    assert keys == ["form:edit"] and prompt.isVisible()  # the correction is still kept


def test_the_lock_keys_lock_from_inside_a_dialog_and_keep_what_was_typed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A window-modal dialog blocks the main window's own Ctrl+L; the lock still comes,
    and what was typed is kept as a draft (found in a real window: Ctrl+L typed nothing)."""
    row = window.workspace.caseload.model.rows[0]
    window.workspace.open_child(row.child_id)
    dialog = VISIT(window.workspace.record, window.ctx, row.child_id)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.words, WORDS)
    qtbot.keyClick(dialog.words, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked()
    caseload = open_caseload(window.folder, passphrase=DEMO_PASSPHRASE)
    try:
        kept = drafts.unfinished_forms(caseload)
    finally:
        caseload.close()
    assert [k.draft.values["values"]["child_words"] for k in kept] == [WORDS]
