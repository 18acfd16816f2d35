"""Simulated IROs for the central store's benches: the changes a laptop pushes, and the
raw insert rate of the same rows into the same database (the yardstick for throughput).

Synthetic data only: every child is "Sim Child", every note "sim N".
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from sqlalchemy import insert

from iro_desktop.central.store import CentralStore
from iro_desktop.store.schema import ChangeLog, Note
from iro_desktop.store.types import utcnow

UPDATED_AT = "2025-06-01T10:00:00+00:00"


def child_change(child_id: str) -> dict[str, Any]:
    return {
        "change_id": str(uuid.uuid4()),
        "table": "children",
        "row_id": child_id,
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "payload": {
            "id": child_id,
            "child_ref": child_id[:12],
            "first_name": "Sim",
            "last_name": "Child",
            "date_of_birth": "2015-01-01",
            "became_looked_after": "2022-01-01",
            "version": 1,
            "updated_at": UPDATED_AT,
            "deleted": False,
            "interpreter_needed": False,
            "unaccompanied_asylum_seeking": False,
        },
    }


def note_change(child_id: str, i: int) -> dict[str, Any]:
    row = str(uuid.uuid4())
    return {
        "change_id": str(uuid.uuid4()),
        "table": "notes",
        "row_id": row,
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "payload": {
            "id": row,
            "child_id": child_id,
            "note_date": "2025-06-01",
            "kind": "case_note",
            "text": f"sim {i}",
            "version": 1,
            "updated_at": UPDATED_AT,
            "deleted": False,
        },
    }


def new_child_batch(size: int) -> list[dict[str, Any]]:
    """A laptop's first push of a new child: the child, then ``size - 1`` notes."""
    child_id = str(uuid.uuid4())
    return [child_change(child_id)] + [note_change(child_id, i) for i in range(size - 1)]


def raw_insert_rate(store: CentralStore, child_id: str, batches: int, size: int) -> float:
    """Rows a second when the same rows (a note and its change-log entry) go straight into
    the database in the same batches, one write transaction each: no HTTP, no checks."""
    start = time.perf_counter()
    for _batch in range(batches):
        with store.writing() as session:
            rows = [note_change(child_id, i) for i in range(size)]
            session.execute(
                insert(Note),
                [{"id": r["row_id"], "child_id": child_id, "note_date": utcnow().date(),
                  "kind": "case_note", "text": "raw", "version": 1, "deleted": False,
                  "updated_at": utcnow()} for r in rows],
            )  # fmt: skip
            session.execute(
                insert(ChangeLog),
                [{"change_id": r["change_id"], "table_name": "notes", "row_id": r["row_id"],
                  "child_id": child_id, "version": 1, "op": "upsert", "payload": r["payload"]}
                 for r in rows],
            )  # fmt: skip
    return batches * size / (time.perf_counter() - start)
