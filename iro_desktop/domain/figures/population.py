"""Who was looked after at the end of the period, as North Somerset's "at 31 March"
tables count them, and the caseload against the 50-70 guidance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from iro_desktop.domain.codes import CATEGORIES_OF_NEED, LEGAL_STATUSES
from iro_desktop.domain.dates import age_on
from iro_desktop.domain.figures.facts import ChildFacts, Facts, Span
from iro_desktop.domain.figures.measure import Item
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.figures.reviews import item
from iro_desktop.domain.kpis import CASELOAD_GUIDANCE, caseload_position, count_by

AGE_BANDS = ("Under 1", "1 to 4", "5 to 9", "10 to 15", "16 to 17", "18 and over")
NOT_RECORDED = "not recorded"


def age_band(age: int) -> str:
    """The SSDA903 bands the reports use."""
    if age < 1:
        return AGE_BANDS[0]
    if age <= 4:
        return AGE_BANDS[1]
    if age <= 9:
        return AGE_BANDS[2]
    if age <= 15:
        return AGE_BANDS[3]
    return AGE_BANDS[4] if age <= 17 else AGE_BANDS[5]


def _in_force(spans: Iterable[Span], day: date) -> Span | None:
    live = [s for s in spans if s.covers(day)]
    return max(live, key=lambda s: s.start) if live else None


@dataclass(frozen=True)
class ChildrenAtEnd:
    day: date
    total: int
    by_age_band: dict[str, int]
    by_gender: dict[str, int]
    by_legal_status: dict[str, int]
    by_category_of_need: dict[str, int]
    by_ethnicity: dict[str, int]
    by_county: dict[str, int]
    items: tuple[Item, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "by_legal_status": self.by_legal_status,
            "by_category_of_need": self.by_category_of_need,
            "by_age_band": self.by_age_band,
            "by_gender": self.by_gender,
            "by_ethnicity": self.by_ethnicity,
            "by_county": self.by_county,
        }


def looked_after_at(facts: Facts, day: date) -> list[ChildFacts]:
    """Children looked after on ``day``: in care on or before it, not yet left."""
    found = [c for c in facts.children.values() if c.looked_after_on(day)]
    return sorted(found, key=lambda c: (c.name, c.ref))


def children_at_end(facts: Facts, period: Period, today: date) -> ChildrenAtEnd:
    """Children looked after on the last day of the period (today, while it is still
    running), by age on that day, gender,
    legal status and placement in force that day, category of need and ethnicity. Every
    code of the SSDA903 lists appears (zero if none); what is not recorded is counted as
    "not recorded" rather than lost."""
    day = period.as_at(today)
    children = looked_after_at(facts, day)

    def status(c: ChildFacts) -> str:
        span = _in_force(c.legal_statuses, day)
        return span.code if span else NOT_RECORDED

    def county(c: ChildFacts) -> str:
        span = _in_force(c.placements, day)
        if span is None:
            return NOT_RECORDED
        return "out of county" if span.out_of_county else "in county"

    return ChildrenAtEnd(
        day=day,
        total=len(children),
        by_age_band=count_by(
            (age_band(age_on(c.date_of_birth, day)) for c in children), dict.fromkeys(AGE_BANDS)
        ),
        by_gender=count_by(c.gender or NOT_RECORDED for c in children),
        by_legal_status=_drop_empty_tail(count_by((status(c) for c in children), LEGAL_STATUSES)),
        by_category_of_need=count_by(
            (c.category_of_need or NOT_RECORDED for c in children), CATEGORIES_OF_NEED
        ),
        by_ethnicity=dict(sorted(count_by(c.ethnicity or NOT_RECORDED for c in children).items())),
        by_county=count_by(
            (county(c) for c in children), dict.fromkeys(("in county", "out of county"))
        ),
        items=tuple(item(c, day, "looked after at the end of the period", True) for c in children),
    )


def _drop_empty_tail(counts: dict[str, int]) -> dict[str, int]:
    """Keep every legal status the reports table shows; rarer ones only when used."""
    always = {"C1", "C2", "E1", "V2", "V3", "V4", "J1"}
    return {k: v for k, v in counts.items() if v or k in always}


@dataclass(frozen=True)
class Caseload:
    """Children looked after on the last day, against the 50-70 guidance per full-time IRO."""

    children: int
    position: str
    guidance: tuple[int, int] = CASELOAD_GUIDANCE

    def as_dict(self) -> dict[str, object]:
        low, high = self.guidance
        return {
            "children": self.children,
            "position": self.position,
            "guidance": {"low": low, "high": high},
        }


def caseload(
    facts: Facts, period: Period, today: date, guidance: tuple[int, int] = CASELOAD_GUIDANCE
) -> Caseload:
    """The children looked after on the last day of the period (today, while it is still
    running), against the guidance."""
    n = len(looked_after_at(facts, period.as_at(today)))
    return Caseload(n, caseload_position(n, guidance), guidance)
