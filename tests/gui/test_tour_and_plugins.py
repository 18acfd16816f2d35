"""The tour saves a picture of each screen; the review-cycle workflows plug in."""

from __future__ import annotations

import sys
import types

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPushButton

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from tests.conftest import TODAY


def fake_workflows(monkeypatch, calls: list) -> None:  # type: ignore[no-untyped-def,type-arg]
    module = types.ModuleType("iro_desktop.gui.workflows")
    module.ACTIONS = [("Record a &visit", lambda parent, ctx, cid: calls.append(cid))]
    module.CHILD_TABS = [("Review plan", lambda parent, ctx, cid: QLabel("plan"))]
    module.tour_steps = lambda: [("workflow-visit", lambda window: window)]
    monkeypatch.setitem(sys.modules, "iro_desktop.gui.workflows", module)


def test_workflows_plug_into_the_child_record(window, monkeypatch) -> None:
    calls: list[str] = []
    fake_workflows(monkeypatch, calls)
    child_id = window.workspace.caseload.model.rows[0].child_id
    window.workspace.open_child(child_id)
    record = window.workspace.record
    assert record.tab_titles()[-1] == "Review plan"
    button = next(b for b in record.findChildren(QPushButton) if b.text() == "Record a &visit")
    button.click()
    assert calls == [child_id]
    seen = []
    window.workspace.home.ctx.signals.changes_made.connect(seen.append)
    window.ctx.changed("something changed")  # type: ignore[arg-type]
    assert seen == ["something changed"]


def test_the_tour_saves_each_screen_at_laptop_size(demo_folder, tmp_path, monkeypatch) -> None:
    from iro_desktop.devtools.tour import run_tour

    saved = run_tour(demo_folder, tmp_path / "tour", passphrase=DEMO_PASSPHRASE, today=TODAY)
    names = [p.stem.split("-", 1)[1] for p in saved]
    expected_names = ("unlock", "home", "caseload", "search-results", "child-profile")
    expected_names += ("child-footprint", "child-review-cycle", "workflow-visit", "locked")
    expected_names += ("child-mode-question", "letter-editor", "letter-preview")
    expected_names += ("record-entry-visit-opened", "record-correct-visit-refused",
                       "record-correct-visit-saved", "record-undo-in-edit-menu",
                       "home-my-meetings")  # fmt: skip
    for expected in expected_names:
        assert expected in names
    image = QImage(str(saved[0]))
    assert (image.width(), image.height()) == (1366, 768)
    for name in expected_names[-5:]:  # drawn over the window, at laptop size
        [path] = [p for p in saved if p.stem.endswith(f"-{name}")]
        assert path.exists()
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768), name
