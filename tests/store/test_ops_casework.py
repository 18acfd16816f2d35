"""Visits, decisions, consultations, child answers, mid-way updates and feedback: the rules."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import casework, consultations, midway
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.passphrase import verify_passphrase
from iro_desktop.store.schema import Child, Consultation, Decision, Review, Visit
from tests.conftest import PASSPHRASE, TODAY
from tests.store.test_ops_world import add_child, get, held_review, run


def visit(caseload: Caseload, child: Child, **over: Any) -> Visit:
    fields: dict[str, Any] = {"visit_date": TODAY, "method": "app", "today": TODAY}
    fields.update(over)

    def go(op: Op) -> Visit:
        row = op.session.get(Child, child.id)
        assert row is not None
        return casework.add_visit(op, row, **fields)

    return run(caseload, go)


def test_a_visit_keeps_the_childs_own_words(caseload: Caseload) -> None:
    child = add_child(caseload)
    words = "أريد البقاء هنا 🙂"
    saved = get(caseload, Visit, visit(caseload, child, child_words=words, seen_alone=True).id)
    assert saved.child_words == words and saved.method == "app"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"visit_date": TODAY + timedelta(days=1)}, "visit_date"),
        ({"visit_date": date(2000, 1, 1)}, "visit_date"),
        ({"method": "pigeon"}, "method"),
        ({"seen_alone": False}, "not_seen_alone_reason"),
        ({"mileage": -3}, "mileage"),
        ({"travel_minutes": 99_999}, "travel_minutes"),
        ({"child_words": "x" * 100_001}, "child_words"),
    ],
)
def test_a_bad_visit_is_refused(caseload: Caseload, over: dict[str, Any], field: str) -> None:
    child = add_child(caseload)
    with pytest.raises(ValidationError) as raised:
        visit(caseload, child, **over)
    assert raised.value.field == field


def decide(caseload: Caseload, review: Review, **over: Any) -> Decision:
    fields: dict[str, Any] = {"text": "Book the dentist", "owner": "Foster carer",
                              "due_date": date(2026, 10, 1)}  # fmt: skip
    fields.update(over)

    def go(op: Op) -> Decision:
        row = op.session.get(Review, review.id)
        assert row is not None
        return casework.add_decision(op, row, **fields)

    return run(caseload, go)


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"text": ""}, "text"),
        ({"owner": " "}, "owner"),
        ({"due_date": None}, "due_date"),
        ({"due_date": date(2026, 8, 1)}, "due_date"),
        ({"due_date": date(2099, 1, 1)}, "due_date"),
    ],
)
def test_a_decision_needs_what_who_and_by_when(
    caseload: Caseload, over: dict[str, Any], field: str
) -> None:
    review = held_review(caseload, add_child(caseload))
    with pytest.raises(ValidationError) as raised:
        decide(caseload, review, **over)
    assert raised.value.field == field


def test_consultation_answers_are_checked_against_the_question_set(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    names = iter(f"Carer {n}" for n in range(10))  # two foster carers each need a name

    def add(answers: dict[str, str], status: str = "returned") -> Consultation:
        def go(op: Op) -> Consultation:
            row = op.session.get(Review, review.id)
            assert row is not None
            return consultations.add_consultation(
                op, row, respondent_type="foster_carer", status=status, today=TODAY,
                sent_date=date(2026, 8, 1), received_date=date(2026, 8, 20), answers=answers,
                respondent_name=next(names),
            )  # fmt: skip

        return run(caseload, go)

    saved = add({"working_well": "  Loves football ", "worried": "", "delegated": "yes"})
    assert get(caseload, Consultation, saved.id).answers == {
        "working_well": "Loves football", "delegated": "yes"
    }  # fmt: skip
    with pytest.raises(ValidationError, match="not a question"):
        add({"nonsense": "x"})
    with pytest.raises(ValidationError, match="yes, no"):
        add({"delegated": "maybe"})
    with pytest.raises(ValidationError) as raised:
        add({}, status="sent")
    assert raised.value.field == "received_date"


def test_the_childs_answers_are_saved_as_theirs(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))

    def go(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.record_child_answers(
            op, row, form_id="child_8_12", answers={"home": "great", "change": "🐶"}, today=TODAY
        )

    saved = get(caseload, Consultation, run(caseload, go).id)
    assert saved.completed_by_child and saved.status == "returned"
    assert saved.answers == {"home": "great", "change": "🐶"}
    again = get(caseload, Consultation, run(caseload, go).id)
    assert again.id == saved.id  # the same form, not a second one

    def adult(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.record_child_answers(
            op, row, form_id="parent", answers={}, today=TODAY
        )

    with pytest.raises(ValidationError, match="children's forms"):
        run(caseload, adult)


def test_the_pre_meeting_report_is_on_time_or_not(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload), date(2026, 9, 10))

    def report(received: date | None, shared: bool | None) -> Consultation:
        def go(op: Op) -> Consultation:
            row = op.session.get(Review, review.id)
            assert row is not None
            return consultations.record_pre_meeting_report(
                op, row, received_date=received, shared_with_child=shared,
                shared_with_parents=shared, today=TODAY,
            )  # fmt: skip

        return run(caseload, go)

    assert report(date(2026, 9, 9), True).on_time is False
    assert report(date(2026, 9, 1), True).on_time is True
    assert get(caseload, Review, review.id).pre_meeting_report_shared is True
    with pytest.raises(ValidationError):
        report(None, True)


def test_a_midway_update_covers_every_open_decision(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child)
    first = decide(caseload, review)
    second = decide(caseload, review, text="Start life story work", owner="Social worker")

    def update(items: list[tuple[str, str]]) -> None:
        def go(op: Op) -> None:
            row = op.session.get(Review, review.id)
            assert row is not None
            pairs = [(op.session.get(Decision, i), s, "Said on the phone") for i, s in items]
            midway.add_midway_update(
                op, row, update_date=TODAY, method="phone_call", items=pairs, today=TODAY
            )  # type: ignore[arg-type]

        run(caseload, go)

    with pytest.raises(ValidationError, match="every open decision"):
        update([(first.id, "done")])
    with pytest.raises(ValidationError):
        update([(first.id, "done"), (second.id, "sleeping")])
    update([(first.id, "done"), (second.id, "drifting")])
    assert get(caseload, Decision, second.id).status == "drifting"
    draft = midway.challenge_prefill(get(caseload, Decision, second.id), "No worker yet")
    assert draft.category == "decisions_not_acted_on" and "life story" in draft.issue
    assert draft.decision_id == second.id


def test_feedback_once_per_held_review(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))

    def give(**over: Any) -> None:
        def go(op: Op) -> None:
            row = op.session.get(Review, review.id)
            assert row is not None
            casework.add_feedback(op, row, **{"rating": "okay", **over})

        run(caseload, go)

    with pytest.raises(ValidationError):
        give(rating="meh")
    give(venue_as_wanted=True, asked_who_should_come=False, comments="Too long 😴")
    with pytest.raises(ValidationError, match="already"):
        give()


def test_the_passphrase_check_uses_the_key_file(caseload: Caseload) -> None:
    folder = Path(caseload.folder)
    assert verify_passphrase(folder, PASSPHRASE)
    assert not verify_passphrase(folder, PASSPHRASE + "x")
    assert not verify_passphrase(folder, "")
