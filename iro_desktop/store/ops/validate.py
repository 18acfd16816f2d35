"""Field checks shared by the operations; each failure names the field and the problem.

An operation with several fields runs its checks inside ``collecting()``: each failure is
gathered and all of them are raised together (``Problems``) at the end of the block, so
the IRO sees every problem at once, each beside its field, rather than one per Save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import Problems, ValidationError
from iro_desktop.store.rowcheck import TEXT_MAX

NAME_MAX = 200
T = TypeVar("T")


class Checks:
    """Runs checks and keeps every failure (see ``collecting``)."""

    def __init__(self) -> None:
        self.problems: list[ValidationError] = []

    def __call__(self, check: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``check(*args)``'s result, or None when it failed (the failure is kept)."""
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            self.problems.append(exc)
            return None

    def add(self, field: str, problem: str) -> None:
        self.problems.append(ValidationError(field, problem))


@contextmanager
def collecting() -> Iterator[Checks]:
    """Gather every failed check in the block and raise them together at its end: one
    problem per field (the first that failed), a lone problem raised as itself."""
    checks = Checks()
    yield checks
    if checks.problems:
        found = Problems(checks.problems)
        raise found.problems[0] if len(found.problems) == 1 else found


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
