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
from iro_desktop.store.ops import (
    casework,
    challenges,
    children,
    consultations,
    corrections,
    decisions,
    feedback,
    midway,
    profile,
    reviews,
    settings_write,
)
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Challenge, Child, Consultation, Person, Placement, Review
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


# --- reviews and corrections ----------------------------------------------------------


def planned_review(caseload: Caseload, child: Child) -> str:
    return run(
        caseload,
        lambda op: (
            reviews.plan_review(
                op,
                row(op, Child, child.id),
                today=TODAY,
                planned_date=TODAY + timedelta(days=7),
                venue="School",
            ).id
        ),
    )


def test_holding_a_review_reports_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = planned_review(caseload, child)
    every_problem(
        caseload,
        lambda op: reviews.hold_review(
            op,
            row(op, Review, review),
            row(op, Child, child.id),
            held_date=TOMORROW,
            participation_code="ZZ",
            attendees=[],
            today=TODAY,
        ),
        review_date="is after today",
        participation_code="",
        attendees="say who came",
    )


def test_the_write_up_reports_the_meeting_record_and_decisions_together(
    caseload: Caseload,
) -> None:
    child = add_child(caseload)
    review = planned_review(caseload, child)
    up = reviews.WriteUp(
        held_date=TOMORROW,
        participation_code="PN1",
        attendees=[],
        seen_alone=True,
        advocate_present=False,
        interpreter_present=False,
        care_plan_view="does_not_agree",
        care_plan_view_reason="",
        sections={"working_well": "x" * 100_001},
        decisions=[],
    )
    every_problem(
        caseload,
        lambda op: reviews.write_up(op, child.id, review, up, today=TODAY),
        review_date="is after today",
        attendees="say who came",
        care_plan_view_reason="say why the IRO does not fully agree",
        working_well="is too long",
    )
    held = held_review(caseload, child)
    bad_decisions = reviews.WriteUp(
        held_date=date(2026, 9, 1),
        participation_code="PN5",
        attendees=["Wren"],
        seen_alone=True,
        advocate_present=False,
        interpreter_present=False,
        care_plan_view="ZZ",
        care_plan_view_reason="",
        sections={},
        decisions=[reviews.DecisionEdit(None, "", "Carer", None),
                   reviews.DecisionEdit(None, "Keep the weekly calls", "Carer", date(2027, 1, 15)),
                   reviews.DecisionEdit(None, "Book the dentist", "", None)],
        decisions_shared_date=TOMORROW,
    )  # fmt: skip
    every_problem(
        caseload,
        lambda op: reviews.write_up(op, child.id, held.id, bad_decisions, today=TODAY),
        participation_code="means an advocate spoke for the child",
        care_plan_view="",
        decisions="decision 1: what",  # and every other bad row, in the same message:
        decisions_shared_date="is after today",
    )
    with pytest.raises(Problems) as raised:
        run(caseload, lambda op: reviews.write_up(op, child.id, held.id, bad_decisions,
                                                  today=TODAY))  # fmt: skip
    said = next(p.problem for p in raised.value.problems if p.field == "decisions")
    assert "decision 1: what" in said and "decision 3: who" in said and "decision 2" not in said


def test_corrections_report_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child)

    def make(op: Op) -> dict[str, str]:
        c, r = row(op, Child, child.id), row(op, Review, review.id)
        d = decisions.add_decision(op, r, text="Dentist", owner="Carer", due_date=date(2026, 12, 1))
        m = midway.add_midway_update(
            op,
            r,
            update_date=date(2026, 10, 5),
            method="phone_call",
            items=[(d, "in_progress", None)],
            today=TODAY,
        )
        ch = challenges.raise_challenge(
            op,
            c,
            category="pre_meeting_report_not_available",
            issue="No report",
            raised_date=date(2026, 10, 6),
            raised_with="Team manager",
            today=TODAY,
        )
        return {
            "status": children.set_legal_status(op, c, "C2", date(2022, 5, 3), TODAY).id,
            "midway": m.id,
            "challenge": ch.id,
            "stage": challenges.current_stage(op.session, ch).id,
            "feedback": feedback.add_feedback(op, r, rating="good").id,
            "note": casework.add_note(
                op, c, note_date=date(2026, 10, 1), text="Rang", today=TODAY
            ).id,
        }

    ids = run(caseload, make)
    every_problem(
        caseload,
        lambda op: corrections.held_review(
            op,
            review.id,
            held_date=TOMORROW,
            participation_code="PN1",
            attendees=[],
            today=TODAY,
            care_plan_view="ZZ",
        ),
        review_date="is after today",
        attendees="say who came",
        care_plan_view="",
    )
    every_problem(
        caseload,
        lambda op: corrections.legal_status(
            op,
            ids["status"],
            code="ZZ",
            start_date=TOMORROW,
            end_date=date(2020, 1, 1),
            today=TODAY,
        ),
        legal_status="",
        legal_status_start="is after today",
        legal_status_end="is before it began",
    )
    every_problem(
        caseload,
        lambda op: corrections.midway(
            op,
            ids["midway"],
            update_date=TOMORROW,
            method="ZZ",
            today=TODAY,
            spoke_with="x" * 300,
        ),
        update_date="is after today",
        method="",
        spoke_with="is too long",
    )
    every_problem(
        caseload,
        lambda op: corrections.challenge(
            op,
            ids["challenge"],
            category="good_practice",
            issue="",
            raised_date=TOMORROW,
            today=TODAY,
        ),
        raised_date="is after today",
        category="good practice is recorded as a good-practice alert",
        issue="is required",
    )
    every_problem(
        caseload,
        lambda op: corrections.challenge_stage(
            op,
            ids["stage"],
            raised_with="",
            raised_date=date(2026, 10, 7),
            response_due=date(2026, 10, 1),
            today=TODAY,
            response="Booked",
        ),
        response_due="is before the date it was raised",
        response_date="is required with a response",
        raised_with="is required",
    )
    every_problem(
        caseload,
        lambda op: corrections.feedback(
            op, ids["feedback"], rating="ZZ", comments="x" * 6000, venue_as_wanted="maybe"
        ),
        rating="",
        venue_as_wanted="must be yes, no or not answered",
        comments="is too long",
    )
    every_problem(
        caseload,
        lambda op: corrections.note(op, ids["note"], note_date=TOMORROW, text="", today=TODAY),
        note_date="is after today",
        text="is required",
    )


# --- profile and settings -------------------------------------------------------------


def test_the_profile_reports_every_problem(caseload: Caseload) -> None:
    every_problem(
        caseload,
        lambda op: profile.save_profile(
            op,
            profile.Profile(
                name=" ",
                email="not an address",
                team="x" * 500,
                photo=b"x" * (profile.PHOTO_MAX + 1),
            ),
        ),
        name="is required",
        email="is not an email address",
        team="is too long",
        photo="is larger than 5 MB",
    )


def test_settings_report_every_problem(caseload: Caseload) -> None:
    every_problem(
        caseload,
        lambda op: settings_write.set_many_in_operation(
            op, {"caseload_guidance_min": "lots", "caseload_guidance_max": "more"}
        ),
        caseload_guidance_min="must be a whole number",
        caseload_guidance_max="must be a whole number",
    )


# --- consultations and mid-way updates ------------------------------------------------


def test_consultations_report_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child)
    every_problem(
        caseload,
        lambda op: consultations.add_consultation(
            op,
            row(op, Review, review.id),
            respondent_type="parent",
            status="returned",
            today=TODAY,
            sent_date=TOMORROW,
            respondent_name="x" * 300,
        ),
        received_date="is required when the form has come back",
        sent_date="is after today",
        respondent_name="is too long",
    )
    form = run(
        caseload,
        lambda op: (
            consultations.add_consultation(
                op, row(op, Review, review.id), respondent_type="parent", today=TODAY
            ).id
        ),
    )
    every_problem(
        caseload,
        lambda op: consultations.update_consultation(
            op,
            row(op, Consultation, form),
            status="sent",
            today=TODAY,
            sent_date=TOMORROW,
            received_date=date(2026, 10, 1),
            respondent_name="x" * 300,
        ),
        received_date="is only for a form that has come back",
        sent_date="is after today",
        respondent_name="is too long",
    )


def test_a_midway_update_reports_every_problem(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child)
    run(
        caseload,
        lambda op: decisions.add_decision(
            op,
            row(op, Review, review.id),
            text="Dentist",
            owner="Carer",
            due_date=date(2026, 12, 1),
        ),
    )
    every_problem(
        caseload,
        lambda op: midway.add_midway_update(
            op,
            row(op, Review, review.id),
            update_date=TOMORROW,
            method="ZZ",
            items=[],
            today=TODAY,
            spoke_with="x" * 300,
        ),
        update_date="is after today",
        method="",
        items="give a status for every open decision (Dentist)",
        spoke_with="is too long",
    )
