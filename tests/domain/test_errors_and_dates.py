import pickle
from datetime import date

import pytest

from iro_desktop.domain.dates import age_on, format_date, parse_date
from iro_desktop.domain.errors import ValidationError


def test_validation_error_names_field_and_problem() -> None:
    error = ValidationError("date_of_birth", "is after the review date (12 March 2024)")
    assert isinstance(error, ValueError)
    assert error.field == "date_of_birth"
    assert error.problem == "is after the review date (12 March 2024)"
    assert str(error) == "date_of_birth: is after the review date (12 March 2024)"


def test_validation_error_survives_pickling() -> None:
    copy = pickle.loads(pickle.dumps(ValidationError("name", "is required")))
    assert (copy.field, copy.problem) == ("name", "is required")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-12", date(2024, 3, 12)),
        ("  2024-3-2 ", date(2024, 3, 2)),
        ("12/03/2024", date(2024, 3, 12)),  # British order: 12 March, not 3 December
        ("2/3/2024", date(2024, 3, 2)),
        ("29.02.2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts_iso_and_british(text: str, expected: date) -> None:
    assert parse_date(text, "review_date") == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, "is required"),
        ("", "is required"),
        ("   ", "is required"),
        ("next Tuesday", "is not a date (use YYYY-MM-DD)"),
        ("2024/03/12", "is not a date (use YYYY-MM-DD)"),
        ("03-12-2024", "is not a date (use YYYY-MM-DD)"),
        ("2023-02-30", "is not a real date"),
        ("29/02/2023", "is not a real date"),
        ("2024-13-01", "is not a real date"),
    ],
)
def test_parse_date_explains_problems(text: str | None, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, "review_date")
    assert caught.value.field == "review_date"
    assert caught.value.problem == problem


def test_parse_date_checks_range() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date("1899-12-31", "date_of_birth")
    assert caught.value.problem == "is outside the range 1 January 1900 to 31 December 2100"
    earliest, latest = date(2020, 1, 1), date(2020, 12, 31)
    assert parse_date("2020-12-31", "x", earliest=earliest, latest=latest) == latest
    with pytest.raises(ValidationError, match="1 January 2020 to 31 December 2020"):
        parse_date("2021-01-01", "x", earliest=earliest, latest=latest)


def test_format_date_is_british_long_form() -> None:
    assert format_date(date(2025, 3, 3)) == "3 March 2025"
    assert format_date(date(2022, 9, 19)) == "19 September 2022"


def test_age_on_birthday_and_day_before() -> None:
    assert age_on(date(2020, 3, 12), date(2024, 3, 12)) == 4
    assert age_on(date(2020, 3, 12), date(2024, 3, 11)) == 3
    assert age_on(date(2020, 3, 12), date(2020, 3, 12)) == 0


def test_leap_day_birthday_turns_older_on_first_of_march() -> None:
    born = date(2000, 2, 29)
    assert age_on(born, date(2001, 2, 28)) == 0
    assert age_on(born, date(2001, 3, 1)) == 1
    assert age_on(born, date(2004, 2, 29)) == 4


def test_age_on_refuses_date_before_birth() -> None:
    with pytest.raises(ValidationError) as caught:
        age_on(date(2024, 3, 13), date(2024, 3, 12))
    assert caught.value.field == "date_of_birth"
