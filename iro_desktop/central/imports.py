"""Import the foundation issue's caseload and reviews CSVs into the central store.

The whole file is checked in one transaction; any bad row rolls everything back and
every problem is reported with its row and column.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select

from iro_desktop.central import admin, auth
from iro_desktop.central.store import CentralStore
from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.schema import Child

CASELOAD_COLUMNS = (
    "child_ref",
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "gender",
    "legal_status",
    "became_looked_after",
    "placement_start",
    "placement_type",
)
REVIEW_COLUMNS = ("child_ref", "review_date", "participation_code")


class _Rollback(Exception):
    pass


def _read(path: Path, columns: tuple[str, ...]) -> tuple[list[dict[str, str]], list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            return [], [f"{path.name}: missing column(s): {', '.join(missing)}"]
        return [dict(r) for r in reader], []


def import_file(
    store: CentralStore, kind: str, path: Path, iro_email: str | None
) -> tuple[list[str], int]:
    columns = CASELOAD_COLUMNS if kind == "caseload" else REVIEW_COLUMNS
    rows, problems = _read(path, columns)
    if problems:
        return problems, 0
    today = auth.today()
    seen: set[Any] = set()
    try:
        with admin.admin_op(store) as op:
            acc = admin.account(op.session, iro_email) if iro_email else None
            for n, row in enumerate(rows, start=2):
                try:
                    key = (row["child_ref"], row.get("review_date"))
                    if key in seen:
                        raise ValidationError("child_ref", "appears twice in the file")
                    seen.add(key)
                    with op.session.begin_nested():
                        if kind == "caseload":
                            _caseload_row(op, row, today, acc)
                        else:
                            _review_row(op, row, today)
                except ValidationError as exc:
                    problems.append(f"row {n}, {exc.field}: {exc.problem}")
            if problems:
                raise _Rollback
    except _Rollback:
        return problems, 0
    return [], len(rows)


def _caseload_row(op: Any, row: dict[str, str], today: Any, acc: Any) -> None:
    dob = parse_date(row["date_of_birth"], "date_of_birth")
    became = parse_date(row["became_looked_after"], "became_looked_after")
    profile = {k: (row.get(k) or None) for k in ("preferred_name", "gender")}
    kid = op.session.scalar(select(Child).where(Child.child_ref == row["child_ref"].strip()))
    if kid is None:
        kid = child_ops.add_child(
            op,
            child_ref=row["child_ref"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            date_of_birth=dob,
            became_looked_after=became,
            today=today,
            **profile,
        )
    else:
        child_ops.update_child(
            op,
            kid,
            today=today,
            first_name=row["first_name"],
            last_name=row["last_name"],
            date_of_birth=dob,
            became_looked_after=became,
            **profile,
        )
    if row.get("legal_status"):
        child_ops.set_legal_status(op, kid, row["legal_status"], became, today)
    if row.get("placement_type"):
        start = parse_date(row["placement_start"] or row["became_looked_after"], "placement_start")
        child_ops.add_placement(
            op, kid, place_code=row["placement_type"], start_date=start, today=today
        )
    if acc is not None:
        admin.allocate_in(op, kid, acc, today)


def _review_row(op: Any, row: dict[str, str], today: Any) -> None:
    kid = op.session.scalar(select(Child).where(Child.child_ref == row["child_ref"].strip()))
    if kid is None:
        raise ValidationError("child_ref", f"there is no child {row['child_ref']}")
    held = parse_date(row["review_date"], "review_date")
    review_ops.record_held_review(
        op, kid, held_date=held, participation_code=row["participation_code"], today=today
    )
