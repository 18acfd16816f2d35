"""The sync protocol against a real server process, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from iro_desktop.central import admin
from iro_desktop.store.schema import Account, AuditEntry, ChangeLog, Conflict, OutboxEntry
from iro_desktop.sync import conflicts
from iro_desktop.sync.errors import Refused, SyncError
from tests.sync.harness import Central, Laptop, laptop_pair

_pair = laptop_pair


def test_changes_reach_the_other_laptop_exactly_once(central: Central, tmp_path: Path) -> None:
    a, b, _ = _pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    note = a.add_note(child, "Met Sam at school")
    first = a.sync()
    assert first.applied == 3 and first.conflicts == 0
    b.sync()
    assert b.payloads() == a.payloads() == central.rows_for({child})
    b.edit_note(note, "Met Sam at school; Sam chose the venue")
    b.sync()
    second = a.sync()
    assert second.pulled == 1
    assert a.note_text(note) == "Met Sam at school; Sam chose the venue"
    counts = central.change_log_count()
    with a.caseload.session() as s:
        ids = list(s.scalars(select(OutboxEntry.change_id)))
    assert all(counts[i] == 1 for i in ids)


def test_accepted_changes_are_audited(central: Central, tmp_path: Path) -> None:
    a, _b, email = _pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    a.sync()
    with central.store.reading() as s:
        logged = list(s.scalars(select(ChangeLog).where(ChangeLog.child_id == child)))
        account = admin.account(s, email)
    assert len(logged) == 2
    for entry in logged:
        assert entry.account_id == account.id
        assert entry.device_id and entry.received_at is not None
        assert entry.payload["id"] == entry.row_id


def test_conflict_keeps_both_versions_until_the_iro_merges(
    central: Central, tmp_path: Path
) -> None:
    a, b, _ = _pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    note = a.add_note(child, "original")
    a.sync()
    b.sync()
    a.edit_note(note, "from laptop A")
    b.edit_note(note, "from laptop B")
    a.sync()
    result = b.sync()
    assert result.conflicts == 1 and result.open_conflicts == 1
    assert b.note_text(note) == "from laptop A"  # the server's version, not newest-wins
    [view] = conflicts.list_conflicts(b.caseload)
    assert view.server["text"] == "from laptop A" and view.laptop["text"] == "from laptop B"
    assert view.differing == ["text"]
    with central.store.reading() as s:
        server_conflict = s.get(Conflict, view.id)
        assert server_conflict is not None and server_conflict.resolved_at is None
        assert server_conflict.client_payload["text"] == "from laptop B"
    assert conflicts.status(b.caseload).open_conflicts == 1
    merged = {**view.server, "text": "from A and from B"}
    conflicts.resolve(b.caseload, view.id, "merged", b.actor, merged)
    b.sync()
    a.sync()
    assert a.note_text(note) == b.note_text(note) == "from A and from B"
    with central.store.reading() as s:
        server_conflict = s.get(Conflict, view.id)
        assert server_conflict is not None and server_conflict.resolution == "merged"
    assert conflicts.status(b.caseload).open_conflicts == 0
    assert a.payloads() == b.payloads() == central.rows_for({child})


def test_choosing_the_server_version_settles_it_everywhere(
    central: Central, tmp_path: Path
) -> None:
    a, b, _ = _pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    note = a.add_note(child, "original")
    a.sync()
    b.sync()
    a.edit_note(note, "A1")
    a.edit_note(note, "A2")
    b.edit_note(note, "B1")
    b.edit_note(note, "B2")
    a.sync()
    b.sync()
    [view] = conflicts.list_conflicts(b.caseload)
    assert view.laptop["text"] == "B2"  # later edits fold into the one conflict
    conflicts.resolve(b.caseload, view.id, "server", b.actor)
    b.sync()
    a.sync()
    assert a.note_text(note) == b.note_text(note) == "A2"
    assert conflicts.list_conflicts(a.caseload) == []


def _raw_change(change_id: str, row_id: str, child_id: str, version: int, text: str) -> dict:
    return {
        "change_id": change_id,
        "table": "notes",
        "row_id": row_id,
        "op": "upsert",
        "version": version,
        "base_version": version - 1,
        "payload": {
            "id": row_id,
            "child_id": child_id,
            "note_date": "2025-06-01",
            "kind": "case_note",
            "text": text,
            "version": version,
            "updated_at": "2025-06-01T10:00:00+00:00",
            "deleted": False,
        },
    }


def test_duplicated_and_reordered_pushes(central: Central, tmp_path: Path) -> None:
    a, _b, email = _pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    a.sync()
    token = central.token(email)
    row = str(uuid.uuid4())
    v1 = _raw_change(str(uuid.uuid4()), row, child, 1, "one")
    v2 = _raw_change(str(uuid.uuid4()), row, child, 2, "two")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=central.url, headers=headers) as http:
        out = http.post("/v1/push", json={"changes": [v2]}).json()["results"]
        assert out[0]["outcome"] == "deferred"  # its predecessor has not arrived
        for _ in range(2):
            out = http.post("/v1/push", json={"changes": [v1, v1]}).json()["results"]
            assert [r["outcome"] for r in out] == ["applied", "applied"]
        out = http.post("/v1/push", json={"changes": [v2, v2, v1]}).json()["results"]
        assert [r["outcome"] for r in out] == ["applied"] * 3
    counts = central.change_log_count()
    assert counts[v1["change_id"]] == counts[v2["change_id"]] == 1
    a.sync()
    assert a.note_text(row) == "two"


def test_allocation_transfer_and_cover(central: Central, tmp_path: Path) -> None:
    a, _b, _email_a = _pair(central, tmp_path)
    email_c = central.iro("Other IRO")
    c = Laptop.make(tmp_path, "c", email_c)
    c.connect(central.url, central.token(email_c))
    ref = f"R{uuid.uuid4().hex[:6]}"
    child = a.add_child(ref)
    a.sync()
    c.sync()
    assert child not in c.child_ids()
    # Cover: C sees the child for a period.
    from iro_desktop.central import auth

    admin.cover(central.store, ref, email_c, auth.today())
    assert c.sync().new_children == 1
    assert child in c.child_ids()
    # Transfer while A has work still to push: it is pushed first, then the child leaves A.
    note = a.add_note(child, "written offline before the transfer")
    admin.allocate(central.store, ref, email_c)
    summary = a.sync()
    assert summary.applied == 1 and summary.removed_children == 1
    assert child not in a.child_ids()
    assert a.rows() == {}
    c.sync()
    assert c.note_text(note) == "written offline before the transfer"
    with central.store.reading() as s:
        from iro_desktop.store.schema import Allocation

        history = list(s.scalars(select(Allocation).where(Allocation.child_id == child)))
    assert len(history) == 2 and sum(h.end_date is None for h in history) == 1


def test_revoked_token_and_disabled_account_are_refused_at_once(
    central: Central, tmp_path: Path
) -> None:
    a, b, email = _pair(central, tmp_path)
    a.sync()
    admin.revoke_tokens(central.store, email)
    with pytest.raises(Refused):
        a.sync()
    assert "failed" in conflicts.status(a.caseload).line()
    fresh = central.token(email)
    b.connect(central.url, fresh)
    b.sync()
    admin.disable_iro(central.store, email)
    with pytest.raises(Refused):
        b.sync()


def test_mismatch_triggers_full_resync(central: Central, tmp_path: Path) -> None:
    a, _b, _ = _pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    note = a.add_note(child, "kept")
    a.sync()
    with a.caseload.session() as s, s.begin():  # damage the laptop behind sync's back
        from iro_desktop.store.schema import Note

        s.execute(Note.__table__.update().values(text="damaged", version=7))
        s.execute(
            Note.__table__.insert().values(
                id=str(uuid.uuid4()),
                child_id=child,
                note_date=__import__("datetime").date(2025, 1, 1),
                kind="case_note",
                text="stray",
                version=1,
                updated_at=__import__("datetime").datetime.now(__import__("datetime").UTC),
                deleted=False,
            )
        )
    summary = a.sync()
    assert summary.full_resync
    assert a.note_text(note) == "kept"
    assert a.payloads() == central.rows_for({child})


def test_offline_for_months_catches_up_in_pages(central: Central, tmp_path: Path) -> None:
    a, b, _ = _pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    a.sync()
    b.sync()
    from iro_desktop.store.ops.core import operation
    from iro_desktop.store.schema import Note

    with operation(a.caseload, a.actor) as op:
        for i in range(2300):
            op.save(
                Note(
                    child_id=child,
                    note_date=__import__("datetime").date(2025, 1, 1),
                    text=f"note {i}",
                )
            )
    assert a.sync().applied == 2300
    summary = b.sync()
    assert summary.pulled == 2300 and not summary.full_resync
    assert b.payloads() == a.payloads()


def test_refused_change_is_kept_for_the_iro(central: Central, tmp_path: Path) -> None:
    a, _b, _ = _pair(central, tmp_path)
    email_x = central.iro()
    x = Laptop.make(tmp_path, "x", email_x)
    x.connect(central.url, central.token(email_x))
    ref = f"R{uuid.uuid4().hex[:6]}"
    a_child = a.add_child(ref)
    a.sync()
    # The same reference on another laptop is that IRO's own provisional child (a push
    # never tells whether a reference exists elsewhere); but this one names A as its IRO,
    # which only the authority may say: refused, and its legal status with it.
    x_child = x.add_child(ref)
    with central.store.reading() as s:
        a_account = s.scalars(select(Account.id).where(Account.email == a.email)).one()
    with x.caseload.session() as s, s.begin():
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == x_child)).one()
        entry.payload = {**entry.payload, "iro_id": a_account}
    summary = x.sync()
    assert summary.rejected == 2
    assert any("IRO is set by your authority" in n for n in summary.notes)
    assert x_child not in central.rows_for({x_child}) and a_child in central.rows_for({a_child})
    views = conflicts.list_conflicts(x.caseload)
    assert {v.table for v in views} == {"children", "legal_statuses"}
    assert all(v.refused_reason and v.laptop for v in views)
    with central.store.reading() as s:
        refused = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "refused", AuditEntry.actor == email_x)
        )
    assert refused == 2


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    lap = Laptop.make(tmp_path, "z", "z@example.org")
    from iro_desktop.sync import state

    with lap.caseload.session() as s, s.begin():
        state.put(s, state.SERVER, "http://127.0.0.1:9")
        state.put(s, state.TOKEN, "irod_x")
    with pytest.raises(SyncError, match="could not be reached"):
        lap.sync()
