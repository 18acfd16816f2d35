from datetime import date

import pytest

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.participation import (
    Rate,
    participation_by_month,
    participation_rate,
    validate_participation,
)

BORN = date(2020, 3, 12)
FOURTH_BIRTHDAY = date(2024, 3, 12)
DAY_BEFORE = date(2024, 3, 11)


def test_under_four_must_be_pn0() -> None:
    assert validate_participation("pn0", BORN, DAY_BEFORE) == "PN0"
    with pytest.raises(ValidationError) as caught:
        validate_participation("PN1", BORN, DAY_BEFORE)
    assert caught.value.field == "participation_code"
    assert "under 4" in caught.value.problem


def test_pn0_refused_on_the_fourth_birthday() -> None:
    assert validate_participation("PN1", BORN, FOURTH_BIRTHDAY) == "PN1"
    with pytest.raises(ValidationError) as caught:
        validate_participation("PN0", BORN, FOURTH_BIRTHDAY)
    assert caught.value.field == "participation_code"
    assert caught.value.problem == (
        "cannot be PN0 because the child was 4 on the review date (12 March 2024); use PN1 to PN7"
    )


def test_leap_day_child_is_four_on_first_of_march() -> None:
    born = date(2016, 2, 29)
    assert validate_participation("PN0", born, date(2019, 2, 28)) == "PN0"
    assert validate_participation("PN7", born, date(2020, 2, 29)) == "PN7"
    leap_born = date(2020, 2, 29)
    assert validate_participation("PN0", leap_born, date(2024, 2, 28)) == "PN0"
    with pytest.raises(ValidationError):
        validate_participation("PN0", leap_born, date(2024, 2, 29))


def test_date_of_birth_after_review_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_participation("PN1", date(2024, 3, 13), FOURTH_BIRTHDAY)
    assert caught.value.field == "date_of_birth"
    assert caught.value.problem == "is after the review date (12 March 2024)"


def test_unknown_code_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_participation("PN8", BORN, FOURTH_BIRTHDAY)
    assert caught.value.field == "participation_code"


def test_rate_formats_like_the_reports() -> None:
    surrey = Rate(686, 759)
    assert str(surrey) == "90.4% (686/759)"
    assert surrey.describe(2) == "90.38% (686/759)"
    assert surrey.percent == pytest.approx(90.382, abs=1e-3)
    assert Rate(0, 0).percent is None
    assert str(Rate(0, 0)) == "none (0/0)"


def test_participation_rate_counts_children_four_and_over_only() -> None:
    older = date(2010, 6, 1)
    review = date(2023, 6, 1)
    reviews = [(older, review, f"PN{(i % 6) + 1}") for i in range(686)]
    reviews += [(older, review, "PN7")] * 73
    # Not counted: under-4s (PN0), a child of 4+ wrongly coded PN0.
    reviews += [(date(2021, 1, 1), review, "PN0")] * 40
    reviews += [(older, review, "PN0")]
    # A child aged 3 coded PN1 by mistake is not counted either.
    reviews += [(date(2020, 1, 1), review, "PN1")]
    assert participation_rate(reviews) == Rate(686, 759)
    assert str(participation_rate(reviews)) == "90.4% (686/759)"


def test_participation_rate_of_nothing() -> None:
    assert participation_rate([]) == Rate(0, 0)


def test_participation_by_month_tabulates_every_code() -> None:
    born = date(2012, 1, 1)
    table = participation_by_month(
        [
            (born, date(2024, 2, 10), "PN1"),
            (born, date(2024, 1, 31), "pn1"),
            (born, date(2024, 1, 5), "PN7"),
            (date(2023, 1, 1), date(2024, 1, 6), "PN0"),
        ]
    )
    assert list(table) == ["2024-01", "2024-02"]
    assert table["2024-01"] == {
        "PN0": 1, "PN1": 1, "PN2": 0, "PN3": 0, "PN4": 0, "PN5": 0, "PN6": 0, "PN7": 1,
    }  # fmt: skip
    assert table["2024-02"]["PN1"] == 1
    assert sum(table["2024-02"].values()) == 1
