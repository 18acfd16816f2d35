"""A measure: numerator, denominator, and every item behind them.

Items are what a person clicks to find the child behind a number. Work whose deadline is
still to come is kept apart in ``waiting``: it is neither in time nor late yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.participation import Rate


class Item(NamedTuple):
    """One thing counted: a review, a visit, a stage of a challenge... and its child."""

    child_id: str
    child_ref: str
    name: str
    day: date
    what: str
    counted: bool  # in the numerator
    note: str = ""


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    rule: str
    items: tuple[Item, ...] = ()
    waiting: tuple[Item, ...] = field(default=())

    @cached_property
    def numerator(self) -> int:
        return sum(1 for i in self.items if i.counted)

    @property
    def denominator(self) -> int:
        return len(self.items)

    @property
    def rate(self) -> Rate:
        return Rate(self.numerator, self.denominator)

    def counts(self) -> dict[str, int]:
        return {"numerator": self.numerator, "denominator": self.denominator}

    def split(self, owner: Mapping[str, str], owners: Iterable[str]) -> dict[str, Measure]:
        """The same measure over each owner's children (each IRO's, in the service report),
        in one pass over the items: ``owner`` maps a child to its owner; each of ``owners``
        gets a measure, empty if none of its children has an item."""
        items: dict[str, list[Item]] = {o: [] for o in owners}
        waiting: dict[str, list[Item]] = {o: [] for o in items}
        for source, into in ((self.items, items), (self.waiting, waiting)):
            for i in source:
                kept = into.get(owner.get(i.child_id, ""))
                if kept is not None:
                    kept.append(i)
        return {
            o: Measure(self.name, self.label, self.rule, tuple(items[o]), tuple(waiting[o]))
            for o in items
        }


def by_month(measure: Measure, months: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The measure's (numerator, denominator) for each month ("YYYY-MM") of its items'
    dates, every month present, for the monthly charts."""
    table = {m: [0, 0] for m in months}
    for i in measure.items:
        row = table.get(f"{i.day.year:04d}-{i.day.month:02d}")
        if row is not None:
            row[0] += i.counted
            row[1] += 1
    return {m: (n, d) for m, (n, d) in table.items()}


class Deadline(NamedTuple):
    """A piece of work judged against a deadline; ``done`` is None while not done."""

    item: Item
    deadline: date
    done: date | None


def judge(name: str, label: str, rule: str, work: Iterable[Deadline], today: date) -> Measure:
    """In time when done on or before the deadline; late when done after it, or not done
    once it has passed; left out (``waiting``) while not done and the deadline is today or
    later, so a figure taken mid-month is not dragged down by work still in time."""
    items: list[Item] = []
    waiting: list[Item] = []
    for w in work:
        if w.done is None:
            if today > w.deadline:
                items.append(_with(w.item, False, f"not done; due {format_date(w.deadline)}"))
            else:
                waiting.append(_with(w.item, False, f"due {format_date(w.deadline)}"))
            continue
        in_time = w.done <= w.deadline
        note = f"done {format_date(w.done)}; due {format_date(w.deadline)}"
        items.append(_with(w.item, in_time, note))
    return Measure(name, label, rule, tuple(items), tuple(waiting))


def _with(item: Item, counted: bool, note: str) -> Item:
    return item._replace(counted=counted, note=note)
