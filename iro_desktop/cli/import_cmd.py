"""``iro-desktop import caseload|reviews FILE.csv``: all rows or none."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from iro_desktop.cli.common import EXIT_BAD_INPUT, cli_actor, open_from_args
from iro_desktop.store import importer
from iro_desktop.store.queries import me


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import the caseload or held reviews from a CSV file")
    p.add_argument("what", choices=("caseload", "reviews"))
    p.add_argument("file", type=Path)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
            problems = failed.result.problems
            print(
                f"{args.file}: {len(problems)} problem(s); nothing was imported.", file=sys.stderr
            )
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_BAD_INPUT
    finally:
        caseload.close()
    print(f"Imported {args.file}: {result.added} added, {result.updated} updated.")
    return 0
