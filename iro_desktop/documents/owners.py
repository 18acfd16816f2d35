"""Say who will do each decision in a child's words: "I", "You", "Lee (your social worker)".

Decisions are recorded with owners such as "Social worker" or "IRO". In the letter the IRO is
"I", the child is "You", and a role becomes the person's name where the caseload knows it.
"""

from __future__ import annotations

import re

from iro_desktop.documents.content import Contact, DecisionLine, LetterContent
from iro_desktop.documents.plain_language import plain_words
from iro_desktop.documents.wording import Wording

SYNONYMS = {
    "sw": "social_worker",
    "social_worker": "social_worker",
    "tm": "team_manager",
    "team_manager": "team_manager",
    "manager": "team_manager",
    "foster_carer": "foster_carer",
    "foster_carers": "foster_carer",
    "carer": "carer",
    "carers": "carer",
    "residential_staff": "residential_worker",
    "residential_worker": "residential_worker",
    "key_worker": "residential_worker",
    "keyworker": "residential_worker",
    "adopter": "adopter",
    "adopters": "adopter",
    "parent": "parent",
    "parents": "parent",
    "health": "health_professional",
    "health_professional": "health_professional",
    "nurse": "health_professional",
    "doctor": "health_professional",
    "pa": "personal_adviser",
    "personal_adviser": "personal_adviser",
    "designated_teacher": "designated_teacher",
    "teacher": "designated_teacher",
    "school": "designated_teacher",
    "virtual_school": "virtual_school",
    "advocate": "advocate",
    "independent_visitor": "independent_visitor",
}
IRO_WORDS = {"iro", "independent_reviewing_officer", "me", "i"}
CHILD_WORDS = {"child", "young_person", "you", "yp"}


def role_key(owner: str) -> str:
    return re.sub(r"[^a-z]+", "_", owner.strip().lower().removeprefix("the ")).strip("_")


def who(owner: str, wording: Wording, band: str, content: LetterContent) -> str:
    key = role_key(owner)
    iro_name = content.iro.name.lower() if content.iro else None
    if key in IRO_WORDS or (iro_name and owner.strip().lower() == iro_name):
        return wording.text("owner_iro", band)
    if key in CHILD_WORDS or owner.strip().lower() == content.name.lower():
        return wording.text("owner_child", band)
    role = SYNONYMS.get(key)
    if role is None:
        return owner.strip()
    known: dict[str, Contact | None] = {
        "social_worker": content.social_worker,
        "advocate": content.advocate,
        "independent_visitor": content.independent_visitor,
    }
    person = known.get(role)
    if person is not None:
        label = wording.table("owner_roles").get(role, owner)
        title = wording.table("owner_unnamed").get(role, owner.strip())
        first = person.name.split(" ")[0]
        return wording.text(
            "owner_named", band, name=person.name, role=label, Role=title, first=first
        )
    return wording.table("owner_unnamed").get(role, owner.strip())


def suggested_sentence(
    decision: DecisionLine, wording: Wording, band: str, content: LetterContent
) -> str:
    """The sentence the editor suggests for a decision, for the IRO to edit: "Your social
    worker, Lee, will ask your school about a quiet place to read, by 12 January 2026."

    The decision's own words (typed in English) are put into plain words first, in every
    language's letter (each piece of jargon rewritten, "the young person" becomes "you");
    what cannot be rewritten stays, and the check flags it."""
    what = plain_words(decision.what.strip())
    what = what.rstrip(". ")
    first = what.split(" ", 1)[0]
    names = {content.name, *(c.name.split(" ")[0] for c in (content.iro, content.social_worker,
             content.advocate, content.independent_visitor) if c)}  # fmt: skip
    if (wording.code == "en" and len(first) > 1 and first[0].isupper() and first[1:].islower()
            and first not in names):  # fmt: skip
        what = what[0].lower() + what[1:]
    person = who(decision.owner, wording, band, content)
    if decision.due is None:
        return wording.text("decision_no_date", band, who=person, what=what)
    return wording.text("decision", band, who=person, what=what, date=wording.date(decision.due))
