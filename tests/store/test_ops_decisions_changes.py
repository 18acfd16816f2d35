"""After the meeting: a decision edited, removed (recorded by mistake) or cancelled; a
planned review cancelled or moved. Every rule checked in the operation layer, without Qt."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import decisions, midway, reviews
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import AuditEntry, Child, Decision, DecisionStatusChange, Review
from tests.conftest import TODAY
from tests.helpers import audit_count
from tests.store.test_ops_casework import decide
from tests.store.test_ops_reviews import PLAN, plan
from tests.store.test_ops_world import add_child, get, held_review, run


def on_decision(caseload: Caseload, decision_id: str, fn: Any) -> Any:
    def go(op: Op) -> Any:
        row = op.session.get(Decision, decision_id)
        assert row is not None
        review = op.session.get(Review, row.review_id)
        assert review is not None
        return fn(op, row, review)

    return run(caseload, go)


def history(caseload: Caseload, decision_id: str) -> list[tuple[str, str | None]]:
    with caseload.session() as s:
        rows = s.scalars(
            select(DecisionStatusChange).where(DecisionStatusChange.decision_id == decision_id)
        )
        return [(r.status, r.note) for r in rows]


def test_a_decision_recorded_by_mistake_is_removed_with_the_reason_kept(
    caseload: Caseload,
) -> None:
    review = held_review(caseload, add_child(caseload))
    wrong = decide(caseload, review, text="Wrong child's dentist")
    with pytest.raises(ValidationError) as raised:
        on_decision(caseload, wrong.id, lambda op, d, r: decisions.remove_decision(
            op, d, r, reason="  ", on=TODAY))  # fmt: skip
    assert raised.value.field == "reason"
    assert not get(caseload, Decision, wrong.id).deleted  # the refusal wrote nothing
    on_decision(caseload, wrong.id, lambda op, d, r: decisions.remove_decision(
        op, d, r, reason="Typed on the wrong child's record 🙈", on=TODAY))  # fmt: skip
    assert get(caseload, Decision, wrong.id).deleted  # a tombstone, so it syncs
    assert history(caseload, wrong.id) == [("removed", "Typed on the wrong child's record 🙈")]
    with caseload.session() as s:
        actions = [a.action for a in s.scalars(
            select(AuditEntry).where(AuditEntry.row_id == wrong.id))]  # fmt: skip
    assert actions[-1] == "delete"
    with pytest.raises(ValidationError, match="removed"):
        on_decision(caseload, wrong.id, lambda op, d, r: decisions.update_decision(
            op, d, r, text="x", owner="y", due_date=date(2026, 10, 1)))  # fmt: skip


def assess(caseload: Caseload, review: Review, decision_ids: list[str]) -> None:
    def go(op: Op) -> None:
        row = op.session.get(Review, review.id)
        assert row is not None
        items = [(op.session.get(Decision, i), "drifting", "Not started") for i in decision_ids]
        midway.add_midway_update(op, row, update_date=TODAY, method="phone_call",
                                 items=items, today=TODAY)  # type: ignore[arg-type]  # fmt: skip

    run(caseload, go)


def test_once_assessed_a_decision_is_cancelled_not_removed(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    decision = decide(caseload, review)
    assess(caseload, review, [decision.id])
    before = audit_count(caseload)
    with pytest.raises(ValidationError, match="cancel it instead"):
        on_decision(caseload, decision.id, lambda op, d, r: decisions.remove_decision(
            op, d, r, reason="Mistake", on=TODAY))  # fmt: skip
    assert audit_count(caseload) == before and not get(caseload, Decision, decision.id).deleted
    with pytest.raises(ValidationError) as raised:
        on_decision(caseload, decision.id, lambda op, d, r: decisions.cancel_decision(
            op, d, r, reason="", on=TODAY))  # fmt: skip
    assert raised.value.field == "reason"
    on_decision(caseload, decision.id, lambda op, d, r: decisions.cancel_decision(
        op, d, r, reason="The family moved; no longer needed", on=TODAY))  # fmt: skip
    assert get(caseload, Decision, decision.id).status == "cancelled"
    assert history(caseload, decision.id)[-1] == ("cancelled", "The family moved; no longer needed")
    with pytest.raises(ValidationError, match="already cancelled"):
        on_decision(caseload, decision.id, lambda op, d, r: decisions.cancel_decision(
            op, d, r, reason="again", on=TODAY))  # fmt: skip


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"text": ""}, "text"),
        ({"owner": "   "}, "owner"),
        ({"due_date": None}, "due_date"),
        ({"due_date": date(2026, 8, 1)}, "due_date"),  # before the review
        ({"due_date": date(2040, 1, 1)}, "due_date"),  # absurd
        ({"text": "x" * 5001}, "text"),
        ({"owner": "م" * 201}, "owner"),
    ],
)
def test_editing_a_decision_keeps_the_rules_it_was_made_under(
    caseload: Caseload, over: dict[str, Any], field: str
) -> None:
    review = held_review(caseload, add_child(caseload))
    decision = decide(caseload, review)
    fields: dict[str, Any] = {"text": "Book the dentist 🦷", "owner": "أمينة (carer)",
                              "due_date": date(2026, 10, 8), **over}  # fmt: skip
    with pytest.raises(ValidationError) as raised:
        on_decision(caseload, decision.id,
                    lambda op, d, r: decisions.update_decision(op, d, r, **fields))  # fmt: skip
    assert raised.value.field == field
    assert get(caseload, Decision, decision.id).text == "Book the dentist"


def test_editing_a_decision_saves_the_new_wording(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    decision = decide(caseload, review)
    on_decision(caseload, decision.id, lambda op, d, r: decisions.update_decision(
        op, d, r, text="Book the dentist 🦷", owner="أمينة (carer)",
        due_date=date(2026, 10, 8)))  # fmt: skip
    saved = get(caseload, Decision, decision.id)
    assert (saved.text, saved.owner, saved.due_date) == (
        "Book the dentist 🦷",
        "أمينة (carer)",
        date(2026, 10, 8),
    )


def on_review(caseload: Caseload, review_id: str, fn: Any) -> Any:
    def go(op: Op) -> Any:
        row = op.session.get(Review, review_id)
        assert row is not None
        child = op.session.get(Child, row.child_id)
        return fn(op, row, child)

    return run(caseload, go)


def test_a_planned_review_is_cancelled_with_a_reason_then_planned_again(
    caseload: Caseload,
) -> None:
    child = add_child(caseload)
    review = plan(caseload, child)
    with pytest.raises(ValidationError) as raised:
        on_review(caseload, review.id, lambda op, r, c: reviews.cancel_review(op, r, reason=""))
    assert raised.value.field == "reason"
    on_review(caseload, review.id, lambda op, r, c: reviews.cancel_review(
        op, r, reason="Wren is unwell"))  # fmt: skip
    cancelled = get(caseload, Review, review.id)
    assert cancelled.status == "cancelled" and cancelled.brought_forward_reason == "Wren is unwell"
    with pytest.raises(ValidationError):
        on_review(caseload, review.id, lambda op, r, c: reviews.cancel_review(op, r, reason="x"))
    again = plan(caseload, child)  # a cancelled plan does not block the next one
    assert get(caseload, Review, again.id).status == "planned"


def test_a_planned_review_is_moved_with_a_reason(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = plan(caseload, child)
    new_date = PLAN["planned_date"] + timedelta(days=7)

    def move(when: date | None, reason: str) -> Any:
        return on_review(caseload, review.id, lambda op, r, c: reviews.replan_review(
            op, r, c, planned_date=when, reason=reason, today=TODAY))  # fmt: skip

    for when, reason, field in (
        (new_date, "", "reason"),
        (None, "School trip", "planned_date"),
        (TODAY - timedelta(days=3), "School trip", "planned_date"),
        (date(2031, 1, 1), "School trip", "planned_date"),
        (PLAN["planned_date"], "School trip", "planned_date"),
    ):
        with pytest.raises(ValidationError) as raised:
            move(when, reason)
        assert raised.value.field == field
    assert get(caseload, Review, review.id).planned_date == PLAN["planned_date"]
    move(new_date, "School trip that week")
    moved = get(caseload, Review, review.id)
    assert moved.planned_date == new_date and moved.venue == PLAN["venue"]
    assert moved.brought_forward_reason is not None
    assert moved.brought_forward_reason.endswith("School trip that week")
