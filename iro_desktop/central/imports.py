"""The authority's CSV imports into the central store: the caseload and reviews CSVs, and
the SSDA903 extract with an allocation of its children to IROs.

The same importer as the laptop's (``store.importer``): every row checked, every problem
listed, all or nothing written; here each imported child is also allocated to an IRO.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from sqlalchemy import select

from iro_desktop.central import admin, auth
from iro_desktop.central.store import CentralStore
from iro_desktop.domain.ssda903.codes import CollectionYear
from iro_desktop.domain.ssda903.extract import Extract
from iro_desktop.domain.ssda903.rows import Problem
from iro_desktop.store import importer
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Account, Allocation, Child
from iro_desktop.store.ssda903 import importer as ssda903_importer


def import_file(
    store: CentralStore, kind: str, path: Path, iro_email: str | None
) -> tuple[list[str], int]:
    """Returns (problems, rows imported); with any problem nothing is written."""
    today = auth.today()
    try:
        with admin.admin_op(store) as op:
            if kind == "caseload":
                account = admin.account(op.session, iro_email) if iro_email else None

                def allocate(op: Op, child: Child) -> None:
                    if account is not None:
                        admin.allocate_in(op, child, account, today)

                result = importer.caseload_into(
                    op,
                    path,
                    today=today,
                    on_child=allocate,
                    find=admin.import_match(account.id if account else None),
                )
            else:
                result = importer.reviews_into(op, path, today=today, find=admin.import_match(None))
    except importer.ImportFailed as failed:
        return [str(p) for p in failed.result.problems], 0
    return [], result.added + result.updated


ALLOCATION_COLUMNS = ("CHILD", "iro_email")


def _allocations(path: Path) -> tuple[dict[str, tuple[int, str]], list[Problem]]:
    """CHILD -> (row, email) from the allocations file, or its problems."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}, [Problem(name, 0, "", "cannot be read as UTF-8 text")]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    if tuple(header) != ALLOCATION_COLUMNS:
        return {}, [Problem(name, 1, "", "the header must be exactly: CHILD,iro_email")]
    out: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = reader.line_num
        if len(values) != 2:
            problems.append(Problem(name, row, "", "the row must have two values"))
            continue
        child, email = (v.strip() for v in values)
        if not child:
            problems.append(Problem(name, row, "CHILD", "is required"))
        elif child in out:
            problems.append(Problem(name, row, "CHILD", f"repeats row {out[child][0]}"))
        else:
            out[child] = (row, email.lower())
    return out, problems


class _Allocator:
    """Who each child of the extract is allocated to: one IRO for all, or the file's."""

    def __init__(self, op: Op, iro_email: str | None, allocations: Path | None) -> None:
        self.accounts = {a.email: a for a in op.session.scalars(select(Account))}
        self.file = allocations.name if allocations else ""
        self.plan, self.problems = _allocations(allocations) if allocations else ({}, [])
        self.fixed: Account | None = None
        if iro_email is not None:
            self.fixed = self.accounts.get(iro_email.strip().lower())
            if self.fixed is None:
                raise admin.AdminError("--iro", f"there is no IRO account {iro_email}")

    def check(self, extract: Extract) -> list[Problem]:
        found = list(self.problems)
        for child, (row, email) in self.plan.items():
            if email not in self.accounts:
                found.append(Problem(self.file, row, "iro_email", f"no IRO account {email}"))
            if child not in extract.headers:
                found.append(Problem(self.file, row, "CHILD", f"{child} is not in Header"))
        return found

    def account_for(self, ref: str) -> Account | None:
        if self.fixed is not None:
            return self.fixed
        return self.accounts.get(self.plan[ref][1]) if ref in self.plan else None

    def iro_for(self, ref: str) -> str | None:
        account = self.account_for(ref)
        return account.id if account else None

    def allocate(self, op: Op, kids: list[Child], today: date) -> None:
        """Record each allocation from today, reading the open ones in a few queries."""
        ids = [k.id for k in kids]
        current: dict[str, list[Allocation]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            query = select(Allocation).where(
                Allocation.child_id.in_(ids[start : start + 500]), Allocation.end_date.is_(None)
            )
            for allocation in op.session.scalars(query):
                current[allocation.child_id].append(allocation)
        admin.confirm_children(
            op.session, [k.id for k in kids if self.account_for(k.child_ref) is not None]
        )
        for kid in kids:
            account = self.account_for(kid.child_ref)
            if account is not None:
                admin.allocate_in(op, kid, account, today, current[kid.id])


def import_903(
    store: CentralStore,
    folder: Path,
    *,
    iro_email: str | None = None,
    allocations: Path | None = None,
    year: CollectionYear | None = None,
) -> tuple[list[str], list[str]]:
    """(problems, summary). Children are allocated from the file (or all to ``iro_email``)
    from today, recorded in the allocation history; with any problem nothing is written."""
    today = auth.today()
    try:
        with admin.admin_op(store) as op:
            allocator = _Allocator(op, iro_email, allocations)
            report = ssda903_importer.import_into(
                op,
                folder,
                today=today,
                year=year,
                iro_for=allocator.iro_for,
                on_children=lambda op, kids: allocator.allocate(op, kids, today),
                extra_problems=allocator.check,
                choose=lambda session, by_ref: admin.authority_children(
                    session, by_ref, allocator.iro_for
                ),
            )
    except ssda903_importer.Import903Failed as failed:
        return [str(p) for p in failed.report.problems], []
    return [], report.summary()
