from datetime import date, timedelta

import holidays
import pytest
from dateutil.easter import easter
from hypothesis import given, settings
from hypothesis import strategies as st

from iro_desktop.domain.working_days import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_days_in,
)


def test_library_includes_christmas_and_good_friday() -> None:
    # Both are common-law holidays, not bank holidays; the rules depend on them anyway.
    for year in range(1990, 2091):
        listed = holidays.country_holidays("GB", subdiv="ENG", years=year)
        assert date(year, 12, 25) in listed, year
        assert easter(year) - timedelta(days=2) in listed, year


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 3, 29),  # Good Friday
        date(2024, 4, 1),  # Easter Monday
        date(2024, 12, 25),  # Christmas Day (Wednesday)
        date(2024, 12, 26),  # Boxing Day
        date(2021, 12, 27),  # Christmas Day substitute
        date(2021, 12, 28),  # Boxing Day substitute
        date(2022, 1, 3),  # New Year's Day substitute
        date(2022, 12, 27),  # Christmas Day substitute
        date(2023, 1, 2),  # New Year's Day substitute
        date(2022, 6, 2),  # Spring bank holiday moved for the Platinum Jubilee
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State funeral of Queen Elizabeth II
        date(2023, 5, 8),  # Coronation of King Charles III
        date(2025, 8, 25),  # Summer bank holiday
        date(2024, 3, 30),  # Saturday
        date(2024, 3, 31),  # Sunday
    ],
)
def test_non_working_days(day: date) -> None:
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 3, 28),  # Maundy Thursday
        date(2024, 12, 24),  # Christmas Eve
        date(2024, 12, 27),
        date(2022, 12, 28),
        date(2022, 6, 1),
        date(2022, 5, 30),  # the usual spring bank holiday Monday, moved in 2022
        date(2023, 5, 9),
    ],
)
def test_working_days(day: date) -> None:
    assert is_working_day(day)


def test_scottish_bank_holidays_do_not_count() -> None:
    assert is_working_day(date(2024, 1, 2))  # 2 January is a holiday in Scotland only
    assert is_working_day(date(2024, 8, 5))  # Scotland's summer holiday


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 3, 28), 1, date(2024, 4, 2)),  # over Good Friday and Easter Monday
        (date(2024, 4, 2), -1, date(2024, 3, 28)),
        (date(2022, 12, 23), 1, date(2022, 12, 28)),  # 26 Dec and substitute 27 Dec
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # both substitutes 27-28 Dec
        (date(2021, 12, 31), 1, date(2022, 1, 4)),  # New Year substitute 3 Jan 2022
        (date(2022, 12, 30), 1, date(2023, 1, 3)),  # New Year substitute 2 Jan 2023
        (date(2022, 6, 1), 1, date(2022, 6, 6)),  # Jubilee Thursday and Friday
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # Queen's funeral
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # Coronation
        (date(2024, 3, 15), 20, date(2024, 4, 16)),
        (date(2022, 12, 12), 20, date(2023, 1, 12)),
        (date(2024, 3, 30), 0, date(2024, 3, 30)),  # zero leaves even a Saturday alone
        (date(2024, 3, 30), 1, date(2024, 4, 2)),
        (date(2024, 3, 30), -1, date(2024, 3, 28)),
    ],
)
def test_add_working_days_examples(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


def test_working_days_between_examples() -> None:
    assert working_days_between(date(2024, 3, 15), date(2024, 4, 16)) == 20
    assert working_days_between(date(2024, 4, 16), date(2024, 3, 15)) == -20
    assert working_days_between(date(2024, 3, 28), date(2024, 4, 1)) == 0
    assert working_days_between(date(2024, 3, 28), date(2024, 3, 28)) == 0
    # A year of 2022 had 8 bank holidays on weekdays plus the Jubilee and funeral days.
    assert working_days_between(date(2021, 12, 31), date(2022, 12, 31)) == 260 - 10


def test_working_days_in_lists_only_working_days() -> None:
    assert working_days_in(date(2024, 3, 28), date(2024, 4, 3)) == [
        date(2024, 3, 28),
        date(2024, 4, 2),
        date(2024, 4, 3),
    ]


# --- properties -------------------------------------------------------------------------

days = st.dates(min_value=date(1995, 1, 1), max_value=date(2090, 12, 31))
steps = st.integers(min_value=-400, max_value=400)
nonzero = steps.filter(lambda n: n != 0)
working = days.filter(is_working_day)


def _naive_add(start: date, n: int) -> date:
    step = timedelta(days=1 if n > 0 else -1)
    current, remaining = start, abs(n)
    while remaining:
        current += step
        remaining -= is_working_day(current)
    return current


@settings(max_examples=300)
@given(days, nonzero)
def test_result_is_a_working_day(start: date, n: int) -> None:
    assert is_working_day(add_working_days(start, n))


@settings(max_examples=300)
@given(days, nonzero)
def test_add_matches_day_by_day_walk(start: date, n: int) -> None:
    assert add_working_days(start, n) == _naive_add(start, n)


@settings(max_examples=300)
@given(days, st.integers(min_value=0, max_value=400))
def test_add_then_count_round_trips(start: date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@settings(max_examples=300)
@given(working, steps)
def test_add_then_subtract_returns_to_a_working_day(start: date, n: int) -> None:
    there = add_working_days(start, n)
    assert add_working_days(there, -n) == start
    assert working_days_between(start, there) == n


@settings(max_examples=300)
@given(days, steps, steps)
def test_monotonic_in_n(start: date, a: int, b: int) -> None:
    if a < b:
        assert add_working_days(start, a) < add_working_days(start, b)


@settings(max_examples=300)
@given(days, days, st.integers(min_value=1, max_value=60))
def test_monotonic_in_start(a: date, b: date, n: int) -> None:
    if a <= b:
        assert add_working_days(a, n) <= add_working_days(b, n)
        assert add_working_days(a, -n) <= add_working_days(b, -n)


@settings(max_examples=200)
@given(days, st.integers(min_value=-800, max_value=800))
def test_count_matches_brute_force(start: date, offset: int) -> None:
    end = start + timedelta(days=offset)
    low, high = sorted((start, end))
    brute = sum(is_working_day(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    assert working_days_between(start, end) == (brute if end >= start else -brute)


@settings(max_examples=200)
@given(days, days, days)
def test_count_is_additive(a: date, b: date, c: date) -> None:
    assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)
