"""One check of incoming changes, read from the schema: a bad change is refused on its own
with a reason, the rest of its batch is stored, and the laptop cannot keep what the central
store would refuse. On SQLite and PostgreSQL (which enforces ``String(n)``)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import String, inspect, select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.ops.core import operation
from iro_desktop.store.rowcheck import check_payload, value_problem
from iro_desktop.store.schema import SYNCED_MODELS, Child, Note, OutboxEntry
from tests.sync.harness import TODAY, Central, Laptop, holding_laptop, push_raw, wire_change


def _nested(depth: int) -> list[Any]:
    top: list[Any] = []
    inner = top
    for _ in range(depth - 1):
        inner.append([])
        inner = inner[0]
    return top


def _string_columns() -> list[tuple[type, str, int]]:
    return [
        (model, c.key, c.type.length)
        for model in SYNCED_MODELS
        for c in inspect(model).columns
        if isinstance(c.type, String) and c.type.length and not c.primary_key
    ]


@pytest.mark.parametrize(("model", "key", "most"), _string_columns())
def test_laptop_and_server_agree_on_every_text_limit(model: type, key: str, most: int) -> None:
    """At the column's length both accept; one more and both refuse, naming the field."""
    column = inspect(model).columns[key]
    assert value_problem(column, "x" * most) is None  # what check_row asks of each column
    check_payload(model, {key: "x" * most}, new=False)
    assert "too long" in (value_problem(column, "x" * (most + 1)) or "")
    with pytest.raises(ValidationError) as server:
        check_payload(model, {key: "x" * (most + 1)}, new=False)
    assert server.value.field == key


def test_the_laptop_refuses_a_gender_longer_than_the_column(tmp_path: Any) -> None:
    laptop = Laptop.make(tmp_path, "lap", "iro@example.org")
    child_id = laptop.add_child("G1")
    with pytest.raises(ValidationError) as refused, operation(laptop.caseload, laptop.actor) as op:
        child = op.session.get(Child, child_id)
        assert child is not None
        child_ops.update_child(op, child, today=TODAY, gender="g" * 57)
    assert refused.value.field == "gender" and "the most is 50" in refused.value.problem
    with laptop.caseload.session() as s:
        assert s.get(Child, child_id).gender is None  # type: ignore[union-attr]


BAD: list[tuple[str, Any, str]] = [
    ("text", "x" * 100_001, "text is too long"),
    ("text", ["a", "list"], "text must be text"),
    ("note_date", 20250601, "note date must be a date"),
    ("note_date", "1st June", "note date must be a date"),
    ("updated_at", "2025-06-01T10:00:00", "updated at must say its time zone"),
    ("kind", "k" * 31, "kind is too long"),
    ("kind", "\ud800", "kind contains a character that cannot be stored"),
    ("kind", "a\x00b", "kind contains a character that cannot be stored"),
    ("version", 2**70, "version must be between"),
    ("deleted", "yes", "deleted must be true or false"),
    ("colour", "blue", "colour is not a field of this record"),
]


def _note_change(child_id: str, **changes: Any) -> dict[str, Any]:
    payload = {
        "id": str(uuid.uuid4()),
        "child_id": child_id,
        "note_date": "2025-06-01",
        "kind": "case_note",
        "text": "fine",
        "version": 1,
        "deleted": False,
        **changes,
    }
    return wire_change("notes", payload)  # fmt: skip


@pytest.fixture(scope="module")
def holder(central: Central, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    laptop, token, child = holding_laptop(central, tmp_path_factory.mktemp("incoming"))
    return {"laptop": laptop, "token": token, "child": child}


def _push(central: Central, token: str, changes: list[dict[str, Any]]) -> httpx.Response:
    return push_raw(central.url, token, changes)


def test_each_bad_change_is_refused_alone_and_the_rest_stored(
    central: Central, holder: dict[str, Any]
) -> None:
    good = [_note_change(holder["child"], text=f"good {n}") for n in range(3)]
    bad = [_note_change(holder["child"], **{key: value}) for key, value, _r in BAD]
    deep = _note_change(holder["child"])
    deep["table"] = "reviews"
    deep["payload"] = {"id": deep["row_id"], "child_id": holder["child"], "kind": "first",
                       "invitees": _nested(400)}  # fmt: skip
    batch = [good[0], *bad, good[1], deep, good[2]]
    r = _push(central, holder["token"], batch)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["outcome"] for x in results] == (
        ["applied"] + ["rejected"] * len(BAD) + ["applied", "rejected", "applied"]
    )
    for result, (_k, _v, reason) in zip(results[1 : 1 + len(BAD)], BAD, strict=True):
        assert result["reason"].startswith(reason), result["reason"]
    assert "nested too deeply" in results[-2]["reason"]
    with central.store.reading() as s:
        stored = set(s.scalars(select(Note.text).where(Note.child_id == holder["child"])))
    assert {"good 0", "good 1", "good 2"} <= stored
    # Nothing poisoned: every reader still gets a whole answer.
    auth = {"Authorization": f"Bearer {holder['token']}"}
    for path in ("/v1/pull", "/v1/snapshot", "/v1/checksums", "/v1/conflicts"):
        assert httpx.get(f"{central.url}{path}", headers=auth, timeout=60).status_code == 200


def test_a_refused_change_is_shown_to_the_iro_and_the_sync_finishes(
    central: Central, holder: dict[str, Any]
) -> None:
    """A change an older laptop queued that the schema refuses: the sync still finishes,
    and the IRO is told which record could not be sent and why."""
    laptop: Laptop = holder["laptop"]
    keep = laptop.add_note(holder["child"], "this one goes")
    bad_note = laptop.add_note(holder["child"], "placeholder")
    with laptop.caseload.session() as s, s.begin():
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == bad_note)).one()
        entry.payload = {**entry.payload, "note_date": "31/12/2025"}
    summary = laptop.sync()
    assert summary.rejected == 1
    assert summary.notes == [
        "This case note could not be sent: note date must be a date (YYYY-MM-DD)"
    ]
    assert "could not be sent" in summary.line()
    from iro_desktop.sync.conflicts import list_conflicts

    [view] = [v for v in list_conflicts(laptop.caseload) if v.row_id == bad_note]
    assert view.refused_reason and "note date" in view.refused_reason
    assert view.laptop["text"] == "placeholder"  # nothing lost
    with central.store.reading() as s:
        assert s.get(Note, keep) is not None and s.get(Note, bad_note) is None


def test_deep_json_from_an_iro_never_breaks_another_iros_pull(
    central: Central, holder: dict[str, Any]
) -> None:
    """The covering-IRO attack: nesting pushed by one IRO must not make the child's own
    IRO's pull answer 500."""
    from iro_desktop.central import admin

    with central.store.reading() as s:
        ref = s.get(Child, holder["child"]).child_ref  # type: ignore[union-attr]
    other = central.iro("Cover")
    admin.cover(central.store, ref, other, until=date(2100, 1, 1), start=date(2000, 1, 1))
    attacker = central.token(other)
    change = _note_change(holder["child"])
    change["table"] = "consultations"
    change["payload"] = {"id": change["row_id"], "child_id": holder["child"],
                         "answers": {"a": _nested(300)}}  # fmt: skip
    [result] = _push(central, attacker, [change]).json()["results"]
    assert result["outcome"] == "rejected"
    for path in ("/v1/pull", "/v1/snapshot"):
        r = httpx.get(
            f"{central.url}{path}", headers={"Authorization": f"Bearer {holder['token']}"}
        )
        assert r.status_code == 200
