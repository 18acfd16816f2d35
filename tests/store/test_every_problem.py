"""One Save reports every problem at once, each named for its field (issue 11, point 2).

Each operation the IRO reaches from a dialog is given two or more bad fields together; the
``Problems`` it raises names every one of them, with the message each field has alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from iro_desktop.domain.errors import Problems
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import casework, challenges, children, feedback
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Challenge, Child, Person, Placement, Review
from tests.conftest import TODAY
from tests.store.test_ops_world import add_child, held_review, run

TOMORROW = TODAY + timedelta(days=1)
LONG = "x" * 20_001


def every_problem(caseload: Caseload, fn: Callable[[Op], object], **expected: str) -> None:
    """``fn`` refuses with exactly the ``expected`` fields, each with its own words."""
    with pytest.raises(Problems) as raised:
        run(caseload, fn)
    found = {p.field: p.problem for p in raised.value.problems}
    assert sorted(found) == sorted(expected)
    for field, words in expected.items():
        assert words in found[field], (field, found[field])


def row(op: Op, model: type[Any], row_id: str) -> Any:
    found = op.session.get(model, row_id)
    assert found is not None
    return found


def test_adding_a_child_reports_every_problem(caseload: Caseload) -> None:
    add_child(caseload, "R1")
    every_problem(
        caseload,
        lambda op: children.add_child(
            op,
            child_ref="R1",
            first_name=" ",
            last_name="",
            date_of_birth=TOMORROW,
            became_looked_after=date(2000, 1, 1),
            today=TODAY,
            category_of_need="Z9",
        ),
        child_ref="already on the caseload",
        first_name="is required",
        last_name="is required",
        date_of_birth="is after today",
        became_looked_after="is before the date of birth",
        category_of_need="",
    )


def test_updating_a_child_reports_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    every_problem(
        caseload,
        lambda op: children.update_child(
            op, row(op, Child, child.id), today=TODAY, first_name="", date_of_birth=TOMORROW
        ),
        first_name="is required",
        date_of_birth="is after today",
        became_looked_after="is before the date of birth",
    )


def test_a_legal_status_reports_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    every_problem(
        caseload,
        lambda op: children.set_legal_status(op, row(op, Child, child.id), "ZZ", TOMORROW, TODAY),
        legal_status="",
        legal_status_start="is after today",
    )


def test_adding_a_placement_reports_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    every_problem(
        caseload,
        lambda op: children.add_placement(
            op,
            row(op, Child, child.id),
            place_code="ZZ",
            start_date=TOMORROW,
            today=TODAY,
            carers="x" * 5000,
            travel_minutes=-1,
            distance_miles=9999,
        ),
        placement_type="",
        placement_start="is after today",
        carers="is too long",
        travel_minutes="must be between 0 and 1,440",
        distance_miles="must be between 0 and 2,000",
    )


def two_placements(caseload: Caseload) -> list[str]:
    child = add_child(caseload)
    return run(
        caseload,
        lambda op: [
            children.add_placement(
                op, row(op, Child, child.id), place_code=code, start_date=d, today=TODAY
            ).id
            for code, d in (("U1", date(2022, 5, 3)), ("U4", date(2023, 6, 1)))
        ],
    )


def test_correcting_a_placement_reports_every_problem(caseload: Caseload) -> None:
    first, _second = two_placements(caseload)
    every_problem(
        caseload,
        lambda op: children.update_placement(
            op,
            row(op, Placement, first),
            today=TODAY,
            place_code="ZZ",
            start_date=date(2024, 1, 1),
            end_date=None,
            travel_minutes=5000,
        ),
        placement_type="",
        placement_start="must be before the next placement began",
        end_date="is needed: a later placement began",
        travel_minutes="must be between 0",
    )


def test_ending_a_placement_reports_every_problem(caseload: Caseload) -> None:
    _first, second = two_placements(caseload)
    every_problem(
        caseload,
        lambda op: children.end_placement(
            op,
            row(op, Placement, second),
            end_date=TOMORROW,
            today=TODAY,
            end_reason="x" * 5000,
        ),
        end_date="is after today",
        end_reason="is too long",
    )


def test_people_report_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    every_problem(
        caseload,
        lambda op: children.add_person(
            op, row(op, Child, child.id), role="ZZ", name=" ", email="not an address"
        ),
        role="",
        name="is required",
        email="does not look like an email address",
    )
    person = run(
        caseload,
        lambda op: (
            children.add_person(
                op, row(op, Child, child.id), role="social_worker", name="Sam Okafor"
            ).id
        ),
    )
    every_problem(
        caseload,
        lambda op: children.update_person(op, row(op, Person, person), name="", email="nope"),
        name="is required",
        email="does not look like an email address",
    )


def test_challenges_report_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    every_problem(
        caseload,
        lambda op: challenges.raise_challenge(
            op,
            row(op, Child, child.id),
            category="ZZ",
            issue="",
            raised_date=TOMORROW,
            raised_with=" ",
            today=TODAY,
        ),
        raised_date="is after today",
        category="",
        issue="is required",
        raised_with="is required",
    )
    challenge = run(
        caseload,
        lambda op: (
            challenges.raise_challenge(
                op,
                row(op, Child, child.id),
                category="pre_meeting_report_not_available",
                issue="No report",
                raised_date=date(2026, 10, 1),
                raised_with="Team manager",
                today=TODAY,
            ).id
        ),
    )

    def stage(op: Op) -> Any:
        return challenges.current_stage(op.session, row(op, Challenge, challenge))

    every_problem(
        caseload,
        lambda op: challenges.record_response(
            op, stage(op), response="", response_date=date(2026, 9, 1), outcome=LONG
        ),
        response_date="is before the date it was raised",
        response="is required",
        outcome="is too long",
    )
    every_problem(
        caseload,
        lambda op: challenges.escalate_challenge(
            op,
            row(op, Challenge, challenge),
            raised_with="",
            raised_date=TOMORROW,
            today=TODAY,
            reason=LONG,
        ),
        raised_date="is after today",
        reason="is too long",
        raised_with="is required",
    )
    every_problem(
        caseload,
        lambda op: challenges.resolve_challenge(
            op, row(op, Challenge, challenge), outcome="", resolved_date=TOMORROW, today=TODAY
        ),
        resolved_date="is after today",
        outcome="is required",
    )


def test_feedback_reports_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child)
    every_problem(
        caseload,
        lambda op: feedback.add_feedback(
            op,
            row(op, Review, review.id),
            rating="ZZ",
            venue_as_wanted="maybe",
            comments="x" * 6000,
        ),
        rating="",
        venue_as_wanted="must be yes, no or not answered",
        comments="is too long",
    )


def test_a_note_reports_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    every_problem(
        caseload,
        lambda op: casework.add_note(
            op, row(op, Child, child.id), note_date=TOMORROW, text=" ", today=TODAY, kind="ZZ"
        ),
        note_date="is after today",
        kind="",
        text="is required",
    )
