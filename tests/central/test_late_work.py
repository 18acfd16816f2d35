"""After a transfer, late offline work is accepted only inside a bounded window, and the
old IRO is never shown the child's current row."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from iro_desktop.central import admin
from iro_desktop.central.changes import LATE_WORK_DAYS
from iro_desktop.store.schema import Note
from tests.sync.harness import Central, Laptop


def note_change(note: str, child: str, version: int, base: int, text: str, made: datetime):
    return {
        "change_id": str(uuid.uuid4()),
        "table": "notes",
        "row_id": note,
        "op": "upsert",
        "version": version,
        "base_version": base,
        "created_at": made.isoformat(),
        "payload": {
            "id": note, "child_id": child, "note_date": "2026-01-05", "kind": "case_note",
            "text": text, "version": version, "updated_at": made.isoformat(), "deleted": False,
        },
    }  # fmt: skip


def test_a_moved_child_takes_late_work_only_within_the_window(
    central: Central, tmp_path: Path
) -> None:
    a_email, b_email = central.iro("Late A"), central.iro("Late B")
    laptop = Laptop.make(tmp_path, "a", a_email)
    laptop.connect(central.url, central.token(a_email))
    ref = f"L{uuid.uuid4().hex[:6]}"
    child = laptop.add_child(ref)
    note = laptop.add_note(child, "first words")
    laptop.sync()
    admin.allocate(central.store, ref, b_email)  # transferred today
    a_token = central.token(a_email)
    headers = {"Authorization": f"Bearer {a_token}"}
    with central.store.reading() as s:
        current = s.get(Note, note)
        assert current is not None
        version = current.version
    now = datetime.now(UTC)
    forged = now - timedelta(days=LATE_WORK_DAYS + 5)
    stale = note_change(note, child, 2, 0, "stale base", now)  # a clash, not a write
    old = note_change(note, child, version + 1, version, "long ago?", forged)
    out = httpx.post(f"{central.url}/v1/push", headers=headers,
                     json={"changes": [old, stale]}).json()  # fmt: skip
    outcomes = [r["outcome"] for r in out["results"]]
    assert outcomes == ["rejected", "rejected"]
    assert all("conflict" not in r for r in out["results"])  # no server row handed back
    with central.store.reading() as s:
        after = s.get(Note, note)
        assert after is not None and (after.version, after.text) == (version, "first words")
    recent = note_change(note, child, version + 1, version, "written yesterday", now)
    out = httpx.post(f"{central.url}/v1/push", headers=headers,
                     json={"changes": [recent]}).json()  # fmt: skip
    assert [r["outcome"] for r in out["results"]] == ["applied"]
