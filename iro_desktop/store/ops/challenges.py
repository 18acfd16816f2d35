"""Challenges to the local authority, escalated stage by stage, and good-practice alerts.

The ladder of stages and the response time are per-authority settings; stage 0 is the
informal conversation. Escalating never rewrites a stage: each keeps its own "raised with",
dates, response and outcome, so the whole history stays on the child's file.
"""

from __future__ import annotations

from datetime import date

from iro_desktop.domain import codes
from iro_desktop.domain.challenges import next_stage, response_due, stage_name
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.checks import on_or_before_today
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import (
    collecting,
    not_after,
    not_before,
    optional_text,
    required_text,
)
from iro_desktop.store.reads.challenges import current_stage
from iro_desktop.store.reads.settings import challenge_stages, setting_int
from iro_desktop.store.schema import Challenge, ChallengeStage, Child

KINDS = ("challenge", "good_practice")


def raise_challenge(
    op: Op,
    child: Child,
    *,
    category: str,
    issue: str,
    raised_date: date,
    raised_with: str,
    today: date,
    stage: int = 0,
    kind: str | None = None,
    response_working_days: int | None = None,
    decision_id: str | None = None,
) -> Challenge:
    """A new challenge at the informal stage (or straight to a formal one), or an alert.

    A good-practice alert is recorded the same way, but nobody owes a response to it.
    """
    ladder = challenge_stages(op.session)
    with collecting() as check:
        check(on_or_before_today, raised_date, "raised_date", child, today)
        checked = check(codes.check_code, codes.CHALLENGE_CATEGORIES, category, "category")
        kind = kind or ("good_practice" if checked == "good_practice" else "challenge")
        if kind not in KINDS:
            check.add("kind", "must be a challenge or a good-practice alert")
        elif checked is not None and (kind == "good_practice") != (checked == "good_practice"):
            check.add("category", "good practice is recorded as a good-practice alert")
        check(stage_name, stage, ladder)
        if kind == "good_practice" and stage != 0:
            check.add("stage", "a good-practice alert has no stages")
        issue_text = check(required_text, issue, "issue", 20_000)
        with_whom = check(required_text, raised_with, "raised_with")
    days = response_working_days or setting_int(op.session, "challenge_response_working_days")
    challenge = Challenge(
        child_id=child.id,
        kind=kind,
        category=checked,
        issue=issue_text,
        raised_date=raised_date,
        current_stage=stage,
        decision_id=decision_id,
    )
    op.save(challenge)
    op.save(
        ChallengeStage(
            child_id=child.id,
            challenge_id=challenge.id,
            stage=stage,
            raised_with=with_whom,
            raised_date=raised_date,
            response_due=response_due(raised_date, days),
        )
    )
    return challenge


def record_response(
    op: Op,
    stage: ChallengeStage,
    *,
    response: str,
    response_date: date,
    outcome: str | None,
    today: date | None = None,
) -> ChallengeStage:
    """The local authority's answer at one stage."""
    if stage.escalated:
        raise ValidationError("stage", "has been escalated; record the response at the later stage")
    with collecting() as check:
        check(not_before, response_date, stage.raised_date, "response_date",
              "the date it was raised")  # fmt: skip
        if today is not None:
            check(not_after, response_date, today, "response_date", "today")
        answer = check(required_text, response, "response", 20_000)
        result = check(optional_text, outcome, "outcome", 20_000)
    stage.response = answer
    stage.response_date = response_date
    stage.outcome = result
    op.save(stage)
    return stage


def escalate_challenge(
    op: Op,
    challenge: Challenge,
    *,
    raised_with: str,
    raised_date: date,
    today: date,
    reason: str | None = None,
) -> ChallengeStage:
    """Take an unresolved challenge to the next stage, keeping every earlier stage."""
    if challenge.kind != "challenge":
        raise ValidationError("challenge", "a good-practice alert cannot be escalated")
    if challenge.resolved_date is not None:
        raise ValidationError("challenge", "is resolved; raise a new challenge instead")
    ladder = challenge_stages(op.session)
    now = current_stage(op.session, challenge)
    target = next_stage(now.stage, ladder)
    with collecting() as check:
        check(not_before, raised_date, now.raised_date, "raised_date",
              "the previous stage was raised")  # fmt: skip
        check(not_after, raised_date, today, "raised_date", "today")
        why = check(optional_text, reason, "reason", 20_000)
        with_whom = check(required_text, raised_with, "raised_with")
    now.escalated = True
    if reason:
        now.outcome = why
    op.save(now)
    days = setting_int(op.session, "challenge_response_working_days")
    stage = ChallengeStage(
        child_id=challenge.child_id,
        challenge_id=challenge.id,
        stage=target,
        raised_with=with_whom,
        raised_date=raised_date,
        response_due=response_due(raised_date, days),
    )
    op.save(stage)
    challenge.current_stage = target
    op.save(challenge)
    return stage


def resolve_challenge(
    op: Op, challenge: Challenge, *, outcome: str, resolved_date: date, today: date
) -> Challenge:
    """Close a challenge (or an alert) with its outcome."""
    if challenge.resolved_date is not None:
        raise ValidationError("challenge", "is already resolved")
    with collecting() as check:
        check(not_before, resolved_date, challenge.raised_date, "resolved_date",
              "the date it was raised")  # fmt: skip
        check(not_after, resolved_date, today, "resolved_date", "today")
        result = check(required_text, outcome, "outcome", 20_000)
    challenge.outcome = result
    challenge.resolved_date = resolved_date
    op.save(challenge)
    return challenge
