"""Read-side queries shared by the CLI, the GUI and the documents.

Each loads whole tables in a few statements rather than a query per child, so the
caseload and due list stay fast at 70 children with years of history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.timescales import NextReview, is_overdue, next_review_due
from iro_desktop.store.schema import (
    Child,
    Iro,
    LegalStatus,
    Placement,
    Review,
    SyncState,
)


def setting(session: Session, key: str) -> object:
    """A declared setting's value (see ``store.reads.settings``)."""
    from iro_desktop.store.reads.settings import read_setting

    return read_setting(session, key)


def live_children(session: Session) -> list[Child]:
    return list(
        session.scalars(
            select(Child)
            .where(Child.deleted.is_(False), Child.ceased_looked_after.is_(None))
            .order_by(Child.last_name, Child.first_name)
        )
    )


def _group(rows: Iterable[LegalStatus | Placement | Review]) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for row in rows:
        if not row.deleted:
            out[row.child_id].append(row)
    return out


@dataclass(frozen=True)
class ChildHistory:
    """What the review timescales need about one child."""

    child: Child
    legal_statuses: list[LegalStatus]
    placements: list[Placement]
    held_reviews: list[Review]

    @property
    def short_breaks(self) -> bool:
        live = [s for s in self.legal_statuses if s.end_date is None]
        current = max(live, key=lambda s: s.start_date) if live else None
        return current is not None and current.code in codes.SHORT_BREAK_STATUSES

    @property
    def current_placement(self) -> Placement | None:
        live = [p for p in self.placements if p.end_date is None]
        return max(live, key=lambda p: p.start_date) if live else None

    @property
    def current_legal_status(self) -> LegalStatus | None:
        live = [s for s in self.legal_statuses if s.end_date is None]
        return max(live, key=lambda s: s.start_date) if live else None


def histories(session: Session, children: list[Child]) -> list[ChildHistory]:
    ids = [c.id for c in children]
    statuses = _group(session.scalars(select(LegalStatus).where(LegalStatus.child_id.in_(ids))))
    placements = _group(session.scalars(select(Placement).where(Placement.child_id.in_(ids))))
    reviews = _group(
        session.scalars(
            select(Review).where(Review.child_id.in_(ids), Review.held_date.is_not(None))
        )
    )
    return [
        ChildHistory(
            c,
            sorted(statuses[c.id], key=lambda s: s.start_date),
            sorted(placements[c.id], key=lambda p: p.start_date),
            sorted(reviews[c.id], key=lambda r: r.held_date or date.min),
        )
        for c in children
    ]


def next_review(history: ChildHistory, *, bring_forward: bool = True) -> NextReview:
    """Only the current period of care counts: its first placement, and its changes of
    placement (none for short breaks, where each break is a placement of its own).

    A placement that began after the child came into care is a change of placement even
    when it is the first the program knows of (an import often brings only the current
    one): the placement the child came into care in starts on that day.
    """
    became = history.child.became_looked_after
    placements = [p for p in history.placements if p.start_date >= became] or history.placements
    short_breaks = history.short_breaks
    changes = [p.start_date for p in placements if p.start_date > became]
    return next_review_due(
        became_looked_after=became,
        held_reviews=[r.held_date for r in history.held_reviews if r.held_date is not None],
        short_breaks=short_breaks,
        first_placement_start=placements[0].start_date if placements else None,
        placement_changes=[] if short_breaks else changes,
        directed=history.child.review_directed_for,
        bring_forward_on_placement_change=bring_forward,
        confirmed_numbers={r.held_date: r.number for r in history.held_reviews
                           if r.held_date is not None and r.number is not None},
        history_needed_since=history.child.review_history_needed_since,
    )  # fmt: skip


@dataclass(frozen=True)
class DueEntry:
    child_ref: str
    name: str
    next_review_due: date
    kind: str
    overdue: bool
    child_id: str
    reason: str
    history_needed: bool = False  # the last review's date is needed: no date to be late


def due_list(session: Session, today: date) -> list[DueEntry]:
    bring_forward = bool(setting(session, "bring_forward_on_placement_change"))
    entries = []
    for history in histories(session, live_children(session)):
        nxt = next_review(history, bring_forward=bring_forward)
        child = history.child
        entries.append(
            DueEntry(
                child_ref=child.child_ref,
                name=child.display_name,
                next_review_due=nxt.due,
                kind=str(nxt.kind),
                overdue=nxt.history_needed is None and is_overdue(nxt.due, today),
                child_id=child.id,
                reason=nxt.reason,
                history_needed=nxt.history_needed is not None,
            )
        )
    entries.sort(key=lambda e: (e.next_review_due, e.name))
    return entries


ME_KEY = "iro_id"


def me(session: Session) -> Iro | None:
    """The IRO who uses this laptop: the profile named in sync_state, else the only one."""
    state = session.get(SyncState, ME_KEY)
    if state is not None:
        return session.get(Iro, state.value)
    iros = list(session.scalars(select(Iro).where(Iro.deleted.is_(False)).limit(2)))
    return iros[0] if len(iros) == 1 else None


def child_ids(session: Session) -> set[str]:
    """Every child row on this laptop, deleted or not (sync compares them before and after)."""
    return set(session.scalars(select(Child.id)))
