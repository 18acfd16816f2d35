"""Measures of the review itself: held in time, decisions shared, record sent, visits,
mid-way updates. Each function's docstring is its counting rule."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date
from functools import lru_cache

from iro_desktop.domain import timescales
from iro_desktop.domain.figures.facts import ChildFacts, Facts, ReviewFacts
from iro_desktop.domain.figures.measure import Deadline, Item, Measure, judge
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.timescales import ReviewKind, midway_update_due

# Many reviews share a day: each deadline is worked out once per process.
decisions_due = lru_cache(maxsize=8192)(timescales.decisions_due)
record_due = lru_cache(maxsize=8192)(timescales.record_due)

SEEN_METHODS = frozenset({"in_person", "video_call"})
KIND_LABELS = {
    ReviewKind.FIRST: "First reviews",
    ReviewKind.SECOND: "Second reviews",
    ReviewKind.SUBSEQUENT: "Subsequent reviews",
    ReviewKind.BROUGHT_FORWARD: "Brought forward reviews",
}


def item(child: ChildFacts, day: date, what: str, counted: bool = False) -> Item:
    return Item(child.id, child.ref, child.name, day, what, counted)


def held_in(facts: Facts, period: Period) -> list[tuple[ChildFacts, ReviewFacts]]:
    """Reviews held in the period, of children we know, in date order (worked out once
    per set of facts and period: every review measure starts from it)."""
    key = ("held_in", period)
    if key not in facts.memo:
        found = []
        for review in sorted(facts.reviews, key=lambda r: (r.held, r.child_id)):
            child = facts.children.get(review.child_id)
            if child is not None and period.start <= review.held <= period.end:
                found.append((child, review))
        facts.memo[key] = found
    result: list[tuple[ChildFacts, ReviewFacts]] = facts.memo[key]
    return result


def _review_label(review: ReviewFacts) -> str:
    return f"{review.kind.replace('_', ' ')} review"


def reviews_in_timescale(
    facts: Facts, period: Period, today: date
) -> tuple[Measure, dict[str, Measure]]:
    """Reviews held on or before their due date, out of reviews held in the period plus
    reviews due in the period and still not held (late, each counted once).

    The due date is the one on the review (set from the statutory timescales, brought
    forward where the IRO directed it or the placement changed). A review held on its due
    date is in time. A review not yet due, or due today, is left out, never counted late.
    A review with no due date on file cannot be judged and is left out. A child who has
    left care still counts for the reviews they had. Overall and by kind (first, second,
    subsequent, brought forward).
    """
    work: list[tuple[str, Deadline]] = []
    for child, review in held_in(facts, period):
        if review.due is not None:
            work.append(
                (
                    review.kind,
                    Deadline(
                        item(child, review.held, _review_label(review)), review.due, review.held
                    ),
                )
            )
    for child in facts.children.values():
        due = child.next_review_due
        if child.ceased is None and due is not None and due in period:
            kind = child.next_review_kind or ReviewKind.SUBSEQUENT
            what = f"{kind.replace('_', ' ')} review, not yet held"
            work.append((kind, Deadline(item(child, due, what), due, None)))
    rule = reviews_in_timescale.__doc__ or ""
    overall = judge(
        "reviews_in_timescale", "Reviews held within timescale", rule, (w for _, w in work), today
    )
    by_kind: dict[str, Measure] = {}
    for kind, label in KIND_LABELS.items():
        by_kind[str(kind)] = judge(
            f"reviews_in_timescale_{kind}", label, rule, (w for k, w in work if k == kind), today
        )
    return overall, by_kind


def decisions_shared_in_time(facts: Facts, period: Period, today: date) -> Measure:
    """Reviews held in the period whose decisions were shared within 5 working days of the
    review, out of those reviews; a review still inside its 5 days is left out, and so is
    an imported one (its paperwork was done, or not, where it came from)."""
    return judge(
        "decisions_shared_in_time",
        "Decisions shared within 5 working days",
        decisions_shared_in_time.__doc__ or "",
        (
            Deadline(item(c, r.held, _review_label(r)), decisions_due(r.held), r.decisions_shared)
            for c, r in held_in(facts, period)
            if not r.imported
        ),
        today,
    )


def records_distributed_in_time(facts: Facts, period: Period, today: date) -> Measure:
    """Reviews held in the period whose full record was distributed within 20 working days
    of the review, out of those reviews; a review still inside its 20 days is left out, and
    so is an imported one."""
    return judge(
        "records_distributed_in_time",
        "Records distributed within 20 working days",
        records_distributed_in_time.__doc__ or "",
        (
            Deadline(item(c, r.held, _review_label(r)), record_due(r.held), r.record_distributed)
            for c, r in held_in(facts, period)
            if not r.imported
        ),
        today,
    )


def _reviews_by_child(facts: Facts) -> dict[str, list[ReviewFacts]]:
    by_child: dict[str, list[ReviewFacts]] = defaultdict(list)
    for review in facts.reviews:
        by_child[review.child_id].append(review)
    for reviews in by_child.values():
        reviews.sort(key=lambda r: r.held)
    return by_child


def _visited(facts: Facts, period: Period, first_only: bool) -> list[Item]:
    seen: dict[str, list[date]] = defaultdict(list)
    for visit in facts.visits:
        if visit.method in SEEN_METHODS:
            seen[visit.child_id].append(visit.day)
    for days in seen.values():
        days.sort()
    items = []
    for child_id, reviews in _reviews_by_child(facts).items():
        child = facts.children.get(child_id)
        if child is None:
            continue
        previous: date | None = None
        for review in reviews:
            since = child.became_looked_after
            if previous is not None and previous >= since:
                since = previous
            inclusive = previous is None or previous < child.became_looked_after
            if review.held in period and (not first_only or review.kind == ReviewKind.FIRST):
                days = seen[child_id]
                first = (bisect_left if inclusive else bisect_right)(days, since)
                hit = first < len(days) and days[first] <= review.held
                items.append(item(child, review.held, _review_label(review), hit))
            previous = review.held
    items.sort(key=lambda i: (i.day, i.child_ref))
    return items


def visited_before_review(facts: Facts, period: Period, today: date) -> Measure:
    """Reviews held in the period where the IRO saw the child (face to face or by video)
    after the previous review (or, before a first review, from the day the child became
    looked after) and on or before the review day, out of all reviews held in the period."""
    del today
    return Measure(
        "visited_before_review",
        "Children seen by their IRO before the review",
        visited_before_review.__doc__ or "",
        tuple(_visited(facts, period, first_only=False)),
    )


def visited_before_first_review(facts: Facts, period: Period, today: date) -> Measure:
    """First reviews held in the period where the IRO saw the child (face to face or by
    video) between the day they became looked after and the review, out of all first
    reviews held in the period."""
    del today
    return Measure(
        "visited_before_first_review",
        "Children seen by their IRO before their first review",
        visited_before_first_review.__doc__ or "",
        tuple(_visited(facts, period, first_only=True)),
    )


def midway_updates_in_time(facts: Facts, period: Period, today: date) -> Measure:
    """Mid-way updates due in the period (halfway between a review and the next one's due
    date) done by that date, out of those due. The next due date is the next review's own,
    or the child's current one. Left out: updates not yet due, and those never needed
    because the child left care or the next review was held before the halfway date."""
    done: dict[str, date] = {}
    for update in facts.midway:
        if update.review_id not in done or update.day < done[update.review_id]:
            done[update.review_id] = update.day
    work = []
    for child_id, reviews in _reviews_by_child(facts).items():
        child = facts.children.get(child_id)
        if child is None:
            continue
        for index, review in enumerate(reviews):
            following = reviews[index + 1] if index + 1 < len(reviews) else None
            if following is not None:
                next_due = following.due or following.held
            elif child.ceased is None and child.next_review_due is not None:
                next_due = child.next_review_due
            else:
                continue
            due = midway_update_due(review.held, next_due)
            if due not in period:
                continue
            finished = done.get(review.id)
            if finished is None and (
                (following is not None and following.held <= due)
                or (child.ceased is not None and child.ceased <= due)
            ):
                continue
            what = f"mid-way update after the review of {review.held.isoformat()}"
            work.append(Deadline(item(child, due, what), due, finished))
    work.sort(key=lambda w: (w.deadline, w.item.child_ref))
    return judge(
        "midway_updates_in_time",
        "Mid-way updates done by their due date",
        midway_updates_in_time.__doc__ or "",
        work,
        today,
    )
