"""A small, real encrypted caseload for the review-cycle operation tests: helpers only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import children, reviews
from iro_desktop.store.ops.core import Op, operation
from iro_desktop.store.schema import Child, Review
from tests.conftest import TODAY
from tests.helpers import ACTOR

T = TypeVar("T")


def run(caseload: Caseload, fn: Callable[[Op], T]) -> T:
    with operation(caseload, ACTOR) as op:
        return fn(op)


def add_child(caseload: Caseload, ref: str = "R1", **over: Any) -> Child:
    fields: dict[str, Any] = {
        "child_ref": ref,
        "first_name": "Wren",
        "last_name": "Elmstead",
        "date_of_birth": date(2014, 3, 9),
        "became_looked_after": date(2022, 5, 3),
        "today": TODAY,
    }
    fields.update(over)
    return run(caseload, lambda op: children.add_child(op, **fields))


def held_review(caseload: Caseload, child: Child, on: date = date(2026, 9, 1)) -> Review:
    def go(op: Op) -> Review:
        row = op.session.get(Child, child.id)
        assert row is not None
        return reviews.record_held_review(
            op, row, held_date=on, participation_code="PN1", today=TODAY, attendees=["Wren"]
        )

    return run(caseload, go)


def get(caseload: Caseload, model: type[T], row_id: str) -> T:
    with caseload.session() as s:
        row = s.get(model, row_id)
        assert row is not None
        return row


def test_the_helpers_make_a_child_with_a_held_review(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child)
    assert get(caseload, Review, review.id).status == "held"
