"""A write by another program (``iro-desktop import`` at a terminal) shows in the open
window without the IRO doing anything: the file is watched, and every view reloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.cli.main import main

HEADER = ("child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
          "became_looked_after,placement_start,placement_type")  # fmt: skip


def refs(window: Any) -> set[str]:
    return {row.child_ref for row in window.workspace.caseload.model.rows}


def test_an_import_at_the_command_line_shows_in_the_open_window(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "IMP1" not in refs(window)
    csv = tmp_path / "new.csv"
    csv.write_text(f"{HEADER}\nIMP1,Juniper,Ashdown,,2015-04-02,Female,C2,2026-10-01,"
                   "2026-10-01,U6\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
    folder = window.caseload.folder
    assert main(["--data-dir", str(folder), "import", "caseload", str(csv)]) == 0
    qtbot.waitUntil(lambda: "IMP1" in refs(window), timeout=10_000)  # the file watcher
    assert "outside the program" in window.status.text()


def test_coming_back_to_the_window_checks_and_the_programs_own_writes_do_not_count(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = window.workspace.outside
    qtbot.waitUntil(lambda: not watch.busy(), timeout=10_000)  # the sync status read at unlock
    watch.watcher.removePaths(watch.watcher.files())  # only the check on coming back
    before = watch.checks
    watch.check()
    assert watch.checks == before + 1 and "outside" not in window.status.text()
    csv = tmp_path / "new.csv"
    csv.write_text(f"{HEADER}\nIMP2,Rowan,Fairleigh,,2013-01-12,Male,C2,2026-09-01,"
                   "2026-09-01,U4\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
    assert main(["--data-dir", str(window.caseload.folder), "import", "caseload", str(csv)]) == 0
    assert "IMP2" not in refs(window)
    watch._state(Qt.ApplicationState.ApplicationActive)  # the IRO comes back to the window
    assert "IMP2" in refs(window)
