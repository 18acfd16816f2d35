"""The IRO's meetings: planned reviews and visits, each with its day, time and venue.

Home's "My meetings" (today, or this week, by kind) and the calendar file
(``documents.calendar``) both list them; the calendar adds each review's deadline. The
rows are read by ``store.reads.meeting_facts``; this module only picks and words them, and
must stay free of SQLAlchemy (Home imports it on the first screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class MeetingKind(StrEnum):
    REVIEW = "review"
    VISIT = "visit"
    DEADLINE = "deadline"


KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.REVIEW: "Review",
    MeetingKind.VISIT: "Visit",
    MeetingKind.DEADLINE: "Review due",
}
TAB_FOR: dict[MeetingKind, str] = {
    MeetingKind.REVIEW: "Reviews",
    MeetingKind.VISIT: "Footprint",
    MeetingKind.DEADLINE: "Reviews",
}


class Span(StrEnum):
    TODAY = "Today"
    THIS_WEEK = "This week"


@dataclass(frozen=True)
class Meeting:
    """One planned review, visit or review deadline.

    ``row_id`` is the review's or visit's id (a deadline's is the child's, as it has no
    row of its own); ``first_name``/``last_name`` let the calendar shorten the name.
    """

    kind: MeetingKind
    row_id: str
    child_id: str
    first_name: str
    last_name: str
    on: date
    time: str | None
    venue: str
    what: str

    @property
    def child_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def short_name(self) -> str:
        """First name and the surname's initial ("Gabe S."): the calendar's default."""
        initial = self.last_name.strip()[:1]
        return f"{self.first_name} {initial}." if initial else self.first_name

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def headline(self) -> str:
        """What it is, in a few words: "Second review", "Visit: before the review (in
        person)"; a review's kind already says "review"."""
        if self.kind is MeetingKind.REVIEW:
            return self.what
        return f"{self.label}: {self.what[:1].lower()}{self.what[1:]}"

    @property
    def tab(self) -> str:
        return TAB_FOR[self.kind]


def span_days(span: Span, today: date) -> tuple[date, date]:
    """First and last day shown: today, or this week from Monday to Sunday."""
    if span is Span.TODAY:
        return today, today
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def meetings_in(
    meetings: list[Meeting], span: Span, today: date, kinds: frozenset[MeetingKind] | None = None
) -> list[Meeting]:
    """The meetings of ``span`` (only ``kinds``, if given), soonest first."""
    first, last = span_days(span, today)
    out = [m for m in meetings if first <= m.on <= last and (kinds is None or m.kind in kinds)]
    return sorted(out, key=lambda m: (m.on, m.time or "99:99", m.child_name, m.kind))


def when_words(m: Meeting, today: date) -> str:
    """ "Today, 16:00", "Tomorrow", "Wed 3 Dec, 10:30"."""
    if m.on == today:
        day = "Today"
    elif m.on == today + timedelta(days=1):
        day = "Tomorrow"
    elif m.on == today - timedelta(days=1):
        day = "Yesterday"
    else:
        day = m.on.strftime("%a ") + str(m.on.day) + m.on.strftime(" %b")
    return f"{day}, {m.time}" if m.time else day
