"""Everything with a date the IRO must meet: overdue, this week, the next four weeks.

Paperwork is looked for only around each child's latest review, so a record from three
years ago that nobody marked as distributed does not bury today's work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import timescales as ts
from iro_desktop.store.queries import ChildHistory, histories, live_children, next_review, setting
from iro_desktop.store.schema import (
    Challenge,
    ChallengeStage,
    Consultation,
    Decision,
    MidwayUpdate,
    Review,
    Visit,
)

HORIZON_DAYS = 28
WEEK_DAYS = 7
OPEN_DECISIONS = ("open", "in_progress", "not_started", "drifting")


class Bucket(StrEnum):
    OVERDUE = "Overdue"
    THIS_WEEK = "This week"
    NEXT_FOUR_WEEKS = "Next four weeks"


class Kind(StrEnum):
    """What is due; the value is the label, the tab says where it opens."""

    REVIEW = "Review"
    VISIT = "Pre-review visit"
    CONSULTATION = "Consultation forms outstanding"
    REPORT = "Social worker's pre-meeting report"
    RECORD = "Review record to distribute"
    DECISIONS_SHARED = "Decisions to share"
    DECISION = "Decision due"
    MIDWAY = "Mid-way update"
    CHALLENGE = "Challenge response"


TAB_FOR: dict[Kind, str] = {
    Kind.REVIEW: "Reviews",
    Kind.VISIT: "Footprint",
    Kind.CONSULTATION: "Reviews",
    Kind.REPORT: "Reviews",
    Kind.RECORD: "Reviews",
    Kind.DECISIONS_SHARED: "Reviews",
    Kind.DECISION: "Reviews",
    Kind.MIDWAY: "Footprint",
    Kind.CHALLENGE: "Footprint",
}


@dataclass(frozen=True)
class DueItem:
    child_id: str
    child_name: str
    kind: Kind
    due: date
    detail: str
    bucket: Bucket

    @property
    def tab(self) -> str:
        return TAB_FOR[self.kind]


def bucket_for(due: date, today: date) -> Bucket | None:
    if due < today:
        return Bucket.OVERDUE
    if due < today + timedelta(days=WEEK_DAYS):
        return Bucket.THIS_WEEK
    if due <= today + timedelta(days=HORIZON_DAYS):
        return Bucket.NEXT_FOUR_WEEKS
    return None


def _by_child(rows: list) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for row in rows:
        if not row.deleted:
            out[row.child_id].append(row)
    return out


def load_due(session: Session, today: date) -> list[DueItem]:
    children = live_children(session)
    ids = [c.id for c in children]
    bring_forward = bool(setting(session, "bring_forward_on_placement_change"))
    record_days = int(setting(session, "record_working_days"))  # type: ignore[call-overload]
    share_days = int(setting(session, "decisions_shared_working_days"))  # type: ignore[call-overload]
    report_days = int(setting(session, "pre_meeting_report_working_days"))  # type: ignore[call-overload]

    def rows(model: type) -> dict[str, list]:  # type: ignore[type-arg]
        return _by_child(list(session.scalars(select(model).where(model.child_id.in_(ids)))))

    planned = rows(Review)
    visits, midways, consultations = rows(Visit), rows(MidwayUpdate), rows(Consultation)
    decisions, challenges, stages = rows(Decision), rows(Challenge), rows(ChallengeStage)
    items: list[tuple[str, str, Kind, date, str]] = []
    for history in histories(session, children):
        child = history.child
        cid, name = child.id, child.display_name
        nxt = next_review(history, bring_forward=bring_forward)
        upcoming = [r for r in planned[cid] if r.held_date is None and r.status != "cancelled"]
        review_on = min(
            (r.planned_date or r.due_date or nxt.due for r in upcoming), default=nxt.due
        )
        items.append((cid, name, Kind.REVIEW, nxt.due, nxt.reason))
        last = _last_held(history)
        since = last.held_date if last and last.held_date else child.became_looked_after
        if not any(v.visit_date > since for v in visits[cid]):
            items.append((cid, name, Kind.VISIT, review_on, "No visit since the last review"))
        report_received = any(r.pre_meeting_report_received for r in upcoming)
        if not report_received:
            due = ts.pre_meeting_report_due(review_on, report_days)
            items.append((cid, name, Kind.REPORT, due, "Not yet received"))
        upcoming_ids = {r.id for r in upcoming}
        waiting = [
            c for c in consultations[cid]
            if c.review_id in upcoming_ids and c.status in ("not_sent", "sent")
        ]  # fmt: skip
        if waiting:
            items.append(
                (cid, name, Kind.CONSULTATION, review_on, f"{len(waiting)} not yet returned")
            )
        if last is not None and last.held_date is not None:
            held = last.held_date
            if last.record_distributed_date is None:
                due = ts.record_due(held, record_days)
                items.append((cid, name, Kind.RECORD, due, f"Review held {_d(held)}"))
            if last.decisions_shared_date is None:
                due = ts.decisions_due(held, share_days)
                items.append((cid, name, Kind.DECISIONS_SHARED, due, f"Review held {_d(held)}"))
            if not any(m.review_id == last.id for m in midways[cid]) and nxt.due > held:
                due = ts.midway_update_due(held, nxt.due)
                items.append((cid, name, Kind.MIDWAY, due, f"Since the review on {_d(held)}"))
        for d in decisions[cid]:
            if last is None or d.review_id != last.id:
                continue  # older decisions are taken up by the review that followed
            if d.status in OPEN_DECISIONS and d.due_date is not None:
                items.append((cid, name, Kind.DECISION, d.due_date, f"{d.text} ({d.owner})"))
        # A challenge about an older review's decision was taken up by the review after it.
        current_decisions = {d.id for d in decisions[cid] if last and d.review_id == last.id}
        live = {
            c.id: c
            for c in challenges[cid]
            if c.resolved_date is None
            and c.kind == "challenge"  # a good-practice alert awaits no response
            and (c.decision_id is None or c.decision_id in current_decisions)
        }
        for stage in stages[cid]:
            challenge = live.get(stage.challenge_id)
            current = challenge is not None and stage.stage == challenge.current_stage
            if current and stage.response_date is None and not stage.escalated:
                issue = live[stage.challenge_id].issue
                items.append((cid, name, Kind.CHALLENGE, stage.response_due, issue))
    out = []
    for cid, name, kind, due, detail in items:
        bucket = bucket_for(due, today)
        if bucket is not None:
            out.append(DueItem(cid, name, kind, due, _short(detail), bucket))
    out.sort(key=lambda i: (i.due, i.child_name, i.kind))
    return out


def _last_held(history: ChildHistory) -> Review | None:
    held = [r for r in history.held_reviews if r.held_date >= history.child.became_looked_after]
    return held[-1] if held else None


def _d(d: date) -> str:
    from iro_desktop.domain.dates import format_date

    return format_date(d)


def _short(text: str, most: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"
