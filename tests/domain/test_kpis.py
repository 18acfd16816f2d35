from datetime import date

import pytest

from iro_desktop.domain.codes import FEEDBACK_RATINGS
from iro_desktop.domain.kpis import (
    CASELOAD_GUIDANCE,
    caseload_message,
    caseload_position,
    count_by,
    iro_allocated_in_timescale,
    proportion,
    records_in_timescale,
    reviews_in_timescale,
    same_iro_kept,
)
from iro_desktop.domain.participation import Rate


@pytest.mark.parametrize(
    ("n", "position"),
    [(0, "below"), (49, "below"), (50, "within"), (70, "within"), (71, "above"), (120, "above")],
)
def test_caseload_position(n: int, position: str) -> None:
    assert CASELOAD_GUIDANCE == (50, 70)
    assert caseload_position(n) == position


def test_caseload_message() -> None:
    assert caseload_message(65) == "65 children: within the 50-70 guidance"
    assert caseload_message(120) == "120 children: above the 50-70 guidance"
    assert caseload_message(1) == "1 child: below the 50-70 guidance"
    assert caseload_message(45, (40, 60)) == "45 children: within the 40-60 guidance"


def test_reviews_in_timescale_counts_held_on_or_before_due() -> None:
    due = date(2024, 6, 1)
    pairs = [(due, date(2024, 5, 31)), (due, due), (due, date(2024, 6, 2))]
    assert reviews_in_timescale(pairs) == Rate(2, 3)
    assert reviews_in_timescale([]) == Rate(0, 0)


def test_records_in_timescale_uses_working_days_and_waits_for_open_cases() -> None:
    held = date(2024, 3, 15)  # record due 16 April 2024 (Easter in between)
    pairs: list[tuple[date, date | None]] = [
        (held, date(2024, 4, 16)),  # on the last day: in time
        (held, date(2024, 4, 17)),  # a day late
        (held, None),  # not yet distributed
    ]
    assert records_in_timescale(pairs, today=date(2024, 4, 16)) == Rate(1, 2)
    assert records_in_timescale(pairs, today=date(2024, 4, 17)) == Rate(1, 3)


def test_iro_allocated_within_five_working_days() -> None:
    lac = date(2024, 3, 25)  # five working days later is 3 April (Easter)
    pairs: list[tuple[date, date | None]] = [(lac, date(2024, 4, 3)), (lac, date(2024, 4, 4))]
    assert iro_allocated_in_timescale(pairs, today=date(2024, 5, 1)) == Rate(1, 2)


def test_same_iro_kept_counts_children_looked_after_three_years_or_less() -> None:
    today = date(2024, 6, 30)
    children = [
        (date(2021, 6, 30), 1),  # exactly three years: counted, kept
        (date(2023, 1, 1), 2),  # counted, changed IRO
        (date(2021, 6, 29), 1),  # over three years: left out
    ]
    assert same_iro_kept(children, today) == Rate(1, 2)


def test_proportion_and_count_by() -> None:
    assert proportion([True, False, True, True]) == Rate(3, 4)
    tally = count_by(["good", "excellent", "good", "unknown"], FEEDBACK_RATINGS)
    assert tally == {"excellent": 1, "good": 2, "okay": 0, "poor": 0, "unknown": 1}
    assert list(tally)[:4] == list(FEEDBACK_RATINGS)
    assert count_by([2, 1, 2]) == {2: 2, 1: 1}
