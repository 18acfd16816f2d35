"""One entry of the child's file in full, for reading back: what the footprint and search open.

``read_entry(session, table, row_id)`` returns a plain ``Entry``: a title, its date, and
every field as a label and words ready to show (codes as their words, dates written out,
yes and no), with the parts that belong to it (a review's decisions, a challenge's
stages, a mid-way update's account of each decision, a consultation's answers against
its questions). A part asked for by itself (a decision, a challenge's stage, one line of
a mid-way update) opens the entry it belongs to, so it is read in context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.challenges import stage_name
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.forms import FACES
from iro_desktop.store.reads.corrections import corrected
from iro_desktop.store.reads.question_sets import form_for
from iro_desktop.store.reads.settings import challenge_stages
from iro_desktop.store.schema import (
    Challenge,
    ChallengeStage,
    Child,
    ChildAlert,
    Consultation,
    Decision,
    Letter,
    MidwayItem,
    MidwayUpdate,
    Note,
    Person,
    Placement,
    Review,
    ReviewFeedback,
    Visit,
)


@dataclass(frozen=True)
class Line:
    """One field: its label and its value in words ("" when nothing was recorded)."""

    label: str
    value: str
    long: bool = False  # free text, shown as a paragraph under its label


@dataclass(frozen=True)
class Part:
    """Something that belongs to the entry: a decision, a stage, an answer."""

    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Entry:
    table: str
    row_id: str
    child_id: str
    kind: str  # what it is, in words: "Visit", "Case note"
    title: str
    on: date | None
    lines: tuple[Line, ...]
    parts: tuple[Part, ...] = field(default=())
    child_name: str = ""
    corrected: str = ""  # "corrected 3 December 2026 by Sam Patel", if its version is

    def text(self) -> str:
        """Everything the entry says, as plain text (for copying and for tests)."""
        out = [self.title]
        for title, lines in (("", self.lines), *((p.title, p.lines) for p in self.parts)):
            if title:
                out.append(title)
            out += [f"{line.label}: {line.value}" for line in lines if line.value]
        return "\n".join(out)


def when(d: date | None) -> str:
    return format_date(d) if d else ""


def yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "") if value is not None else ""


def words(table: dict[str, str], code: str | None) -> str:
    return table.get(code, code.replace("_", " ").capitalize()) if code else ""


def names(values: Iterable[Any] | None) -> str:
    return ", ".join(str(v) for v in values or ())


def long(label: str, value: str | None) -> Line:
    return Line(label, value or "", long=True)


def _visit(s: Session, v: Visit) -> Entry:
    method = words(codes.VISIT_METHODS, v.method)
    return Entry("visits", v.id, v.child_id, "Visit", f"{method}, {when(v.visit_date)}",
                 v.visit_date, (
        Line("Date", when(v.visit_date)),
        Line("How", method),
        Line("Why", words(codes.VISIT_PURPOSES, v.purpose)),
        Line("Where", v.place or ""),
        Line("Seen alone", yes_no(v.seen_alone) or "Not applicable"),
        long("Why not seen alone", v.not_seen_alone_reason),
        Line("Who else was there", v.others_present or ""),
        long("The child's own words", v.child_words),
        long("Summary", v.summary),
        long("What I will do next", v.next_steps),
        Line("Travel time", f"{v.travel_minutes} minutes" if v.travel_minutes else ""),
        Line("Mileage", f"{v.mileage} miles" if v.mileage else ""),
    ))  # fmt: skip


def _decision_lines(d: Decision) -> tuple[Line, ...]:
    return (
        long("Decision", d.text),
        long("In the child's words", d.child_friendly_text),
        Line("Who", d.owner),
        Line("By when", when(d.due_date)),
        Line("Status", words(codes.DECISION_STATUSES, d.status)),
        Line("Completed", when(d.completed_date)),
    )


def _review(s: Session, r: Review) -> Entry:
    on = r.held_date or r.planned_date or r.due_date
    state = words(codes.REVIEW_STATUSES, r.status)
    decisions = _live(s, Decision, Decision.review_id == r.id, Decision.due_date, Decision.text)
    lines = (
        Line("Status", state + (" (imported history)" if r.imported else "")),
        Line("Kind", words(KIND_WORDS, r.kind)),
        Line("Review number", str(r.number) if r.number else ""),
        Line("Due by", when(r.due_date)),
        Line("Planned for", " ".join(x for x in (when(r.planned_date), r.planned_time or "") if x)),
        Line("Held on", when(r.held_date)),
        Line("Venue", r.venue or ""),
        Line("Venue chosen by the child", yes_no(r.venue_chosen_by_child)),
        Line("In lesson time", yes_no(r.in_lesson_time)),
        Line("The child wanted it in lesson time", yes_no(r.child_wants_lesson_time)),
        Line("Held as a series of meetings", yes_no(r.series_of_meetings)),
        Line("Invited", names(r.invitees)),
        Line("The child did not want", names(r.not_wanted)),
        Line("Who came", names(r.attendees)),
        Line("Participation", f"{words(codes.PARTICIPATION_CODES, r.participation_code)} "
                              f"({r.participation_code})" if r.participation_code else ""),
        Line("Seen alone", yes_no(r.seen_alone)),
        Line("Advocate present", yes_no(r.advocate_present)),
        Line("Interpreter present", yes_no(r.interpreter_present)),
        Line("The IRO's view of the care plan", words(codes.CARE_PLAN_VIEWS, r.care_plan_view)),
        long("Why", r.care_plan_view_reason),
        long("What is working well", r.working_well),
        long("What we are worried about", r.worried_about),
        long("What needs to happen next", r.needs_to_happen),
        long("The child's own words", r.child_words),
        long("Why it was brought forward", r.brought_forward_reason),
        Line("Decisions shared", when(r.decisions_shared_date)),
        Line("Record distributed", when(r.record_distributed_date)),
        Line("Pre-meeting report received", when(r.pre_meeting_report_received)),
        Line("Pre-meeting report shared", yes_no(r.pre_meeting_report_shared)),
    )  # fmt: skip
    parts = tuple(Part(f"Decision {n}", _decision_lines(d)) for n, d in enumerate(decisions, 1))
    return Entry("reviews", r.id, r.child_id, "Review", f"Review {state.lower()}, {when(on)}",
                 on, lines, parts)  # fmt: skip


KIND_WORDS = {"first": "First review", "second": "Second review",
              "subsequent": "Later review", "brought_forward": "Brought forward"}  # fmt: skip


def _decision(s: Session, d: Decision) -> Entry:
    review = s.get(Review, d.review_id)
    if review is not None and not review.deleted:
        return _review(s, review)
    return Entry("decisions", d.id, d.child_id, "Decision", d.text[:80], d.due_date,
                 _decision_lines(d))  # fmt: skip


def _answer(question: Any, value: str) -> str:
    if question is not None and question.kind == "faces":
        return next((f"{emoji} {word}" for key, emoji, word in FACES if key == value), value)
    if value in ("yes", "no"):
        return value.capitalize()
    return value


def _consultation(s: Session, c: Consultation) -> Entry:
    who = words(codes.RESPONDENT_TYPES, c.respondent_type)
    form = form_for(c.respondent_type)
    answers = []
    for key, value in (c.answers or {}).items():
        question = None
        if form is not None:
            question = next((q for q in form.questions if q.id == key), None)
        label = question.text if question is not None else key.replace("_", " ").capitalize()
        answers.append(long(label, _answer(question, str(value))))
    lines = (
        Line("Who", " ".join(x for x in (who, f"({c.respondent_name})" if c.respondent_name
                                         else "") if x)),
        Line("Status", words(codes.CONSULTATION_STATUSES, c.status)),
        Line("Sent", when(c.sent_date)),
        Line("Received", when(c.received_date)),
        Line("Filled in by the child", yes_no(c.completed_by_child) if c.completed_by_child
             else ""),
        Line("On time", yes_no(c.on_time)),
        Line("Shared with the child", yes_no(c.shared_with_child)),
        Line("Shared with the parents", yes_no(c.shared_with_parents)),
    )  # fmt: skip
    parts = (Part("Answers", tuple(answers)),) if answers else ()
    return Entry("consultations", c.id, c.child_id, "Consultation", who,
                 c.received_date or c.sent_date, lines, parts)  # fmt: skip


def _midway(s: Session, m: MidwayUpdate) -> Entry:
    items = _live(s, MidwayItem, MidwayItem.midway_update_id == m.id, MidwayItem.id)
    parts = []
    for n, item in enumerate(items, 1):
        decision = s.get(Decision, item.decision_id)
        parts.append(Part(f"Decision {n}", (
            long("Decision", decision.text if decision else ""),
            Line("Who", decision.owner if decision else ""),
            Line("Now", words(codes.MIDWAY_STATUSES, item.status)),
            long("What the social worker said", item.account),
        )))  # fmt: skip
    lines = (
        Line("Date", when(m.update_date)),
        Line("How", words(codes.VISIT_METHODS, m.method)),
        Line("Spoke with", m.spoke_with or ""),
        long("Summary", m.summary),
    )
    return Entry("midway_updates", m.id, m.child_id, "Mid-way update",
                 f"Mid-way update, {when(m.update_date)}", m.update_date, lines,
                 tuple(parts))  # fmt: skip


def _challenge(s: Session, c: Challenge) -> Entry:
    ladder = challenge_stages(s)
    stages = _live(s, ChallengeStage, ChallengeStage.challenge_id == c.id, ChallengeStage.stage)
    good = c.kind == "good_practice"
    what = "Good practice alert" if good else "Challenge"
    parts = tuple(Part(f"Stage {st.stage}: {_stage(st.stage, ladder)}", (
        Line("Raised with", st.raised_with),
        Line("Raised on", when(st.raised_date)),
        Line("Response due", when(st.response_due)),
        long("Response", st.response),
        Line("Responded on", when(st.response_date)),
        long("Outcome", st.outcome),
        Line("Escalated to the next stage", yes_no(st.escalated) if st.escalated else ""),
    )) for st in stages)  # fmt: skip
    lines = (
        Line("Raised on", when(c.raised_date)),
        Line("About", words(codes.CHALLENGE_CATEGORIES, c.category).capitalize()),
        long("The issue", c.issue),
        Line("Stage now", "" if good else f"{c.current_stage}: {_stage(c.current_stage, ladder)}"),
        long("Outcome", c.outcome),
        Line("Resolved on", when(c.resolved_date)),
    )  # fmt: skip
    return Entry("challenges", c.id, c.child_id, what, f"{what}, {when(c.raised_date)}",
                 c.raised_date, lines, parts)  # fmt: skip


def _stage(n: int, ladder: list[str]) -> str:
    return stage_name(n, ladder) if 0 <= n < len(ladder) else f"stage {n}"


def _feedback(s: Session, f: ReviewFeedback) -> Entry:
    review = s.get(Review, f.review_id)
    held = review.held_date if review is not None else None
    lines = (
        Line("About the review on", when(held)),
        Line("How it was", words(codes.FEEDBACK_RATINGS, f.rating)),
        Line("The venue was as they wanted", yes_no(f.venue_as_wanted)),
        Line("The date and time were as they wanted", yes_no(f.date_time_as_wanted)),
        Line("They were asked who should come", yes_no(f.asked_who_should_come)),
        long("What they said", f.comments),
    )
    return Entry("review_feedback", f.id, f.child_id, "Feedback",
                 f"The child's feedback on the review of {when(held)}", held, lines)  # fmt: skip


def _alert(s: Session, a: ChildAlert) -> Entry:
    """A button pressed in child mode: when, what it said, and what the IRO did about it."""
    pressed = codes.CHILD_ALERTS.get(a.kind, a.kind.replace("_", " ").capitalize())
    review = s.get(Review, a.review_id) if a.review_id else None
    about = (review.held_date or review.planned_date) if review is not None else None
    lines = (
        Line("Raised", f"{when(a.raised_on)}, in child mode"),
        Line("The child pressed", f"\u201c{pressed}\u201d"),
        Line("About the review on", when(about)),
        Line("Status", f"Acted on {when(a.acted_on)}" if a.acted_on else
             "Open: record what you did"),
        long("What the IRO did", a.action),
    )  # fmt: skip
    return Entry("child_alerts", a.id, a.child_id, "Child's alert",
                 f"\u201c{pressed}\u201d, {when(a.raised_on)}", a.raised_on, lines)  # fmt: skip


def _placement(s: Session, p: Placement) -> Entry:
    kind = words(codes.PLACEMENT_TYPES, p.place_code)
    lines = (
        Line("Type", f"{kind} ({p.place_code})"),
        Line("From", when(p.start_date)),
        Line("To", when(p.end_date) or "Current"),
        Line("Area", p.area or ""),
        Line("County", "Out of county" if p.out_of_county else "In county"),
        Line("Carers", p.carers or ""),
        Line("Provider", p.provider or ""),
        Line("Travel", f"{p.travel_minutes} minutes" if p.travel_minutes else ""),
        Line("Distance", f"{p.distance_miles} miles" if p.distance_miles else ""),
        long("Why it ended", p.end_reason),
    )
    return Entry("placements", p.id, p.child_id, "Placement",
                 f"{kind}, from {when(p.start_date)}", p.start_date, lines)  # fmt: skip


def _note(s: Session, n: Note) -> Entry:
    kind = words(codes.NOTE_KINDS, n.kind)
    return Entry("notes", n.id, n.child_id, "Case note", f"{kind}, {when(n.note_date)}",
                 n.note_date, (Line("Date", when(n.note_date)), Line("Kind", kind),
                               long("Note", n.text)))  # fmt: skip


def _person(s: Session, p: Person) -> Entry:
    role = words(codes.PEOPLE_ROLES, p.role)
    lines = (
        Line("Role", role), Line("Name", p.name), Line("Organisation", p.organisation or ""),
        Line("Phone", p.phone or ""), Line("Email", p.email or ""),
        Line("Left", when(p.end_date)), long("Notes", p.notes),
    )  # fmt: skip
    return Entry("people", p.id, p.child_id, "Person", f"{p.name}, {role.lower()}", None, lines)


LETTER_SECTIONS = {"working_well": "What is working well",
                   "worried_about": "What we are worried about",
                   "needs_to_happen": "What needs to happen next",
                   "child_words": "What you told us"}  # fmt: skip


def _letter(s: Session, letter: Letter) -> Entry:
    """What the letter says, as the child reads it (the picture is not shown here)."""
    content = letter.content or {}
    lines = [
        Line("Written on", when(letter.written_on)),
        Line("Printed on", when(letter.printed_on)),
        Line("Language", letter.language),
        Line("Dear", str(content.get("name") or "")),
        *(long(label, str(content.get(key) or "")) for key, label in LETTER_SECTIONS.items()),
        Line("Dyslexia-friendly font", "Yes" if content.get("dyslexia_font") else ""),
    ]
    parts = []
    decisions = [d for d in content.get("decisions") or [] if isinstance(d, dict)]
    if decisions:
        parts.append(Part("Who will do what, by when", tuple(
            Line(str(d.get("owner") or ""), str(d.get("what") or "")
                 + (f" (by {when(date.fromisoformat(d['due']))})" if d.get("due") else ""))
            for d in decisions)))  # fmt: skip
    said = [a for a in content.get("said") or [] if isinstance(a, dict)]
    if said:
        parts.append(Part("What you said, and our answers", tuple(
            long(str(a.get("said") or ""), str(a.get("answer") or "")) for a in said)))  # fmt: skip
    kept = [k for k in content.get("kept") or [] if isinstance(k, dict)]
    if kept:
        words = tuple(Line(str(k.get("term") or ""), str(k.get("explanation") or ""))
                      for k in kept)  # fmt: skip
        parts.append(Part("Words we used", words))
    return Entry("letters", letter.id, letter.child_id, "Letter", "Letter to the young person",
                 letter.written_on, tuple(lines), tuple(parts))  # fmt: skip


def _live(s: Session, model: Any, where: Any, *order: Any) -> list[Any]:
    return list(s.scalars(select(model).where(where, model.deleted.is_(False)).order_by(*order)))


Reader = Callable[[Session, Any], Entry]
READERS: dict[str, tuple[Any, Reader]] = {
    "visits": (Visit, _visit),
    "reviews": (Review, _review),
    "decisions": (Decision, _decision),
    "consultations": (Consultation, _consultation),
    "midway_updates": (MidwayUpdate, _midway),
    "challenges": (Challenge, _challenge),
    "review_feedback": (ReviewFeedback, _feedback),
    "child_alerts": (ChildAlert, _alert),
    "placements": (Placement, _placement),
    "notes": (Note, _note),
    "people": (Person, _person),
    "letters": (Letter, _letter),
}
# A part opens the entry it belongs to.
PARENTS: dict[str, tuple[Any, str, str]] = {
    "challenge_stages": (ChallengeStage, "challenge_id", "challenges"),
    "midway_items": (MidwayItem, "midway_update_id", "midway_updates"),
}


def can_read(table: str) -> bool:
    return table in READERS or table in PARENTS


def read_entry(session: Session, table: str, row_id: str) -> Entry:
    """The entry in full; ``LookupError`` when it is gone (deleted, or never here)."""
    if table in PARENTS:
        model, column, table = PARENTS[table]
        part = session.get(model, row_id)
        if part is None or part.deleted:
            raise LookupError("That entry is no longer on the child's file.")
        row_id = getattr(part, column)
    if table not in READERS:
        raise LookupError(f"There is nothing to show for {table}.")
    model, reader = READERS[table]
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise LookupError("That entry is no longer on the child's file.")
    entry = reader(session, row)
    child = session.get(Child, entry.child_id)
    note = corrected(session, [(entry.table, entry.row_id)]).get(entry.row_id, "")
    return replace(entry, child_name=child.display_name if child is not None else "",
                   corrected=note)  # fmt: skip
