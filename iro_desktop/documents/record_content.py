"""What the statutory review record holds, read from the caseload, in professionals' words.

The review's three sections were written to the child ("Your school says you ..."); the
record puts them in the third person ("Sam's school says they ..."). Attendees are named
with their role; the last review's decisions come with their progress; health,
education, family time and permanence have their own sections; the IRO's view of the
care plan comes with its reasons and any challenge raised since the last review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.documents.content import (
    DecisionLine,
    decisions_of,
    find_child,
    find_review,
    held_reviews,
    next_due_after,
    people,
    saved_letter,
)
from iro_desktop.documents.owners import SYNONYMS, role_key
from iro_desktop.documents.wording import load as load_wording
from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.store import queries
from iro_desktop.store.schema import Challenge, ChallengeStage, Child, Iro, Review


@dataclass(frozen=True)
class RecordContent:
    authority: str
    child_name: str
    child_ref: str
    date_of_birth: date
    review_date: date
    kind: str
    venue: str
    attendees: tuple[str, ...]
    participation_code: str
    seen_alone: bool | None
    legal_status: str
    placement: str
    care_plan_view: str
    care_plan_reason: str
    sections: tuple[tuple[str, str], ...]
    decisions: tuple[DecisionLine, ...]
    next_review_due: date | None
    distribution: tuple[str, ...]
    iro_name: str
    last_decisions: tuple[DecisionLine, ...] = ()
    last_review_date: date | None = None
    challenges: tuple[str, ...] = ()
    about: tuple[tuple[str, str], ...] = ()  # health, education, family time, permanence
    completed_on: date | None = None
    translator_note: str = ""


_YOU_VERBS = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't",
              "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't"}  # fmt: skip
_SUBJECT_NEXT = re.compile(
    r"^(?:are|were|have|had|will|would|can|could|should|may|might|must|do|did|don't|"
    r"didn't|won't|can't|feel|felt|like|liked|want|wanted|said|say|told|go|went|live|"
    r"lived|love|enjoy|enjoyed|need|needed|seem|seemed|get|got|still|also|really|now|"
    r"all|both|\w+ed|\w+s)$",
    re.IGNORECASE,
)


def third_person(text: str, name: str) -> str:
    """Second person, as written to the child, into the third person for professionals:
    "You are settled and your school says you like maths." -> "Sam is settled and their
    school says they like maths."."""

    def swap(match: re.Match[str]) -> str:
        word, rest = match.group(1), match.group(2) or ""
        start = match.start() == 0 or bool(re.search(r"[.!?:]\s*$", text[: match.start()]))
        lower = word.lower()
        if lower in ("your", "yours", "yourself"):
            out = {"your": f"{name}'s" if start else "their", "yours": "theirs",
                   "yourself": "themself"}[lower]  # fmt: skip
            return out + rest
        following = re.match(r"\s+([\w']+)", rest)
        nxt = following.group(1) if following else ""
        if lower.startswith("you'"):
            return {"you're": "they're", "you've": "they've", "you'll": "they'll",
                    "you'd": "they'd"}.get(lower, "they") + rest  # fmt: skip
        if start:
            if nxt.lower() in _YOU_VERBS:
                return name + rest.replace(nxt, _YOU_VERBS[nxt.lower()], 1)
            return name + rest
        return ("they" if _SUBJECT_NEXT.match(nxt or "-") else "them") + rest

    return re.sub(r"\b([Yy]ou(?:r|rs|rself|'re|'ve|'ll|'d)?)\b(\s+[\w']+)?",
                  lambda m: swap(m), text)  # fmt: skip


def _named(role: str, who: dict[str, object], child: Child, iro_name: str,
           carers: str | None) -> str:  # fmt: skip
    key = role_key(role)
    if key in ("child", "young_person", "yp"):
        return f"{child.preferred_name or child.first_name} {child.last_name} (the child)"
    if key in ("iro", "independent_reviewing_officer"):
        return f"{iro_name} (IRO, chair)" if iro_name else "IRO (chair)"
    found = who.get(SYNONYMS.get(key, key))
    if found is not None:
        return f"{getattr(found, 'name', '')} ({role.lower()})"
    if key in ("foster_carer", "foster_carers", "carer", "carers") and carers:
        return f"{carers} ({role.lower()})"
    return f"{role} (name not recorded)"


def _progress(d: DecisionLine) -> str:
    return codes.DECISION_STATUSES.get(d.status, d.status.replace("_", " "))


def _challenges(session: Session, child: Child, since: date, until: date) -> tuple[str, ...]:
    rows = session.scalars(
        select(Challenge).where(Challenge.child_id == child.id, Challenge.deleted.is_(False),
                                Challenge.raised_date > since, Challenge.raised_date <= until)
        .order_by(Challenge.raised_date)
    )  # fmt: skip
    out = []
    for c in rows:
        stages = session.scalars(select(ChallengeStage).where(
            ChallengeStage.challenge_id == c.id).order_by(ChallengeStage.stage))  # fmt: skip
        trail = "; ".join(f"stage {s.stage} with {s.raised_with} on {format_date(s.raised_date)}"
                          + (f", response: {s.response}" if s.response else "")
                          for s in stages)  # fmt: skip
        what = codes.CHALLENGE_CATEGORIES.get(c.category, c.category.replace("_", " "))
        state = (f"resolved {format_date(c.resolved_date)}: {c.outcome or ''}"
                 if c.resolved_date else "open")  # fmt: skip
        out.append(f"{format_date(c.raised_date)}: {c.kind} about {what}. {c.issue} "
                   f"({trail or 'informal'}; {state})")  # fmt: skip
    return tuple(out)


def _about(child: Child, who: dict[str, object], name: str) -> tuple[tuple[str, str], ...]:
    def when(d: date | None) -> str:
        return format_date(d) if d else "not recorded"

    imm = {True: "up to date", False: "not up to date", None: "not recorded"}
    health = (f"Health assessment: {when(child.health_assessment_date)}. Dental check: "
              f"{when(child.dental_check_date)}. Immunisations: "
              f"{imm[child.immunisations_up_to_date]}. SDQ score: "
              f"{child.sdq_score if child.sdq_score is not None else 'not recorded'}.")  # fmt: skip
    education = (f"School: {child.school or 'not recorded'}. Personal education plan: "
                 f"{when(child.pep_date)}."
                 + (f" Pathway plan: {when(child.pathway_plan_date)}."
                    if child.pathway_plan_date else ""))  # fmt: skip
    family = [f"{getattr(p, 'name', '')} ({codes.PEOPLE_ROLES.get(r, r).lower()})"
              for r, p in who.items() if r in ("parent", "sibling", "family_member")]  # fmt: skip
    family_time = (f"Family in {name}'s life: {', '.join(family)}. Arrangements for family "
                   "time are as set out in the care plan and the decisions below."
                   if family else "No family members are recorded on the file.")  # fmt: skip
    return (("Health", health), ("Education", education), ("Family time", family_time),
            ("Permanence", child.permanence_plan or "No permanence plan is recorded."))  # fmt: skip


def load_record_content(
    session: Session, child_ref: str, review_date: date | None
) -> RecordContent:
    child = find_child(session, child_ref)
    review = find_review(session, child, review_date)
    assert review.held_date is not None
    [history] = queries.histories(session, [child])
    status = history.current_legal_status
    place = history.current_placement
    who = people(session, child, review.held_date)
    name = child.preferred_name or child.first_name
    distribution = [f"{child.display_name} (the child's letter)"]
    for role in (
        "social_worker",
        "team_manager",
        "foster_carer",
        "residential_worker",
        "adopter",
        "parent",
        "advocate",
        "independent_visitor",
        "personal_adviser",
    ):
        if role in who:
            distribution.append(f"{who[role].name}, {codes.PEOPLE_ROLES[role].lower()}")
    if place is not None and place.carers:
        distribution.append(f"{place.carers}, carers")
    iro = session.get(Iro, child.iro_id) if child.iro_id else None
    iro_name = iro.name if iro else ""
    earlier: list[Review] = [r for r in held_reviews(session, child)
                             if r.held_date and r.held_date < review.held_date]  # fmt: skip
    last = earlier[-1] if earlier else None
    since = last.held_date if last and last.held_date else child.became_looked_after
    letter = saved_letter(session, review)
    note = ""
    if letter is not None and letter.language != "en":
        wording = load_wording(letter.language)
        if wording.needs_translator_check:
            note = (f"The child's letter is in {wording.name}; its fixed wording is awaiting "
                    "a qualified translator's check.")  # fmt: skip
    return RecordContent(
        authority=str(queries.setting(session, "authority_name")),
        child_name=f"{child.first_name} {child.last_name}"
        + (f" (known as {child.preferred_name})" if child.preferred_name else ""),
        child_ref=child.child_ref,
        date_of_birth=child.date_of_birth,
        review_date=review.held_date,
        kind=review.kind.replace("_", " "),
        venue=review.venue or "not recorded",
        attendees=tuple(
            _named(str(a), dict(who), child, iro_name, place.carers if place else None)
            for a in review.attendees or ()
        ),
        participation_code=review.participation_code or "not recorded",
        seen_alone=review.seen_alone,
        legal_status=(
            f"{status.code}: {codes.LEGAL_STATUSES.get(status.code, '')}" if status else ""
        ),
        placement=(
            f"{place.place_code}: {codes.PLACEMENT_TYPES.get(place.place_code, '')}"
            + (f", {place.area}" if place.area else "")
            + (" (out of county)" if place.out_of_county else "")
        )
        if place
        else "",
        care_plan_view=codes.CARE_PLAN_VIEWS.get(review.care_plan_view or "", "not recorded"),
        care_plan_reason=review.care_plan_view_reason or "",
        sections=(
            ("What is working well", third_person(review.working_well or "", name)),
            ("What we are worried about", third_person(review.worried_about or "", name)),
            ("What needs to happen", third_person(review.needs_to_happen or "", name)),
            (f"{name}'s views, in their own words", review.child_words or ""),
        ),
        decisions=decisions_of(session, review),
        next_review_due=next_due_after(session, child, review),
        distribution=tuple(distribution),
        iro_name=iro_name,
        last_decisions=decisions_of(session, last) if last else (),
        last_review_date=last.held_date if last else None,
        challenges=_challenges(session, child, since, review.held_date),
        about=_about(child, dict(who), name),
        completed_on=review.record_distributed_date,
        translator_note=note,
    )
