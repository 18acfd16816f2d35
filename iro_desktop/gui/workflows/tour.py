"""The tour's pictures of each review-cycle screen, opened on the child the tour shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

SIZE = (1366, 768)
_open: list[Any] = []


def _close_previous() -> None:
    while _open:
        window = _open.pop()
        if hasattr(window, "unlocked"):
            window.unlocked = True  # the tour itself is the IRO here
        window.close()


def _record(main_window: QWidget) -> Any:
    workspace = getattr(main_window, "workspace", None)
    record = getattr(workspace, "record", None)
    if record is None:
        raise LookupError("open a child's record before the workflow steps")
    return record


def _step(label: str) -> Callable[[QWidget], QWidget]:
    def show(main_window: QWidget) -> QWidget:
        from iro_desktop.gui.workflows import WORKFLOWS

        _close_previous()
        record = _record(main_window)
        opener = {name: fn for name, _about, fn in WORKFLOWS}[label]
        window = opener(record, record.ctx.caseload, record.ctx.runner, record.child_id)
        _open.append(window)
        if hasattr(window, "unlocked"):
            window.showNormal()  # offscreen "full screen" is the virtual screen's size
            window.resize(*SIZE)
        for _ in range(3):
            QApplication.processEvents()
        return window  # type: ignore[no-any-return]

    return show


def _child_mode_question(main_window: QWidget) -> QWidget:
    window = _step("&Child mode…")(main_window)
    window.next()  # type: ignore[attr-defined]
    window.current_question()._pick("good")  # type: ignore[attr-defined]
    return window


def _child_mode_leaving(main_window: QWidget) -> QWidget:
    window = _open[-1] if _open else _step("&Child mode…")(main_window)
    window.ask_passphrase()
    return window  # type: ignore[no-any-return]


def _finish(main_window: QWidget) -> QWidget:
    _close_previous()
    return main_window


def _panel(main_window: QWidget) -> QWidget:
    _close_previous()
    record = _record(main_window)
    for index in range(record.tabs.count()):
        if record.tabs.tabText(index) == "Review cycle":
            record.tabs.setCurrentIndex(index)
    return main_window


def steps() -> list[tuple[str, Callable[[QWidget], QWidget]]]:
    return [
        ("workflow-review-cycle-tab", _panel),
        ("workflow-visit", _step("Record a &visit…")),
        ("workflow-plan-review", _step("Plan the re&view…")),
        ("workflow-consultation", _step("Consultation &form…")),
        ("workflow-pre-meeting-report", _step("Pre-meeting &report…")),
        ("workflow-hold-review", _step("Hold / &write up review…")),
        ("workflow-midway-update", _step("&Mid-way update…")),
        ("workflow-challenges", _step("C&hallenges…")),
        ("workflow-feedback", _step("Child's feedbac&k…")),
        ("child-mode-welcome", _step("&Child mode…")),
        ("child-mode-question", _child_mode_question),
        ("child-mode-leaving", _child_mode_leaving),
        ("workflow-done", _finish),
    ]
