"""Reading, writing and reasoning about calendar dates the way British users expect.

Dates arrive typed by hand (often DD/MM/YYYY) or from files (YYYY-MM-DD); both must give the
same answer, and an impossible date must be told apart from a typing slip so the message
helps the IRO fix it.
"""

from __future__ import annotations

import re
from datetime import date

from iro_desktop.domain.errors import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_BRITISH = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def format_date(d: date) -> str:
    """British long form, e.g. "3 March 2025".

    Month names are spelt out here rather than taken from strftime("%B"), which follows
    the machine's locale and could print another language on a borrowed laptop.
    """
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def parse_date(
    text: str | None,
    field: str,
    *,
    earliest: date = EARLIEST,
    latest: date = LATEST,
) -> date:
    """Turn typed text into a date, or explain in plain words why it is not one.

    YYYY-MM-DD is the canonical form; DD/MM/YYYY (or DD.MM.YYYY) is accepted because that
    is what British users type. MM/DD/YYYY is never guessed: a date read the wrong way
    round would silently move a statutory deadline.
    """
    if text is None or not text.strip():
        raise ValidationError(field, "is required")
    cleaned = text.strip()
    if match := _ISO.fullmatch(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _BRITISH.fullmatch(cleaned):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValidationError(field, "is not a date (use YYYY-MM-DD)")
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValidationError(field, "is not a real date") from None
    if not earliest <= result <= latest:
        raise ValidationError(
            field,
            f"is outside the range {format_date(earliest)} to {format_date(latest)}",
        )
    return result


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a given day.

    Comparing (month, day) pairs means someone born on 29 February is still the younger
    age on 28 February of a common year and turns older on 1 March, as English law holds.
    """
    if date_of_birth > on:
        raise ValidationError("date_of_birth", f"is after {format_date(on)}")
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)
