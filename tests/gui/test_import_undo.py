"""An import through the program's Import dialog is one write the IRO can undo (Ctrl+Z)
and redo (Ctrl+Shift+Z) from the Edit menu, which names it; and an undo over an imported
child changed since on another computer is refused with the usual message, nothing lost.
A real encrypted caseload, real widgets offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from iro_desktop.devtools.firstrun_tour import sample_csv
from iro_desktop.gui.setup.import_dialog import ImportDialog
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.schema import AuditEntry, Child, OutboxEntry
from tests.gui.test_first_run import profiled_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def live_children(caseload: Caseload) -> int:
    with caseload.session() as s:
        found = s.scalar(select(func.count()).select_from(Child).where(Child.deleted.is_(False)))
        return int(found or 0)


def imported_window(qtbot: Any, tmp_path: Path) -> Any:
    window = profiled_window(qtbot, tmp_path, "import")
    dialog = window.setup_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.choose(sample_csv(tmp_path / "children.csv"))
    assert "Ready to import 3 children" in dialog.outcome.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("Imported (Ctrl+Z undoes it all).")
    dialog.close()
    assert live_children(window.ctx.caseload) == 3
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return window


def edit_action(window: Any, start: str) -> Any:
    menu = window.menuBar().actions()[1].menu()
    return next(a for a in menu.actions() if a.text().startswith(start))


def test_ctrl_z_undoes_the_whole_import_and_ctrl_shift_z_brings_it_back(
    qtbot: Any, tmp_path: Path
) -> None:
    window = imported_window(qtbot, tmp_path)
    caseload = window.ctx.caseload
    assert window.undo.undoText() == "import of 3 children"
    assert edit_action(window, "&Undo").text() == "&Undo import of 3 children"
    assert len(window.workspace.caseload.model.rows) == 3

    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert live_children(caseload) == 0
    assert window.workspace.caseload.model.rows == []  # the views refreshed
    assert edit_action(window, "&Redo").text() == "&Redo import of 3 children"
    with caseload.session() as s:
        undone = s.scalars(select(AuditEntry.row_id).where(AuditEntry.action == "undo")).all()
        kids = s.scalars(select(Child.id)).all()
        assert set(kids) <= set(undone)
        gone = s.scalars(select(OutboxEntry.row_id).where(OutboxEntry.op == "delete")).all()
        assert set(kids) <= set(gone)  # the other laptop drops them too

    QTest.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert live_children(caseload) == 3
    names = sorted(row.name for row in window.workspace.caseload.model.rows)
    assert names == ["Bea Marlowe", "Kitty Fennick", "Wren Elmstead"]
    assert window.undo.undoText() == "import of 3 children"


def test_undo_of_an_import_refuses_over_a_child_changed_elsewhere(
    qtbot: Any, tmp_path: Path
) -> None:
    from sqlalchemy import update

    from iro_desktop.store.serialise import to_payload
    from iro_desktop.store.types import utcnow
    from iro_desktop.sync import apply

    window = imported_window(qtbot, tmp_path)
    caseload = window.ctx.caseload
    stack = window.undo
    index = stack.index()
    with caseload.session() as s:
        wren = to_payload(s.scalars(select(Child).where(Child.first_name == "Wren")).one())
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
    theirs = {**wren, "version": wren["version"] + 1, "preferred_name": "Renny",
              "updated_at": utcnow().isoformat()}  # fmt: skip
    with apply.applying(caseload) as s:
        s.execute(update(OutboxEntry).values(pushed_at=utcnow()))
        assert apply.apply_rows(s, "children", [theirs], apply.pending_rows(s)) == 1

    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    refusal = (
        "This profile was changed on another computer after your change, so undoing it "
        "would overwrite that. Open it and correct it instead."
    )
    box = stack.command(index - 1).refusal
    assert box is not None and box.isVisible() and box.text() == refusal
    box.accept()
    qtbot.waitUntil(lambda: stack.index() == index)
    assert stack.undoText() == "import of 3 children"  # still there to undo
    assert live_children(caseload) == 3  # nothing written
    with caseload.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits


def test_the_open_import_dialog_says_when_its_import_is_undone_and_redone(
    qtbot: Any, tmp_path: Path
) -> None:
    """The dialog blocks the main window (and its Edit menu) while it is open, so Ctrl+Z
    there is the same Undo; the dialog then says what is true, not "Imported."."""
    window = profiled_window(qtbot, tmp_path, "import")
    dialog = window.setup_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.choose(sample_csv(tmp_path / "children.csv"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("Imported (Ctrl+Z undoes it all). 3 children added")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)

    QTest.keyClick(dialog.lines, Qt.Key.Key_Z, CTRL)
    assert live_children(window.ctx.caseload) == 0
    assert dialog.isVisible() and dialog.outcome.text().startswith("The import was undone:")
    assert "Redo (Ctrl+Shift+Z) brings it back" in dialog.outcome.text()
    assert dialog.lines.count() == 0
    assert not dialog.import_button.isEnabled() and dialog.check_button.isEnabled()
    assert edit_action(window, "&Redo").text() == "&Redo import of 3 children"

    QTest.keyClick(dialog.lines, Qt.Key.Key_Z, CTRL | SHIFT)
    assert live_children(window.ctx.caseload) == 3
    assert dialog.outcome.text().startswith("Imported again (redone). 3 children added")
    edit_action(window, "&Undo").trigger()  # the Edit menu's own item, once it is closed
    assert dialog.outcome.text().startswith("The import was undone:")
    dialog.close()
