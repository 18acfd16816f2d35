"""Figures only the central store can give, because only it knows every IRO's children
and the history of who held each child."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

from iro_desktop.domain.figures.facts import AllocationFacts, Facts
from iro_desktop.domain.figures.measure import Deadline, Measure, judge
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.figures.population import looked_after_at
from iro_desktop.domain.figures.reviews import item
from iro_desktop.domain.kpis import IRO_ALLOCATION_WORKING_DAYS, SAME_IRO_MONTHS
from iro_desktop.domain.timescales import add_months
from iro_desktop.domain.working_days import add_working_days


def _by_child(allocations: list[AllocationFacts]) -> dict[str, list[AllocationFacts]]:
    out: dict[str, list[AllocationFacts]] = defaultdict(list)
    for a in allocations:
        out[a.child_id].append(a)
    for rows in out.values():
        rows.sort(key=lambda a: a.start)
    return out


def iro_allocated_in_time(facts: Facts, period: Period, today: date) -> Measure:
    """Children who became looked after in the period whose first IRO was allocated within
    5 working days (Gateshead), out of those children. A child still inside the 5 days with
    no IRO yet is left out. The allocation counted is the first one on or after the day
    they became looked after (an IRO kept from an earlier period of care counts from day
    one)."""
    allocations = _by_child(facts.allocations or [])
    work = []
    for child in sorted(facts.children.values(), key=lambda c: (c.became_looked_after, c.ref)):
        if child.became_looked_after not in period:
            continue
        starts = [
            max(a.start, child.became_looked_after)
            for a in allocations.get(child.id, [])
            if a.end is None or a.end > child.became_looked_after
        ]
        deadline = add_working_days(child.became_looked_after, IRO_ALLOCATION_WORKING_DAYS)
        work.append(
            Deadline(
                item(child, child.became_looked_after, "became looked after"),
                deadline,
                min(starts) if starts else None,
            )
        )
    return judge(
        "iro_allocated_in_time",
        "IRO allocated within 5 working days",
        iro_allocated_in_time.__doc__ or "",
        work,
        today,
    )


def same_iro(facts: Facts, period: Period, today: date) -> Measure:
    """Children looked after on the last day of the period (today, while it is still
    running), looked after for 3 years or
    less by then, who have had one IRO since they became looked after (Gateshead), out of
    those children. A transfer to another IRO and back still counts as a change; a child
    with no IRO recorded counts against."""
    day = period.as_at(today)
    cutoff = add_months(day, -SAME_IRO_MONTHS)
    allocations = _by_child(facts.allocations or [])
    items = []
    for child in looked_after_at(facts, day):
        if child.became_looked_after < cutoff:
            continue
        mine = allocations.get(child.id, [])
        held = [
            a
            for a in mine
            if a.start <= day and (a.end is None or a.end > child.became_looked_after)
        ]
        if not held and (mine or child.iro_id):
            # Recorded only after the day (the central store dates an allocation from the
            # child's first sync): the first IRO is taken to have held them from the start.
            held = mine[:1] or [AllocationFacts(child.id, child.iro_id or "", day, None)]
        changes = sum(1 for a, b in pairwise(held) if a.iro_id != b.iro_id)
        count = changes + 1 if held else 0
        items.append(item(child, child.became_looked_after, f"{count} IRO(s)", count == 1))
    return Measure(
        "same_iro",
        "Same IRO throughout (looked after 3 years or less)",
        same_iro.__doc__ or "",
        tuple(items),
    )


def children_by_iro(facts: Facts, period: Period) -> dict[str, set[str]]:
    """Each IRO's children for the period: those they held at its end, or when the child
    left care if that came first. A child looked after at no point in the period is left
    out."""
    by_child = _by_child(facts.allocations or [])
    out: dict[str, set[str]] = defaultdict(set)
    for child in facts.children.values():
        if child.became_looked_after > period.end or (
            child.ceased is not None and child.ceased < period.start
        ):
            continue
        when = min(period.end, child.ceased) if child.ceased is not None else period.end
        iro = child.iro_id
        for a in by_child.get(child.id, []):
            if a.start <= when:
                iro = a.iro_id
        if iro is not None:
            out[iro].add(child.id)
    return dict(out)
