"""Everything the child's record shows, loaded at once in a worker thread.

Rows are detached ORM objects (the session is closed before they reach the UI thread);
they have no relationships, so nothing lazy-loads across threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.timescales import NextReview
from iro_desktop.store.queries import histories, next_review, setting
from iro_desktop.store.reads.corrections import corrected
from iro_desktop.store.schema import (
    Challenge,
    Child,
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
    entry_kind: str = ""  # the entry behind it, for Edit and Delete (``store.ops.entries``)
    entry_id: str = ""
    corrected: str = ""  # "corrected 3 December 2026 by Sam Patel", if it was


FOOTPRINT_KINDS = ("Visit", "Call", "Review", "Mid-way update", "Challenge", "Letter", "Note")


@dataclass
class ChildFile:
    child: Child
    next_review: NextReview
    placements: list[Placement]
    legal_statuses: list[LegalStatus]
    people: list[Person]
    reviews: list[Review]
    footprint: list[Event] = field(default_factory=list)
    corrected: dict[str, str] = field(default_factory=dict)  # row id -> "corrected ... by ..."

    def note(self, row: Any) -> str:
        """ "corrected 3 December 2026 by Sam Patel" for a corrected row, else ""."""
        return self.corrected.get(row.id, "")


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
    footprint = _footprint(session, child_id, reviews)
    file = ChildFile(
        child=child,
        next_review=next_review(history, bring_forward=bring_forward),
        placements=list(reversed(history.placements)),
        legal_statuses=list(reversed(history.legal_statuses)),
        people=people,
        reviews=reviews,
    )
    ids = [r.id for r in (*file.placements, *file.legal_statuses, *people, *reviews)]
    file.corrected = corrected(session, [*ids, *(e.entry_id for e in footprint if e.entry_id)])
    file.footprint = [replace(e, corrected=file.corrected.get(e.entry_id, "")) for e in footprint]
    return file


def _footprint(session: Session, child_id: str, reviews: list[Review]) -> list[Event]:
    events: list[Event] = []
    for v in _live(session, Visit, child_id):
        kind = "Call" if v.method in ("phone_call", "video_call") else "Visit"
        method = codes.VISIT_METHODS.get(v.method, v.method)
        alone = {True: ", seen alone", False: ", not seen alone"}.get(v.seen_alone, "")
        title = f"{method} ({v.purpose.replace('_', ' ')}){alone}"
        events.append(Event(v.visit_date, kind, title, v.child_words or v.summary or "",
                            "visit", v.id))  # fmt: skip
    for r in reviews:
        if r.held_date is not None:
            code = f", {r.participation_code}" if r.participation_code else ""
            events.append(Event(r.held_date, "Review", f"Review held ({r.kind}{code})",
                                r.working_well or "", "review", r.id))  # fmt: skip
    for m in _live(session, MidwayUpdate, child_id):
        events.append(Event(m.update_date, "Mid-way update",
                            f"Mid-way update with {m.spoke_with or 'the social worker'}",
                            m.summary or "", "midway", m.id))  # fmt: skip
    for c in _live(session, Challenge, child_id):
        what = "Good practice alert" if c.kind == "good_practice" else "Challenge raised"
        state = " (resolved)" if c.resolved_date else ""
        events.append(Event(c.raised_date, "Challenge", f"{what}{state}", c.issue,
                            "challenge", c.id))  # fmt: skip
    for letter in _live(session, Letter, child_id):
        events.append(Event(letter.written_on, "Letter", "Letter to the young person"))
    for n in _live(session, Note, child_id):
        events.append(Event(n.note_date, "Note", n.kind.replace("_", " ").capitalize(), n.text,
                            "note", n.id))  # fmt: skip
    events.sort(key=lambda e: e.on, reverse=True)
    return events
