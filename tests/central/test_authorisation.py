"""Every endpoint, called with no token, a revoked token, a disabled account and as the
wrong IRO: refused, or shown nothing of another IRO's children."""

from __future__ import annotations

import uuid

import httpx
import pytest

from iro_desktop.central import admin
from tests.sync.harness import Central, Laptop

ENDPOINTS = [
    ("GET", "/v1/me", None),
    ("POST", "/v1/push", {"changes": []}),
    ("GET", "/v1/pull", None),
    ("GET", "/v1/snapshot", None),
    ("GET", "/v1/checksums", None),
    ("GET", "/v1/conflicts", None),
    ("GET", "/v1/authority", None),
    ("POST", "/v1/conflicts/x/resolve", {"resolution": "server"}),
]


def test_openapi_lists_exactly_these_endpoints(central: Central) -> None:
    spec = httpx.get(f"{central.url}/openapi.json").json()
    paths = {p.replace("{conflict_id}", "x") for p in spec["paths"]} - {"/health", "/ready"}
    assert paths == {path for _m, path, _b in ENDPOINTS}


@pytest.fixture(scope="module")
def world(central: Central, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """IRO A holds a child with a note and an open conflict; B, revoked and disabled
    accounts exist."""
    tmp = tmp_path_factory.mktemp("authz")
    a_email, b_email = central.iro("A"), central.iro("B")
    a1, a2 = Laptop.make(tmp, "a1", a_email), Laptop.make(tmp, "a2", a_email)
    a1.connect(central.url, central.token(a_email))
    a2.connect(central.url, central.token(a_email))
    child = a1.add_child(f"R{uuid.uuid4().hex[:6]}")
    note = a1.add_note(child, "A's note")
    a1.sync()
    a2.sync()
    a1.edit_note(note, "one")
    a2.edit_note(note, "two")
    a1.sync()
    a2.sync()
    [conflict] = httpx.get(
        f"{central.url}/v1/conflicts", headers={"Authorization": f"Bearer {central.token(a_email)}"}
    ).json()["conflicts"]
    revoked_email, disabled_email = central.iro("R"), central.iro("D")
    revoked = central.token(revoked_email)
    admin.revoke_tokens(central.store, revoked_email)
    disabled = central.token(disabled_email)
    admin.disable_iro(central.store, disabled_email)
    return {
        "child": child,
        "note": note,
        "conflict": conflict["id"],
        "b": central.token(b_email),
        "revoked": revoked,
        "disabled": disabled,
        "a": central.token(a_email),
    }


@pytest.mark.parametrize("who", ["none", "garbage", "revoked", "disabled"])
@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_refused_without_a_live_token(
    central: Central, world: dict, who: str, method: str, path: str, body: object
) -> None:
    headers = (
        {}
        if who == "none"
        else {"Authorization": f"Bearer {'irod_nope' if who == 'garbage' else world[who]}"}
    )
    r = httpx.request(method, central.url + path, json=body, headers=headers)
    assert r.status_code == 401


def _as_b(central: Central, world: dict, method: str, path: str, **kw: object) -> httpx.Response:
    return httpx.request(
        method, central.url + path, headers={"Authorization": f"Bearer {world['b']}"}, **kw
    )  # type: ignore[arg-type]


def test_wrong_iro_sees_none_of_another_iros_children(central: Central, world: dict) -> None:
    me = _as_b(central, world, "GET", "/v1/me").json()
    assert me["profile"]["id"] == me["account_id"]
    pulled = _as_b(central, world, "GET", "/v1/pull").json()
    assert world["child"] not in pulled["scope"]
    assert all(
        c["payload"].get("child_id") != world["child"] and c["row_id"] != world["child"]
        for c in pulled["changes"]
    )
    assert {c["table"] for c in pulled["changes"]} <= {"iros"}
    snap = _as_b(central, world, "GET", "/v1/snapshot").json()
    assert set(snap["tables"]) <= {"iros"}
    assert [r["id"] for r in snap["tables"]["iros"]] == [me["account_id"]]
    forced = _as_b(central, world, "GET", "/v1/snapshot", params={"child": world["child"]})
    assert forced.status_code == 403
    sums = _as_b(central, world, "GET", "/v1/checksums").json()
    assert sums["scope"] == [] and sums["tables"]["notes"][0] == 0
    assert _as_b(central, world, "GET", "/v1/conflicts").json()["conflicts"] == []
    r = _as_b(
        central,
        world,
        "POST",
        f"/v1/conflicts/{world['conflict']}/resolve",
        json={"resolution": "server"},
    )
    assert r.status_code == 404


def test_wrong_iro_cannot_write_another_iros_child(central: Central, world: dict) -> None:
    note = world["note"]
    with central.store.reading() as s:
        from iro_desktop.store.schema import Note

        before = s.get(Note, note)
        assert before is not None
        version, text = before.version, before.text
    change = {
        "change_id": str(uuid.uuid4()),
        "table": "notes",
        "row_id": note,
        "op": "upsert",
        "version": version + 1,
        "base_version": version,
        "payload": {
            "id": note,
            "child_id": world["child"],
            "note_date": "2025-06-01",
            "kind": "case_note",
            "text": "B was here",
            "version": version + 1,
            "updated_at": "2025-06-01T10:00:00+00:00",
            "deleted": False,
        },
    }
    profile = {
        "change_id": str(uuid.uuid4()),
        "table": "iros",
        "row_id": world["child"],
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "payload": {
            "id": world["child"],
            "name": "x",
            "email": "x@y",
            "version": 1,
            "deleted": False,
        },
    }
    out = _as_b(central, world, "POST", "/v1/push", json={"changes": [change, profile]}).json()
    assert [r["outcome"] for r in out["results"]] == ["rejected", "rejected"]
    with central.store.reading() as s:
        after = s.get(Note, note)
        assert after is not None and (after.version, after.text) == (version, text)


def test_the_right_iro_still_sees_their_child(central: Central, world: dict) -> None:
    r = httpx.get(f"{central.url}/v1/checksums", headers={"Authorization": f"Bearer {world['a']}"})
    assert world["child"] in r.json()["scope"]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_no_answer_to_the_wrong_iro_mentions_another_iros_child(
    central: Central, world: dict, method: str, path: str, body: object
) -> None:
    """Every endpoint, called by B, with A's child, note and conflict named where it can
    be: nothing of A's (ids, note text, A's name) is in the answer, and nothing is 5xx."""
    path = path.replace("/x/", f"/{world['conflict']}/")
    params = {"child": world["child"]} if path == "/v1/snapshot" else None
    r = _as_b(central, world, method, path, json=body, params=params)
    assert r.status_code < 500
    for secret in (world["child"], world["note"], world["conflict"], "A's note", '"A"'):
        assert secret not in r.text, (path, secret)
