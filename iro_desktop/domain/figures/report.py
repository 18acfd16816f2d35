"""All the figures for one period and one set of children, and their fixed JSON shape.

The Figures screen, ``iro-desktop figures`` and ``iro-desktop central report`` all call
``compute`` and ``as_json`` here, so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_desktop.domain.figures import central, oversight, participation, population, reviews
from iro_desktop.domain.figures.facts import Facts
from iro_desktop.domain.figures.measure import Measure
from iro_desktop.domain.figures.period import Period

HEADLINES = (
    "reviews_in_timescale",
    "participation_rate",
    "decisions_shared_in_time",
    "records_distributed_in_time",
    "visited_before_review",
    "visited_before_first_review",
    "midway_updates_in_time",
    "challenge_responses_in_time",
    "consultations_returned",
)
CENTRAL_ONLY = ("iro_allocated_in_time", "same_iro")


@dataclass(frozen=True)
class Figures:
    period: Period
    today: date
    measures: dict[str, Measure]
    reviews_by_kind: dict[str, Measure]
    participation_by_month: dict[str, dict[str, int]]
    children_at_end: population.ChildrenAtEnd
    caseload: population.Caseload
    challenges: oversight.Challenges
    feedback: oversight.Feedback
    consultations_by_respondent: dict[str, dict[str, int]]
    caseload_by_iro: dict[str, int] = field(default_factory=dict)

    def all_measures(self) -> dict[str, Measure]:
        """Every measure by name, the breakdowns included: what a click can open."""
        extra = {m.name: m for m in self.reviews_by_kind.values()}
        fb = self.feedback
        for m in (fb.venue_as_wanted, fb.date_time_as_wanted, fb.asked_who_should_come):
            extra[f"feedback_{m.name}"] = m
        return {**self.measures, **extra}


def compute(
    facts: Facts,
    period: Period,
    today: date,
    *,
    guidance: tuple[int, int] | None = None,
) -> Figures:
    """Every figure for ``facts`` over ``period``, judged as of ``today``. Central-store
    measures are added when ``facts`` carries the allocation history."""
    overall, by_kind = reviews.reviews_in_timescale(facts, period, today)
    measures: dict[str, Measure] = {"reviews_in_timescale": overall}
    for fn in (
        participation.participation_rate,
        reviews.decisions_shared_in_time,
        reviews.records_distributed_in_time,
        reviews.visited_before_review,
        reviews.visited_before_first_review,
        reviews.midway_updates_in_time,
        oversight.challenge_responses_in_time,
        oversight.consultations_returned,
    ):
        measure = fn(facts, period, today)
        measures[measure.name] = measure
    caseload_by_iro: dict[str, int] = {}
    if facts.allocations is not None:
        measures["iro_allocated_in_time"] = central.iro_allocated_in_time(facts, period, today)
        measures["same_iro"] = central.same_iro(facts, period, today)
        on_last_day = {c.id for c in population.looked_after_at(facts, period.as_at(today))}
        caseload_by_iro = {
            iro: len(ids & on_last_day)
            for iro, ids in sorted(central.children_by_iro(facts, period).items())
        }
    return Figures(
        period=period,
        today=today,
        measures=measures,
        reviews_by_kind=by_kind,
        participation_by_month=participation.participation_by_month(facts, period),
        children_at_end=population.children_at_end(facts, period, today),
        caseload=population.caseload(
            facts, period, today, *(() if guidance is None else (guidance,))
        ),
        challenges=oversight.challenges(facts, period),
        feedback=oversight.feedback(facts, period),
        consultations_by_respondent=oversight.consultations_by_respondent(facts, period),
        caseload_by_iro=caseload_by_iro,
    )


def as_json(figures: Figures, iro_names: dict[str, str] | None = None) -> dict[str, Any]:
    """The fixed shape both commands print (documented in the README)."""
    out: dict[str, Any] = {
        "period": {
            "from": figures.period.start.isoformat(),
            "to": figures.period.end.isoformat(),
        },
        "measures": {name: m.counts() for name, m in figures.measures.items()},
        "reviews_in_timescale_by_kind": {
            kind: m.counts() for kind, m in figures.reviews_by_kind.items()
        },
        "participation_by_month": figures.participation_by_month,
        "children_at_end": figures.children_at_end.as_dict(),
        "caseload": figures.caseload.as_dict(),
        "consultations_by_respondent": figures.consultations_by_respondent,
        "challenges": figures.challenges.as_dict(),
        "feedback": figures.feedback.as_dict(),
    }
    if figures.caseload_by_iro:
        names = iro_names or {}
        out["caseload_by_iro"] = {
            names.get(iro, iro): n for iro, n in figures.caseload_by_iro.items()
        }
    return out
