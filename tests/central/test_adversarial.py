"""The standing adversarial suite: schemathesis over the OpenAPI description, and a
Hypothesis fuzzer of push payloads, each against a real central store on loopback, on
SQLite and PostgreSQL. The pass mark is zero 5xx answers and a server still standing.

The counts of requests and 5xx answers are printed at the end of each module run
(``pytest -s``), for the record. ``IRO_ADVERSARIAL_SCALE=10`` runs ten times as many, fresh.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, Boolean, Date, Integer, LargeBinary, String, inspect, select

from iro_desktop.central.protocol import TABLES
from iro_desktop.store.schema import MODELS_BY_TABLE, Account
from iro_desktop.store.types import UTCDateTime
from tests.sync.harness import Central, Laptop, holding_laptop

COUNTS: Counter[str] = Counter()
SCALE = int(os.environ.get("IRO_ADVERSARIAL_SCALE", "1"))
"""Examples per test: 1 in CI (the same ones each run, quick); more, and fresh, by hand."""
FAST = settings(
    deadline=None,
    database=None,
    derandomize=SCALE == 1,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module", autouse=True)
def _report(central: Central) -> Iterator[None]:
    COUNTS.clear()
    yield
    print(f"\nadversarial counts ({central.db_url.split(':')[0]}): {dict(COUNTS)}")
    assert COUNTS["5xx"] == 0 and COUNTS["leaks"] == 0
    assert central.server.running(), "the central store process stopped"
    log = central.server.log.read_text()
    assert not any(name in log for name in ("Fuzz Target", "Bystander", "Sam"))  # no names


@pytest.fixture(scope="module")
def iro(central: Central, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An IRO holding one child, pushed through a real laptop, and a bystander."""
    tmp = tmp_path_factory.mktemp("adversarial")
    _laptop, token, child = holding_laptop(central, tmp, "Fuzz Target")
    # A bystander IRO whose child the fuzzer aims at: nothing of theirs may show or change.
    other_email = central.iro("Bystander Person")
    other = Laptop.make(tmp, "other", other_email)
    other.connect(central.url, central.token(other_email))
    other_child = other.add_child(f"B{uuid.uuid4().hex[:6]}")
    other.sync()
    with central.store.reading() as s:
        other_account = s.scalars(select(Account.id).where(Account.email == other_email)).one()
    return {"token": token, "child": child, "headers": {"Authorization": f"Bearer {token}"},
            "other_child": other_child, "other_rows": central.rows_for({other_child}),
            "other_account": other_account}  # fmt: skip


def _count(status: int) -> None:
    COUNTS["requests"] += 1
    if status >= 500:
        COUNTS["5xx"] += 1


# -- schemathesis --------------------------------------------------------------------


def _operations(central: Central) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{central.url}/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


def test_no_endpoint_answers_5xx(central: Central, iro: dict[str, Any]) -> None:
    """Every operation of the OpenAPI description, fed what schemathesis makes of it
    (valid and invalid shapes, edge values), with a live token and without one."""
    operations = _operations(central)
    assert len(operations) >= 8

    for operation in operations:

        @settings(FAST, max_examples=15 * SCALE)
        # Mostly signed in: unsigned calls are few (the authorisation matrix has them),
        # so the slowing of failed sign-ins (30 a minute are free) does not set the pace.
        @given(case=operation.as_strategy(), signed=st.integers(0, 11).map(bool))
        def hit(case: Any, signed: bool) -> None:
            headers = iro["headers"] if signed else {}
            response = case.call(base_url=central.url, headers=headers, timeout=60)
            _count(response.status_code)
            assert response.status_code < 500, (case.method, case.path, response.text[:300])

        hit()


# -- push fuzzer ---------------------------------------------------------------------

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.just("\ud800"),
    st.just("a\x00b"),
    st.just("2025-06-01T10:00:00"),
    st.recursive(
        st.none() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
        max_leaves=8,
    ),
)


def _valid(column: Any) -> st.SearchStrategy[Any]:
    kind = column.type
    if isinstance(kind, String):
        return st.text(max_size=kind.length or 200)
    if isinstance(kind, Boolean):
        return st.booleans()
    if isinstance(kind, Integer):
        return st.integers(min_value=0, max_value=1000)
    if isinstance(kind, UTCDateTime):
        return st.datetimes(timezones=st.just(__import__("datetime").UTC)).map(
            lambda d: d.isoformat()
        )
    if isinstance(kind, Date):
        return st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)).map(str)
    if isinstance(kind, LargeBinary):
        return st.just("aGVsbG8=")
    if isinstance(kind, JSON):
        return st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=3)
    return st.none()


@st.composite
def changes(draw: st.DrawFn, aims: dict[str, list[Any]]) -> dict[str, Any]:
    table = draw(st.sampled_from((*TABLES, "nope")))
    row_id = draw(st.sampled_from([str(uuid.uuid4())] * 3 + aims["child_id"]))
    payload: dict[str, Any] = {"id": row_id}
    if table in MODELS_BY_TABLE:
        for column in inspect(MODELS_BY_TABLE[table]).columns:
            if column.key == "id":
                continue
            if column.key in ("child_id", "related_child_id", "iro_id"):
                payload[column.key] = draw(st.sampled_from(aims[column.key]))
                continue
            if draw(st.integers(0, 9)) == 0:
                continue  # left out
            strategy = _valid(column) if draw(st.integers(0, 4)) else JUNK
            payload[column.key] = draw(strategy)
    if draw(st.integers(0, 9)) == 0:
        payload[draw(st.text(min_size=1, max_size=8))] = draw(JUNK)
    return {
        "change_id": draw(st.sampled_from([str(uuid.uuid4()), "same-id-reused"])),
        "table": table,
        "row_id": row_id,
        "op": draw(st.sampled_from(["upsert", "upsert", "delete", "explode"])),
        "version": draw(st.integers(0, 3)),
        "base_version": draw(st.integers(0, 2)),
        "payload": payload,
        "created_at": draw(st.none() | st.text(max_size=30)),
    }


@settings(FAST, max_examples=25 * SCALE)
@given(data=st.data())
def test_fuzzed_pushes_never_answer_5xx(
    central: Central, iro: dict[str, Any], data: st.DataObject
) -> None:
    aim = [iro["child"], iro["child"], iro["other_child"], str(uuid.uuid4())]
    aims = {"child_id": aim, "related_child_id": [None, *aim],
            "iro_id": [None, iro["other_account"], str(uuid.uuid4())]}  # fmt: skip
    batch = data.draw(st.lists(changes(aims), min_size=1, max_size=8))
    body = json.dumps({"changes": batch})  # NaN and lone surrogates travel as a client sends
    r = httpx.post(
        f"{central.url}/v1/push",
        content=body,
        headers={**iro["headers"], "Content-Type": "application/json"},
        timeout=60,
    )
    _count(r.status_code)
    assert r.status_code < 500, r.text[:300]
    if r.status_code == 200:
        outcomes = [x["outcome"] for x in r.json()["results"]]
        assert len(outcomes) == len(batch)
        assert set(outcomes) <= {"applied", "rejected", "conflict", "deferred"}
    for path in ("/v1/pull", "/v1/snapshot", "/v1/me", "/v1/conflicts"):
        after = httpx.get(f"{central.url}{path}", headers=iro["headers"], timeout=60)
        _count(after.status_code)
        assert after.status_code == 200
        leaked = any(s in after.text for s in (iro["other_child"], iro["other_account"],
                                                 "Bystander"))  # fmt: skip
        COUNTS["leaks"] += leaked
        assert not leaked, path
    assert central.rows_for({iro["other_child"]}) == iro["other_rows"]  # untouched
