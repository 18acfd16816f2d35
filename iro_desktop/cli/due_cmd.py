"""``iro-desktop due``: each child's next review, its kind and whether it is overdue."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from iro_desktop.cli.common import open_from_args, parse_today
from iro_desktop.store.queries import due_list

FIELDS = ("child_ref", "name", "next_review_due", "kind", "overdue")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("due", help="list every child's next review and whether it is overdue")
    p.add_argument("--today", help="the date to judge 'overdue' by (YYYY-MM-DD; default today)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    today = parse_today(args.today)
    caseload = open_from_args(args)
    try:
        with caseload.session() as session:
            entries = due_list(session, today)
    finally:
        caseload.close()
    needed = {e.child_ref for e in entries if e.history_needed}
    rows: list[dict[str, Any]] = [
        {
            "child_ref": e.child_ref,
            "name": e.name,
            "next_review_due": e.next_review_due.isoformat(),
            "kind": e.kind,
            "overdue": e.overdue,
        }
        for e in entries
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(f"{'child_ref':<10} {'name':<28} {'next review':<12} {'kind':<16} overdue")
        for r in rows:
            flag = "OVERDUE" if r["overdue"] else ""
            if r["child_ref"] in needed:  # the date shown is the day it was found missing
                flag = "last review date needed"
            print(
                f"{r['child_ref']:<10} {r['name'][:28]:<28} {r['next_review_due']:<12} "
                f"{r['kind']:<16} {flag}"
            )
        overdue = sum(1 for r in rows if r["overdue"])
        asked = f", {len(needed)} with the last review date needed" if needed else ""
        print(f"\n{len(rows)} children, {overdue} overdue{asked} as of {today.isoformat()}")
    return 0
