"""Everything the child's record shows, loaded at once in a worker thread.

Rows are detached ORM objects (the session is closed before they reach the UI thread);
they have no relationships, so nothing lazy-loads across threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.timescales import NextReview
from iro_desktop.store.queries import histories, next_review, setting
from iro_desktop.store.schema import (
    Challenge,
    Child,
    ChildAlert,
    LegalStatus,
    Letter,
    MidwayUpdate,
    Note,
    Person,
    Placement,
    Review,
    Visit,
)


@dataclass(frozen=True)
class Event:
    """One entry in the IRO footprint timeline."""

    on: date
    kind: str
    title: str
    detail: str = ""


FOOTPRINT_KINDS = ("Visit", "Call", "Review", "Mid-way update", "Challenge", "Letter", "Note",
                   "Child's alert")  # fmt: skip


@dataclass
class ChildFile:
    child: Child
    next_review: NextReview
    placements: list[Placement]
    legal_statuses: list[LegalStatus]
    people: list[Person]
    reviews: list[Review]
    footprint: list[Event] = field(default_factory=list)


def _live(session: Session, model: Any, child_id: str) -> list[Any]:
    return list(
        session.scalars(select(model).where(model.child_id == child_id, model.deleted.is_(False)))
    )


def load_child(session: Session, child_id: str) -> ChildFile:
    child = session.get(Child, child_id)
    if child is None or child.deleted:
        raise LookupError("That child is no longer on the caseload.")
    bring_forward = bool(setting(session, "bring_forward_on_placement_change"))
    history = histories(session, [child])[0]
    reviews = sorted(
        _live(session, Review, child_id),
        key=lambda r: r.held_date or r.planned_date or r.due_date or date.max,
        reverse=True,
    )
    people = sorted(
        _live(session, Person, child_id), key=lambda p: (p.end_date is not None, p.role, p.name)
    )
    return ChildFile(
        child=child,
        next_review=next_review(history, bring_forward=bring_forward),
        placements=list(reversed(history.placements)),
        legal_statuses=list(reversed(history.legal_statuses)),
        people=people,
        reviews=reviews,
        footprint=_footprint(session, child_id, reviews),
    )


def _footprint(session: Session, child_id: str, reviews: list[Review]) -> list[Event]:
    events: list[Event] = []
    for v in _live(session, Visit, child_id):
        kind = "Call" if v.method in ("phone_call", "video_call") else "Visit"
        method = codes.VISIT_METHODS.get(v.method, v.method)
        alone = {True: ", seen alone", False: ", not seen alone"}.get(v.seen_alone, "")
        title = f"{method} ({v.purpose.replace('_', ' ')}){alone}"
        events.append(Event(v.visit_date, kind, title, v.child_words or v.summary or ""))
    for r in reviews:
        if r.held_date is not None:
            code = f", {r.participation_code}" if r.participation_code else ""
            events.append(Event(r.held_date, "Review", f"Review held ({r.kind}{code})",
                                r.working_well or ""))  # fmt: skip
    for m in _live(session, MidwayUpdate, child_id):
        events.append(Event(m.update_date, "Mid-way update",
                            f"Mid-way update with {m.spoke_with or 'the social worker'}",
                            m.summary or ""))  # fmt: skip
    for c in _live(session, Challenge, child_id):
        what = "Good practice alert" if c.kind == "good_practice" else "Challenge raised"
        state = " (resolved)" if c.resolved_date else ""
        events.append(Event(c.raised_date, "Challenge", f"{what}{state}", c.issue))
    for a in _live(session, ChildAlert, child_id):
        words = codes.CHILD_ALERTS.get(a.kind, a.kind)
        if a.acted_on is None:
            state, detail = "open: record what you did", ""
        else:
            state, detail = f"acted on {format_date(a.acted_on)}", a.action or ""
        events.append(Event(a.raised_on, "Child's alert",
                            f"\u201c{words}\u201d (child mode, {state})", detail))  # fmt: skip
    for letter in _live(session, Letter, child_id):
        events.append(Event(letter.written_on, "Letter", "Letter to the young person"))
    for n in _live(session, Note, child_id):
        events.append(Event(n.note_date, "Note", n.kind.replace("_", " ").capitalize(), n.text))
    events.sort(key=lambda e: e.on, reverse=True)
    return events
