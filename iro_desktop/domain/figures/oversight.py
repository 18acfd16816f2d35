"""Between and around reviews: consultation forms, challenges and alerts, the children's
own feedback. Each function's docstring is its counting rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from iro_desktop.domain.challenges import DEFAULT_CHALLENGE_STAGES
from iro_desktop.domain.codes import CHALLENGE_CATEGORIES, FEEDBACK_RATINGS, RESPONDENT_TYPES
from iro_desktop.domain.figures.facts import Facts
from iro_desktop.domain.figures.measure import Deadline, Item, Measure, judge
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.figures.reviews import held_in, item
from iro_desktop.domain.kpis import count_by

GOOD_PRACTICE = "good_practice"


def consultations_returned(facts: Facts, period: Period, today: date) -> Measure:
    """Consultation forms sent for reviews held in the period that came back, out of all
    sent (a form never sent is not counted; a declined form counts as not returned)."""
    del today
    held = {r.id: (c, r) for c, r in held_in(facts, period)}
    items = []
    for form in facts.consultations:
        if form.review_id in held and form.status != "not_sent":
            child, review = held[form.review_id]
            who = RESPONDENT_TYPES.get(form.respondent_type, form.respondent_type)
            items.append(item(child, review.held, f"form: {who}", form.status == "returned"))
    items.sort(key=lambda i: (i.day, i.child_ref, i.what))
    return Measure(
        "consultations_returned",
        "Consultation forms returned",
        consultations_returned.__doc__ or "",
        tuple(items),
    )


def consultations_by_respondent(facts: Facts, period: Period) -> dict[str, dict[str, int]]:
    """The same forms by respondent: {"child_8_12": {"sent": N, "returned": N}, ...}."""
    held = {r.id for _c, r in held_in(facts, period)}
    table: dict[str, dict[str, int]] = {}
    for form in facts.consultations:
        if form.review_id in held and form.status != "not_sent":
            row = table.setdefault(form.respondent_type, {"sent": 0, "returned": 0})
            row["sent"] += 1
            row["returned"] += form.status == "returned"
    order = list(RESPONDENT_TYPES)
    return dict(
        sorted(
            table.items(),
            key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]),
        )
    )


def challenge_responses_in_time(facts: Facts, period: Period, today: date) -> Measure:
    """Stages of challenges raised in the period (informal and formal) answered by their
    response date, out of those stages; a stage still inside its time is left out."""
    work = []
    for challenge in facts.challenges:
        child = facts.children.get(challenge.child_id)
        if child is None or challenge.kind == GOOD_PRACTICE:
            continue
        for stage in challenge.stages:
            if stage.raised in period:
                what = f"challenge stage {stage.stage}: {_category(challenge.category)}"
                work.append(
                    Deadline(item(child, stage.raised, what), stage.response_due, stage.responded)
                )
    work.sort(key=lambda w: (w.item.day, w.item.child_ref))
    return judge(
        "challenge_responses_in_time",
        "Challenges answered by their response date",
        challenge_responses_in_time.__doc__ or "",
        work,
        today,
    )


def _category(code: str) -> str:
    return CHALLENGE_CATEGORIES.get(code, code)


@dataclass(frozen=True)
class Challenges:
    """Challenges raised in the period by the stage they reached, category and outcome;
    good-practice alerts are counted apart, as North Yorkshire reports them."""

    raised: int
    good_practice_alerts: int
    by_stage: dict[str, int]
    by_category: dict[str, int]
    by_outcome: dict[str, int]
    items: tuple[Item, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "raised": self.raised,
            "good_practice_alerts": self.good_practice_alerts,
            "by_stage": self.by_stage,
            "by_category": self.by_category,
            "by_outcome": self.by_outcome,
        }


def challenges(
    facts: Facts, period: Period, stages: Sequence[str] = DEFAULT_CHALLENGE_STAGES
) -> Challenges:
    """Challenges and alerts raised in the period. Stage: the highest reached (0 is the
    informal conversation). Outcome: resolved (by today), escalated past stage 0 and still
    open, or open."""
    raised = [c for c in facts.challenges if c.raised in period and c.child_id in facts.children]
    real = [c for c in raised if c.kind != GOOD_PRACTICE]
    alerts = len(raised) - len(real)

    def stage_label(n: int) -> str:
        return stages[n] if 0 <= n < len(stages) else f"Stage {n}"

    def outcome(resolved: date | None, stage: int) -> str:
        if resolved is not None:
            return "resolved"
        return "escalated, open" if stage >= 1 else "open"

    items = []
    for c in sorted(raised, key=lambda c: (c.raised, c.child_id)):
        child = facts.children[c.child_id]
        label = "good-practice alert" if c.kind == GOOD_PRACTICE else "challenge"
        items.append(
            item(child, c.raised, f"{label}: {_category(c.category)}", c.resolved is not None)
        )
    categories = {k: v for k, v in CHALLENGE_CATEGORIES.items() if k != GOOD_PRACTICE}
    return Challenges(
        raised=len(real),
        good_practice_alerts=alerts,
        by_stage=count_by(
            (stage_label(c.stage) for c in real), {stage_label(i): 0 for i in range(len(stages))}
        ),
        by_category=count_by((c.category for c in real), categories),
        by_outcome=count_by(
            (outcome(c.resolved, c.stage) for c in real),
            dict.fromkeys(("resolved", "escalated, open", "open"), 0),
        ),
        items=tuple(items),
    )


@dataclass(frozen=True)
class Feedback:
    """The children's postcards for reviews held in the period (North Yorkshire's)."""

    responses: int
    by_rating: dict[str, int]
    venue_as_wanted: Measure
    date_time_as_wanted: Measure
    asked_who_should_come: Measure

    def as_dict(self) -> dict[str, object]:
        return {
            "responses": self.responses,
            "by_rating": self.by_rating,
            "venue_as_wanted": self.venue_as_wanted.counts(),
            "date_time_as_wanted": self.date_time_as_wanted.counts(),
            "asked_who_should_come": self.asked_who_should_come.counts(),
        }


def feedback(facts: Facts, period: Period) -> Feedback:
    """Children's feedback on reviews held in the period: each postcard by its rating; and
    for each question, "yes" answers out of those who answered it."""
    held = {r.id: (c, r) for c, r in held_in(facts, period)}
    cards = [f for f in facts.feedback if f.review_id in held]

    def question(name: str, label: str) -> Measure:
        items = []
        for card in cards:
            answer = getattr(card, name)
            if answer is not None:
                child, review = held[card.review_id]
                items.append(item(child, review.held, f"feedback: {card.rating}", bool(answer)))
        return Measure(name, label, feedback.__doc__ or "", tuple(items))

    return Feedback(
        responses=len(cards),
        by_rating=count_by((c.rating for c in cards), FEEDBACK_RATINGS),
        venue_as_wanted=question("venue_as_wanted", "Held at a venue they wanted"),
        date_time_as_wanted=question("date_time_as_wanted", "On a date and time they wanted"),
        asked_who_should_come=question("asked_who_should_come", "Asked who should come"),
    )
