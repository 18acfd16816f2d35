"""The one write path: validated, one transaction, audited, queued for sync."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import children, reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import AuditEntry, Child, OutboxEntry, Placement, Review
from tests.conftest import TODAY
from tests.helpers import ACTOR


def counts(caseload: Caseload) -> tuple[int, int, int]:
    with caseload.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Child)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            s.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
        )


def add(caseload: Caseload, **over: object) -> Child:
    fields: dict[str, object] = {
        "child_ref": "T1",
        "first_name": "Wren",
        "last_name": "Elmstead",
        "date_of_birth": date(2014, 3, 9),
        "became_looked_after": date(2022, 5, 3),
        "today": TODAY,
    }
    fields.update(over)
    with operation(caseload, ACTOR) as op:
        return children.add_child(op, **fields)  # type: ignore[arg-type]


def test_a_write_records_audit_and_outbox_in_the_same_transaction(caseload: Caseload) -> None:
    child = add(caseload)
    with caseload.session() as s:
        audit = s.scalars(select(AuditEntry)).one()
        outbox = s.scalars(select(OutboxEntry)).one()
    assert (audit.action, audit.table_name, audit.row_id) == ("create", "children", child.id)
    assert audit.actor == ACTOR.email and "first_name" in audit.fields
    assert (outbox.op, outbox.version, outbox.base_version) == ("upsert", 1, 0)
    assert outbox.payload["first_name"] == "Wren"
    assert outbox.child_id == child.id


def test_an_update_bumps_the_version_and_queues_the_change(caseload: Caseload) -> None:
    child = add(caseload)
    with operation(caseload, ACTOR) as op:
        row = op.session.get(Child, child.id)
        assert row is not None
        children.update_child(op, row, today=TODAY, preferred_name="Wrennie")
        changes = op.changes
    assert changes.child_ids == {child.id} and changes.tables == {"children"}
    with caseload.session() as s:
        entries = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
    assert [(e.version, e.base_version) for e in entries] == [(1, 0), (2, 1)]
    assert entries[1].payload["preferred_name"] == "Wrennie"


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"first_name": "  "}, "first_name", "required"),
        ({"first_name": "x" * 201}, "first_name", "too long"),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth", "after today"),
        ({"date_of_birth": date(1890, 1, 1)}, "date_of_birth", "before"),
        (
            {"became_looked_after": date(2010, 1, 1)},
            "became_looked_after",
            "before the date of birth",
        ),
        ({"category_of_need": "N9"}, "category_of_need", "N1"),
        ({"child_ref": ""}, "child_ref", "required"),
        ({"language_code": "xx"}, "language_code", "no letter wording for 'xx'"),
        ({"language_code": "../en"}, "language_code", "no letter wording"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    caseload: Caseload, over: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        add(caseload, **over)
    assert raised.value.field == field
    assert words in raised.value.problem
    assert counts(caseload) == (0, 0, 0)


def test_the_childs_language_is_a_letter_language_or_none(caseload: Caseload) -> None:
    """What child mode and a new letter speak: chosen on the profile from the letters'
    languages; cleared, the authority's default is used again."""
    child = add(caseload, language_code=" TI ")
    for wanted, kept in (("ar", "ar"), ("", None), (None, None)):
        with operation(caseload, ACTOR) as op:
            row = op.session.get(Child, child.id)
            assert row is not None
            children.update_child(op, row, today=TODAY, language_code=wanted)
        with caseload.session() as s:
            assert (s.get(Child, child.id) or Child()).language_code == kept
    with caseload.session() as s:
        first = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).first()
    assert first is not None and first.payload["language_code"] == "ti"


def test_emoji_and_right_to_left_text_are_kept_exactly(caseload: Caseload) -> None:
    child = add(caseload, first_name="أحمد", last_name="Zadran 🌟", preferred_name="احمد")
    with caseload.session() as s:
        row = s.get(Child, child.id)
        assert row is not None
        assert (row.first_name, row.last_name, row.preferred_name) == ("أحمد", "Zadran 🌟", "احمد")


def test_a_failure_half_way_leaves_nothing_of_the_operation(caseload: Caseload) -> None:
    with pytest.raises(ValidationError), operation(caseload, ACTOR) as op:
        child = children.add_child(
            op,
            child_ref="T2",
            first_name="Kit",
            last_name="Fennick",
            date_of_birth=date(2015, 1, 1),
            became_looked_after=date(2020, 1, 1),
            today=TODAY,
        )
        children.add_placement(op, child, place_code="ZZ", start_date=date(2020, 1, 1), today=TODAY)
    assert counts(caseload) == (0, 0, 0)


def test_a_new_placement_ends_the_current_one(caseload: Caseload) -> None:
    child = add(caseload)
    with operation(caseload, ACTOR) as op:
        row = op.session.get(Child, child.id)
        assert row is not None
        children.add_placement(op, row, place_code="U6", start_date=date(2022, 5, 3), today=TODAY)
        children.add_placement(
            op,
            row,
            place_code="K2",
            start_date=date(2024, 1, 8),
            today=TODAY,
            out_of_county=True,
            travel_minutes=200,
        )
    with caseload.session() as s:
        rows = list(s.scalars(select(Placement).order_by(Placement.start_date)))
    assert [(p.place_code, p.end_date) for p in rows] == [("U6", date(2024, 1, 8)), ("K2", None)]


def test_participation_code_follows_the_age_rule(caseload: Caseload) -> None:
    child = add(caseload, date_of_birth=date(2023, 6, 1), became_looked_after=date(2024, 1, 1))
    with operation(caseload, ACTOR) as op:
        row = op.session.get(Child, child.id)
        assert row is not None
        with pytest.raises(ValidationError) as raised:
            reviews.record_held_review(
                op, row, held_date=date(2024, 2, 1), participation_code="PN1", today=TODAY
            )
        assert raised.value.field == "participation_code"
        review = reviews.record_held_review(
            op, row, held_date=date(2024, 1, 26), participation_code="PN0", today=TODAY
        )
        assert review.kind == "first"
    with caseload.session() as s:
        assert s.scalar(select(func.count()).select_from(Review)) == 1


def test_tombstone_instead_of_delete(caseload: Caseload) -> None:
    child = add(caseload)
    with operation(caseload, ACTOR) as op:
        row = op.session.get(Child, child.id)
        assert row is not None
        op.delete(row)
    with caseload.session() as s:
        row = s.get(Child, child.id)
        last = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    assert row is not None and row.deleted and row.version == 2
    assert last is not None and last.op == "delete"
