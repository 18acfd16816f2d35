"""The caseload guidance and the tallies the figures share.

The measures themselves (reviews in timescale, records distributed, IRO allocated, same IRO
and the rest) are each defined once, with the items behind them, in ``domain.figures``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Literal, TypeVar

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


def count_by(values: Iterable[K], order: Mapping[K, object] | None = None) -> dict[K, int]:
    """Tally values (ratings, challenge stages or reasons, outcomes).

    With `order` (a code table), every code appears in table order, zero if unused, and
    values outside the table follow after, so nothing is lost from a report.
    """
    counts: dict[K, int] = dict.fromkeys(order, 0) if order is not None else {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts
