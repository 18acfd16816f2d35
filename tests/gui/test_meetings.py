"""Home's "My meetings": planned reviews and visits, with time and venue, today or this week."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from iro_desktop.store.ops import casework, reviews
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.meetings import MeetingKind, Span
from iro_desktop.store.schema import Child, Review
from tests.conftest import TODAY


def unplanned_children(window: Any, n: int) -> list[str]:
    with window.ctx.caseload.session() as s:
        planned = set(s.scalars(select(Review.child_id).where(Review.status == "planned")))
        ids = [c.child_id for c in window.workspace.caseload.model.rows]
    return [i for i in ids if i not in planned][:n]


def write(window: Any, fn: Any) -> None:
    done: list[Any] = []
    window.ctx.write(fn, done.append, owner=window)
    assert done, "the write did not finish"


def rows(window: Any) -> list[list[str]]:
    tree = window.workspace.home.meetings.tree
    return [[tree.topLevelItem(i).text(c) for c in range(4)]
            for i in range(tree.topLevelItemCount())]  # fmt: skip


def test_a_planned_review_shows_its_time_and_venue_and_filters_by_kind(window: Any) -> None:
    later, today_child = unplanned_children(window, 2)

    def plan(op: Op) -> None:
        child = op.session.get(Child, later)
        assert child is not None
        reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(days=2),
                            planned_time="16:00", venue="Larkfield Family Centre")  # fmt: skip
        other = op.session.get(Child, today_child)
        assert other is not None
        casework.add_visit(op, other, visit_date=TODAY, method="in_person", today=TODAY,
                           place="Foster home, Elm Road")  # fmt: skip

    write(window, plan)  # Home reloads through the usual Changes signal
    panel = window.workspace.home.meetings
    shown = rows(window)
    review = next(r for r in shown if "Larkfield Family Centre" in r)
    assert review[0] == "Thu 26 Nov, 16:00" and "review" in review[2].lower()
    visit = next(r for r in shown if "Foster home, Elm Road" in r)
    assert visit[0] == "Today" and visit[2].startswith("Visit")

    panel.spans[Span.TODAY].setChecked(True)  # today only: the review on Thursday goes
    assert any("Foster home, Elm Road" in r for r in rows(window))
    assert not any("Larkfield Family Centre" in r for r in rows(window))
    assert panel.count.text().endswith("today")

    panel.spans[Span.THIS_WEEK].setChecked(True)
    panel.kinds[MeetingKind.VISIT].setChecked(False)  # reviews only
    assert rows(window) and not any(r[2].startswith("Visit") for r in rows(window))
    assert any("Larkfield Family Centre" in r for r in rows(window))


def test_a_planned_review_shows_its_time_on_the_childs_reviews_tab(window: Any) -> None:
    (child_id,) = unplanned_children(window, 1)

    def plan(op: Op) -> None:
        child = op.session.get(Child, child_id)
        assert child is not None
        reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(days=9),
                            planned_time="09:30", venue="Oak Lane School")  # fmt: skip

    write(window, plan)
    window.workspace.open_child(child_id)
    table = window.workspace.record.reviews
    texts = [[table.item(r, c).text() for c in range(table.columnCount())]
             for r in range(table.rowCount())]  # fmt: skip
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    planned = dict(zip(headers, next(t for t in texts if "Planned" in t), strict=True))
    assert planned["Date"].endswith(", 09:30") and planned["Venue"] == "Oak Lane School"


def test_file_export_calendar_writes_a_file_outlook_can_read(window: Any, tmp_path: Any) -> None:
    from icalendar import Calendar

    action = window.calendar_action
    assert action.isEnabled() and action.text() == "&Export calendar…"
    action.trigger()
    dialog = window.calendar_dialog
    assert dialog is not None and not dialog.full_names.isChecked()
    dialog.path.setText(str(tmp_path / "missing" / "x.ics"))
    dialog.export()
    assert "does not exist" in dialog.form.error_text("file")  # beside the field
    dialog.path.setText(str(tmp_path / "mine.ics"))
    dialog.last.setText("01/01/2020")
    dialog.export()
    assert "before the first day" in dialog.form.error_text("last")
    dialog.last.setText("28/02/2027")
    dialog.export()
    events = list(Calendar.from_ical((tmp_path / "mine.ics").read_bytes()).walk("VEVENT"))
    assert events and "Saved" in window.status.text()
    rows = window.workspace.caseload.model.rows
    text = (tmp_path / "mine.ics").read_text(encoding="utf-8")
    assert not [r for r in rows if r.full_name in text]  # no full name by default
