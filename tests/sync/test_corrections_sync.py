"""A correction, a deletion and its undo travel like any write: a deleted visit is a
tombstone the central store keeps and the other laptop drops from the child's record."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iro_desktop.store.errors import ChangedSince
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


def _visit_on_both(a: Laptop, b: Laptop) -> tuple[str, str]:
    child_id = a.add_child(f"V{uuid.uuid4().hex[:6]}")
    with operation(a.caseload, a.actor) as op:
        visit_id = visits.add(op, op.session.get(Child, child_id), FIELDS, today=TODAY).id
    a.sync()
    b.sync()
    return child_id, visit_id


def _correct(laptop: Laptop, visit_id: str, summary: str) -> Any:
    fixed = visits.VisitFields(**{**FIELDS.__dict__, "summary": summary})
    with operation(laptop.caseload, laptop.actor) as op:
        visits.correct(op, visit_id, fixed, today=TODAY)
        return op.changes


def test_an_undo_after_a_pull_brought_another_laptops_change_is_refused(
    central: Central, tmp_path: Path
) -> None:
    a, b, _ = laptop_pair(central, tmp_path)
    child_id, visit_id = _visit_on_both(a, b)
    changes = _correct(a, visit_id, "Talked about football.")
    a.sync()
    b.sync()
    _correct(b, visit_id, "Talked about football and the match on Saturday.")
    b.sync()
    assert a.sync().pulled >= 1  # the other laptop's correction is here now
    [((table, row_id), (before, after))] = list(changes.versions.items())
    with pytest.raises(ChangedSince) as caught, operation(a.caseload, a.actor) as op:
        entries.restore(op, [(table, row_id, before)], label="undo correct visit",
                        action="undo", expected={(table, row_id): after})  # fmt: skip
    assert "changed on another computer after your change, so undoing it" in str(caught.value)
    with a.caseload.session() as s:
        assert s.get(Visit, visit_id).summary.endswith("on Saturday.")  # type: ignore[union-attr]
    summary = a.sync()
    assert summary.pushed == 0 and not summary.full_resync  # nothing was written or queued
    assert central.rows_for({child_id})[visit_id]["summary"].endswith("on Saturday.")


def test_a_correction_pulled_from_another_laptop_says_corrected(
    central: Central, tmp_path: Path
) -> None:
    a, b, _email = laptop_pair(central, tmp_path)
    child_id, visit_id = _visit_on_both(a, b)
    with a.caseload.session() as s:
        assert load_child(s, child_id).corrected.get(visit_id, "") == ""
    _correct(b, visit_id, "Talked about football.")
    b.sync()
    summary = a.sync()
    assert summary.pulled >= 1 and not summary.full_resync
    with a.caseload.session() as s:
        note = load_child(s, child_id).corrected[visit_id]
    assert note.startswith("corrected ") and note.endswith(" on another computer by Test IRO")
    with b.caseload.session() as s:
        here = load_child(s, child_id).corrected[visit_id]
    assert here == note.replace(" on another computer", "")
    # The stamp is part of the row: both laptops and the central store agree, and syncing
    # again moves nothing (idempotent).
    assert a.payloads()[visit_id] == b.payloads()[visit_id]
    assert central.rows_for({child_id})[visit_id]["corrected_by"] == b.email
    again = a.sync()
    assert (again.pushed, again.pulled, again.full_resync) == (0, 0, False)
    # The other laptop undoes its correction: here it is no longer corrected either.
    [((table, row_id), (before, after))] = list(_undo_target(b, visit_id).items())
    with operation(b.caseload, b.actor) as op:
        entries.restore(op, [(table, row_id, before)], label="undo correct visit",
                        action="undo", expected={(table, row_id): after})  # fmt: skip
    b.sync()
    a.sync()
    with a.caseload.session() as s:
        assert load_child(s, child_id).corrected.get(visit_id, "") == ""
        assert s.get(Visit, visit_id).summary == FIELDS.summary  # type: ignore[union-attr]


def _undo_target(laptop: Laptop, visit_id: str) -> dict[tuple[str, str], tuple[Any, Any]]:
    """The last correction's before and after, from the audit trail and the row."""
    from iro_desktop.store.reads.corrections import history
    from iro_desktop.store.serialise import to_payload

    with laptop.caseload.session() as s:
        row = s.get(Visit, visit_id)
        assert row is not None
        audit = [a for a in history(s, visit_id) if a.action == "correct"][-1]
        after = to_payload(row)
        before = {**after, **(audit.before or {}), "corrected_at": None, "corrected_by": None}
    return {("visits", visit_id): (before, after)}
