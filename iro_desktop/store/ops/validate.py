"""Field checks shared by the operations; each failure names the field and the problem."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.rowcheck import TEXT_MAX

NAME_MAX = 200


def required_text(value: str | None, field: str, max_len: int = NAME_MAX) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(field, "is required")
    return _check_length(cleaned, field, max_len)


def optional_text(value: str | None, field: str, max_len: int = TEXT_MAX) -> str | None:
    cleaned = (value or "").strip()
    return _check_length(cleaned, field, max_len) if cleaned else None


def _check_length(value: str, field: str, max_len: int) -> str:
    if len(value) > max_len:
        raise ValidationError(
            field, f"is too long ({len(value):,} characters; the most is {max_len:,})"
        )
    if "\x00" in value:
        raise ValidationError(field, "contains a character that cannot be stored")
    return value


def not_after(value: date, limit: date, field: str, what: str) -> date:
    if value > limit:
        raise ValidationError(field, f"is after {what} ({format_date(limit)})")
    return value


def not_before(value: date, limit: date, field: str, what: str) -> date:
    if value < limit:
        raise ValidationError(field, f"is before {what} ({format_date(limit)})")
    return value


def non_negative(value: int | None, field: str, most: int) -> int | None:
    if value is None:
        return None
    if value < 0 or value > most:
        raise ValidationError(field, f"must be between 0 and {most:,}")
    return value
