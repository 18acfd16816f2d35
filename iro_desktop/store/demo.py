"""A deterministic, wholly synthetic caseload of 65 children for demos, tests and benchmarks.

Every name is made up from the lists below; phone numbers are in Ofcom's drama ranges and
e-mail addresses use the reserved ``.example`` domain. The same ``today`` and ``seed``
always give the same caseload, and it is written through the operation layer, so it
carries audit entries and outbox rows like any other work.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from iro_desktop.domain.dates import age_on
from iro_desktop.domain.timescales import add_months
from iro_desktop.domain.working_days import add_working_days, is_working_day
from iro_desktop.store import caseload as caseload_file
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.errors import StoreError
from iro_desktop.store.ops import casework, challenges, children, reviews
from iro_desktop.store.ops.core import Actor, Op, operation
from iro_desktop.store.reads.challenges import current_stage
from iro_desktop.store.reads.reviews import next_review_for
from iro_desktop.store.schema import Challenge, Child, Decision, Iro, Review

DEMO_PASSPHRASE = "demo caseload only"
MARKER = "DEMO-CASELOAD"  # a folder holding this file may be wiped by --reset
DEMO_SIZE = 65
RECENTLY_LOOKED_AFTER = {9, 33}  # first review still to come
OVERDUE = {12, 27, 41}  # a review that should have happened by now
MOVED_SINCE_REVIEW = {17, 50}  # a placement change brings the next review forward
DEMO_IRO_EMAIL = "jo.hartley@demo-borough.example"
DEMO_ACTOR = Actor(email=DEMO_IRO_EMAIL, device="demo")

FIRST_NAMES = (
    "Ava",
    "Ben",
    "Caleb",
    "Daisy",
    "Eli",
    "Freya",
    "Gabe",
    "Hattie",
    "Isaac",
    "Jada",
    "Kai",
    "Lola",
    "Milo",
    "Nia",
    "Ollie",
    "Poppy",
    "Quinn",
    "Rosa",
    "Sami",
    "Tilly",
    "Umar",
    "Vera",
    "Wren",
    "Xander",
    "Yara",
    "Zac",
    "Alfie",
    "Bea",
    "Cody",
    "Dina",
    "Ezra",
    "Fern",
    "Jude",
    "Kit",
    "Lark",
    "Mae",
    "Noah",
    "Orla",
    "Reuben",
    "Skye",
)
SURNAMES = (
    "Ashbury",
    "Brackwell",
    "Coldharbour",
    "Dunmere",
    "Elmstead",
    "Fennick",
    "Gorsley",
    "Halloway",
    "Ivybridge",
    "Juniper",
    "Kestrelby",
    "Larkholme",
    "Marlowe",
    "Netherby",
    "Oakridge",
    "Pennywell",
    "Quarrendon",
    "Rookwood",
    "Saltmarsh",
    "Thornbury",
    "Underhill",
    "Vellacott",
    "Wrenfield",
    "Yarrowby",
)
AREAS_IN = ("Northgate", "Riverside", "Hillcrest", "Eastmoor", "Millbrook")
AREAS_OUT = ("Scarborough", "Blackpool", "Swansea", "Norwich", "Carlisle", "Plymouth")
PLACE_CODES = ("U4", "U6", "U6", "U3", "U1", "K2", "R1", "P1", "S2", "U5")
PARTICIPATION = ("PN1",) * 10 + ("PN2", "PN3", "PN4", "PN5") + ("PN6",) * 4 + ("PN7",) * 2
DECISIONS = (
    ("Arrange a dental check", "Social worker"),
    ("Update the Personal Education Plan with the designated teacher", "Social worker"),
    ("Start life story work", "Social worker"),
    ("Refer for a CAMHS assessment", "Social worker"),
    ("Arrange family time with brothers and sisters every month", "Team manager"),
    ("Complete the health assessment", "Health professional"),
    ("Offer an advocate before the next review", "IRO"),
    ("Agree a plan for swimming lessons", "Foster carer"),
    ("Share the pre-meeting report with the young person", "Social worker"),
    ("Complete the pathway plan", "Personal adviser"),
)
WORKING_WELL = (
    "You have settled well with your carers and you told me you feel safe at home.",
    "Your school says you have made real progress in reading this term.",
    "You go to football training every week and your coach is proud of you.",
)
WORRIED = (
    "We are worried that you have missed some time with your mum because of transport.",
    "Your dental check is late and we need to sort that out.",
    "We do not yet have a plan for where you will live when you turn 18.",
)


@dataclass(frozen=True)
class Special:
    """A child the demo must contain (DOMAIN.md's awkward cases)."""

    first: str
    last: str
    age_years: float
    looked_after_years: float
    legal: str
    place: str
    out_of_county: bool = False
    language: str | None = None
    language_code: str | None = None
    uasc: bool = False


SPECIALS = (
    Special("Sami", "Rookwood", 2.4, 1.2, "C1", "U6"),  # under 4: PN0
    Special("Bea", "Marlowe", 3.5, 2.0, "E1", "A6"),  # under 4, placement order
    Special("Alfie", "Larkholme", 7.2, 3.1, "C2", "U4"),  # sibling group of three
    Special("Daisy", "Larkholme", 9.8, 3.1, "C2", "U4"),
    Special("Reuben", "Larkholme", 12.4, 3.1, "C2", "K2", out_of_county=True),
    Special("Kit", "Fennick", 11.0, 1.5, "V3", "U6"),  # short breaks
    Special(
        "Ahmad", "Zadran", 16.3, 0.9, "V2", "S2", language="Pashto", language_code="ps", uasc=True
    ),
    Special(
        "Yonas",
        "Haile",
        15.6,
        0.6,
        "V2",
        "U6",
        out_of_county=True,
        language="Tigrinya",
        language_code="ti",
        uasc=True,
    ),
)


def build_demo(caseload: Caseload, *, today: date, seed: int = 2017) -> int:
    """Write the demo caseload into an empty caseload; returns the number of children."""
    rng = random.Random(seed)
    with operation(caseload, DEMO_ACTOR) as op:
        iro = Iro(
            name="Jo Hartley",
            email=DEMO_IRO_EMAIL,
            phone="01632 960123",
            mobile="07700 900123",
            team="Independent Reviewing Service, Demo Borough Council",
            about="I have been an IRO for eight years. I like walking my dog and baking.",
        )
        op.save(iro)
        made: list[Child] = []
        for n in range(DEMO_SIZE):
            special = SPECIALS[n] if n < len(SPECIALS) else None
            made.append(_child(op, rng, n, special, iro.id, today))
        _link_siblings(op, made[2:5])
    return len(made)


def _child(
    op: Op, rng: random.Random, n: int, special: Special | None, iro_id: str, today: date
) -> Child:
    if special is None:
        age = rng.uniform(4.5, 17.5)
        special = Special(
            FIRST_NAMES[(n * 7) % len(FIRST_NAMES)],
            SURNAMES[(n * 5) % len(SURNAMES)],
            age,
            0.03 if n in RECENTLY_LOOKED_AFTER else rng.uniform(0.4, min(age - 0.3, 6.0)),
            rng.choice(("C2",) * 6 + ("C1", "V2", "V2", "E1", "J1")),
            rng.choice(PLACE_CODES),
            out_of_county=rng.random() < 0.4,
        )
    dob = today - timedelta(days=int(special.age_years * 365.25))
    became = today - timedelta(days=int(special.looked_after_years * 365.25))
    child = children.add_child(
        op,
        child_ref=f"DB{10400 + n}",
        first_name=special.first,
        last_name=special.last,
        preferred_name=special.first[:3] if n % 11 == 5 else None,
        pronouns=rng.choice(("he/him", "she/her", "they/them")) if n % 13 == 0 else None,
        date_of_birth=dob,
        became_looked_after=became,
        gender=rng.choice(("Male", "Female")),
        ethnicity=rng.choice(("White British", "Mixed", "Black British", "Asian British", "Other")),
        first_language=special.language or "English",
        language_code=special.language_code or "en",
        interpreter_needed=special.language is not None,
        unaccompanied_asylum_seeking=special.uasc,
        category_of_need=rng.choice(("N1",) * 5 + ("N4", "N5", "N8")),
        school=f"{rng.choice(AREAS_IN)} Academy" if special.age_years >= 4.5 else None,
        iro_id=iro_id,
        today=today,
    )
    children.set_legal_status(op, child, special.legal, became, today)
    area_pool = AREAS_OUT if special.out_of_county else AREAS_IN
    children.add_placement(
        op,
        child,
        place_code=special.place,
        start_date=became,
        today=today,
        area=rng.choice(area_pool),
        out_of_county=special.out_of_county,
        travel_minutes=rng.randint(150, 330) if special.out_of_county else rng.randint(10, 40),
        carers=f"{rng.choice(FIRST_NAMES)} and {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
    )
    for role, org in (
        ("social_worker", "Children in Care Team"),
        ("team_manager", "Children in Care Team"),
        ("parent", None),
    ):
        children.add_person(
            op,
            child,
            role=role,
            organisation=org,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            phone=f"01632 960{rng.randint(200, 999)}",
            email=f"{role}.{n}@demo-borough.example" if org else None,
        )
    if n % 4 == 0:
        children.add_person(
            op,
            child,
            role="advocate",
            name=f"{rng.choice(FIRST_NAMES)} Advocate",
            organisation="Demo Advocacy Service",
            phone="0808 157 0000",
        )
    _history(op, rng, child, special, today, overdue=n in OVERDUE)
    if n in MOVED_SINCE_REVIEW:
        children.add_placement(
            op,
            child,
            place_code="U6",
            start_date=today - timedelta(days=12),
            today=today,
            area=rng.choice(AREAS_IN),
            out_of_county=False,
            travel_minutes=25,
            end_reason="Carers moved away",
        )
    _plan_next(op, child, n, today)
    return child


PLANNED_VENUES = ("Foster home", "School (after lessons)", "Family centre",
                  "Café of the young person's choice", "Residential home")  # fmt: skip


def _plan_next(op: Op, child: Child, n: int, today: date) -> None:
    """A review due in the coming six weeks is planned, as an IRO would have it: on a working
    day by its due date, at a venue the child chose (child mode and the consultation
    forms are for it). No random draw, so the rest of the demo stays as it was."""
    due = next_review_for(op.session, child)
    if due.history_needed is not None or not today < due.due <= today + timedelta(days=42):
        return
    planned = due.due - timedelta(days=n % 5)
    while not is_working_day(planned):  # never a weekend or a bank holiday
        planned -= timedelta(days=1)
    if planned <= today:
        planned = add_working_days(today, 1)
    reviews.plan_review(op, child, today=today, planned_date=planned, planned_time="15:30",
                        venue=PLANNED_VENUES[n % len(PLANNED_VENUES)])  # fmt: skip


def _history(
    op: Op, rng: random.Random, child: Child, special: Special, today: date, *, overdue: bool
) -> None:
    """Hold reviews on (or near) their due dates, with the work around each one."""
    held: list[date] = []
    moved = False
    cutoff = today - timedelta(days=200 if overdue else 13)
    due = add_working_days(child.became_looked_after, 20)
    if special.legal in ("V3", "V4"):
        due = add_months(child.became_looked_after, 3)
    while True:
        slip = rng.choice((0, 0, 0, -3, -7, -10, 4, 12))
        held_on = due + timedelta(days=slip)
        if held_on > cutoff:
            break
        held_on = max(held_on, child.became_looked_after + timedelta(days=1))
        if held and held_on <= held[-1]:
            held_on = held[-1] + timedelta(days=30)
        _visit(op, rng, child, held_on - timedelta(days=rng.randint(3, 20)), today, "pre_review")
        review = _review(op, rng, child, held_on, today)
        held.append(held_on)
        if len(held) == 1 and special.legal not in ("V3", "V4"):
            due = add_months(held_on, 3)
        else:
            due = add_months(held_on, 6)
        if not moved and rng.random() < 0.12 and len(held) > 1:
            change = held_on + timedelta(days=rng.randint(20, 90))
            if change < today:
                children.add_placement(
                    op,
                    child,
                    place_code=rng.choice(PLACE_CODES),
                    start_date=change,
                    today=today,
                    area=rng.choice(AREAS_IN),
                    out_of_county=False,
                    travel_minutes=rng.randint(10, 40),
                    end_reason=None,
                )
                moved = True
                due = min(due, add_working_days(change, 20))
        _between(op, rng, child, review, held_on, due, today)


def _review(op: Op, rng: random.Random, child: Child, held_on: date, today: date) -> Review:
    age = age_on(child.date_of_birth, held_on)
    code = "PN0" if age < 4 else rng.choice(PARTICIPATION)
    review = reviews.record_held_review(
        op,
        child,
        held_date=held_on,
        participation_code=code,
        today=today,
        venue=rng.choice(
            (
                "Foster home",
                "School (after lessons)",
                "Family centre",
                "Café of the young person's choice",
            )
        ),
        venue_chosen_by_child=rng.random() < 0.6,
        seen_alone=rng.random() < 0.5 if code != "PN0" else None,
        care_plan_view="agrees" if rng.random() < 0.85 else "does_not_agree",
        working_well=rng.choice(WORKING_WELL),
        worried_about=rng.choice(WORRIED if age >= 15 else WORRIED[:2]),
        needs_to_happen="Everyone will do what they said by the dates below.",
        child_words=rng.choice((None, "I want to stay here.", "Can I see my sister more?")),
        attendees=["Child", "Foster carer", "Social worker", "IRO"],
        decisions_shared_date=add_working_days(held_on, rng.choice((3, 5, 8))),
        record_distributed_date=add_working_days(held_on, rng.choice((12, 18, 20, 26))),
    )
    for _ in range(rng.randint(2, 4)):
        text, owner = rng.choice(DECISIONS if age >= 16 else DECISIONS[:-1])
        casework.add_decision(
            op,
            review,
            text=text,
            owner=owner,
            due_date=held_on + timedelta(days=rng.choice((28, 42, 56, 90))),
        )
    for respondent, p_returned in (
        ("child", 0.7),
        ("parent", 0.4),
        ("carer", 0.8),
        ("social_worker", 0.85),
    ):
        returned = rng.random() < p_returned
        casework.add_consultation(
            op,
            review,
            respondent_type=respondent,
            status="returned" if returned else rng.choice(("not_returned", "declined")),
            sent_date=held_on - timedelta(days=21),
            received_date=held_on - timedelta(days=rng.randint(2, 10)) if returned else None,
            on_time=returned and rng.random() < 0.8,
        )
    if rng.random() < 0.3:
        casework.add_feedback(
            op,
            review,
            rating=rng.choice(("excellent", "good", "good", "okay")),
            venue_as_wanted=True,
            date_time_as_wanted=rng.random() < 0.9,
            asked_who_should_come=True,
        )
    return review


def _visit(op: Op, rng: random.Random, child: Child, on: date, today: date, purpose: str) -> None:
    on = max(on, child.became_looked_after)
    if rng.random() < 0.75 and on <= today:
        casework.add_visit(
            op,
            child,
            visit_date=on,
            method=rng.choice(("in_person",) * 4 + ("video_call",)),
            today=today,
            purpose=purpose,
            place="Placement",
            seen_alone=(alone := rng.random() < 0.6),
            not_seen_alone_reason=None if alone else "They wanted their carer to stay with them.",
            summary="Talked about school, friends and what they want from the review.",
            travel_minutes=rng.randint(20, 300),
            mileage=rng.randint(5, 180),
        )


def _between(
    op: Op, rng: random.Random, child: Child, review: Review, held_on: date, due: date, today: date
) -> None:
    _midway(op, rng, child, review, held_on, due, today)
    # Most decisions get done by their date; some drift, as the reports find.
    for decision in op.session.scalars(select(Decision).where(Decision.review_id == review.id)):
        finished = decision.due_date
        if decision.status != "done" and finished and finished < today and rng.random() < 0.75:
            casework.set_decision_status(op, decision, "done", finished)


def _midway(
    op: Op, rng: random.Random, child: Child, review: Review, held_on: date, due: date, today: date
) -> None:
    midway = held_on + (due - held_on) / 2
    if midway > today or rng.random() > 0.8:
        return
    decisions = list(op.session.scalars(select(Decision).where(Decision.review_id == review.id)))
    items = [
        (
            d,
            rng.choice(("done", "done", "in_progress", "not_started", "drifting")),
            "Social worker's account recorded on the phone.",
        )
        for d in decisions
    ]
    casework.add_midway_update(
        op,
        review,
        update_date=midway,
        method="phone_call",
        items=items,
        today=today,
        spoke_with="Social worker",
    )
    for decision, status, _ in items:
        if status == "drifting" and rng.random() < 0.5:
            challenge = casework.raise_challenge(
                op,
                child,
                category="decisions_not_acted_on",
                issue=f"Drift: {decision.text}",
                raised_date=midway,
                raised_with="Team manager",
                today=today,
                stage=rng.choice((0, 0, 1)),
                decision_id=decision.id,
            )
            _settle(op, rng, challenge, today)
    if rng.random() < 0.05:
        alert = casework.raise_challenge(
            op,
            child,
            category="good_practice",
            kind="good_practice",
            issue="The social worker made the life story book with real care.",
            raised_date=midway,
            raised_with="Team manager",
            today=today,
        )
        challenges.resolve_challenge(
            op, alert, outcome="Thanks passed on to the team.", resolved_date=midway, today=today
        )
    _visit(op, rng, child, midway + timedelta(days=7), today, "between_reviews")


def _settle(op: Op, rng: random.Random, challenge: Challenge, today: date) -> None:
    """Most challenges get their answer in time; the recent ones are still waiting."""
    stage = current_stage(op.session, challenge)
    answered = stage.raised_date + timedelta(days=rng.randint(4, 16))
    if answered > today - timedelta(days=10):
        return
    challenges.record_response(
        op,
        stage,
        response="The team manager has agreed a date for the work.",
        response_date=answered,
        outcome="Agreed",
        today=today,
    )
    if rng.random() < 0.8:
        challenges.resolve_challenge(
            op,
            challenge,
            outcome="Work done; the decision is back on track.",
            resolved_date=answered,
            today=today,
        )


def _link_siblings(op: Op, group: list[Child]) -> None:
    for child in group:
        for sibling in group:
            if sibling is not child:
                children.add_person(
                    op,
                    child,
                    role="sibling",
                    name=sibling.display_name,
                    related_child_id=sibling.id,
                )


def ensure_demo(folder: Path, *, reset: bool, today: date) -> bool:
    """Make the demo if it is missing (or reset); True when a new one was made."""
    if caseload_file.exists(folder):
        if not reset:
            return False
        if not (folder / MARKER).exists():
            raise StoreError(
                f"{folder} holds a caseload that is not the demo; it has not been touched."
            )
        shutil.rmtree(folder)
    caseload = caseload_file.create(folder, passphrase=DEMO_PASSPHRASE, use_keyring=False)
    try:
        (folder / MARKER).write_text("This folder holds the synthetic demo caseload.\n")
        build_demo(caseload, today=today)
    finally:
        caseload.close()
    return True
