"""Children's participation in their reviews, as the SSDA903 return and the reports count."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.codes import PARTICIPATION_CODES, check_code
from iro_desktop.domain.figures.facts import Facts
from iro_desktop.domain.figures.measure import Measure
from iro_desktop.domain.figures.period import Period, month_key
from iro_desktop.domain.figures.reviews import held_in, item
from iro_desktop.domain.participation import counts_as_participation


def participation_rate(facts: Facts, period: Period, today: date) -> Measure:
    """Reviews held in the period of children aged 4 or over on the review day (a fourth
    birthday on the day counts as 4) coded PN1-PN6, out of those coded PN1-PN7. PN0 and
    uncoded reviews are outside the rate. Surrey's 90.38% is 686/759 this way."""
    del today
    items = []
    for child, review in held_in(facts, period):
        if not review.participation_code:
            continue
        counted = counts_as_participation(
            child.date_of_birth, review.held, review.participation_code
        )
        if counted is not None:
            code = review.participation_code.upper()
            items.append(item(child, review.held, f"review coded {code}", counted))
    return Measure(
        "participation_rate",
        "Children 4 and over who took part in their review",
        participation_rate.__doc__ or "",
        tuple(items),
    )


def participation_by_month(facts: Facts, period: Period) -> dict[str, dict[str, int]]:
    """Reviews held in the period by month and participation code, as North Somerset
    tabulates them: every month of the period and every code PN0-PN7 appear, zero where
    nothing happened. Reviews with no code yet are not in the table."""
    table = {m: dict.fromkeys(PARTICIPATION_CODES, 0) for m in period.months()}
    for _child, review in held_in(facts, period):
        if review.participation_code:
            code = check_code(PARTICIPATION_CODES, review.participation_code, "participation_code")
            table[month_key(review.held)][code] += 1
    return table
