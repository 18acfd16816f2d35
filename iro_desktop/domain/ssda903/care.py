"""A child's time in care, built from their 903 episodes.

An episode is a stretch with one legal status and one placement; a new one starts when
either changes (RNE says which) or when the child starts to be looked after again (RNE S).
From the episodes come: periods of care, the date the child became looked after in the
current period, the legal status history, the placement history with each change and its
reason, short breaks (V3/V4), the category of need, and whether the child has left care.

Short breaks are one series: each break is its own period in the return, but the IRO
reviews the series (regulation 48), so the child became looked after when the series
began and has left care only when no break fell in the collection year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.ssda903 import codes as c
from iro_desktop.domain.ssda903.rows import EpisodeRow, postcode_district


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None  # None: still looked after
    reason_ceased: str | None  # REC of the last episode, when it ended the period
    short_breaks: bool


@dataclass(frozen=True)
class Status:
    code: str
    start: date
    end: date | None


@dataclass(frozen=True)
class Stay:
    """One placement: its type, dates, provider, postcode, and why it ended."""

    place: str
    start: date
    end: date | None
    provider: str
    postcode: str
    end_reason: str | None

    @property
    def district(self) -> str | None:
        return postcode_district(self.postcode) if self.postcode else None


@dataclass(frozen=True)
class Care:
    periods: tuple[Period, ...]
    legal_statuses: tuple[Status, ...]
    placements: tuple[Stay, ...]
    became_looked_after: date
    ceased: date | None
    reason_ceased: str | None
    short_breaks: bool
    category_of_need: str


def _placement_key(e: EpisodeRow) -> tuple[str, str, str]:
    return (e.place, e.pl_post.replace(" ", "").upper(), e.place_provider)


def _split_periods(episodes: Sequence[EpisodeRow]) -> list[list[EpisodeRow]]:
    periods: list[list[EpisodeRow]] = []
    for e in episodes:
        previous = periods[-1][-1] if periods else None
        left = previous is not None and previous.rec not in ("", c.CONTINUES)
        if previous is None or e.rne == c.NEW_PERIOD or left:
            periods.append([e])
        else:
            periods[-1].append(e)
    return periods


def _period(eps: list[EpisodeRow]) -> Period:
    last = eps[-1]
    ended = last.dec is not None and last.rec not in ("", c.CONTINUES)
    return Period(
        start=eps[0].decom,
        end=last.dec if ended else None,
        reason_ceased=last.rec if ended else None,
        short_breaks=all(e.ls in c.SHORT_BREAKS for e in eps),
    )


def _statuses(eps: list[EpisodeRow], end: date | None) -> list[Status]:
    out: list[Status] = []
    for e in eps:
        if out and out[-1].code == e.ls:
            continue
        if out:
            out[-1] = Status(out[-1].code, out[-1].start, e.decom)
        out.append(Status(e.ls, e.decom, None))
    out[-1] = Status(out[-1].code, out[-1].start, end)
    return out


def _stays(eps: list[EpisodeRow], period: Period) -> list[Stay]:
    out: list[Stay] = []
    previous: EpisodeRow | None = None
    for e in eps:
        changed = previous is None or e.rne in c.PLACEMENT_CHANGES
        if previous is not None and not changed and _placement_key(e) != _placement_key(previous):
            changed = True  # the placement moved though RNE did not say so
        if changed:
            if out and previous is not None:
                reason = c.REASON_PLACE_CHANGE.get(previous.reason_place_change)
                out[-1] = Stay(
                    out[-1].place,
                    out[-1].start,
                    e.decom,
                    out[-1].provider,
                    out[-1].postcode,
                    reason,
                )
            out.append(Stay(e.place, e.decom, None, e.place_provider, e.pl_post, None))
        previous = e
    if period.end is not None:
        last = out[-1]
        reason = c.REC.get(period.reason_ceased or "")
        out[-1] = Stay(last.place, last.start, period.end, last.provider, last.postcode, reason)
    return out


def build_care(episodes: Sequence[EpisodeRow], year: c.CollectionYear) -> Care:
    """The child's care from their episodes (any order; at least one)."""
    ordered = sorted(episodes, key=lambda e: (e.decom, e.row))
    groups = _split_periods(ordered)
    periods = [_period(g) for g in groups]
    statuses: list[Status] = []
    stays: list[Stay] = []
    for group, period in zip(groups, periods, strict=True):
        statuses += _statuses(group, period.end)
        stays += _stays(group, period)
    current = periods[-1]
    short_breaks = current.short_breaks
    if short_breaks:
        first = len(periods) - 1
        while first > 0 and periods[first - 1].short_breaks:
            first -= 1
        became = periods[first].start
        # The series goes on while a break fell in the year (or one is under way).
        over = current.end is not None and current.end < year.start
        ceased, reason = (current.end, current.reason_ceased) if over else (None, None)
        if not over:
            statuses = _one_agreement(statuses, became)
    else:
        became, ceased, reason = current.start, current.end, current.reason_ceased
    return Care(
        periods=tuple(periods),
        legal_statuses=tuple(statuses),
        placements=tuple(stays),
        became_looked_after=became,
        ceased=ceased,
        reason_ceased=reason,
        short_breaks=short_breaks,
        category_of_need=ordered[-1].cin,
    )


def _one_agreement(statuses: list[Status], became: date) -> list[Status]:
    """A running series of short breaks has one legal status, open while it runs."""
    merged: list[Status] = [s for s in statuses if s.start < became]
    series: list[Status] = []
    for s in (s for s in statuses if s.start >= became):
        if series and series[-1].code == s.code:
            series[-1] = Status(s.code, series[-1].start, s.end)
        else:
            series.append(s)
    series[-1] = Status(series[-1].code, series[-1].start, None)
    return merged + series


def in_county(postcode: str, districts: Sequence[str]) -> bool | None:
    """Whether a placement postcode lies in the authority's postcode districts.

    A district ("GU21") matches itself; an area ("GU", letters only) matches every
    district in it. None when there is no postcode or no districts to compare with.
    """
    if not postcode or not districts:
        return None
    district = postcode_district(postcode)
    area = district[: len(district) - len(district.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    for entry in (d.strip().upper() for d in districts):
        if entry == district or (entry.isalpha() and entry == area):
            return True
    return False
