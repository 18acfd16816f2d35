"""Caseload and review imports from CSV: all rows are checked, then all or none are written.

Each row goes through the same operations as a person's edit, inside one transaction and a
savepoint per row, so a rule is never checked twice in two places. Any problem in any row
rolls the whole file back, and every problem is reported with its row and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.changes import Changes
from iro_desktop.store.ops import children, reviews
from iro_desktop.store.ops.core import Actor, Op, operation
from iro_desktop.store.ops.validate import required_text
from iro_desktop.store.queries import histories
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
# May be left out of the header: the last review held before the file came to the program
# (for a child with no other review on file), recorded as ``import reviews`` records one.
CASELOAD_OPTIONAL = ("last_review_date", "last_review_participation_code")
REVIEW_COLUMNS = ("child_ref", "review_date", "participation_code")
MAX_BYTES = 50 * 1024 * 1024

# Operation field names that differ from the CSV column that fed them.
FIELD_TO_COLUMN = {
    "legal_status_start": "became_looked_after",
    "participation": "participation_code",
}


@dataclass(frozen=True)
class Problem:
    row: int  # 1 is the header, as a spreadsheet numbers it
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    history_needed: int = 0  # children added with no review on file, long in care
    changes: Changes = field(default_factory=Changes)

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportFailed(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__(f"{len(result.problems)} problem(s); nothing was imported")
        self.result = result


def _read(
    path: Path, columns: tuple[str, ...], result: ImportResult, optional: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            result.problems.append(Problem(0, "", "the file is larger than 50 MB"))
            return []
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append(Problem(0, "", "the file is not UTF-8 text (save it as CSV UTF-8)"))
        return []
    except OSError as exc:
        result.problems.append(Problem(0, "", f"cannot read the file ({exc.strerror})"))
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in columns if c not in header]
    for column in missing:
        result.problems.append(Problem(1, column, "this column is missing from the header"))
    extra = [c for c in header if c not in columns and c not in optional]
    for column in extra:
        result.problems.append(Problem(1, column, "this column is not expected"))
    if missing or extra:
        return []
    rows = []
    for raw in reader:
        if None in raw:
            result.problems.append(Problem(reader.line_num, "", "the row has too many values"))
            continue
        rows.append(
            {k.strip(): (v or "").strip() for k, v in raw.items()} | {"_row": str(reader.line_num)}
        )
    if not rows and not result.problems:
        result.problems.append(Problem(0, "", "the file has no rows"))
    return rows


# Checks of single columns, run on every row first so that a row with several
# problems reports all of them; the operations then check what spans columns.
COLUMN_CHECKS: dict[str, Callable[[str, str], object]] = {
    "date_of_birth": lambda v, c: parse_date(v, c),
    "became_looked_after": lambda v, c: parse_date(v, c),
    "placement_start": lambda v, c: parse_date(v, c),
    "review_date": lambda v, c: parse_date(v, c),
    "first_name": lambda v, c: required_text(v, c),
    "last_name": lambda v, c: required_text(v, c),
    "child_ref": lambda v, c: required_text(v, c, 40),
    "legal_status": lambda v, c: codes.check_code(codes.LEGAL_STATUSES, v, c),
    "placement_type": lambda v, c: codes.check_code(codes.PLACEMENT_TYPES, v, c),
    "participation_code": lambda v, c: codes.check_code(codes.PARTICIPATION_CODES, v, c),
    "last_review_date": lambda v, c: parse_date(v, c) if v else None,
    "last_review_participation_code": lambda v, c: (
        codes.check_code(codes.PARTICIPATION_CODES, v, c) if v else None
    ),
}
# The review operation's field names, as the caseload file's last review columns.
LAST_REVIEW_FIELDS = {"review_date": "last_review_date",
                      "participation_code": "last_review_participation_code"}  # fmt: skip


def _column_problems(row: dict[str, str]) -> list[Problem]:
    problems = []
    for column, check in COLUMN_CHECKS.items():
        if column in row:
            try:
                check(row[column], column)
            except ValidationError as exc:
                problems.append(Problem(int(row["_row"]), column, exc.problem))
    return problems


def _each_row(
    op: Op,
    rows: list[dict[str, str]],
    result: ImportResult,
    apply: Callable[[Op, dict[str, str]], None],
) -> None:
    for row in rows:
        found = _column_problems(row)
        if found:
            result.problems.extend(found)
            continue
        savepoint = op.session.begin_nested()
        try:
            apply(op, row)
            savepoint.commit()
        except ValidationError as exc:
            savepoint.rollback()
            column = FIELD_TO_COLUMN.get(exc.field, exc.field)
            result.problems.append(Problem(int(row["_row"]), column, exc.problem))


def _date(row: dict[str, str], column: str) -> date:
    return parse_date(row[column], column)


def _find(session: Session, ref: str) -> Child | None:
    return session.scalar(select(Child).where(Child.child_ref == ref))


ChildHook = Callable[[Op, Child], None]
FindChild = Callable[[Session, str], Child | None]


def import_caseload(
    caseload: Caseload, path: Path, actor: Actor, *, today: date, iro_id: str | None = None
) -> ImportResult:
    """Import into the laptop's caseload in one transaction."""
    with operation(caseload, actor) as op:
        return caseload_into(op, path, today=today, iro_id=iro_id)


def import_reviews(caseload: Caseload, path: Path, actor: Actor, *, today: date) -> ImportResult:
    with operation(caseload, actor) as op:
        return reviews_into(op, path, today=today)


def caseload_into(
    op: Op,
    path: Path,
    *,
    today: date,
    iro_id: str | None = None,
    on_child: ChildHook | None = None,
    find: FindChild = _find,
) -> ImportResult:
    """Import inside the caller's transaction; raises ``ImportFailed`` so it rolls back.

    The central store calls this too, with ``on_child`` allocating each child and ``find``
    choosing which record a reference means (a laptop's provisional child with the same
    reference is not it, unless it is the same IRO's: see migration 0004).
    """
    result = ImportResult()
    rows = _read(path, CASELOAD_COLUMNS, result, CASELOAD_OPTIONAL)
    _duplicates(rows, ("child_ref",), result)

    def apply(op: Op, row: dict[str, str]) -> None:
        dob = _date(row, "date_of_birth")
        became = _date(row, "became_looked_after")
        placement_start = _date(row, "placement_start")
        profile: dict[str, Any] = {
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "preferred_name": row["preferred_name"] or None,
            "gender": row["gender"] or None,
        }
        child = find(op.session, row["child_ref"])
        if child is not None and child.deleted:
            # An import undone (Edit > Undo) left this child a tombstone: the file brings
            # the same record back (one record a reference here and on the central store).
            child.deleted = False
        revived = child is not None and "deleted" in _changed(child)
        added = child is None
        if child is None:
            child = children.add_child(
                op,
                unique_ref=find is _find,
                child_ref=row["child_ref"],
                date_of_birth=dob,
                became_looked_after=became,
                today=today,
                iro_id=iro_id,
                **profile,
            )
            result.added += 1
        else:
            children.update_child(
                op, child, today=today, date_of_birth=dob, became_looked_after=became, **profile
            )
            if revived:
                op.save(child)  # saved even where the file changes nothing else
                result.added += 1
            else:
                result.updated += 1
        children.set_legal_status(op, child, row["legal_status"], became, today)
        [history] = histories(op.session, [child])
        current = history.current_placement
        if current is None or (current.start_date, current.place_code) != (
            placement_start,
            row["placement_type"].upper(),
        ):
            children.add_placement(
                op,
                child,
                place_code=row["placement_type"],
                start_date=placement_start,
                today=today,
            )
        _last_review(op, child, row, today)
        if added:
            result.history_needed += len(children.note_missing_history(op, [child], today))
        if on_child is not None:
            on_child(op, child)

    return _run(op, rows, result, apply)


def _changed(row: Any) -> set[str]:
    return {a.key for a in inspect(row).attrs if a.history.has_changes()}


def _last_review(op: Op, child: Child, row: dict[str, str], today: date) -> None:
    """The caseload file's optional last review, recorded as imported history (once: a
    file imported again leaves a review already on file on that day as it is)."""
    on, code = row.get("last_review_date", ""), row.get("last_review_participation_code", "")
    if not on:
        if code:
            raise ValidationError("last_review_date", "is needed with a participation code")
        return
    if not code:
        raise ValidationError("last_review_participation_code", "is required with the date")
    held = _date(row, "last_review_date")
    [history] = histories(op.session, [child])
    if any(r.held_date == held for r in history.held_reviews):
        return
    try:
        reviews.record_last_review(op, child, held_date=held, participation_code=code, today=today)
    except ValidationError as exc:
        raise ValidationError(LAST_REVIEW_FIELDS.get(exc.field, exc.field), exc.problem) from None


def reviews_into(op: Op, path: Path, *, today: date, find: FindChild = _find) -> ImportResult:
    """Held reviews, inside the caller's transaction (see ``caseload_into``)."""
    result = ImportResult()
    rows = _read(path, REVIEW_COLUMNS, result)
    _duplicates(rows, ("child_ref", "review_date"), result)
    # Oldest first, so each review's kind follows from the ones before it.
    rows.sort(key=lambda r: (r["child_ref"], r["review_date"]))

    def apply(op: Op, row: dict[str, str]) -> None:
        held = _date(row, "review_date")
        child = find(op.session, row["child_ref"])
        if child is None:
            raise ValidationError("child_ref", f"{row['child_ref']} is not on the caseload")
        reviews.record_held_review(op, child, held_date=held, imported=True, today=today,
                                   participation_code=row["participation_code"])  # fmt: skip
        result.added += 1

    return _run(op, rows, result, apply)


def _duplicates(rows: list[dict[str, str]], key: tuple[str, ...], result: ImportResult) -> None:
    seen: dict[tuple[str, ...], str] = {}
    for row in rows:
        k = tuple(row[c] for c in key)
        if k in seen:
            result.problems.append(Problem(int(row["_row"]), key[-1], f"repeats row {seen[k]}"))
        else:
            seen[k] = row["_row"]


def _run(
    op: Op,
    rows: list[dict[str, str]],
    result: ImportResult,
    apply: Callable[[Op, dict[str, str]], None],
) -> ImportResult:
    if not (result.problems and not rows):
        _each_row(op, rows, result, apply)
    if result.problems:
        result.problems.sort(key=lambda p: (p.row, p.column))
        result.added = result.updated = result.history_needed = 0
        raise ImportFailed(result)  # the caller's transaction rolls back
    result.changes = op.changes
    return result
