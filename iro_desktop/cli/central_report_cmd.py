"""``iro-desktop central report``: the service's annual report from the central store,
across every IRO and per IRO, as a PDF, CSV or JSON (the shape in the README)."""

from __future__ import annotations

import argparse
from pathlib import Path

from iro_desktop.cli.figures_cmd import add_period_options, asked_period, write_figures


def register_report(csub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from iro_desktop.cli.central_cmd import _db_options

    p = csub.add_parser("report", help="the service's figures for a year: every IRO, and each")
    _db_options(p)
    add_period_options(p)
    p.add_argument("--iro", metavar="EMAIL", help="only this IRO's children")
    p.add_argument("--format", choices=("pdf", "csv", "json"), default="pdf")
    p.add_argument("--out", type=Path, help="write to this file (required for pdf)")
    p.add_argument("--authority", default="", help="the authority's name for the PDF's pages")
    p.add_argument("--today", help="judge 'in time' as of this date (YYYY-MM-DD; default today)")
    p.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from iro_desktop.central.report import annual_report
    from iro_desktop.cli.central_cmd import _store

    period, today = asked_period(args)
    store = _store(args)
    try:
        report = annual_report(store, period, today, args.iro)
    finally:
        store.dispose()

    def pdf() -> bytes:
        from iro_desktop.documents.figures.report_pdf import IroRow, Scope, render

        if report.iro_email is None:
            scope = Scope("Independent Reviewing Service: the year in figures",
                          f"Every IRO's children ({len(report.iros)} IROs)", args.authority,
                          report.names)  # fmt: skip
        else:
            who = report.iros[0].name
            scope = Scope(f"IRO figures: {who}", f"The children {who} held", args.authority,
                          report.names)  # fmt: skip
        rows = [IroRow(i.name, i.caseload, i.measures) for i in report.iros]
        return render(report.figures, scope, rows)

    write_figures(args, report.as_json(), report.csv_parts(), pdf)
    return 0
