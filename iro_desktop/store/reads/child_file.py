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
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.timescales import NextReview, count_reviews
from iro_desktop.store.queries import histories, next_review, setting
from iro_desktop.store.reads.corrections import corrected
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
    ReviewFeedback,
    Visit,
)


@dataclass(frozen=True)
class Event:
    """One entry in the IRO footprint timeline."""

    on: date
    kind: str
    title: str
    detail: str = ""
    table: str = ""  # where it is kept, so that it can be opened (``reads.entry``)
    row_id: str = ""
    corrected: str = ""  # "corrected 3 December 2026 by Sam Patel", if it was


FOOTPRINT_KINDS = ("Visit", "Call", "Review", "Feedback", "Mid-way update", "Challenge", "Letter",
                   "Note", "Child's alert")  # fmt: skip


@dataclass
class ChildFile:
    child: Child
    next_review: NextReview
    placements: list[Placement]
    legal_statuses: list[LegalStatus]
    people: list[Person]
    reviews: list[Review]
    footprint: list[Event] = field(default_factory=list)
    # Each held review's number in this period of care (by review id), and what the
    # program assumed about reviews missing from the file ("" when nothing).
    review_numbers: dict[str, int] = field(default_factory=dict)
    assumed_review_id: str | None = None  # the review whose number is assumed, if any
    assumption: str = ""
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
    numbered = sorted((r for r in reviews if r.status == "held" and r.held_date is not None
                       and r.held_date >= child.became_looked_after),
                      key=lambda r: r.held_date or date.min)  # fmt: skip
    count = count_reviews(
        child.became_looked_after,
        [r.held_date for r in numbered if r.held_date is not None],
        {r.held_date: r.number for r in numbered if r.held_date and r.number is not None},
        short_breaks=history.short_breaks,
    )
    footprint = _footprint(session, child_id, reviews)
    nxt = next_review(history, bring_forward=bring_forward)
    file = ChildFile(
        review_numbers={r.id: n for r, n in zip(numbered, count.numbers, strict=True)},
        assumed_review_id=numbered[0].id if count.assumed else None,
        # With no review on file, what is assumed is that the reviews were held before the
        # child came to the program (``NextReview.history_needed``).
        assumption=count.assumption or nxt.assumption,
        child=child,
        next_review=nxt,
        placements=list(reversed(history.placements)),
        legal_statuses=list(reversed(history.legal_statuses)),
        people=people,
        reviews=reviews,
    )
    rows = [(r.__tablename__, r.id)
            for r in (*file.placements, *file.legal_statuses, *people, *reviews)]  # fmt: skip
    file.corrected = corrected(session, [*rows, *((e.table, e.row_id) for e in footprint)])
    file.footprint = [replace(e, corrected=file.corrected.get(e.row_id, "")) for e in footprint]
    return file


def _footprint(session: Session, child_id: str, reviews: list[Review]) -> list[Event]:
    """Each entry says what it was in plain words (never a stored code) and where it is."""
    events: list[Event] = []
    for v in _live(session, Visit, child_id):
        kind = "Call" if v.method in ("phone_call", "video_call") else "Visit"
        method = codes.VISIT_METHODS.get(v.method, v.method)
        purpose = codes.VISIT_PURPOSES.get(v.purpose, v.purpose.replace("_", " ")).lower()
        alone = {True: ", seen alone", False: ", not seen alone"}.get(v.seen_alone, "")
        title = f"{method} ({purpose}){alone}"
        events.append(Event(v.visit_date, kind, title, v.child_words or v.summary or "",
                            "visits", v.id))  # fmt: skip
    for r in reviews:
        if r.held_date is not None:
            what = REVIEW_KINDS.get(r.kind, r.kind.replace("_", " "))
            code = f", {r.participation_code}" if r.participation_code else ""
            history = " (imported)" if r.imported else ""
            events.append(Event(r.held_date, "Review", f"Review held: {what}{code}{history}",
                                r.working_well or "", "reviews", r.id))  # fmt: skip
    for m in _live(session, MidwayUpdate, child_id):
        events.append(Event(m.update_date, "Mid-way update",
                            f"Mid-way update with {m.spoke_with or 'the social worker'}",
                            m.summary or "", "midway_updates", m.id))  # fmt: skip
    for c in _live(session, Challenge, child_id):
        what = "Good practice alert" if c.kind == "good_practice" else "Challenge raised"
        state = " (resolved)" if c.resolved_date else ""
        events.append(Event(c.raised_date, "Challenge", f"{what}{state}", c.issue,
                            "challenges", c.id))  # fmt: skip
    for a in _live(session, ChildAlert, child_id):
        words = codes.CHILD_ALERTS.get(a.kind, a.kind)
        if a.acted_on is None:
            state, detail = "open: record what you did", ""
        else:
            state, detail = f"acted on {format_date(a.acted_on)}", a.action or ""
        events.append(Event(a.raised_on, "Child's alert",
                            f"\u201c{words}\u201d (child mode, {state})", detail,
                            "child_alerts", a.id))  # fmt: skip
    held = {r.id: r.held_date for r in reviews if r.held_date is not None}
    for f in _live(session, ReviewFeedback, child_id):
        if f.review_id in held:  # a postcard is about a held review, and dated by it
            rating = codes.FEEDBACK_RATINGS.get(f.rating, f.rating.capitalize())
            events.append(Event(held[f.review_id], "Feedback",
                                f"The child's feedback on the review: {rating}",
                                f.comments or "", "review_feedback", f.id))  # fmt: skip
    for letter in _live(session, Letter, child_id):
        events.append(Event(letter.written_on, "Letter", "Letter to the young person", "",
                            "letters", letter.id))  # fmt: skip
    for n in _live(session, Note, child_id):
        kind = codes.NOTE_KINDS.get(n.kind, n.kind.replace("_", " ").capitalize())
        events.append(Event(n.note_date, "Note", kind, n.text, "notes", n.id))
    events.sort(key=lambda e: e.on, reverse=True)
    return events


REVIEW_KINDS = {"first": "first review", "second": "second review",
                "subsequent": "later review", "brought_forward": "brought forward"}  # fmt: skip
