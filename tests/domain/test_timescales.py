from datetime import date

import pytest

from iro_desktop.domain.timescales import (
    NextReview,
    ReviewKind,
    add_months,
    decisions_due,
    is_overdue,
    midway_update_due,
    next_review_due,
    pre_meeting_report_due,
    record_due,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 3, 31), 3, date(2024, 6, 30)),
        (date(2022, 8, 29), 6, date(2023, 2, 28)),
        (date(2023, 8, 29), 6, date(2024, 2, 29)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 1, 15), 3, date(2024, 4, 15)),
        (date(2024, 6, 30), -3, date(2024, 3, 30)),
    ],
)
def test_add_months_corresponding_date(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


LAC = date(2024, 1, 2)


def test_first_review_is_20_working_days_after_becoming_looked_after() -> None:
    result = next_review_due(became_looked_after=date(2024, 3, 15), held_reviews=[])
    assert result == NextReview(
        due=date(2024, 4, 16),  # Good Friday and Easter Monday skipped
        kind=ReviewKind.FIRST,
        statutory_due=date(2024, 4, 16),
        reason="First review: within 20 working days of becoming looked after on 15 March 2024",
    )


def test_first_review_over_christmas() -> None:
    result = next_review_due(became_looked_after=date(2022, 12, 12), held_reviews=[])
    assert result.due == date(2023, 1, 12)


def test_second_review_is_three_months_after_the_first() -> None:
    result = next_review_due(became_looked_after=LAC, held_reviews=[date(2024, 1, 31)])
    assert result.kind is ReviewKind.SECOND
    assert result.due == date(2024, 4, 30)  # 31 April does not exist
    assert "within 3 months of the first review on 31 January 2024" in result.reason


def test_statutory_date_is_not_moved_off_a_weekend() -> None:
    result = next_review_due(became_looked_after=LAC, held_reviews=[date(2024, 3, 1)])
    assert result.due == date(2024, 6, 1)
    assert result.due.weekday() == 5  # a Saturday, left as it is


def test_later_reviews_are_six_months_after_the_previous_one_unsorted() -> None:
    held = [date(2023, 8, 31), date(2023, 3, 20), date(2023, 2, 10)]
    result = next_review_due(became_looked_after=date(2023, 1, 9), held_reviews=held)
    assert result.kind is ReviewKind.SUBSEQUENT
    assert result.due == date(2024, 2, 29)
    assert result.statutory_due == result.due
    assert result.reason == "Review: within 6 months of the last review on 31 August 2023"


def test_reviews_from_an_earlier_period_of_care_are_ignored() -> None:
    result = next_review_due(
        became_looked_after=date(2024, 3, 15),
        held_reviews=[date(2022, 5, 1), date(2022, 11, 1)],
    )
    assert result.kind is ReviewKind.FIRST
    assert result.due == date(2024, 4, 16)


def test_short_breaks_first_review_three_months_after_first_placement() -> None:
    result = next_review_due(
        became_looked_after=date(2024, 1, 5),
        held_reviews=[],
        short_breaks=True,
        first_placement_start=date(2024, 1, 31),
    )
    assert result.kind is ReviewKind.FIRST
    assert result.due == date(2024, 4, 30)
    assert "short breaks" in result.reason


def test_short_breaks_first_review_falls_back_to_became_looked_after() -> None:
    result = next_review_due(
        became_looked_after=date(2024, 1, 5), held_reviews=[], short_breaks=True
    )
    assert result.due == date(2024, 4, 5)


@pytest.mark.parametrize("held_count", [1, 2, 3])
def test_short_breaks_then_every_six_months(held_count: int) -> None:
    held = [date(2023, 4, 28), date(2023, 10, 27), date(2024, 4, 26)][:held_count]
    result = next_review_due(
        became_looked_after=date(2023, 1, 30), held_reviews=held, short_breaks=True
    )
    assert result.due == add_months(held[-1], 6)
    assert result.kind is (ReviewKind.SECOND if held_count == 1 else ReviewKind.SUBSEQUENT)


HELD = [date(2024, 1, 10), date(2024, 4, 10)]  # next statutory date: 10 October 2024


def test_placement_change_after_last_review_brings_review_forward() -> None:
    result = next_review_due(
        became_looked_after=LAC, held_reviews=HELD, placement_changes=[date(2024, 6, 4)]
    )
    assert result.due == date(2024, 7, 2)
    assert result.kind is ReviewKind.BROUGHT_FORWARD
    assert result.statutory_due == date(2024, 10, 10)
    assert result.reason == "Brought forward: placement changed on 4 June 2024 (20 working days)"


def test_placement_change_ignored_when_setting_is_off() -> None:
    result = next_review_due(
        became_looked_after=LAC,
        held_reviews=HELD,
        placement_changes=[date(2024, 6, 4)],
        bring_forward_on_placement_change=False,
    )
    assert result.due == date(2024, 10, 10)
    assert result.kind is ReviewKind.SUBSEQUENT


@pytest.mark.parametrize("change", [date(2024, 3, 1), date(2024, 4, 10)])
def test_placement_change_on_or_before_last_review_is_ignored(change: date) -> None:
    result = next_review_due(became_looked_after=LAC, held_reviews=HELD, placement_changes=[change])
    assert result.due == date(2024, 10, 10)
    assert result.kind is ReviewKind.SUBSEQUENT


def test_placement_change_does_not_push_review_later() -> None:
    result = next_review_due(
        became_looked_after=LAC, held_reviews=HELD, placement_changes=[date(2024, 9, 30)]
    )
    assert result.due == date(2024, 10, 10)
    assert result.kind is ReviewKind.SUBSEQUENT


def test_earliest_placement_change_since_last_review_counts() -> None:
    result = next_review_due(
        became_looked_after=LAC,
        held_reviews=HELD,
        placement_changes=[date(2024, 8, 1), date(2024, 3, 1), date(2024, 6, 4)],
    )
    assert result.due == date(2024, 7, 2)


def test_directed_review_brings_date_forward() -> None:
    result = next_review_due(became_looked_after=LAC, held_reviews=HELD, directed=date(2024, 5, 20))
    assert result.due == date(2024, 5, 20)
    assert result.kind is ReviewKind.BROUGHT_FORWARD
    assert result.statutory_due == date(2024, 10, 10)
    assert result.reason == "Brought forward: the IRO directed a review by 20 May 2024"


def test_directed_review_later_than_due_changes_nothing() -> None:
    result = next_review_due(became_looked_after=LAC, held_reviews=HELD, directed=date(2024, 11, 1))
    assert result.due == date(2024, 10, 10)
    assert result.kind is ReviewKind.SUBSEQUENT


def test_direction_met_by_a_later_review_is_ignored() -> None:
    result = next_review_due(became_looked_after=LAC, held_reviews=HELD, directed=date(2024, 4, 1))
    assert result.due == date(2024, 10, 10)


def test_earlier_of_direction_and_placement_change_wins() -> None:
    def due_with(directed: date) -> NextReview:
        return next_review_due(
            became_looked_after=LAC,
            held_reviews=HELD,
            placement_changes=[date(2024, 6, 4)],
            directed=directed,
        )

    earlier = due_with(date(2024, 6, 20))
    assert earlier.due == date(2024, 6, 20)
    assert "directed" in earlier.reason
    later = due_with(date(2024, 7, 15))
    assert later.due == date(2024, 7, 2)
    assert "placement changed" in later.reason


def test_directed_first_review() -> None:
    result = next_review_due(
        became_looked_after=date(2024, 3, 15), held_reviews=[], directed=date(2024, 4, 2)
    )
    assert result.due == date(2024, 4, 2)
    assert result.statutory_due == date(2024, 4, 16)


def test_paperwork_deadlines_skip_holidays() -> None:
    assert record_due(date(2024, 3, 15)) == date(2024, 4, 16)
    assert record_due(date(2024, 3, 15), working_days=5) == date(2024, 3, 22)
    assert decisions_due(date(2022, 12, 22)) == date(2023, 1, 3)
    assert pre_meeting_report_due(date(2024, 4, 3)) == date(2024, 3, 25)
    assert pre_meeting_report_due(date(2024, 4, 3), working_days=1) == date(2024, 4, 2)


def test_midway_update_is_halfway_rounded_down() -> None:
    assert midway_update_due(date(2024, 1, 1), date(2024, 7, 1)) == date(2024, 4, 1)
    assert midway_update_due(date(2024, 1, 1), date(2024, 1, 4)) == date(2024, 1, 2)


def test_overdue_only_after_the_due_date() -> None:
    due = date(2024, 6, 1)
    assert not is_overdue(due, date(2024, 5, 31))
    assert not is_overdue(due, due)
    assert is_overdue(due, date(2024, 6, 2))


def test_an_earliest_review_long_after_coming_into_care_is_taken_as_a_later_one() -> None:
    """In care from Monday 2 September 2019: a first review by 30 September 2019 (20
    working days), a second by 30 December 2019. The one review on file, 12 March 2025,
    comes long after both, so earlier ones are missing: the next is due within 6 months
    (12 September 2025), not as a second review 3 months on (12 June 2025)."""
    from iro_desktop.domain.timescales import count_reviews, latest_second_review

    became = date(2019, 9, 2)
    assert latest_second_review(became) == date(2019, 12, 30)
    nxt = next_review_due(became_looked_after=became, held_reviews=[date(2025, 3, 12)])
    assert (nxt.due, nxt.kind) == (date(2025, 9, 12), ReviewKind.SUBSEQUENT)
    assert nxt.assumption.startswith("Assumed a later review: came into care 2 September 2019")
    # A first review on file within the second review's window is the first.
    count = count_reviews(became, [date(2019, 12, 30)])
    assert (count.numbers, count.assumed) == ((1,), False)
    # The IRO's number overrules the assumption; later reviews count on from it.
    confirmed = count_reviews(became, [date(2025, 3, 12), date(2025, 9, 1)], {date(2025, 3, 12): 1})
    assert (confirmed.numbers, confirmed.assumed, confirmed.held) == ((1, 2), False, 2)


def test_a_child_with_no_review_on_file_long_after_the_first_was_due_is_asked_for_the_last() -> (
    None
):
    """In care since Friday 3 May 2019, no review on file when added on 24 November 2026:
    no date is guessed (the first review was due 4 June 2019); a review the IRO directs by
    15 January 2027 is a real date; once a review is on file the flag no longer counts."""
    from iro_desktop.domain.timescales import next_review_due

    since, came = date(2026, 11, 24), date(2019, 5, 3)
    asked = next_review_due(became_looked_after=came, held_reviews=[], history_needed_since=since)
    assert (asked.due, asked.history_needed) == (since, since)
    assert asked.reason.startswith("Last review date needed: came into care on 3 May 2019")
    directed = next_review_due(became_looked_after=came, held_reviews=[],
                               history_needed_since=since, directed=date(2027, 1, 15))  # fmt: skip
    assert (directed.due, directed.kind, directed.history_needed) == (
        date(2027, 1, 15), ReviewKind.BROUGHT_FORWARD, None)  # fmt: skip
    held = next_review_due(became_looked_after=came, held_reviews=[date(2026, 9, 1)],
                           history_needed_since=since)  # fmt: skip
    assert (held.due, held.history_needed) == (date(2027, 3, 1), None)
    # A flag from an earlier period of care (the child left and came back) does not count.
    again = next_review_due(became_looked_after=date(2026, 11, 30), held_reviews=[],
                            history_needed_since=since)  # fmt: skip
    assert (again.kind, again.history_needed) == (ReviewKind.FIRST, None)
    # "Came into care" corrected to 5 days before the day it was kept: a first review is
    # due as usual, 20 working days on (19 November 2026 + 20 = 17 December 2026).
    fixed = next_review_due(became_looked_after=date(2026, 11, 19), held_reviews=[],
                            history_needed_since=since)  # fmt: skip
    assert (fixed.due, fixed.kind, fixed.history_needed) == (
        date(2026, 12, 17), ReviewKind.FIRST, None)  # fmt: skip
