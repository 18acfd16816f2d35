"""The tour's pictures of reading back and putting right: the day's meetings on Home, a
visit opened in full, a correction refused beside its field and then saved ("corrected ...
by ..."), and Undo in the Edit menu. It writes through the store operations, on the
tour's own copy of the demo caseload. Synthetic children only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

WORDS = ("I like living with Auntie Jo because she lets me feed the chickens before school. "
         "I want to see my brother Kai more, and I don't want to move school again.")  # fmt: skip
NEXT_STEPS = "Ask the social worker about more time with Kai; check the PEP by Friday."
VENUES = ("Meadowbank Primary School, the quiet room", "At the foster home",
          "Family centre, Church Lane, room 2")  # fmt: skip
TIMES = ("10:00", "14:30", "16:15")
_state: dict[str, Any] = {}


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _write(window: Any, fn: Callable[[Any], Any]) -> Any:
    out: list[Any] = []
    window.ctx.write(fn, out.append, owner=window)
    _settle()
    if not out:
        raise RuntimeError("the tour's write was refused")
    return out[0]


def over(window: QWidget, *dialogs: tuple[QWidget, QPoint | None]) -> QWidget:
    """The window at laptop size with each dialog or menu drawn where it sits (centred
    when no place is given), as the IRO sees it."""
    _settle()
    picture = window.grab()
    painter = QPainter(picture)
    for dialog, at in dialogs:
        if at is None:
            at = QPoint((picture.width() - dialog.width()) // 2,
                        (picture.height() - dialog.height()) // 2)  # fmt: skip
            painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
        painter.drawPixmap(at, dialog.grab())
    painter.end()
    label = QLabel()
    label.setPixmap(QPixmap(picture))
    label.resize(picture.size())
    return label


def _plan_meetings(window: Any) -> None:
    """Two or three reviews planned this week, with times and venues, and a visit."""
    from sqlalchemy import select

    from iro_desktop.store.ops import casework
    from iro_desktop.store.ops import reviews as review_ops
    from iro_desktop.store.schema import Child, Review

    today: date = window.ctx.today
    shown = window.workspace.record.child_id if window.workspace.record else None
    sunday = today + timedelta(days=6 - today.weekday())
    days = [min(today + timedelta(days=n), sunday) for n in (0, 1, 3)]

    def plan(op: Any) -> int:
        planned = set(op.session.scalars(select(Review.child_id).where(
            Review.status == "planned", Review.deleted.is_(False))))  # fmt: skip
        children = [c for c in op.session.scalars(
            select(Child).where(Child.deleted.is_(False)).order_by(Child.child_ref))
            if c.id not in planned and c.id != shown and c.became_looked_after < today]  # fmt: skip
        for child, on, time, venue in zip(children, days, TIMES, VENUES, strict=False):
            review_ops.plan_review(op, child, today=today, planned_date=on, planned_time=time,
                                   venue=venue, invitees=["Social worker", "Carer"])  # fmt: skip
        visited = children[len(days)] if len(children) > len(days) else children[0]
        casework.add_visit(op, visited, visit_date=today, method="in_person", today=today,
                           place="At school", seen_alone=True,
                           summary="Settled; talked about her new friends.")  # fmt: skip
        return len(days)

    _write(window, plan)


def home_meetings(window: Any) -> QWidget:
    _plan_meetings(window)
    window.workspace.go(0)
    window.workspace.home.meetings.reload()
    _settle()
    return window  # type: ignore[no-any-return]


def _record(window: Any) -> Any:
    record = window.workspace.record
    if record is None:
        raise LookupError("open a child's record first")
    return record


def opened_visit(window: Any) -> QWidget:
    """A visit with the child's words, next steps and mileage, opened from the footprint."""
    from iro_desktop.store.ops import casework
    from iro_desktop.store.schema import Child

    record = _record(window)
    child_id, today = record.child_id, window.ctx.today

    def add(op: Any) -> str:
        child = op.session.get(Child, child_id)
        return str(casework.add_visit(
            op, child, visit_date=today - timedelta(days=2), method="in_person", today=today,
            purpose="pre_review", place="At the foster home", seen_alone=True,
            child_words=WORDS, summary="Settled and chatty; school going well.",
            next_steps=NEXT_STEPS, mileage=37, travel_minutes=55,
        ).id)  # fmt: skip

    visit_id = _write(window, add)
    _state["visit_id"] = visit_id
    record.show_tab("Footprint")
    shown = record.footprint.shown()
    record.footprint.table.selectRow(next(n for n, e in enumerate(shown) if e.row_id == visit_id))
    dialog = record.open_entry("visits", visit_id)
    _state["dialog"] = dialog
    return over(window, (dialog, None))


def correction_refused(window: Any) -> QWidget:
    """Edit on the visit: a date before the child came into care, refused beside the field."""
    from iro_desktop.gui.record.editors import open_editor

    record = _record(window)
    viewer = _state.pop("dialog", None)
    if viewer is not None:
        viewer.close()
    opening = open_editor(record, record.ctx, record.child_id, "visit", _state["visit_id"])
    _settle()
    dialog: Any = opening.dialog
    if dialog is None:
        raise LookupError("the visit did not open for correcting")
    _state["editor"] = dialog
    came: date = record.file.child.became_looked_after
    _state["date"] = dialog.form.values()["visit_date"]
    dialog.form.set_values({"visit_date": (came - timedelta(days=1)).strftime("%d/%m/%Y"),
                            "mileage": 42})  # fmt: skip
    dialog.save()
    _settle()
    return over(window, (dialog, None))


def correction_saved(window: Any) -> QWidget:
    """The date put back and saved: the footprint says "corrected <date> by <name>"."""
    record = _record(window)
    dialog = _state.pop("editor")
    dialog.form.set_values({"visit_date": _state["date"]})
    dialog.save()
    _settle()
    shown = record.footprint.shown()
    row = next(n for n, e in enumerate(shown) if e.row_id == _state["visit_id"])
    record.footprint.table.selectRow(row)
    return window  # type: ignore[no-any-return]


def undo_in_the_edit_menu(window: Any) -> QWidget:
    """The Edit menu open: "Undo correct visit"."""
    edit: QMenu | None = next((a.menu() for a in window.menuBar().actions()
                               if a.text() == "&Edit"), None)  # fmt: skip
    if edit is None:
        raise LookupError("no Edit menu")
    geometry = window.menuBar().actionGeometry(edit.menuAction())
    at = window.menuBar().mapTo(window, geometry.bottomLeft())
    edit.ensurePolished()  # drawn, not popped up: a popup grabs the keyboard
    edit.resize(edit.sizeHint())
    edit.setActiveAction(edit.actions()[0])
    return over(window, (edit, at))


def steps() -> list[tuple[str, Callable[[Any], QWidget]]]:
    return [
        ("record-entry-visit-opened", opened_visit),
        ("record-correct-visit-refused", correction_refused),
        ("record-correct-visit-saved", correction_saved),
        ("record-undo-in-edit-menu", undo_in_the_edit_menu),
    ]


__all__ = ["home_meetings", "over", "steps"]
