"""A correction, a deletion and its undo travel like any write: a deleted visit is a
tombstone the central store keeps and the other laptop drops from the child's record."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from iro_desktop.store.ops import entries, visits
from iro_desktop.store.ops.core import operation
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.schema import Child, Visit
from tests.conftest import TODAY
from tests.sync.harness import Central, Laptop, laptop_pair

FIELDS = visits.VisitFields(visit_date=date(2026, 10, 1), method="in_person",
                            summary="Talked about school.", seen_alone=True)  # fmt: skip


def footprint_ids(laptop: Laptop, child_id: str) -> set[str]:
    with laptop.caseload.session() as s:
        return {e.row_id for e in load_child(s, child_id).footprint}


def test_a_deleted_visit_disappears_on_the_other_laptop_and_its_undo_returns(
    central: Central, tmp_path: Path
) -> None:
    a, b, _ = laptop_pair(central, tmp_path)
    child_id = a.add_child(f"V{uuid.uuid4().hex[:6]}")
    with operation(a.caseload, a.actor) as op:
        visit_id = visits.add(op, op.session.get(Child, child_id), FIELDS, today=TODAY).id
    a.sync()
    b.sync()
    assert visit_id in footprint_ids(b, child_id)

    fixed = visits.VisitFields(**{**FIELDS.__dict__, "summary": "Talked about football."})
    with operation(b.caseload, b.actor) as op:
        visits.correct(op, visit_id, fixed, today=TODAY)
    b.sync()
    a.sync()
    with a.caseload.session() as s:
        assert s.get(Visit, visit_id).summary == "Talked about football."  # type: ignore[union-attr]

    with operation(a.caseload, a.actor) as op:
        entries.delete(op, "visit", visit_id, "Recorded on the wrong child")
        versions = op.changes.versions
    a.sync()
    assert central.rows_for({child_id})[visit_id]["deleted"] is True
    b.sync()
    with b.caseload.session() as s:
        assert s.get(Visit, visit_id).deleted  # type: ignore[union-attr]
    assert visit_id not in footprint_ids(b, child_id)

    # The undo is one more synced write: the visit comes back on both laptops.
    (table, row_id), (before, _after) = next(iter(versions.items()))
    with operation(a.caseload, a.actor) as op:
        entries.restore(op, [(table, row_id, before)], label="undo delete visit", action="undo")
    a.sync()
    b.sync()
    assert visit_id in footprint_ids(b, child_id)
    assert b.payloads()[visit_id] == a.payloads()[visit_id]
