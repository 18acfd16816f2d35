"""The home view and the Review cycle tab read what is due from one place
(``store.due_items``): the same items, and an overdue challenge response on the home view."""

from __future__ import annotations

from datetime import date, timedelta

from iro_desktop.domain.due_kinds import LABELS, DueKind
from iro_desktop.store import due_items as store_due
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads import due_facts, whats_due
from iro_desktop.store.schema import Review
from tests.conftest import TODAY
from tests.store.test_ops_challenges import escalate, raise_one
from tests.store.test_ops_world import add_child, held_review, run


def test_every_kind_has_one_label_on_both_lists() -> None:
    assert {kind.value: LABELS[kind] for kind in DueKind} == store_due.KINDS
    assert all(kind in whats_due.TAB_FOR for kind in DueKind)  # each opens somewhere


def test_the_home_view_lists_exactly_what_the_store_says_is_due(caseload: Caseload) -> None:
    child = add_child(caseload)
    held_review(caseload, child, date(2026, 9, 1))
    raise_one(caseload, child)
    with caseload.session() as s:
        home = due_facts.load_due(s, TODAY)
        store = store_due.due_items(s, TODAY, until=TODAY + timedelta(days=28))
    assert home and len(home) == len(store)
    assert sorted((i.child_id, i.kind.value, i.label, i.due) for i in home) == sorted(
        (i.child_id, i.kind, i.label, i.due) for i in store
    )
    assert all((i.bucket is whats_due.Bucket.OVERDUE) == (i.due < TODAY) for i in home)


def test_an_overdue_challenge_response_is_on_the_home_view_once(caseload: Caseload) -> None:
    child = add_child(caseload)
    challenge = raise_one(caseload, child)  # response due 15/10/2026, long passed
    with caseload.session() as s:
        [item] = [i for i in due_facts.load_due(s, TODAY) if i.kind is DueKind.CHALLENGE]
    assert item.bucket is whats_due.Bucket.OVERDUE and item.due == date(2026, 10, 15)
    assert "No report again" in item.detail and item.tab == "Footprint"
    escalate(caseload, challenge, date(2026, 11, 20))  # stage 2: its own response date
    with caseload.session() as s:
        home = [i for i in due_facts.load_due(s, TODAY) if i.kind is DueKind.CHALLENGE]
        [overdue] = store_due.overdue_challenge_responses(s, TODAY + timedelta(days=30))
    assert len(home) == 1 and home[0].due > TODAY  # only the current stage waits
    assert overdue.due == home[0].due


def test_paperwork_of_an_older_review_does_not_bury_todays(caseload: Caseload) -> None:
    child = add_child(caseload)
    older = held_review(caseload, child, date(2026, 3, 2))
    held_review(caseload, child, date(2026, 9, 1))
    with caseload.session() as s:
        items = store_due.due_items(s, TODAY)
    records = [i for i in items if i.kind == "record_to_distribute"]
    assert len(records) == 1 and records[0].target.row_id != older.id


def test_a_cancelled_plan_is_not_waited_for(caseload: Caseload) -> None:
    child = add_child(caseload)
    held_review(caseload, child, date(2026, 9, 1))

    def plan_then_cancel(op: Op) -> None:
        review = Review(child_id=child.id, kind="later", status="cancelled",
                        planned_date=TODAY + timedelta(days=3))  # fmt: skip
        op.save(review)

    run(caseload, plan_then_cancel)
    with caseload.session() as s:
        [review] = [i for i in store_due.due_items(s, TODAY) if i.kind == "review"]
    assert review.target.table == "children"  # nothing planned: open the child


def test_a_child_with_no_review_yet_is_not_told_of_a_last_review(caseload: Caseload) -> None:
    """Before the first review there is no "last review" to have visited since."""
    child = add_child(caseload)
    with caseload.session() as s:
        [before] = [i for i in store_due.due_items(s, TODAY) if i.kind == "visit"]
    assert before.detail == "No visit since becoming looked after"
    held_review(caseload, child, date(2026, 9, 1))
    with caseload.session() as s:
        [after] = [i for i in store_due.due_items(s, TODAY) if i.kind == "visit"]
    assert after.detail == "No visit since the last review"
