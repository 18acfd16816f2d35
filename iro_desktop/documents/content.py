"""What goes into the letter and the record, read from the caseload into plain values.

Rendering works on these frozen dataclasses, never on ORM rows, so the GUI can build the
values from the editor's unsaved text, tests can build them by hand, and a 65-letter batch
reads the caseload once. Errors a person can fix (unknown child, no held review) are raised
here, in words, before anything is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.documents.bidi_runs import ltr
from iro_desktop.documents.errors import DocumentError
from iro_desktop.domain.dates import age_on, format_date
from iro_desktop.store import queries
from iro_desktop.store.ops.child_mode import drawing_bytes
from iro_desktop.store.schema import (
    Child,
    Consultation,
    Decision,
    Iro,
    Letter,
    Person,
    Review,
    Visit,
)


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""  # the kind of contact ("iro", "social_worker", ...)
    organisation: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    photo: bytes | None = field(default=None, repr=False)
    about: str | None = None
    job_title: str | None = None  # the IRO's own words for their role (their profile)


@dataclass(frozen=True)
class DecisionLine:
    """One decision: who will do what, by when (``what`` already in the child's words)."""

    owner: str
    what: str
    due: date | None
    professional_text: str = ""
    status: str = "open"
    sentence: str = ""  # the child-facing sentence as the IRO wrote it; empty: suggested
    decision_id: str = ""  # the review's decision it was made from ("" for older letters)


@dataclass(frozen=True)
class KeptWord:
    """A piece of jargon the IRO kept on purpose, explained in the "Words we used" box."""

    term: str
    explanation: str


@dataclass(frozen=True)
class ChildSaid:
    """Something the child said (at the review, on a visit, on their form) and our answer."""

    said: str
    source: str  # "review", "visit", "form"
    answer: str = ""
    no_answer: bool = False  # the IRO decided this one needs no answer (still printed)


@dataclass(frozen=True)
class LetterContent:
    """Everything one letter prints."""

    child_ref: str
    name: str  # the name the child goes by
    age_band: str
    review_date: date
    participation_code: str | None
    working_well: str = ""
    worried_about: str = ""
    needs_to_happen: str = ""
    child_words: str = ""
    decisions: tuple[DecisionLine, ...] = ()
    next_review_due: date | None = None
    iro: Contact | None = None
    social_worker: Contact | None = None
    advocate: Contact | None = None
    independent_visitor: Contact | None = None
    picture: bytes | None = field(default=None, repr=False)
    drawings: tuple[bytes, ...] = field(default=(), repr=False)  # the child's, in child mode
    authority: str = "Demo Borough Council"
    authority_phone: str = ""
    authority_email: str = ""
    language: str = "en"
    kept: tuple[KeptWord, ...] = ()
    said: tuple[ChildSaid, ...] = ()
    translations: dict[str, str] = field(default_factory=dict)  # part -> child's language
    copy: str = "child"  # "child": the child's copy; "iro": the IRO's preview and file copy


def age_band(date_of_birth: date, on: date) -> str:
    """The letter's age band: under 8, 8 to 12, or 13 and over, on the review day."""
    age = age_on(date_of_birth, on)
    if age < 8:
        return "under_8"
    return "8_12" if age <= 12 else "13_plus"


def find_child(session: Session, child_ref: str) -> Child:
    child = session.scalar(
        select(Child).where(Child.child_ref == child_ref.strip(), Child.deleted.is_(False))
    )
    if child is None:
        raise DocumentError(f"There is no child with reference '{child_ref}' on this caseload.")
    return child


def held_reviews(session: Session, child: Child) -> list[Review]:
    return list(
        session.scalars(
            select(Review)
            .where(
                Review.child_id == child.id,
                Review.held_date.is_not(None),
                Review.deleted.is_(False),
            )
            .order_by(Review.held_date)
        )
    )


def find_review(session: Session, child: Child, review_date: date | None) -> Review:
    """The held review on ``review_date``, or the latest held review."""
    reviews = held_reviews(session, child)
    if not reviews:
        raise DocumentError(
            f"{child.child_ref} has no held review yet, so there is nothing to print. "
            "Record the review first."
        )
    if review_date is None:
        return reviews[-1]
    for review in reviews:
        if review.held_date == review_date:
            return review
    held = ", ".join(format_date(r.held_date) for r in reviews[-5:] if r.held_date)
    raise DocumentError(
        f"{child.child_ref} has no review held on {format_date(review_date)}. Reviews held: {held}."
    )


def people(session: Session, child: Child, today: date | None = None) -> dict[str, Contact]:
    """The current person in each role (the latest one without an end date)."""
    rows = session.scalars(
        select(Person).where(Person.child_id == child.id, Person.deleted.is_(False))
    )
    found: dict[str, Contact] = {}
    for person in rows:
        if person.end_date is not None and (today is None or person.end_date <= today):
            continue
        found[person.role] = Contact(
            name=person.name,
            role=person.role,
            organisation=person.organisation,
            phone=person.phone,
            email=person.email,
        )
    return found


def iro_contact(iro: Iro | None) -> Contact | None:
    if iro is None:
        return None
    return Contact(
        name=iro.name,
        role="iro",
        organisation=iro.team,
        phone=iro.phone,
        mobile=iro.mobile,
        email=iro.email,
        photo=iro.photo,
        about=iro.about,
        job_title=iro.role,
    )


def authority_lines(name: str, phone: str, email: str, phone_label: str,
                    email_label: str) -> list[str]:  # fmt: skip
    """The authority's own phone and email under its name, for a letter or a card; none
    when neither is set."""
    pairs = [(phone_label, phone), (email_label, email)]
    found = [f"{label}: {ltr(value)}" for label, value in pairs if value]
    return [name, *found] if found else []


def decisions_of(session: Session, review: Review) -> tuple[DecisionLine, ...]:
    rows = session.scalars(
        select(Decision)
        .where(Decision.review_id == review.id, Decision.deleted.is_(False))
        .order_by(Decision.due_date, Decision.text)
    )
    return merge_duplicates(
        DecisionLine(
            owner=d.owner,
            what=d.child_friendly_text or d.text,
            due=d.due_date,
            professional_text=d.text,
            status=d.status,
            decision_id=d.id,
        )
        for d in rows
    )


def merge_duplicates(lines: Iterable[DecisionLine]) -> tuple[DecisionLine, ...]:
    """The same decision recorded twice (same owner, same words) prints once, with the
    earlier date."""
    kept: dict[tuple[str, str], DecisionLine] = {}
    for line in lines:
        key = (_squash(line.owner), _squash(line.sentence or line.what))
        first = kept.get(key)
        if first is None or (line.due and (first.due is None or line.due < first.due)):
            kept[key] = line
    return tuple(kept.values())


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def child_sayings(session: Session, child: Child, review: Review) -> list[ChildSaid]:
    """What the child said for this review outside the meeting: on the IRO's visits since
    the last one, and in their own consultation form (child mode or on paper)."""
    assert review.held_date is not None
    found: list[ChildSaid] = []
    earlier = [r.held_date for r in held_reviews(session, child)
               if r.held_date and r.held_date < review.held_date]  # fmt: skip
    since = max(earlier) if earlier else child.became_looked_after
    visits = session.scalars(
        select(Visit).where(Visit.child_id == child.id, Visit.deleted.is_(False),
                            Visit.visit_date > since, Visit.visit_date <= review.held_date)
        .order_by(Visit.visit_date)
    )  # fmt: skip
    for visit in visits:
        if visit.child_words and visit.child_words.strip():
            found.append(ChildSaid(visit.child_words.strip(), "visit"))
    forms = session.scalars(
        select(Consultation).where(Consultation.review_id == review.id,
                                   Consultation.deleted.is_(False))
    )  # fmt: skip
    for form in forms:
        if not (form.completed_by_child or form.respondent_type.startswith("child")):
            continue
        for value in (form.answers or {}).values():
            if isinstance(value, str) and len(value.split()) >= 3:  # words, not a face
                found.append(ChildSaid(value.strip(), "form"))
    return found


def child_drawings(session: Session, review: Review) -> tuple[bytes, ...]:
    """What the child drew in child mode for this review, in question order. A drawing kept
    "just for my IRO" is not among them (it is not in ``drawings``)."""
    found: list[bytes] = []
    forms = session.scalars(
        select(Consultation).where(Consultation.review_id == review.id,
                                   Consultation.deleted.is_(False),
                                   Consultation.completed_by_child.is_(True))
    )  # fmt: skip
    for form in forms:
        for value in (form.drawings or {}).values():
            data = drawing_bytes(value)
            if data is not None:
                found.append(data)
    return tuple(found)


def gather_said(child_words: str, others: Iterable[ChildSaid],
                answers: Iterable[ChildSaid]) -> tuple[ChildSaid, ...]:  # fmt: skip
    """Each thing the child said, once: every line of their words in the letter, then what
    they said on visits and forms, with the IRO's answer kept where the words match."""
    by_words = {_squash(a.said): a for a in answers}
    found = [ChildSaid(line.strip(), "review") for line in child_words.splitlines()
             if line.strip()]  # fmt: skip
    unique: dict[str, ChildSaid] = {}
    for item in (*found, *others):
        key = _squash(item.said)
        if key and key not in unique:
            before = by_words.get(key)
            unique[key] = (ChildSaid(item.said, item.source, before.answer, before.no_answer)
                           if before else item)  # fmt: skip
    return tuple(unique.values())


def _saved_answers(saved: object) -> list[ChildSaid]:
    if not isinstance(saved, list):
        return []
    return [ChildSaid(_text(a.get("said")), _text(a.get("source")) or "review",
                      _text(a.get("answer")), bool(a.get("no_answer", False)))
            for a in saved if isinstance(a, dict)]  # fmt: skip


def _kept(saved: object) -> tuple[KeptWord, ...]:
    if not isinstance(saved, list):
        return ()
    return tuple(KeptWord(_text(k.get("term")), _text(k.get("explanation")))
                 for k in saved if isinstance(k, dict) and _text(k.get("term")))  # fmt: skip


def next_due_after(session: Session, child: Child, review: Review) -> date | None:
    """When the next review is due, counting only reviews up to this one."""
    [history] = queries.histories(session, [child])
    assert review.held_date is not None
    upto = [r for r in history.held_reviews if r.held_date and r.held_date <= review.held_date]
    trimmed = queries.ChildHistory(child, history.legal_statuses, history.placements, upto)
    return queries.next_review(trimmed).due


def saved_letter(session: Session, review: Review) -> Letter | None:
    """The letter the IRO wrote for this review in the editor, if there is one."""
    return session.scalar(
        select(Letter)
        .where(Letter.review_id == review.id, Letter.deleted.is_(False))
        .order_by(Letter.written_on.desc(), Letter.updated_at.desc())
        .limit(1)
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def load_letter_content(
    session: Session,
    child_ref: str,
    *,
    review_date: date | None = None,
    language: str | None = None,
    picture: bytes | None = None,
) -> LetterContent:
    """The letter for a child's review (the latest held one by default).

    A letter written in the editor (a ``letters`` row for the review) wins over the review's
    own three sections, because that is the text the IRO wrote with the child.
    """
    child = find_child(session, child_ref)
    review = find_review(session, child, review_date)
    assert review.held_date is not None
    saved = saved_letter(session, review)
    written = dict(saved.content) if saved is not None else {}
    who = people(session, child, review.held_date)
    iro = session.get(Iro, child.iro_id) if child.iro_id else None
    if iro is None or iro.deleted:
        iro = queries.me(session) or session.scalar(
            select(Iro).where(Iro.deleted.is_(False)).limit(1)
        )
    decisions = decisions_of(session, review)
    if isinstance(written.get("decisions"), list):
        decisions = merge_duplicates(
            DecisionLine(
                owner=_text(d.get("owner")),
                what=_text(d.get("what")),
                due=date.fromisoformat(d["due"]) if d.get("due") else None,
                professional_text=_text(d.get("professional_text")),
                sentence=_text(d.get("sentence")),
                decision_id=_text(d.get("decision_id")),
            )
            for d in written["decisions"]
            if isinstance(d, dict) and (_text(d.get("what")) or _text(d.get("sentence")))
        )
    authority = queries.setting(session, "authority_name")
    child_words = _text(written.get("child_words", review.child_words))
    return LetterContent(
        child_ref=child.child_ref,
        name=_text(written.get("name")) or child.preferred_name or child.first_name,
        age_band=(saved.age_band if saved is not None and saved.age_band else None)
        or age_band(child.date_of_birth, review.held_date),
        review_date=review.held_date,
        participation_code=review.participation_code,
        working_well=_text(written.get("working_well", review.working_well)),
        worried_about=_text(written.get("worried_about", review.worried_about)),
        needs_to_happen=_text(written.get("needs_to_happen", review.needs_to_happen)),
        child_words=child_words,
        decisions=decisions,
        next_review_due=next_due_after(session, child, review),
        iro=iro_contact(iro),
        social_worker=who.get("social_worker"),
        advocate=who.get("advocate"),
        independent_visitor=who.get("independent_visitor"),
        picture=picture or drawing_bytes(written.get("picture")),
        drawings=child_drawings(session, review),
        authority=str(authority),
        authority_phone=str(queries.setting(session, "authority_phone")),
        authority_email=str(queries.setting(session, "authority_email")),
        language=language
        or (saved.language if saved is not None else None)
        or child.language_code  # the child's own, chosen on their profile
        or str(queries.setting(session, "default_language")),
        kept=_kept(written.get("kept")),
        said=gather_said(
            child_words, child_sayings(session, child, review), _saved_answers(written.get("said"))
        ),
        translations={
            k: v
            for k, v in dict(written.get("translations") or {}).items()
            if isinstance(v, str) and v.strip()
        },
    )
