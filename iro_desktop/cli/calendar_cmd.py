"""``iro-desktop calendar``: planned reviews, visits and review deadlines as an ICS file."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from iro_desktop.cli.common import EXIT_FAILED, open_from_args, parse_today
from iro_desktop.documents.calendar import calendar_ics
from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.reads.meeting_facts import load_meetings

DEFAULT_DAYS = 90


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "calendar",
        help="write planned reviews, visits and review deadlines to a calendar file (.ics)",
        description="Writes an ICS file for Outlook or any calendar. Importing a newer file "
        "updates the events already imported. Children are named by first name and "
        "initial unless --full-names is given.",
    )
    p.add_argument("--out", required=True, type=Path, help="the .ics file to write")
    p.add_argument("--from", dest="start", metavar="DATE",
                   help="first day (YYYY-MM-DD; default today)")  # fmt: skip
    last = f"last day (YYYY-MM-DD; default {DEFAULT_DAYS} days after the first)"
    p.add_argument("--to", dest="end", metavar="DATE", help=last)
    p.add_argument("--full-names", action="store_true",
                   help="put children's full names in the file (by default: first name and "
                        "initial)")  # fmt: skip
    p.add_argument("--today", help="the day to count from (YYYY-MM-DD; default today)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    today = parse_today(args.today)
    first = parse_date(args.start, "--from") if args.start else today
    last = parse_date(args.end, "--to") if args.end else first + timedelta(days=DEFAULT_DAYS)
    if last < first:
        raise ValidationError("--to", "is before --from")
    caseload = open_from_args(args)
    try:
        with caseload.session() as session:
            meetings = load_meetings(session, first, last, today=today, deadlines=True)
    finally:
        caseload.close()
    data = calendar_ics(meetings, full_names=args.full_names)
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        print(f"iro-desktop: the calendar could not be written to {args.out} ({exc.strerror})",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    kinds = {k: sum(1 for m in meetings if m.kind is k) for k in {m.kind for m in meetings}}
    parts = ", ".join(f"{n} {k.value}{'s' if n != 1 else ''}" for k, n in sorted(kinds.items()))
    print(f"Wrote {len(meetings)} events ({parts or 'none'}) from {first} to {last} "
          f"to {args.out}")  # fmt: skip
    return 0
