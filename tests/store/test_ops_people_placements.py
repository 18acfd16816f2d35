"""Editing and ending people and placements: every rule, on a real encrypted caseload."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import children
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import AuditEntry, Child, OutboxEntry, Person, Placement
from tests.conftest import TODAY
from tests.store.test_ops_world import add_child, get, run

FIRST, SECOND, THIRD = date(2022, 5, 3), date(2023, 6, 1), date(2025, 2, 10)


def _child(op: Op, child_id: str) -> Child:
    row = op.session.get(Child, child_id)
    assert row is not None
    return row


def three_placements(caseload: Caseload) -> tuple[str, list[str]]:
    child = add_child(caseload)

    def go(op: Op) -> list[str]:
        c = _child(op, child.id)
        return [
            children.add_placement(op, c, place_code=code, start_date=d, today=TODAY).id
            for code, d in (("U1", FIRST), ("U4", SECOND), ("R1", THIRD))
        ]

    return child.id, run(caseload, go)


def edit(caseload: Caseload, placement_id: str, **fields: Any) -> Placement:
    def go(op: Op) -> Placement:
        row = op.session.get(Placement, placement_id)
        assert row is not None
        return children.update_placement(op, row, today=TODAY, **fields)

    return run(caseload, go)


def refused(fn: Any, field: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        fn()
    assert caught.value.field == field
    assert words in caught.value.problem


# --- placements ----------------------------------------------------------------------


def test_details_are_updated_and_audited_and_queued(caseload: Caseload) -> None:
    _child_id, ids = three_placements(caseload)
    edit(caseload, ids[2], area="  Leeds ", carers="The Okafors", out_of_county=True,
         travel_minutes=95, distance_miles=60, provider="")  # fmt: skip
    row = get(caseload, Placement, ids[2])
    assert (row.area, row.carers, row.out_of_county, row.travel_minutes, row.provider) == (
        "Leeds", "The Okafors", True, 95, None)  # fmt: skip
    with caseload.session() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.row_id == ids[2])).all()
        outbox = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == ids[2])).all()
    assert "area" in audit[-1].fields and outbox[-1].version == row.version


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"area": "x" * 301}, "area", "too long"),
        ({"carers": "a\x00b"}, "carers", "cannot be stored"),
        ({"travel_minutes": -1}, "travel_minutes", "between 0"),
        ({"distance_miles": 2001}, "distance_miles", "between 0"),
        ({"child_id": "another"}, "child_id", "cannot be changed"),
        ({"place_code": "Q9"}, "placement_type", "Q9"),
        ({"start_date": TODAY + timedelta(days=1)}, "placement_start", "after today"),
        ({"start_date": SECOND}, "placement_start", "after the previous placement"),
        ({"start_date": FIRST - timedelta(days=1)}, "placement_start",
         "after the previous placement"),
    ],
)  # fmt: skip
def test_bad_details_and_start_dates_are_refused_and_nothing_changes(
    caseload: Caseload, fields: dict[str, Any], field: str, words: str
) -> None:
    _child_id, ids = three_placements(caseload)
    before = get(caseload, Placement, ids[2])
    refused(lambda: edit(caseload, ids[2], **fields), field, words)
    after = get(caseload, Placement, ids[2])
    assert (after.version, after.start_date, after.area) == (
        before.version, before.start_date, before.area)  # fmt: skip


def test_a_start_cannot_pass_the_next_placement(caseload: Caseload) -> None:
    _child_id, ids = three_placements(caseload)
    refused(lambda: edit(caseload, ids[1], start_date=THIRD), "placement_start", "before the next")
    refused(lambda: edit(caseload, ids[1], start_date=THIRD + timedelta(days=5)),
            "placement_start", "before the next")  # fmt: skip


def test_moving_a_start_re_ends_the_previous_placement(caseload: Caseload) -> None:
    _child_id, ids = three_placements(caseload)
    moved = date(2024, 11, 3)
    edit(caseload, ids[2], start_date=moved)
    assert get(caseload, Placement, ids[2]).start_date == moved
    assert get(caseload, Placement, ids[1]).end_date == moved
    assert get(caseload, Placement, ids[0]).end_date == SECOND  # untouched
    earlier = date(2023, 1, 15)
    edit(caseload, ids[1], start_date=earlier)
    assert get(caseload, Placement, ids[0]).end_date == earlier
    assert get(caseload, Placement, ids[1]).end_date == moved


def test_the_first_placement_cannot_start_before_birth(caseload: Caseload) -> None:
    _child_id, ids = three_placements(caseload)
    refused(lambda: edit(caseload, ids[0], start_date=date(2014, 3, 1)), "placement_start",
            "before the date of birth")  # fmt: skip
    edit(caseload, ids[0], start_date=date(2022, 4, 1))
    assert get(caseload, Placement, ids[0]).start_date == date(2022, 4, 1)


def end(caseload: Caseload, placement_id: str, on: date, reason: str | None = None) -> Placement:
    def go(op: Op) -> Placement:
        row = op.session.get(Placement, placement_id)
        assert row is not None
        return children.end_placement(op, row, end_date=on, today=TODAY, end_reason=reason)

    return run(caseload, go)


def test_ending_the_current_placement_without_a_new_one(caseload: Caseload) -> None:
    child_id, ids = three_placements(caseload)
    end(caseload, ids[2], date(2026, 10, 1), "Returned home to mum")
    row = get(caseload, Placement, ids[2])
    assert (row.end_date, row.end_reason) == (date(2026, 10, 1), "Returned home to mum")
    with caseload.session() as s:
        live = s.scalars(select(Placement).where(Placement.child_id == child_id)).all()
    assert all(p.end_date is not None for p in live)
    refused(lambda: end(caseload, ids[2], TODAY), "end_date", "already ended")
    refused(lambda: edit(caseload, ids[2], start_date=date(2026, 10, 5)), "placement_start",
            "after the day this placement ended")  # fmt: skip


@pytest.mark.parametrize(
    ("on", "reason", "field", "words"),
    [
        (THIRD - timedelta(days=1), None, "end_date", "before the placement began"),
        (TODAY + timedelta(days=1), None, "end_date", "after today"),
        (TODAY, "r" * 301, "end_reason", "too long"),
    ],
)
def test_end_date_rules(
    caseload: Caseload, on: date, reason: str | None, field: str, words: str
) -> None:
    _child_id, ids = three_placements(caseload)
    refused(lambda: end(caseload, ids[2], on, reason), field, words)
    assert get(caseload, Placement, ids[2]).end_date is None


def test_a_placement_that_ended_cannot_be_ended_again(caseload: Caseload) -> None:
    _child_id, ids = three_placements(caseload)
    refused(lambda: end(caseload, ids[0], TODAY), "end_date", "already ended")
    assert get(caseload, Placement, ids[0]).end_date == SECOND


# --- people --------------------------------------------------------------------------


def a_person(caseload: Caseload, **over: Any) -> tuple[str, str]:
    child = add_child(caseload)
    fields: dict[str, Any] = {"role": "social_worker", "name": "Ada Byrne",
                              "email": "ada.byrne@borough.example", **over}  # fmt: skip
    person = run(caseload, lambda op: children.add_person(op, _child(op, child.id), **fields))
    return child.id, person.id


def update(caseload: Caseload, person_id: str, **fields: Any) -> Person:
    def go(op: Op) -> Person:
        row = op.session.get(Person, person_id)
        assert row is not None
        return children.update_person(op, row, **fields)

    return run(caseload, go)


def test_a_person_is_updated(caseload: Caseload) -> None:
    _child_id, person_id = a_person(caseload)
    update(caseload, person_id, name=" Ada Byrne-Lee ", role="team_manager",
           organisation="Children's Services", phone="01632 960555",
           email="ada@borough.example", notes="Back from leave in March")  # fmt: skip
    row = get(caseload, Person, person_id)
    assert (row.name, row.role, row.phone, row.email, row.version) == (
        "Ada Byrne-Lee", "team_manager", "01632 960555", "ada@borough.example", 2)  # fmt: skip
    update(caseload, person_id, email="", notes="")
    row = get(caseload, Person, person_id)
    assert (row.email, row.notes) == (None, None)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"name": "   "}, "name", "is required"),
        ({"name": "n" * 201}, "name", "too long"),
        ({"role": "dragon"}, "role", ""),
        ({"email": "not an email"}, "email", "does not look like"),
        ({"email": "ada@nowhere"}, "email", "does not look like"),
        ({"email": "a b@c.uk"}, "email", "does not look like"),
        ({"phone": "0" * 51}, "phone", "too long"),
        ({"notes": "n" * 200_000}, "notes", "too long"),
        ({"organisation": "o" * 201}, "organisation", "too long"),
        ({"child_id": "x"}, "child_id", "cannot be changed"),
    ],
)
def test_bad_person_details_are_refused_and_nothing_changes(
    caseload: Caseload, fields: dict[str, Any], field: str, words: str
) -> None:
    _child_id, person_id = a_person(caseload)
    refused(lambda: update(caseload, person_id, **fields), field, words)
    row = get(caseload, Person, person_id)
    assert (row.name, row.version, row.email) == ("Ada Byrne", 1, "ada.byrne@borough.example")


def test_adding_a_person_checks_the_email_too(caseload: Caseload) -> None:
    refused(lambda: a_person(caseload, email="ada at borough"), "email", "does not look like")


def end_person(caseload: Caseload, person_id: str, on: date) -> Person:
    def go(op: Op) -> Person:
        row = op.session.get(Person, person_id)
        assert row is not None
        return children.end_person(op, row, end_date=on, today=TODAY)

    return run(caseload, go)


def test_ending_a_person_keeps_them_in_the_history(caseload: Caseload) -> None:
    _child_id, person_id = a_person(caseload, start_date=date(2024, 1, 8))
    refused(lambda: end_person(caseload, person_id, date(2024, 1, 7)), "end_date",
            "before they started")  # fmt: skip
    refused(lambda: end_person(caseload, person_id, TODAY + timedelta(days=1)), "end_date",
            "after today")  # fmt: skip
    end_person(caseload, person_id, date(2026, 9, 30))
    row = get(caseload, Person, person_id)
    assert (row.end_date, row.deleted) == (date(2026, 9, 30), False)
    refused(lambda: end_person(caseload, person_id, TODAY), "end_date", "already left")


def test_a_tombstoned_person_or_placement_cannot_be_edited(caseload: Caseload) -> None:
    _child_id, person_id = a_person(caseload)

    def bury(op: Op) -> None:
        row = op.session.get(Person, person_id)
        assert row is not None
        op.delete(row)

    run(caseload, bury)
    refused(lambda: update(caseload, person_id, name="Someone"), "person", "no longer")
    refused(lambda: end_person(caseload, person_id, TODAY), "person", "no longer")
    assert get(caseload, Person, person_id).deleted
