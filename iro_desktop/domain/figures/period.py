"""The span a figure covers: a financial year (April to March), a month, or from/to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from iro_desktop.domain.dates import format_date, parse_date
from iro_desktop.domain.errors import ValidationError

_YEAR = re.compile(r"(\d{4})/(\d{2})")


@dataclass(frozen=True)
class Period:
    """Both ends are included: 1 April 2025 to 31 March 2026 is the year 2025/26."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("to", f"is before the start ({format_date(self.start)})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def as_at(self, today: date) -> date:
        """The day "at the end of the period" means: its last day, or today while the
        period is still running (no one is counted as looked after on a future day)."""
        return min(self.end, max(today, self.start))

    def months(self) -> list[str]:
        """Every month the period touches, "YYYY-MM", in order."""
        return [month_key(d) for d in self._month_starts()]

    def _month_starts(self) -> Iterator[date]:
        current = self.start.replace(day=1)
        while current <= self.end:
            yield current
            current = (current + timedelta(days=32)).replace(day=1)

    def describe(self) -> str:
        """E.g. "2025/26 (1 April 2025 to 31 March 2026)" or "1 May 2025 to 31 May 2025"."""
        span = f"{format_date(self.start)} to {format_date(self.end)}"
        if self == financial_year(self.start.year):
            return f"{year_label(self.start.year)} ({span})"
        return span


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def year_label(first_year: int) -> str:
    """2025 -> "2025/26"."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def financial_year(first_year: int) -> Period:
    """April to March, as every IRO annual report counts."""
    return Period(date(first_year, 4, 1), date(first_year + 1, 3, 31))


def financial_year_of(day: date) -> Period:
    return financial_year(day.year if day.month >= 4 else day.year - 1)


def parse_year(text: str) -> Period:
    """ "2025/26" -> 1 April 2025 to 31 March 2026; anything else says what to type."""
    match = _YEAR.fullmatch((text or "").strip())
    if match is None:
        raise ValidationError("year", f"'{text}' is not a financial year (use e.g. 2025/26)")
    first, second = int(match.group(1)), int(match.group(2))
    if (first + 1) % 100 != second:
        raise ValidationError(
            "year", f"'{text}' is not a financial year: after {first} comes {year_label(first)}"
        )
    return financial_year(first)


def month(year: int, month_number: int) -> Period:
    start = date(year, month_number, 1)
    return Period(start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1))


def parse_period(year: str | None, start: str | None, end: str | None, today: date) -> Period:
    """The period a command asked for: --year, or --from/--to, else the current year."""
    if year and (start or end):
        raise ValidationError("year", "give either --year or --from/--to, not both")
    if year:
        return parse_year(year)
    if start or end:
        if not (start and end):
            raise ValidationError("to" if start else "from", "is required with the other end")
        return Period(parse_date(start, "from"), parse_date(end, "to"))
    return financial_year_of(today)
