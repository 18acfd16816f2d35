"""Children's participation in their reviews, coded and counted as the SSDA903 return does.

The rate is what every annual report quotes, so it is computed exactly their way: only
children aged 4 or over at the review count, PN1-PN6 over PN1-PN7.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.codes import PARTICIPATION_CODES, check_code
from iro_desktop.domain.dates import age_on, format_date
from iro_desktop.domain.errors import ValidationError

UNDER_FOUR_CODE = "PN0"
PARTICIPATED = frozenset({"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"})
COUNTED = PARTICIPATED | {"PN7"}


@dataclass(frozen=True)
class Rate:
    """A proportion kept as its two counts, so reports can show "686/759" beside the %."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        if self.denominator == 0:
            return None
        return 100.0 * self.numerator / self.denominator

    def describe(self, places: int = 1) -> str:
        """E.g. "90.4% (686/759)"; places=2 gives Surrey's "90.38% (686/759)"."""
        percent = self.percent
        if percent is None:
            return f"none (0/{self.denominator})"
        return f"{percent:.{places}f}% ({self.numerator}/{self.denominator})"

    def __str__(self) -> str:
        return self.describe()


def validate_participation(code: str, date_of_birth: date, review_date: date) -> str:
    """Check a review's participation code against the child's age on the review day.

    PN0 means "under 4", so it is both required for under-4s and wrong for anyone older;
    catching that here stops the SSDA903 return being rejected later.
    """
    if date_of_birth > review_date:
        raise ValidationError(
            "date_of_birth", f"is after the review date ({format_date(review_date)})"
        )
    normalised = check_code(PARTICIPATION_CODES, code, "participation_code")
    age = age_on(date_of_birth, review_date)
    if age < 4 and normalised != UNDER_FOUR_CODE:
        raise ValidationError(
            "participation_code",
            f"must be PN0 because the child was under 4 on the review date "
            f"({format_date(review_date)})",
        )
    if age >= 4 and normalised == UNDER_FOUR_CODE:
        raise ValidationError(
            "participation_code",
            f"cannot be PN0 because the child was {age} on the review date "
            f"({format_date(review_date)}); use PN1 to PN7",
        )
    return normalised


def participation_rate(reviews: Iterable[tuple[date, date, str]]) -> Rate:
    """Share of reviews of children aged 4+ coded PN1-PN6, out of those coded PN1-PN7.

    Each item is (date_of_birth, review_date, code). A 4+ child wrongly coded PN0 falls out
    of both counts, as it would in the return; an unknown code raises so it gets fixed.
    """
    numerator = denominator = 0
    for date_of_birth, review_date, code in reviews:
        participated = counts_as_participation(date_of_birth, review_date, code)
        if participated is not None:
            denominator += 1
            numerator += participated
    return Rate(numerator, denominator)


def counts_as_participation(date_of_birth: date, review_date: date, code: str) -> bool | None:
    """The rule for one review: True if it counts as participation, False if it counts
    against, None if it is outside the rate (a child under 4 on the review day, a fourth
    birthday on the day itself being 4, or a 4+ child wrongly coded PN0)."""
    normalised = check_code(PARTICIPATION_CODES, code, "participation_code")
    if date_of_birth > review_date or age_on(date_of_birth, review_date) < 4:
        return None
    if normalised not in COUNTED:
        return None
    return normalised in PARTICIPATED


def participation_by_month(
    reviews: Iterable[tuple[date, date, str]],
) -> dict[str, dict[str, int]]:
    """Count of each code per calendar month ("YYYY-MM"), as North Somerset tabulates it.

    Every code appears in every month (zero if unused) and months come in order, so the
    result can go straight into a table.
    """
    table: dict[str, dict[str, int]] = {}
    for _date_of_birth, review_date, code in reviews:
        normalised = check_code(PARTICIPATION_CODES, code, "participation_code")
        month = f"{review_date.year:04d}-{review_date.month:02d}"
        counts = table.setdefault(month, dict.fromkeys(PARTICIPATION_CODES, 0))
        counts[normalised] += 1
    return dict(sorted(table.items()))
