"""The authority's CSV imports into the central store.

The same importer as the laptop's (``store.importer``): every row checked, every problem
listed, all or nothing written; here each imported child is also allocated to an IRO.
"""

from __future__ import annotations

from pathlib import Path

from iro_desktop.central import admin, auth
from iro_desktop.central.store import CentralStore
from iro_desktop.store import importer
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Child


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
