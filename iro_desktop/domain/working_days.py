"""Working-day arithmetic for statutory timescales.

A working day is any day except Saturday, Sunday, Christmas Day, Good Friday or a bank
holiday in England and Wales. Bank holidays come from the `holidays` library (England
subdivision), which carries substitute days and one-off days such as the 2022 state
funeral, so nobody has to keep a list by hand. Christmas Day and Good Friday are named in
the definition itself (they are common-law holidays, not bank holidays), so they are added
explicitly as well as being in the library's set.

The caseload view asks for thousands of due dates at once, so the holiday set for each year
is built once and cached, and counting between two dates uses arithmetic rather than a walk.
`holidays` is imported on first use: it takes tens of milliseconds to load, and the program's
first screen (drawn from the last view, see ``store.start_view``) needs no working days.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=512)
def non_working_weekdays(year: int) -> tuple[date, ...]:
    """Sorted Monday-to-Friday days in `year` that are not working days.

    Weekend holidays are left out because weekends are already excluded, which lets the
    counting code subtract this list from a plain weekday count.
    """
    import holidays

    days = set(holidays.country_holidays("GB", subdiv="ENG", years=year))
    days.add(date(year, 12, 25))
    days.add(easter(year) - timedelta(days=2))  # Good Friday
    return tuple(sorted(d for d in days if d.weekday() < 5))


@lru_cache(maxsize=512)
def _non_working_set(year: int) -> frozenset[date]:
    return frozenset(non_working_weekdays(year))


def is_working_day(d: date) -> bool:
    """True unless `d` is a weekend day, Christmas Day, Good Friday or a bank holiday."""
    return d.weekday() < 5 and d not in _non_working_set(d.year)


def add_working_days(start: date, n: int) -> date:
    """The nth working day after `start` (before it when n < 0); `start` is not counted.

    With n == 0 the start date is returned unchanged, even when it is not a working day,
    because "0 working days later" has no better meaning.
    """
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    current = start
    # Jump whole weeks first (five working days each, before holidays) so large n stays
    # cheap, then walk the remainder day by day, correcting for holidays crossed.
    while remaining > 10:
        weeks = (remaining - 5) // 5
        target = current + step * (7 * weeks)
        if n > 0:  # days passed are (current, target]
            crossed = working_days_between(current, target)
        else:  # days passed are [target, current)
            crossed = working_days_between(target - _ONE_DAY, current - _ONE_DAY)
        current = target
        remaining -= crossed
    while remaining > 0:
        current += step
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when end < start.

    Defined as W(end) - W(start), where W counts working days up to a date, so the result
    is antisymmetric and additive: between(a, b) + between(b, c) == between(a, c).
    """
    if end < start:
        return -working_days_between(end, start)
    weekdays = _weekdays_to(end.toordinal()) - _weekdays_to(start.toordinal())
    holidays_in_range = 0
    for year in range(start.year, end.year + 1):
        listed = non_working_weekdays(year)
        low = bisect_right(listed, start) if year == start.year else 0
        high = bisect_right(listed, end) if year == end.year else len(listed)
        holidays_in_range += max(0, high - low)
    return weekdays - holidays_in_range


def _weekdays_to(ordinal: int) -> int:
    """Monday-to-Friday days from 1 January year 1 (a Monday) to `ordinal` inclusive."""
    full_weeks, extra = divmod(ordinal, 7)
    return full_weeks * 5 + min(extra, 5)


def working_days_in(start: date, end: date) -> list[date]:
    """Every working day from `start` to `end` inclusive, for calendars and checks."""
    out: list[date] = []
    current = start
    while current <= end:
        if is_working_day(current):
            out.append(current)
        current += _ONE_DAY
    return out


__all__ = [
    "add_working_days",
    "is_working_day",
    "non_working_weekdays",
    "working_days_between",
    "working_days_in",
]
