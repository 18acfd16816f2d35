"""What is due in the review cycle: one plain list, any child. The single source for the
home view (``store.reads.whats_due`` only sorts it into weeks) and the "Review cycle" tab.

Each item says what it is, whose it is, when it is due, whether that has passed, and what
to open. Paperwork is looked for only around each child's latest review, so a record from
three years ago that nobody marked as distributed does not bury today's work. The queries
load whole tables in a few statements, as ``queries`` does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain import timescales as ts
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.due_kinds import LABELS, NEVER_OVERDUE
from iro_desktop.store import queries
from iro_desktop.store.reads.decisions import CLOSED
from iro_desktop.store.reads.settings import setting_int
from iro_desktop.store.schema import (
    Challenge,
    ChallengeStage,
    Child,
    ChildAlert,
    Consultation,
    Decision,
    MidwayUpdate,
    Review,
    Visit,
)

KINDS: dict[str, str] = {kind.value: label for kind, label in LABELS.items()}


@dataclass(frozen=True)
class Target:
    """What to open: ``table`` is the store table, ``row_id`` its row."""

    table: str
    row_id: str


@dataclass(frozen=True)
class DueItem:
    kind: str
    child_id: str
    child_name: str
    due: date
    overdue: bool
    target: Target
    detail: str

    @property
    def label(self) -> str:
        return KINDS[self.kind]


@dataclass
class _Rows:
    """One child's rows of each table (tombstones left out)."""

    reviews: list[Review]
    visits: list[Visit]
    midways: list[MidwayUpdate]
    consultations: list[Consultation]
    decisions: list[Decision]
    challenges: list[Challenge]
    stages: list[ChallengeStage]
    alerts: list[ChildAlert]


def _by_child(session: Session, model: Any, ids: list[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for row in session.scalars(select(model).where(model.child_id.in_(ids))):
        if not row.deleted:
            out[row.child_id].append(row)
    return out


def due_items(session: Session, today: date, *, until: date | None = None) -> list[DueItem]:
    """Everything due up to ``until`` (everything, if None), overdue first, then by date."""
    children = queries.live_children(session)
    ids = [c.id for c in children]
    tables = (Review, Visit, MidwayUpdate, Consultation, Decision, Challenge, ChallengeStage,
              ChildAlert)  # fmt: skip
    grouped = [_by_child(session, model, ids) for model in tables]
    bring_forward = bool(queries.setting(session, "bring_forward_on_placement_change"))
    days = {
        key: setting_int(session, key)
        for key in ("record_working_days", "decisions_shared_working_days",
                    "pre_meeting_report_working_days")
    }  # fmt: skip
    items: list[DueItem] = []
    for history in queries.histories(session, children):
        cid = history.child.id
        rows = _Rows(*(g[cid] for g in grouped))
        for kind, due, table, row_id, detail in _for_child(history, rows, bring_forward, days):
            if until is None or due <= until:
                late = due < today and kind not in NEVER_OVERDUE
                items.append(DueItem(kind, cid, history.child.display_name, due, late,
                                     Target(table, row_id), detail))  # fmt: skip
    items.sort(key=lambda i: (not i.overdue, i.due, i.child_name, i.kind))
    return items


def overdue_challenge_responses(session: Session, today: date) -> list[DueItem]:
    """Challenges still waiting for a response past the date it was due."""
    return [
        i
        for i in due_items(session, today, until=today)
        if i.kind == "challenge_response" and i.overdue
    ]


_Found = tuple[str, date, str, str, str]


def _for_child(
    history: queries.ChildHistory, rows: _Rows, bring_forward: bool, days: dict[str, int]
) -> list[_Found]:
    child: Child = history.child
    cid = child.id
    held = [r for r in history.held_reviews if r.status == "held"]
    history = queries.ChildHistory(child, history.legal_statuses, history.placements, held)
    nxt = queries.next_review(history, bring_forward=bring_forward)
    upcoming = [r for r in rows.reviews if r.held_date is None and r.status == "planned"]
    planned = min(upcoming, key=lambda r: r.planned_date or r.due_date or nxt.due, default=None)
    review_on = (planned.planned_date or planned.due_date or nxt.due) if planned else nxt.due
    here = ("reviews", planned.id) if planned else ("children", cid)
    if nxt.history_needed is not None:
        # No review on file long after the first was due: the last one's date is asked
        # for, not a first review counted years late; nothing is due before a review that
        # has no date yet, unless one is planned.
        detail = (f"Came into care on {format_date(child.became_looked_after)}; no review "
                  "is on file: record the last review held")  # fmt: skip
        found: list[_Found] = [("last_review_needed", nxt.history_needed, "children", cid,
                                detail)]  # fmt: skip
        if planned is None:
            return found + _open_alerts(rows) + _challenges(rows, set())
        found.append(("review", review_on, *here, "Planned (the last review's date is "
                      "still needed)"))  # fmt: skip
    else:
        found = [("review", nxt.due, *here, nxt.reason)]
    found += _open_alerts(rows)
    last = _last_held(held, child.became_looked_after)
    since = last.held_date if last and last.held_date else child.became_looked_after
    if not any(v.visit_date > since for v in rows.visits):
        not_since = "the last review" if last is not None else "becoming looked after"
        found.append(("visit", review_on, "children", cid, f"No visit since {not_since}"))
    if not any(r.pre_meeting_report_received for r in upcoming):
        due = ts.pre_meeting_report_due(review_on, days["pre_meeting_report_working_days"])
        found.append(("pre_meeting_report", due, *here, "Not yet received"))
    upcoming_ids = {r.id for r in upcoming}
    waiting = [c for c in rows.consultations
               if c.review_id in upcoming_ids and c.status in ("not_sent", "sent")]  # fmt: skip
    if waiting:
        found.append(("consultation", review_on, *here, f"{len(waiting)} not yet returned"))
    if last is None or last.held_date is None:
        return found + _challenges(rows, set())
    on, at = last.held_date, ("reviews", last.id)
    # An imported review is history: its paperwork was done (or not) where it came from.
    if last.record_distributed_date is None and not last.imported:
        due = ts.record_due(on, days["record_working_days"])
        found.append(("record_to_distribute", due, *at, f"Review held {format_date(on)}"))
    if last.decisions_shared_date is None and not last.imported:
        due = ts.decisions_due(on, days["decisions_shared_working_days"])
        found.append(("decisions_to_share", due, *at, f"Review held {format_date(on)}"))
    if not any(m.review_id == last.id for m in rows.midways) and nxt.due > on:
        due = ts.midway_update_due(on, nxt.due)
        found.append(("midway_update", due, *at, f"Since the review on {format_date(on)}"))
    current = [d for d in rows.decisions if d.review_id == last.id]
    for d in current:  # older decisions are taken up by the review that followed
        if d.status not in CLOSED and d.due_date is not None:
            found.append(("decision", d.due_date, "decisions", d.id, f"{d.text} ({d.owner})"))
    return found + _challenges(rows, {d.id for d in current})


def _open_alerts(rows: _Rows) -> list[_Found]:
    """The child's alerts, open until the IRO records what they did."""
    found: list[_Found] = []
    for alert in rows.alerts:
        if alert.acted_on is None:
            words = codes.CHILD_ALERTS.get(alert.kind, alert.kind)
            found.append(("child_alert", alert.raised_on, "child_alerts", alert.id,
                          f"\u201c{words}\u201d: record what you did"))  # fmt: skip
    return found


def _challenges(rows: _Rows, current_decisions: set[str]) -> list[_Found]:
    """The current stage of each open challenge still waiting for its response.

    A good-practice alert awaits no response; a challenge about an older review's decision
    was taken up by the review after it.
    """
    live = {
        c.id: c
        for c in rows.challenges
        if c.resolved_date is None
        and c.kind == "challenge"
        and (c.decision_id is None or c.decision_id in current_decisions)
    }
    found: list[_Found] = []
    for stage in rows.stages:
        challenge = live.get(stage.challenge_id)
        if challenge is None or stage.stage != challenge.current_stage:
            continue
        if stage.response_date is None and not stage.escalated:
            detail = f"{challenge.issue} (raised with {stage.raised_with})"
            found.append(("challenge_response", stage.response_due, "challenges", challenge.id,
                           detail))  # fmt: skip
    return found


def _last_held(held: list[Review], looked_after: date) -> Review | None:
    mine = [r for r in held if r.held_date is not None and r.held_date >= looked_after]
    return mine[-1] if mine else None
