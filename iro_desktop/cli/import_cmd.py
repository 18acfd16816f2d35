"""``iro-desktop import caseload|reviews FILE.csv`` and ``import 903 DIR``: all rows or none."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from iro_desktop.cli.common import EXIT_BAD_INPUT, cli_actor, open_from_args
from iro_desktop.store import importer
from iro_desktop.store.queries import me


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import",
        help="import the caseload or held reviews from a CSV file, or the authority's "
        "SSDA903 extract from a folder",
    )
    p.add_argument("what", choices=("caseload", "reviews", "903"))
    p.add_argument("file", type=Path, help="the CSV file, or for 903 the folder of CSV files")
    p.add_argument(
        "--year",
        help="for 903: the collection year whose code lists apply, such as 2025/26 "
        "(default: the year of the extract's latest date)",
    )
    p.set_defaults(handler=run)


def print_problems(source: object, problems: list[object]) -> None:
    print(f"{source}: {len(problems)} problem(s); nothing was imported.", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def run_903(args: argparse.Namespace) -> int:
    from iro_desktop.domain.ssda903.codes import collection_year
    from iro_desktop.store.ssda903.importer import Import903Failed, import_903

    year = collection_year(args.year, "--year") if args.year else None
    caseload = open_from_args(args)
    try:
        actor = cli_actor(caseload)
        with caseload.session() as session:
            owner = me(session)
        try:
            report = import_903(caseload, args.file, actor, today=date.today(), year=year,
                                iro_id=owner.id if owner else None)  # fmt: skip
        except Import903Failed as failed:
            print_problems(args.file, list(failed.report.problems))
            return EXIT_BAD_INPUT
    finally:
        caseload.close()
    print(f"Imported the SSDA903 extract in {args.file}.")
    for line in report.summary():
        print(f"  {line}")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.what == "903":
        return run_903(args)
    caseload = open_from_args(args)
    try:
        actor = cli_actor(caseload)
        try:
            if args.what == "caseload":
                with caseload.session() as session:
                    owner = me(session)
                result = importer.import_caseload(
                    caseload,
                    args.file,
                    actor,
                    today=date.today(),
                    iro_id=owner.id if owner else None,
                )
            else:
                result = importer.import_reviews(caseload, args.file, actor, today=date.today())
        except importer.ImportFailed as failed:
            print_problems(args.file, list(failed.result.problems))
            return EXIT_BAD_INPUT
    finally:
        caseload.close()
    print(f"Imported {args.file}: {result.added} added, {result.updated} updated.")
    if result.history_needed:
        print(f"{result.history_needed} with no review on file long after their first was due: "
              "record each one's last review (the program counts none as overdue).")  # fmt: skip
    return 0
