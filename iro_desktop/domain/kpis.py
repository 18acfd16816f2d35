"""The measures IRO services report on, as pure calculations over plain dates and counts.

Each returns a Rate (numerator and denominator, not just a percentage) because every
annual report quotes both, and a percentage of a tiny number misleads without its counts.
Cases whose deadline has not yet passed are left out of "in timescale" measures rather than
counted as failures, so a figure taken mid-month is not dragged down by work still in time.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from typing import Literal, TypeVar

from iro_desktop.domain.participation import Rate
from iro_desktop.domain.timescales import RECORD_WORKING_DAYS, add_months
from iro_desktop.domain.working_days import add_working_days

CASELOAD_GUIDANCE = (50, 70)  # IRO Handbook 7.15, children per full-time IRO
IRO_ALLOCATION_WORKING_DAYS = 5
SAME_IRO_MONTHS = 36

K = TypeVar("K", bound=Hashable)


def caseload_position(
    n: int, guidance: tuple[int, int] = CASELOAD_GUIDANCE
) -> Literal["below", "within", "above"]:
    low, high = guidance
    if n < low:
        return "below"
    if n > high:
        return "above"
    return "within"


def caseload_message(n: int, guidance: tuple[int, int] = CASELOAD_GUIDANCE) -> str:
    """E.g. "65 children: within the 50-70 guidance"."""
    noun = "child" if n == 1 else "children"
    low, high = guidance
    return f"{n} {noun}: {caseload_position(n, guidance)} the {low}-{high} guidance"


def reviews_in_timescale(pairs: Iterable[tuple[date, date]]) -> Rate:
    """Reviews held on or before their due date, out of all reviews held. Items: (due, held)."""
    numerator = denominator = 0
    for due, held in pairs:
        denominator += 1
        numerator += held <= due
    return Rate(numerator, denominator)


def _within_working_days(
    pairs: Iterable[tuple[date, date | None]], today: date, working_days: int
) -> Rate:
    numerator = denominator = 0
    for start, done in pairs:
        deadline = add_working_days(start, working_days)
        if done is None:
            if today > deadline:
                denominator += 1  # missed: counted against
            continue  # still in time: not yet judged
        denominator += 1
        numerator += done <= deadline
    return Rate(numerator, denominator)


def records_in_timescale(
    pairs: Iterable[tuple[date, date | None]],
    today: date,
    working_days: int = RECORD_WORKING_DAYS,
) -> Rate:
    """Review records distributed within 20 working days. Items: (held, distributed)."""
    return _within_working_days(pairs, today, working_days)


def iro_allocated_in_timescale(
    pairs: Iterable[tuple[date, date | None]],
    today: date,
    working_days: int = IRO_ALLOCATION_WORKING_DAYS,
) -> Rate:
    """IRO allocated within 5 working days. Items: (became_looked_after, allocated)."""
    return _within_working_days(pairs, today, working_days)


def same_iro_kept(children: Iterable[tuple[date, int]], today: date) -> Rate:
    """Children looked after 3 years or less who have had only one IRO.

    Items: (became_looked_after, number_of_iros_so_far), as Gateshead reports it.
    """
    cutoff = add_months(today, -SAME_IRO_MONTHS)
    numerator = denominator = 0
    for became_looked_after, iro_count in children:
        if became_looked_after < cutoff or became_looked_after > today:
            continue
        denominator += 1
        numerator += iro_count <= 1
    return Rate(numerator, denominator)


def proportion(flags: Iterable[bool]) -> Rate:
    """Yes answers out of all answers, e.g. children visited before their first review."""
    numerator = denominator = 0
    for flag in flags:
        denominator += 1
        numerator += bool(flag)
    return Rate(numerator, denominator)


def count_by(values: Iterable[K], order: Mapping[K, object] | None = None) -> dict[K, int]:
    """Tally values (ratings, challenge stages or reasons, outcomes).

    With `order` (a code table), every code appears in table order, zero if unused, and
    values outside the table follow after, so nothing is lost from a report.
    """
    counts: dict[K, int] = dict.fromkeys(order, 0) if order is not None else {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts
