"""Challenges escalate stage by stage and keep their history; overdue responses are found."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.due_items import due_items, overdue_challenge_responses
from iro_desktop.store.ops import challenges
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.challenges import stages_of
from iro_desktop.store.schema import Challenge, ChallengeStage, Child, Setting
from tests.conftest import TODAY
from tests.store.test_ops_world import add_child, get, held_review, run


def raise_one(caseload: Caseload, child: Child, **over: Any) -> Challenge:
    fields: dict[str, Any] = {
        "category": "pre_meeting_report_not_available", "issue": "No report again",
        "raised_date": date(2026, 10, 1), "raised_with": "Sam Okafor, team manager",
        "today": TODAY,
    }  # fmt: skip
    fields.update(over)

    def go(op: Op) -> Challenge:
        row = op.session.get(Child, child.id)
        assert row is not None
        return challenges.raise_challenge(op, row, **fields)

    return run(caseload, go)


def escalate(
    caseload: Caseload, challenge: Challenge, on: date, who: str = "Service manager"
) -> None:
    def go(op: Op) -> None:
        row = op.session.get(Challenge, challenge.id)
        assert row is not None
        challenges.escalate_challenge(op, row, raised_with=who, raised_date=on, today=TODAY,
                                      reason="No answer")  # fmt: skip

    run(caseload, go)


def stages(caseload: Caseload, challenge: Challenge) -> list[ChallengeStage]:
    with caseload.session() as s:
        row = s.get(Challenge, challenge.id)
        assert row is not None
        return stages_of(s, row)


def test_escalating_keeps_every_stage(caseload: Caseload) -> None:
    child = add_child(caseload)
    challenge = raise_one(caseload, child)
    escalate(caseload, challenge, date(2026, 10, 20))
    escalate(caseload, challenge, date(2026, 11, 10), "Area head")
    history = stages(caseload, challenge)
    assert [s.stage for s in history] == [0, 1, 2]
    assert [s.escalated for s in history] == [True, True, False]
    assert history[0].raised_with == "Sam Okafor, team manager"
    assert history[0].outcome == "No answer"
    assert get(caseload, Challenge, challenge.id).current_stage == 2
    assert history[2].response_due == date(2026, 11, 24)  # ten working days


def test_stage_order_and_dates_are_enforced(caseload: Caseload) -> None:
    child = add_child(caseload)
    challenge = raise_one(caseload, child)
    with pytest.raises(ValidationError, match="before the previous stage"):
        escalate(caseload, challenge, date(2026, 9, 1))
    with pytest.raises(ValidationError, match="after today"):
        escalate(caseload, challenge, TODAY + timedelta(days=1))
    with pytest.raises(ValidationError):
        raise_one(caseload, child, stage=7)
    with pytest.raises(ValidationError):
        raise_one(caseload, child, raised_with="")
    with pytest.raises(ValidationError, match="good-practice"):
        raise_one(caseload, child, category="good_practice", kind="challenge")
    assert len(stages(caseload, challenge)) == 1


def test_the_last_stage_cannot_escalate_and_the_ladder_is_a_setting(caseload: Caseload) -> None:
    def short_ladder(op: Op) -> None:
        op.session.add(Setting(key="challenge_stages", value=["Chat", "Head of service"]))

    run(caseload, short_ladder)
    child = add_child(caseload)
    challenge = raise_one(caseload, child)
    escalate(caseload, challenge, date(2026, 10, 5))
    with pytest.raises(ValidationError, match="last stage"):
        escalate(caseload, challenge, date(2026, 10, 6))


def test_a_good_practice_alert_needs_no_response(caseload: Caseload) -> None:
    child = add_child(caseload)
    alert = raise_one(caseload, child, category="good_practice", issue="Lovely life story book")
    assert get(caseload, Challenge, alert.id).kind == "good_practice"
    with pytest.raises(ValidationError, match="cannot be escalated"):
        escalate(caseload, alert, date(2026, 10, 5))
    with caseload.session() as s:
        assert overdue_challenge_responses(s, TODAY) == []


def test_overdue_responses_are_listed_until_answered_or_resolved(caseload: Caseload) -> None:
    child = add_child(caseload)
    challenge = raise_one(caseload, child)
    with caseload.session() as s:
        [item] = overdue_challenge_responses(s, TODAY)
    assert item.child_id == child.id and item.target.row_id == challenge.id
    assert item.due == date(2026, 10, 15) and item.overdue and item.child_name == "Wren Elmstead"

    def answer(op: Op) -> None:
        [stage] = stages_of(op.session, challenge)
        with pytest.raises(ValidationError):
            challenges.record_response(op, stage, response="ok", outcome=None,
                                       response_date=date(2026, 9, 1))  # fmt: skip
        challenges.record_response(op, stage, response="Report by Friday", outcome="Agreed",
                                   response_date=date(2026, 10, 20), today=TODAY)  # fmt: skip

    run(caseload, answer)
    with caseload.session() as s:
        assert overdue_challenge_responses(s, TODAY) == []

    def resolve(op: Op) -> None:
        row = op.session.get(Challenge, challenge.id)
        assert row is not None
        challenges.resolve_challenge(op, row, outcome="Report arrived", resolved_date=TODAY,
                                     today=TODAY)  # fmt: skip

    run(caseload, resolve)
    with pytest.raises(ValidationError, match="resolved"):
        escalate(caseload, challenge, TODAY)


def test_due_items_cover_sharing_distribution_and_midway(caseload: Caseload) -> None:
    child = add_child(caseload)
    held_review(caseload, child, date(2026, 9, 1))
    with caseload.session() as s:
        kinds = {i.kind: i for i in due_items(s, TODAY)}
    assert kinds["decisions_to_share"].due == date(2026, 9, 8)
    assert kinds["record_to_distribute"].overdue
    # Halfway to the next review, 1 March 2027 (6 months: in care since 2022, the review
    # on file is taken as a later one): 1 September + 90 days.
    assert kinds["midway_update"].due == date(2026, 11, 30)
    with caseload.session() as s:
        soon = due_items(s, TODAY, until=date(2026, 9, 10))
    assert {i.kind for i in soon} == {"decisions_to_share"}
