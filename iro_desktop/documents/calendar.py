"""The IRO's calendar file (ICS, RFC 5545) for Outlook: planned reviews, visits, and the
date each child's next review is due by.

Written with the ``icalendar`` package (a maintained RFC 5545 writer: folding, escaping and
time zones done right). Each event's UID comes from the row it shows (a review's or visit's
id; a deadline's child), so importing a newer file updates the events already there rather
than adding copies; SEQUENCE grows with the time of export so the newer file wins.

A calendar leaves the encrypted file and may be synced to a phone or shared: by default a
child is named by first name and the surname's initial ("Gabe S."); full names only if the
IRO chooses (``full_names``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from iro_desktop import __version__
from iro_desktop.store.reads.meetings import Meeting, MeetingKind

LONDON = ZoneInfo("Europe/London")
REVIEW_LENGTH = timedelta(minutes=90)
UID_DOMAIN = "iro-desktop.invalid"
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def uid_for(m: Meeting) -> str:
    """Stable across exports: the same review, visit or child's deadline keeps its UID."""
    return f"{m.kind.value}-{m.row_id}@{UID_DOMAIN}"


def summary_for(m: Meeting, *, full_names: bool) -> str:
    name = m.child_name if full_names else m.short_name
    return f"{m.label}: {name}"


def calendar_ics(meetings: list[Meeting], *, full_names: bool = False,
                 now: datetime | None = None) -> bytes:  # fmt: skip
    """The calendar file's bytes, every meeting one event."""
    now = now or datetime.now(UTC)
    sequence = int((now - _EPOCH).total_seconds() // 60)
    cal = Calendar()
    cal.add("prodid", f"-//IRO Desktop//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "IRO meetings")
    for m in sorted(meetings, key=lambda m: (m.on, m.time or "", uid_for(m))):
        event = Event()
        event.add("uid", uid_for(m))
        event.add("dtstamp", now)
        event.add("sequence", sequence)
        event.add("summary", summary_for(m, full_names=full_names))
        start, end = _times(m)
        event.add("dtstart", start)
        event.add("dtend", end)
        if m.venue:
            event.add("location", m.venue)
        event.add("description", m.what)
        event.add("categories", [m.label])
        if m.kind is MeetingKind.DEADLINE:
            event.add("transp", "TRANSPARENT")  # a deadline does not make the IRO busy
        cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def _times(m: Meeting) -> tuple[date | datetime, date | datetime]:
    if m.time is None:
        return m.on, m.on + timedelta(days=1)  # all day
    hours, minutes = (int(part) for part in m.time.split(":"))
    start = datetime.combine(m.on, time(hours, minutes), tzinfo=LONDON)
    return start, start + REVIEW_LENGTH
