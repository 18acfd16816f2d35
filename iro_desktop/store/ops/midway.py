"""Surrey's mid-way progress update: every open decision of the last review, checked.

The IRO reads the file and talks to the social worker; each decision gets a status and the
social worker's account. A drifting decision is the usual reason to raise a challenge, so
``challenge_prefill`` pre-fills one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.decisions import set_decision_status
from iro_desktop.store.ops.validate import collecting, not_after, not_before, optional_text
from iro_desktop.store.reads.decisions import CLOSED
from iro_desktop.store.schema import Decision, MidwayItem, MidwayUpdate, Review


def add_midway_update(
    op: Op,
    review: Review,
    *,
    update_date: date,
    method: str,
    items: Sequence[tuple[Decision, str, str | None]],
    today: date,
    spoke_with: str | None = None,
    summary: str | None = None,
) -> MidwayUpdate:
    """One mid-way update. Every decision still open must be given a status."""
    if review.status != "held" or review.held_date is None:
        raise ValidationError("review", "has not been held yet")
    seen: set[str] = set()
    for decision, _status, _account in items:
        if decision.review_id != review.id:
            raise ValidationError("decision", "belongs to a different review")
        if decision.id in seen:
            raise ValidationError("decision", "appears twice in the update")
        seen.add(decision.id)
    missing = [
        d for d in op.session.scalars(
            select(Decision).where(Decision.review_id == review.id, Decision.deleted.is_(False))
        )
        if d.status not in CLOSED and d.id not in seen
    ]  # fmt: skip
    with collecting() as check:
        check(not_after, update_date, today, "update_date", "today")
        check(not_before, update_date, review.held_date, "update_date", "the review")
        how = check(codes.check_code, codes.VISIT_METHODS, method, "method")
        if missing:
            check.add("items", f"give a status for every open decision ({missing[0].text})")
        who = check(optional_text, spoke_with, "spoke_with", 200)
        said = check(optional_text, summary, "summary")
        for _decision, status, account in items:
            check(codes.check_code, codes.MIDWAY_STATUSES, status, "status")
            check(optional_text, account, "account")
    update = MidwayUpdate(
        child_id=review.child_id,
        review_id=review.id,
        update_date=update_date,
        method=how,
        spoke_with=who,
        summary=said,
    )
    op.save(update)
    for decision, status, account in items:
        status = codes.check_code(codes.MIDWAY_STATUSES, status, "status")
        op.save(
            MidwayItem(
                child_id=review.child_id,
                midway_update_id=update.id,
                decision_id=decision.id,
                status=status,
                account=optional_text(account, "account"),
            )
        )
        if decision.status != status:
            set_decision_status(op, decision, status, update_date)
    return update


@dataclass(frozen=True)
class ChallengePrefill:
    """What the challenge screen opens with for a drifting decision; the IRO may edit it."""

    category: str
    issue: str
    raised_with: str
    decision_id: str


def challenge_prefill(decision: Decision, account: str | None = None) -> ChallengePrefill:
    due = f" by {format_date(decision.due_date)}" if decision.due_date else ""
    issue = f'Decision of the review not acted on: "{decision.text}" ({decision.owner}{due}).'
    if account:
        issue += f" Social worker's account: {account}"
    return ChallengePrefill(
        category="decisions_not_acted_on",
        issue=issue,
        raised_with="Team manager",
        decision_id=decision.id,
    )
