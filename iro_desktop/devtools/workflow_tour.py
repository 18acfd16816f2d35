"""The tour's pictures of each review-cycle screen, opened on the child the tour shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

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
        window = opener(record, record.ctx, record.child_id)
        _open.append(window)
        if hasattr(window, "unlocked"):
            window.showNormal()  # offscreen "full screen" is the virtual screen's size
            window.resize(*SIZE)
        for _ in range(3):
            QApplication.processEvents()
        return window  # type: ignore[no-any-return]

    return show


def _consultations(main_window: QWidget) -> QWidget:
    """At a glance, with one form sent so the statuses read as they do mid-cycle."""
    window = _step("Consultations at a &glance…")(main_window)
    if window.rows and window.current() is None:  # type: ignore[attr-defined]
        window.table.selectRow(0)  # type: ignore[attr-defined]
    _settle()
    return window


def _decision_removal(main_window: QWidget) -> QWidget:
    """The review's decisions with one saved decision marked to be removed (not yet saved)."""
    from sqlalchemy import select

    from iro_desktop.gui.workflows.review_hold import HoldReviewDialog
    from iro_desktop.store.schema import Decision, Review

    _close_previous()
    record = _record(main_window)
    caseload, child_id = record.ctx.caseload, record.child_id
    with caseload.session() as s:
        review_id = s.scalar(
            select(Review.id)
            .join(Decision, Decision.review_id == Review.id)
            .where(Review.child_id == child_id, Review.status == "held",
                   Review.deleted.is_(False), Decision.deleted.is_(False))
            .order_by(Review.held_date.desc())
            .limit(1)
        )  # fmt: skip
    dialog = HoldReviewDialog(record, record.ctx, child_id, review_id)
    _open.append(dialog)
    dialog.resize(1180, 720)
    dialog.open()
    _settle()
    table = dialog.decisions
    saved = [r for r in range(table.table.rowCount())
             if (item := table.table.item(r, 0)) is not None and item.data(256)]  # fmt: skip
    if saved:
        table.table.selectRow(saved[0])
        table.table.setCurrentCell(saved[0], 0)
        table.reason.setText("Recorded twice by mistake")
        table.mark_selected("remove")
    scroll = dialog.findChild(QScrollArea)
    if scroll is not None:
        scroll.ensureWidgetVisible(table, 0, 0)
        bar = scroll.verticalScrollBar()
        bar.setValue(min(bar.maximum(), table.mapTo(dialog.form, table.rect().topLeft()).y() - 40))
    _settle()
    return dialog


def _cancel_review(main_window: QWidget) -> QWidget:
    window = _step("Ca&ncel or move the review…")(main_window)
    if window.save_button.isEnabled():  # type: ignore[attr-defined]
        window.reason.setPlainText("Wren has exams that week; moved with her agreement.")  # type: ignore[attr-defined]
    _settle()
    return window


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


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
        ("workflow-consultations-at-a-glance", _consultations),
        ("workflow-consultation", _step("Consultation &form…")),
        ("workflow-pre-meeting-report", _step("Pre-meeting &report…")),
        ("workflow-hold-review", _step("Hold / &write up review…")),
        ("workflow-decisions-removal", _decision_removal),
        ("workflow-cancel-or-move-review", _cancel_review),
        ("workflow-midway-update", _step("&Mid-way update…")),
        ("workflow-challenges", _step("C&hallenges…")),
        ("workflow-feedback", _step("Child's feedbac&k…")),
        ("child-mode-welcome", _step("&Child mode…")),
        ("child-mode-question", _child_mode_question),
        ("child-mode-leaving", _child_mode_leaving),
        ("workflow-done", _finish),
    ]
