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
    window.current_question().pick("good")  # type: ignore[attr-defined]
    return window


def _child_mode_leaving(main_window: QWidget) -> QWidget:
    window: Any = _open[-1] if _open else _step("&Child mode…")(main_window)
    window.ask_passphrase()
    return window  # type: ignore[no-any-return]


def _child_in_band(ctx: Any, band: str) -> str | None:
    """A demo child of that age band with a review to answer for."""
    from sqlalchemy import select

    from iro_desktop.domain import codes
    from iro_desktop.domain.dates import age_on
    from iro_desktop.domain.errors import ValidationError
    from iro_desktop.store.errors import NeedsDoingFirst
    from iro_desktop.store.reads.child_mode import load_child_mode
    from iro_desktop.store.schema import Child

    with ctx.caseload.session() as s:
        for child in s.scalars(select(Child).where(Child.deleted.is_(False))):
            try:
                if codes.child_band(age_on(child.date_of_birth, ctx.today)) != band:
                    continue
                load_child_mode(s, child.id, ctx.today)
            except (ValidationError, LookupError, NeedsDoingFirst):  # no review planned
                continue
            return str(child.id)
    return None


def _child_mode_for(band: str, setup: Callable[[Any], None]) -> Callable[[QWidget], QWidget]:
    """Child mode as a child of that age band sees it (its own look and questions)."""

    def show(main_window: QWidget) -> QWidget:
        from iro_desktop.gui.workflows.child_mode import ChildModeWindow

        _close_previous()
        ctx = _record(main_window).ctx
        found = _child_in_band(ctx, band)
        if found is None:
            raise LookupError(f"no demo child aged {band} with a review")
        window = ChildModeWindow(ctx, found)
        _open.append(window)
        window.showNormal()
        window.resize(*SIZE)
        _settle()
        setup(window)
        _settle()
        return window

    return show


def _youngest(window: Any) -> None:
    window.next()
    window.current_question().pick("good")


def _middle(window: Any) -> None:
    page = next(p for p in window.pages if p.picture_buttons)
    window.stack.setCurrentWidget(page)
    for key in list(page.picture_buttons)[:2]:
        page.picture_buttons[key].setChecked(True)
    page.box.setPlainText("Playing football with my friends on Saturdays")


def _oldest(window: Any) -> None:
    page = window.pages[1]
    window.stack.setCurrentWidget(page)
    page.box.setPlainText("College is going OK. I want to talk about contact with my brother.")
    page.private.setChecked(True)


def _drawing(window: Any) -> None:
    from PySide6.QtCore import QPointF

    page = next(p for p in window.pages if p.pad is not None)
    window.stack.setCurrentWidget(page)
    page.draw_button.setChecked(True)
    _settle()
    pad = page.pad
    for stroke in range(3):  # a sun, a house and a person, roughly
        pad.lift()
        for n in range(40):
            pad.stroke_to(QPointF(60 + 150 * stroke + 2.5 * n, 80 + 40 * ((n // 10) % 2) + n))
    pad.lift()


def _summary(window: Any) -> None:
    _drawing(window)
    window.pages[0].pick("great")
    window.pages[1].pick("okay")
    window.stack.setCurrentWidget(window.summary_page)


def _alert_as_the_iro_sees_it(window: Any) -> None:
    window.press_alert("not_safe")
    window.unlocked = True  # the tour itself is the IRO here: no passphrase to type
    window._hand_back()


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
        ("child-mode-age-4-7", _child_mode_for("child_4_7", _youngest)),
        ("child-mode-age-8-12-pictures", _child_mode_for("child_8_12", _middle)),
        ("child-mode-age-13-plus-just-for-my-iro", _child_mode_for("child_13_plus", _oldest)),
        ("child-mode-drawing", _child_mode_for("child_4_7", _drawing)),
        ("child-mode-summary", _child_mode_for("child_4_7", _summary)),
        (
            "child-mode-alert-as-the-iro-sees-it",
            _child_mode_for("child_8_12", _alert_as_the_iro_sees_it),
        ),
        ("workflow-done", _finish),
    ]
