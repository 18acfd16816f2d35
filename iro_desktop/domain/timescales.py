"""When each review and each piece of review paperwork is due.

The statutory dates come from the Care Planning, Placement and Case Review (England)
Regulations 2010 as DOMAIN.md sets them out. A statutory date is never moved off a weekend:
the regulations say "not more than" N months, so rolling forward would make a review late.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.working_days import add_working_days

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
SHORT_BREAKS_FIRST_REVIEW_MONTHS = 3
PLACEMENT_CHANGE_WORKING_DAYS = 20
RECORD_WORKING_DAYS = 20
DECISIONS_SHARED_WORKING_DAYS = 5
PRE_MEETING_REPORT_WORKING_DAYS = 5


def add_months(d: date, months: int) -> date:
    """The corresponding date `months` later: same day of the month, or the month's last day.

    relativedelta already clamps to the month end (31 March + 3 months = 30 June).
    """
    result: date = d + relativedelta(months=months)
    return result


class ReviewKind(StrEnum):
    FIRST = "first"
    SECOND = "second"
    SUBSEQUENT = "subsequent"
    BROUGHT_FORWARD = "brought_forward"


@dataclass(frozen=True)
class NextReview:
    """The date the next review must be held by, and a sentence explaining why.

    `statutory_due` is always the regulation date, so a brought-forward review can still be
    shown against the latest date the law allows.
    """

    due: date
    kind: ReviewKind
    statutory_due: date
    reason: str
    assumption: str = ""  # what was assumed about reviews missing from the file, if anything
    short_breaks: bool = False  # regulation 48 timescales
    # The child came with no review on file long after their first was due: the day the
    # program learnt that (the import). ``due`` is then that day, never overdue: the last
    # review's date is needed before the next review's date can be known.
    history_needed: date | None = None


@dataclass(frozen=True)
class ReviewCount:
    """How many reviews of this period of care were held up to the last one on file.

    ``numbers`` gives each review on file its number (oldest first); ``assumed`` says the
    first one's number is the program's assumption, not the IRO's (``assumption`` says why).
    """

    numbers: tuple[int, ...]
    assumed: bool = False
    assumption: str = ""

    @property
    def held(self) -> int:
        return self.numbers[-1] if self.numbers else 0


def latest_second_review(became_looked_after: date) -> date:
    """The last day a second review is due when the first was held on its last day."""
    first = add_working_days(became_looked_after, FIRST_REVIEW_WORKING_DAYS)
    return add_months(first, SECOND_REVIEW_MONTHS)


def count_reviews(
    became_looked_after: date,
    held: Sequence[date],
    confirmed: Mapping[date, int] | None = None,
    *,
    short_breaks: bool = False,
) -> ReviewCount:
    """Number the reviews on file, for a file whose earlier reviews may be missing.

    An imported history often starts with the review before last: a child in care since
    2019 with one review on file from last spring has had many reviews, not one. So when
    the earliest review on file was held after the date a second review would have been
    due (first and second both on their last day), the program assumes at least one
    earlier review is missing: that review is numbered 2, and the next one is a later
    review (6 months), not a second (3 months). The IRO confirms or changes a review's
    number (``confirmed``, by held date); later reviews count on from it.
    """
    dates = sorted(d for d in held if d >= became_looked_after)
    confirmed = confirmed or {}
    numbers: list[int] = []
    assumed, assumption = False, ""
    for d in dates:
        if d in confirmed:
            numbers.append(confirmed[d])
        elif numbers:
            numbers.append(numbers[-1] + 1)
        elif not short_breaks and d > latest_second_review(became_looked_after):
            numbers.append(2)
            assumed = True
            assumption = (
                f"Assumed a later review: came into care {format_date(became_looked_after)}, "
                f"and the earliest review on file ({format_date(d)}) is taken not to be the "
                "first, as earlier reviews are missing"
            )
        else:
            numbers.append(1)
    return ReviewCount(tuple(numbers), assumed, assumption)


def next_review_due(
    *,
    became_looked_after: date,
    held_reviews: Sequence[date],
    short_breaks: bool = False,
    first_placement_start: date | None = None,
    placement_changes: Sequence[date] = (),
    directed: date | None = None,
    bring_forward_on_placement_change: bool = True,
    confirmed_numbers: Mapping[date, int] | None = None,
    history_needed_since: date | None = None,
) -> NextReview:
    """Work out the next review's due date from the child's history.

    Reviews held before `became_looked_after` belong to an earlier period of care and are
    ignored, so a child who returns to care starts again with a first review. Short breaks
    (regulation 48) pass the earliest short-break placement as `first_placement_start`; pass
    only real changes of placement in `placement_changes`, not each short break. Reviews
    missing from the file are allowed for as ``count_reviews`` says; the IRO's
    ``confirmed_numbers`` (review number by held date) overrule the assumption.

    ``history_needed_since``: the child came to the program (an import, or added by hand)
    with no review on file after their first review was already due. Until a review is on
    file the program does not guess a date: it assumes the reviews were held where the
    child's file came from, and asks for the last one (see ``history_needed``). A change
    of placement or an IRO's direction after that day still sets a real date.
    """
    held = sorted(d for d in held_reviews if d >= became_looked_after)
    since = history_needed_since
    # Only while the first review was due before that day: a corrected "came into care"
    # (a typo put right) or a new period of care makes it count no more.
    first_due = _statutory(became_looked_after, [], 0, short_breaks, first_placement_start)[0]
    if not held and since is not None and first_due < since:
        found = _history_needed(
            became_looked_after, since, placement_changes, directed,
            bring_forward_on_placement_change, short_breaks,
        )  # fmt: skip
        if found is not None:
            return found
    last = held[-1] if held else None
    count = count_reviews(became_looked_after, held, confirmed_numbers, short_breaks=short_breaks)
    statutory, kind, reason = _statutory(
        became_looked_after, held, count.held, short_breaks, first_placement_start
    )
    due = statutory

    if bring_forward_on_placement_change:
        since = last or (first_placement_start if short_breaks else None) or became_looked_after
        later_changes = sorted(c for c in placement_changes if c > since)
        if later_changes:
            change = later_changes[0]
            candidate = add_working_days(change, PLACEMENT_CHANGE_WORKING_DAYS)
            if candidate < due:
                due = candidate
                kind = ReviewKind.BROUGHT_FORWARD
                reason = (
                    f"Brought forward: placement changed on {format_date(change)} "
                    f"({PLACEMENT_CHANGE_WORKING_DAYS} working days)"
                )

    # A direction made before the last review was met by that review.
    if directed is not None and (last is None or directed > last) and directed < due:
        due = directed
        kind = ReviewKind.BROUGHT_FORWARD
        reason = f"Brought forward: the IRO directed a review by {format_date(directed)}"

    return NextReview(due=due, kind=kind, statutory_due=statutory, reason=reason,
                      assumption=count.assumption, short_breaks=short_breaks)  # fmt: skip


def history_words(became_looked_after: date, since: date) -> tuple[str, str]:
    """The next review's reason and the Reviews tab's assumption for a child whose last
    review's date is needed (``NextReview.history_needed``)."""
    reason = (
        f"Last review date needed: came into care on {format_date(became_looked_after)}; "
        "no review is on file"
    )
    assumption = (
        f"Came into care on {format_date(became_looked_after)}, and no review was on file "
        f"when the child's file came to IRO Desktop on {format_date(since)}: the program "
        "assumes their reviews were held before then and counts none as overdue. Record "
        "the last review held (Record last review…); the next review is then due from it"
    )
    return reason, assumption


def _history_needed(
    became: date, since: date, placement_changes: Sequence[date], directed: date | None,
    bring_forward: bool, short_breaks: bool,
) -> NextReview | None:  # fmt: skip
    """The next review of a child whose last review's date is needed, or None when a
    placement change or a direction after ``since`` set a real date (the usual rules)."""
    dates: list[tuple[date, str]] = []
    changes = sorted(c for c in placement_changes if c > since)
    if bring_forward and changes:
        due = add_working_days(changes[0], PLACEMENT_CHANGE_WORKING_DAYS)
        dates.append((due, f"Brought forward: placement changed on {format_date(changes[0])} "
                           f"({PLACEMENT_CHANGE_WORKING_DAYS} working days)"))  # fmt: skip
    if directed is not None and directed >= since:
        dates.append((directed, "Brought forward: the IRO directed a review by "
                                f"{format_date(directed)}"))  # fmt: skip
    reason, assumption = history_words(became, since)
    if dates:
        due, why = min(dates)
        return NextReview(due=due, kind=ReviewKind.BROUGHT_FORWARD, statutory_due=due,
                          reason=why, assumption=assumption, short_breaks=short_breaks)  # fmt: skip
    return NextReview(due=since, kind=ReviewKind.SUBSEQUENT, statutory_due=since,
                      reason=reason, assumption=assumption, short_breaks=short_breaks,
                      history_needed=since)  # fmt: skip


def estimated_review_number(became_looked_after: date, held: date) -> int:
    """Which review a review held on ``held`` would be if every review since coming into
    care had been held on its last day: the number the program suggests, for the IRO to
    confirm or change, when the file holds no earlier review."""
    number, due = 1, add_working_days(became_looked_after, FIRST_REVIEW_WORKING_DAYS)
    if held <= due:
        return 1
    due = add_months(due, SECOND_REVIEW_MONTHS)
    number = 2
    while held > due and number < 200:
        due = add_months(due, LATER_REVIEW_MONTHS)
        number += 1
    return number


def _statutory(
    became_looked_after: date,
    held: Sequence[date],
    count: int,
    short_breaks: bool,
    first_placement_start: date | None,
) -> tuple[date, ReviewKind, str]:
    if not held:
        if short_breaks:
            start = first_placement_start or became_looked_after
            return (
                add_months(start, SHORT_BREAKS_FIRST_REVIEW_MONTHS),
                ReviewKind.FIRST,
                "First review (short breaks): within 3 months of the first placement "
                f"on {format_date(start)}",
            )
        return (
            add_working_days(became_looked_after, FIRST_REVIEW_WORKING_DAYS),
            ReviewKind.FIRST,
            "First review: within 20 working days of becoming looked after "
            f"on {format_date(became_looked_after)}",
        )
    last = held[-1]
    if count <= 1:
        months = LATER_REVIEW_MONTHS if short_breaks else SECOND_REVIEW_MONTHS
        note = " (short breaks)" if short_breaks else ""
        return (
            add_months(last, months),
            ReviewKind.SECOND,
            f"Second review{note}: within {months} months of the first review "
            f"on {format_date(last)}",
        )
    return (
        add_months(last, LATER_REVIEW_MONTHS),
        ReviewKind.SUBSEQUENT,
        f"Review: within 6 months of the last review on {format_date(last)}",
    )


def record_due(held: date, working_days: int = RECORD_WORKING_DAYS) -> date:
    """The full review record should be distributed within 20 working days."""
    return add_working_days(held, working_days)


def decisions_due(held: date, working_days: int = DECISIONS_SHARED_WORKING_DAYS) -> date:
    """The review's decisions should be shared within 5 working days (Leicestershire)."""
    return add_working_days(held, working_days)


def pre_meeting_report_due(
    review: date, working_days: int = PRE_MEETING_REPORT_WORKING_DAYS
) -> date:
    """The social worker's report should be ready 5 working days before (Surrey)."""
    return add_working_days(review, -working_days)


def midway_update_due(last_review: date, next_due: date) -> date:
    """Halfway between reviews, rounded down to the earlier day when the gap is odd."""
    return last_review + (next_due - last_review) // 2


def is_overdue(due: date, today: date) -> bool:
    """Due means "by the end of that day", so a review held on its due date is in time."""
    return today > due
