"""``iro-desktop export 903-reviews --year 2025/26 --out FILE``: this laptop's Reviews table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iro_desktop.cli.common import open_from_args


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="write the SSDA903 Reviews table for your caseload")
    p.add_argument("what", choices=("903-reviews",))
    p.add_argument("--year", required=True, help="the collection year, such as 2025/26")
    p.add_argument("--out", required=True, type=Path, help="the CSV file to write")
    p.set_defaults(handler=run)


def print_return(ret: object, paths: list[Path]) -> None:
    """The export's own checks first (each child and reason), then what was written."""
    from iro_desktop.store.ssda903.exporter import Return903

    assert isinstance(ret, Return903)
    if ret.issues:
        print(f"{len(ret.issues)} thing(s) to look at before sending the return:", file=sys.stderr)
        for issue in ret.issues:
            print(f"  {issue}", file=sys.stderr)
    counts = f"{len(ret.header)} children, {len(ret.episodes)} episodes, " if ret.header else ""
    print(f"SSDA903 {ret.year}: {counts}{len(ret.reviews)} reviews.")
    for path in paths:
        print(f"  wrote {path}")


def run(args: argparse.Namespace) -> int:
    from iro_desktop.domain.ssda903.codes import collection_year
    from iro_desktop.store.ssda903.exporter import build_reviews, write_reviews

    year = collection_year(args.year, "--year")
    caseload = open_from_args(args)
    try:
        with caseload.session() as session:
            ret = build_reviews(session, year)
    finally:
        caseload.close()
    print_return(ret, [write_reviews(args.out, ret)])
    return 0
