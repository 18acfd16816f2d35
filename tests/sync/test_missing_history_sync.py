"""The day a child's last review was found missing travels with the child through a real
central store, and so does its clearing when the other laptop records that review."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.ops.core import operation
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.schema import Child
from tests.helpers import TODAY
from tests.sync.harness import Central, laptop_pair


def test_the_last_review_date_needed_reaches_the_other_laptop_and_clears_there_and_back(
    central: Central, tmp_path: Path
) -> None:
    a, b, _ = laptop_pair(central, tmp_path)
    child_id = a.add_child(f"R{uuid.uuid4().hex[:6]}")  # in care since 4 May 2021
    with operation(a.caseload, a.actor) as op:
        child = op.session.get(Child, child_id)
        assert child_ops.note_missing_history(op, [child], TODAY) == [child]
    assert a.sync().conflicts == 0
    assert central.rows_for({child_id})[child_id]["review_history_needed_since"] == "2026-11-24"
    b.sync()
    with b.caseload.session() as s:
        f = load_child(s, child_id)
        assert f.child.review_history_needed_since == TODAY
        assert f.next_review.history_needed == TODAY  # asked for there too, not overdue
    with operation(b.caseload, b.actor) as op:
        child = op.session.get(Child, child_id)
        review_ops.record_last_review(op, child, held_date=date(2026, 9, 1),
                                      participation_code="PN1", today=TODAY)  # fmt: skip
    assert b.sync().conflicts == 0
    a.sync()
    with a.caseload.session() as s:
        f = load_child(s, child_id)
        assert f.child.review_history_needed_since is None
        assert f.next_review.due == date(2027, 3, 1)  # a later review: 6 months on
