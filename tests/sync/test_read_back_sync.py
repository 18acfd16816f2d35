"""A case note and a confirmed review number travel through a real central store: written
on one laptop by the operation layer, found by search and read back in full on the other."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import select

from iro_desktop.store.ops import casework
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.ops.core import operation
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.reads.entry import read_entry
from iro_desktop.store.schema import AuditEntry, Child, Note, Review
from iro_desktop.store.search import search
from tests.helpers import TODAY
from tests.sync.harness import Central, laptop_pair


def test_a_case_note_is_synced_found_and_read_back_on_the_other_laptop(
    central: Central, tmp_path: Path
) -> None:
    a, b, _ = laptop_pair(central, tmp_path)
    child_id = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    said = "Emailed the virtual school: Sam's tutoring moves to Thursdays, Sam is pleased."
    with operation(a.caseload, a.actor) as op:
        child = op.session.get(Child, child_id)
        note_id = casework.add_note(op, child, note_date=TODAY, kind="email", text=said,
                                    today=TODAY).id  # fmt: skip
    with a.caseload.session() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.row_id == note_id)).all()
        assert len(audit) == 1  # audited in the same operation
    assert a.sync().conflicts == 0
    assert central.rows_for({child_id})[note_id]["kind"] == "email"
    b.sync()
    with b.caseload.session() as s:
        note = s.get(Note, note_id)
        assert note is not None and (note.kind, note.text) == ("email", said)
        [group] = search(s, "tutoring Thursdays")
        [hit] = group.hits
        assert (hit.table, hit.row_id) == ("notes", note_id)
        entry = read_entry(s, hit.table, hit.row_id)
        assert entry.kind == "Case note" and said in entry.text() and "Email" in entry.text()
        [event] = [e for e in load_child(s, child_id).footprint if e.row_id == note_id]
        assert (event.kind, event.title, event.detail) == ("Note", "Email", said)


def test_a_confirmed_review_number_reaches_the_other_laptop(
    central: Central, tmp_path: Path
) -> None:
    a, b, _ = laptop_pair(central, tmp_path)
    child_id = a.add_child(f"R{uuid.uuid4().hex[:6]}")  # in care since 4 May 2021
    with operation(a.caseload, a.actor) as op:
        child = op.session.get(Child, child_id)
        review = review_ops.record_held_review(op, child, held_date=date(2026, 6, 1),
                                               participation_code="PN1", imported=True,
                                               today=TODAY)  # fmt: skip
        review_ops.confirm_review_number(op, review, number=9)
        review_id = review.id
    a.sync()
    b.sync()
    with b.caseload.session() as s:
        row = s.get(Review, review_id)
        assert row is not None and (row.number, row.imported) == (9, True)
        assert load_child(s, child_id).review_numbers == {review_id: 9}
