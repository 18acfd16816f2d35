"""``iro-desktop figures``: the IRO's own figures for a year, a month or from/to, as a
table, CSV, JSON (the fixed shape in the README) or a PDF for supervision."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_desktop.cli.common import open_from_args, parse_today
from iro_desktop.domain.errors import ValidationError

if TYPE_CHECKING:
    from iro_desktop.domain.figures.period import Period

FORMATS = ("table", "csv", "json", "pdf")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("figures", help="your caseload's figures (reviews in time, "
                       "participation, ...) for a year or a period")  # fmt: skip
    add_period_options(p)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--out", type=Path, help="write to this file (required for pdf)")
    p.add_argument("--today", help="judge 'in time' as of this date (YYYY-MM-DD; default today)")
    p.set_defaults(handler=run)


def add_period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", help="a financial year, April to March, e.g. 2025/26 "
                   "(default: the current one)")  # fmt: skip
    p.add_argument("--from", dest="start", metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day (YYYY-MM-DD)")


def write_output(data: bytes | str, out: Path | None) -> None:
    """To the file if one was named, else to standard output."""
    if out is None:
        if isinstance(data, bytes):
            raise ValidationError("--out", "is required for a PDF")
        sys.stdout.write(data)
        return
    try:
        out.write_bytes(data) if isinstance(data, bytes) else out.write_text(data, "utf-8")
    except OSError as exc:
        raise ValidationError("--out", f"could not be written ({exc.strerror})") from None
    print(f"Wrote {out}", file=sys.stderr)


def asked_period(args: argparse.Namespace) -> tuple[Period, date]:
    """The period and "today" a figures command was given; a PDF needs ``--out``."""
    from iro_desktop.domain.figures.period import parse_period

    today = parse_today(args.today)
    period = parse_period(args.year, args.start, args.end, today)
    if args.format == "pdf" and args.out is None:
        raise ValidationError("--out", "is required for a PDF")
    return period, today


def write_figures(
    args: argparse.Namespace,
    data: dict[str, Any],
    csv_parts: list[tuple[str, dict[str, Any]]],
    pdf: Callable[[], bytes],
    text: Callable[[], str] | None = None,
) -> None:
    """The figures in the format asked for: the fixed JSON shape, its CSV, the PDF or text."""
    if args.format == "json":
        write_output(json.dumps(data, indent=2) + "\n", args.out)
    elif args.format == "csv":
        from iro_desktop.documents.figures.tables import to_csv

        write_output(to_csv(csv_parts), args.out)
    elif args.format == "pdf":
        write_output(pdf(), args.out)
    elif text is not None:
        write_output(text(), args.out)


def run(args: argparse.Namespace) -> int:
    from iro_desktop.domain.figures.report import as_json, compute
    from iro_desktop.store.queries import me
    from iro_desktop.store.reads.figures import caseload_facts, guidance

    period, today = asked_period(args)
    caseload = open_from_args(args)
    try:
        with caseload.session() as session:
            facts = caseload_facts(session)
            limits = guidance(session)
            owner = me(session)
            who = owner.name if owner else "this caseload"
    finally:
        caseload.close()
    figures = compute(facts, period, today, guidance=limits)
    data = as_json(figures)

    def pdf() -> bytes:
        from iro_desktop.documents.figures.report_pdf import Scope, render

        return render(figures, Scope("IRO figures", f"The caseload of {who}"))

    def text() -> str:
        from iro_desktop.documents.figures.tables import as_text

        return as_text(figures)

    write_figures(args, data, [("caseload", data)], pdf, text)
    return 0
