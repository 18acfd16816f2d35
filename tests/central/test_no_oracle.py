"""No oracle: a push answers alike whether or not a child (or a record) exists elsewhere; a
child reference is claimed only by the authority; naming another IRO reveals nothing."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from iro_desktop.central import imports
from iro_desktop.store.schema import Allocation, Child
from tests.sync.harness import Central, Laptop, push_raw, wire_change

CSV_HEAD = (
    "child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
    "became_looked_after,placement_start,placement_type\n"
)


def _import(central: Central, tmp: Path, ref: str, email: str) -> None:
    path = tmp / f"{ref}.csv"
    path.write_text(CSV_HEAD + f"{ref},Robin,Imported,,2013-04-02,,C2,2020-02-03,2020-02-03,U1\n")
    problems, count = imports.import_file(central.store, "caseload", path, email)
    assert problems == [] and count == 1


def _child_change(ref: str, **extra: Any) -> dict[str, Any]:
    payload = {"id": str(uuid.uuid4()), "child_ref": ref, "first_name": "Guess",
               "last_name": "Work", "date_of_birth": "2014-01-01",
               "became_looked_after": "2020-01-01", "version": 1, **extra}  # fmt: skip
    return wire_change("children", payload)


def _push(central: Central, token: str, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    r = push_raw(central.url, token, changes)
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def _shape(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "change_id"}


@pytest.fixture(scope="module")
def two(central: Central, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("oracle")
    a, b = central.iro("Alice Holder"), central.iro("Bea Guesser")
    ref = f"REAL{uuid.uuid4().hex[:6]}"
    _import(central, tmp, ref, a)
    return {"tmp": tmp, "a": a, "b": b, "ref": ref, "ta": central.token(a), "tb": central.token(b)}


def test_a_guessed_reference_answers_like_a_fresh_one(
    central: Central, two: dict[str, Any]
) -> None:
    fresh = f"NEW{uuid.uuid4().hex[:6]}"
    taken, new = _push(central, two["tb"], [_child_change(two["ref"]), _child_change(fresh)])
    assert _shape(taken) == _shape(new) == {"outcome": "applied", "version": 1}
    # B holds their own provisional record; Alice's child is untouched and unseen.
    with central.store.reading() as s:
        real = s.scalars(
            select(Child).join(Allocation, Allocation.child_id == Child.id)
            .where(Child.child_ref == two["ref"], Allocation.origin.is_(None))
        ).one()  # fmt: skip
        assert real.first_name == "Robin"
    pulled = httpx.get(
        f"{central.url}/v1/pull", headers={"Authorization": f"Bearer {two['tb']}"}
    ).json()
    assert real.id not in pulled["scope"]
    assert all("Robin" not in json.dumps(c["payload"]) for c in pulled["changes"])


def test_an_import_never_merges_into_another_iros_laptop_child(
    central: Central, two: dict[str, Any]
) -> None:
    squat = f"SQ{uuid.uuid4().hex[:6]}"
    [pushed] = _push(central, two["tb"], [c := _child_change(squat)])
    assert pushed["outcome"] == "applied"
    _import(central, two["tmp"], squat, two["a"])  # the authority's real child arrives
    with central.store.reading() as s:
        rows = {c.id: c for c in s.scalars(select(Child).where(Child.child_ref == squat))}
        allocations = list(s.scalars(select(Allocation).where(Allocation.child_id.in_(rows))))
    assert len(rows) == 2 and rows[c["row_id"]].first_name == "Guess"
    [real] = [i for i in rows if i != c["row_id"]]
    held = {(al.child_id, al.origin) for al in allocations if al.end_date is None}
    assert held == {(c["row_id"], "laptop"), (real, None)}  # B keeps theirs; A gets the real
    a_scope = httpx.get(
        f"{central.url}/v1/checksums", headers={"Authorization": f"Bearer {two['ta']}"}
    ).json()["scope"]
    b_scope = httpx.get(
        f"{central.url}/v1/checksums", headers={"Authorization": f"Bearer {two['tb']}"}
    ).json()["scope"]
    assert real in a_scope and real not in b_scope and c["row_id"] not in a_scope


def test_an_import_confirms_the_same_iros_laptop_child(
    central: Central, two: dict[str, Any], tmp_path: Path
) -> None:
    laptop = Laptop.make(tmp_path, "a-lap", two["a"])
    laptop.connect(central.url, two["ta"])
    ref = f"OWN{uuid.uuid4().hex[:6]}"
    child_id = laptop.add_child(ref)
    laptop.sync()
    _import(central, two["tmp"], ref, two["a"])
    with central.store.reading() as s:
        [only] = s.scalars(select(Child).where(Child.child_ref == ref))
        origins = set(s.scalars(select(Allocation.origin).where(Allocation.child_id == child_id)))
    assert only.id == child_id and only.first_name == "Robin" and origins == {None}


def test_naming_another_iro_on_a_child_reveals_nothing(
    central: Central, two: dict[str, Any]
) -> None:
    with central.store.reading() as s:
        alice = s.scalars(select(Child.iro_id).where(Child.child_ref == two["ref"])).first()
    assert alice
    [result] = _push(central, two["tb"], [_child_change("X1", iro_id=alice)])
    assert result == {**result, "outcome": "rejected",
                      "reason": "the child's IRO is set by your authority"}  # fmt: skip
    auth = {"Authorization": f"Bearer {two['tb']}"}
    for path in ("/v1/me", "/v1/pull", "/v1/snapshot"):
        body = httpx.get(f"{central.url}{path}", headers=auth).text
        assert "Alice Holder" not in body and two["a"] not in body


def test_a_link_to_another_child_is_refused_alike_whether_it_exists_or_not(
    central: Central, two: dict[str, Any]
) -> None:
    with central.store.reading() as s:
        real = s.scalars(select(Child.id).where(Child.child_ref == two["ref"])).first()
        assert real is not None
    [mine] = _push(central, two["tb"], [own := _child_change(f"L{uuid.uuid4().hex[:6]}")])
    assert mine["outcome"] == "applied"
    answers = []
    for target in (real, str(uuid.uuid4())):  # Alice's child, and no child at all
        person = wire_change("people", {"id": str(uuid.uuid4()), "child_id": own["row_id"],
                                        "role": "sibling", "name": "Sib",
                                        "related_child_id": target, "version": 1})  # fmt: skip
        [answer] = _push(central, two["tb"], [person])
        answers.append(_shape(answer))
    assert answers[0] == answers[1]
    assert answers[0]["outcome"] == "rejected"


def _import_903(central: Central, tmp: Path, ref: str, email: str) -> None:
    """The authority's SSDA903 extract brings child ``ref`` and allocates it to ``email``."""
    from tests.ssda903.files import write_extract

    folder = write_extract(
        tmp / f"903-{ref}",
        header=[f"{ref},F,02/07/2015,WBRI,UN3,,"],
        episodes=[f"{ref},03/02/2025,S,C2,N1,U3,PR1,,,,ZZ2 2BB,KT2 5EF,SC100003"],
    )
    (folder / "reviews.csv").unlink()  # Reviews is optional
    problems, summary = imports.import_903(central.store, folder, iro_email=email)
    assert problems == [] and summary


def test_an_ssda903_import_never_merges_into_another_iros_laptop_child(
    central: Central, two: dict[str, Any]
) -> None:
    squat = f"9S{uuid.uuid4().hex[:6]}"
    [pushed] = _push(central, two["tb"], [c := _child_change(squat)])
    assert pushed["outcome"] == "applied"
    _import_903(central, two["tmp"], squat, two["a"])
    with central.store.reading() as s:
        rows = {k.id: k for k in s.scalars(select(Child).where(Child.child_ref == squat))}
        open_ones = {
            (al.child_id, al.account_id, al.origin)
            for al in s.scalars(select(Allocation).where(Allocation.child_id.in_(rows)))
            if al.end_date is None
        }
    assert len(rows) == 2 and rows[c["row_id"]].first_name == "Guess"
    [real] = [i for i in rows if i != c["row_id"]]
    b_id = next(acc for (child, acc, origin) in open_ones if child == c["row_id"])
    assert (c["row_id"], b_id, "laptop") in open_ones  # B keeps their own record
    assert {(ch, o) for ch, _, o in open_ones} == {(c["row_id"], "laptop"), (real, None)}


def test_an_ssda903_import_confirms_the_same_iros_laptop_child(
    central: Central, two: dict[str, Any]
) -> None:
    ref = f"9O{uuid.uuid4().hex[:6]}"
    [pushed] = _push(central, two["ta"], [c := _child_change(ref)])
    assert pushed["outcome"] == "applied"
    _import_903(central, two["tmp"], ref, two["a"])
    with central.store.reading() as s:
        [only] = s.scalars(select(Child).where(Child.child_ref == ref))
        origins = set(s.scalars(select(Allocation.origin).where(Allocation.child_id == only.id)))
    assert only.id == c["row_id"] and origins == {None}
