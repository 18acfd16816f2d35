"""A synthetic history for the figures benchmarks: an authority's 2,000 children over five
years, or one IRO's 70.

It is written straight into the tables in bulk (seeded, so the same each run), because
what the benchmarks measure is the counting and drawing, not how long the operation layer
takes to fill a store. Synthetic data only: no real child's details.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from iro_desktop.domain.timescales import add_months
from iro_desktop.domain.working_days import add_working_days
from iro_desktop.store.schema import (
    Account,
    Allocation,
    Challenge,
    ChallengeStage,
    Child,
    Consultation,
    Iro,
    LegalStatus,
    MidwayUpdate,
    Placement,
    Review,
    ReviewFeedback,
    Visit,
)
from iro_desktop.store.types import new_id, utcnow

TODAY = date(2026, 11, 24)
CODES = ("PN1", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN6", "PN7")


def fill(engine: Engine, children: int = 2000, iros: int = 30, years: int = 5,
         seed: int = 14) -> None:  # fmt: skip
    """A synthetic authority (or, with one IRO, a laptop's caseload): ``children`` children
    across ``iros`` IROs, with ``years`` years of reviews and the work around them."""
    rng = random.Random(seed)
    now = utcnow()
    rows: dict[Any, list[dict[str, Any]]] = {m: [] for m in (
        Account, Iro, Child, LegalStatus, Placement, Allocation, Review, Consultation, Visit,
        MidwayUpdate, Challenge, ChallengeStage, ReviewFeedback)}  # fmt: skip

    def add(model: Any, **values: Any) -> str:
        values.setdefault("id", new_id())
        if model not in (Account, Allocation):
            values.update(version=1, updated_at=now, deleted=False)
        rows[model].append(values)
        return str(values["id"])

    accounts = []
    for n in range(iros):
        acc = add(Account, email=f"iro{n:02d}@bench.example", name=f"IRO {n:02d}",
                  disabled=False, created_at=now)  # fmt: skip
        add(Iro, id=acc, name=f"IRO {n:02d}", email=f"iro{n:02d}@bench.example")
        accounts.append(acc)
    start = TODAY - timedelta(days=365 * years)
    for i in range(children):
        became = start + timedelta(days=rng.randint(0, 365 * years - 30))
        born = became - timedelta(days=rng.randint(30, 17 * 365))
        ceased = became + timedelta(days=rng.randint(200, 1500)) if rng.random() < 0.3 else None
        if ceased is not None and ceased >= TODAY:
            ceased = None
        iro = rng.choice(accounts)
        child = add(Child, child_ref=f"B{i:05d}", iro_id=iro, first_name="Bench",
                    last_name=f"Child{i}", date_of_birth=born,
                    gender=rng.choice(("Male", "Female")),
                    ethnicity=rng.choice(("White British", "Mixed", "Asian British", "Other")),
                    category_of_need=rng.choice(("N1", "N1", "N4", "N5", "N8")),
                    became_looked_after=became, ceased_looked_after=ceased,
                    interpreter_needed=False, unaccompanied_asylum_seeking=False)  # fmt: skip
        add(LegalStatus, child_id=child, code=rng.choice(("C1", "C2", "C2", "V2", "E1")),
            start_date=became, end_date=None)  # fmt: skip
        add(Placement, child_id=child, place_code="U4", start_date=became, end_date=None,
            out_of_county=rng.random() < 0.3)  # fmt: skip
        allocated = add_working_days(became, rng.choice((1, 3, 5, 8)))
        if rng.random() < 0.15:
            moved = allocated + timedelta(days=rng.randint(60, 600))
            add(Allocation, child_id=child, account_id=rng.choice(accounts),
                start_date=allocated, end_date=moved)  # fmt: skip
            allocated = moved
        add(Allocation, child_id=child, account_id=iro, start_date=allocated, end_date=None)
        until = min(ceased or TODAY, TODAY)
        due, kind, number = add_working_days(became, 20), "first", 0
        while True:
            held = due + timedelta(days=rng.choice((0, 0, -5, -10, 3, 9)))
            if held >= until:
                break
            age = (held - born).days // 365
            review = add(Review, child_id=child, kind=kind, status="held", due_date=due,
                         held_date=held, participation_code="PN0" if age < 4 else rng.choice(CODES),
                         decisions_shared_date=add_working_days(held, rng.choice((2, 5, 7))),
                         record_distributed_date=add_working_days(held, rng.choice((10, 20, 25))),
                         venue_chosen_by_child=False, in_lesson_time=False,
                         child_wants_lesson_time=False, series_of_meetings=False, invitees=[],
                         not_wanted=[], attendees=[], advocate_present=False,
                         interpreter_present=False)  # fmt: skip
            for who in ("child", "parent", "carer", "social_worker"):
                add(Consultation, child_id=child, review_id=review, respondent_type=who,
                    status=rng.choice(("returned", "returned", "not_returned")), answers={},
                    completed_by_child=False)  # fmt: skip
            add(Visit, child_id=child, visit_date=held - timedelta(days=rng.randint(1, 20)),
                purpose="pre_review", method="in_person")  # fmt: skip
            number += 1
            due = add_months(held, 3 if number == 1 else 6)
            kind = "second" if number == 1 else "subsequent"
            midway = held + (due - held) // 2
            if midway < until and rng.random() < 0.8:
                add(
                    MidwayUpdate,
                    child_id=child,
                    review_id=review,
                    update_date=midway + timedelta(days=rng.randint(-5, 5)),
                    method="phone_call",
                )
            if rng.random() < 0.25:
                add(ReviewFeedback, child_id=child, review_id=review,
                    rating=rng.choice(("excellent", "good", "okay", "poor")),
                    venue_as_wanted=True, date_time_as_wanted=rng.random() < 0.9,
                    asked_who_should_come=True)  # fmt: skip
            if rng.random() < 0.12:
                raised = held + timedelta(days=rng.randint(10, 80))
                challenge = add(
                    Challenge,
                    child_id=child,
                    kind="challenge",
                    category="decisions_not_acted_on",
                    issue="Drift",
                    raised_date=raised,
                    current_stage=0,
                    resolved_date=None,
                )
                answered = raised + timedelta(days=rng.randint(3, 20))
                add(
                    ChallengeStage,
                    child_id=child,
                    challenge_id=challenge,
                    stage=0,
                    raised_with="Team manager",
                    raised_date=raised,
                    response_due=add_working_days(raised, 10),
                    response_date=answered if answered < TODAY else None,
                    escalated=False,
                )
    with engine.begin() as connection:
        for model, values in rows.items():
            for chunk in range(0, len(values), 5000):
                connection.execute(insert(model), values[chunk : chunk + 5000])
