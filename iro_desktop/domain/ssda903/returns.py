"""The Reviews table of the return: which held reviews go in, and what the export reports.

The public validator checks each row's date, code and the child's age. It does not check
what only the whole record shows, so the export does: a review held late, the same review
twice (two laptops can both record it), and a review held when the child was not looked
after. Each is listed with the child and the reason before anything is written.

Two of the validator's rules decide what is left out: a child looked after only under
short breaks (V3/V4) has no reviews in the return (rule 399), and a child with no episode
in the collection year has no other data in it (rule 1012).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.ssda903.codes import CollectionYear


@dataclass(frozen=True)
class ReturnIssue:
    child: str
    reason: str

    def __str__(self) -> str:
        return f"{self.child}: {self.reason}"


@dataclass(frozen=True)
class ChildReviews:
    """One child's held reviews (date, participation code) and where they fit."""

    child: str
    held: Sequence[tuple[date, str]]
    periods: Sequence[tuple[date, date | None]]  # the child's periods of care
    short_breaks_only: bool
    in_return: bool  # has an episode (is looked after) in the collection year
    due_before: Callable[[date], date | None]  # the date the review held that day was due by


def reviews_for_return(
    child: ChildReviews, year: CollectionYear
) -> tuple[list[tuple[date, str]], list[ReturnIssue]]:
    """The rows to write for one child, and the issues to list."""
    rows: list[tuple[date, str]] = []
    issues: list[ReturnIssue] = []
    in_year = sorted(h for h in child.held if year.holds(h[0]))
    if not in_year:
        return rows, issues
    if not child.in_return:
        issues.append(
            ReturnIssue(
                child.child,
                f"{len(in_year)} review(s) left out: the child has no episode of care in {year}",
            )
        )
        return rows, issues
    if child.short_breaks_only:
        issues.append(
            ReturnIssue(
                child.child,
                f"{len(in_year)} review(s) left out: children on "
                "short breaks only (V3/V4) have no reviews in the return",
            )
        )
        return rows, issues
    seen: dict[date, str] = {}
    for held, code in in_year:
        when = format_date(held)
        if held in seen:
            note = (
                "" if seen[held] == code else f" (codes {seen[held]} and {code}; {seen[held]} kept)"
            )
            issues.append(
                ReturnIssue(child.child, f"review of {when} recorded twice{note}; written once")
            )
            continue
        seen[held] = code
        if not any(start <= held and (end is None or held <= end) for start, end in child.periods):
            issues.append(
                ReturnIssue(
                    child.child,
                    f"review of {when} left out: the child was not looked after that day",
                )
            )
            continue
        due = child.due_before(held)
        if due is not None and held > due:
            issues.append(
                ReturnIssue(
                    child.child,
                    f"review of {when} was held late: it was due "
                    f"by {format_date(due)} ({(held - due).days} days)",
                )
            )
        rows.append((held, code))
    return rows, issues
