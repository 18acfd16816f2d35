"""Bounded everything: request body, changes per push, query and page sizes answer 413/422
(never 500); a reused change id is reported honestly; failed sign-ins are slowed and
audited; errors are logged without personal data; the OpenAPI description says all this."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from iro_desktop.central.guard import MAX_BODY, Guard
from iro_desktop.central.protocol import SNAPSHOT_CHILDREN
from iro_desktop.store.schema import AuditEntry, Note
from tests.central.test_dropped_socket import _raw
from tests.sync.harness import Central, holding_laptop, wire_change


@pytest.fixture(scope="module")
def iro(central: Central, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    _laptop, token, child = holding_laptop(central, tmp_path_factory.mktemp("limits"))
    return {"child": child, "headers": {"Authorization": f"Bearer {token}"}}


def _note(child: str, change_id: str | None = None) -> dict[str, Any]:
    payload = {"id": str(uuid.uuid4()), "child_id": child, "note_date": "2025-06-01",
               "text": "t", "version": 1}  # fmt: skip
    return wire_change("notes", payload, change_id=change_id)


def test_a_body_over_the_limit_is_413(central: Central, iro: dict[str, Any]) -> None:
    headers = {**iro["headers"], "Content-Type": "application/json"}
    head = "\r\n".join(["POST /v1/push HTTP/1.1", "Host: x", f"Content-Length: {MAX_BODY + 1}",
                         *(f"{k}: {v}" for k, v in headers.items())])  # fmt: skip
    declared = _raw(central.server.port, (head + "\r\n\r\n{}").encode(), read=True)
    assert declared.startswith(b"HTTP/1.1 413")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"changes": [{"payload": {"text": "'
        for _ in range(MAX_BODY // (1024 * 1024) + 1):
            yield b"x" * 1024 * 1024
        yield b'"}}]}'

    streamed = httpx.post(f"{central.url}/v1/push", content=chunks(), headers=headers, timeout=60)
    assert streamed.status_code == 413
    assert httpx.get(f"{central.url}/health").status_code == 200


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/pull", {"since": 2**63}),
        ("/v1/pull", {"since": 10**30}),
        ("/v1/pull", {"limit": 10**6}),
        ("/v1/snapshot", {"limit": 10**6}),
        ("/v1/snapshot", {"after": "x" * 1000}),
        ("/v1/snapshot", {"child": [str(uuid.uuid4()) for _ in range(SNAPSHOT_CHILDREN + 1)]}),
    ],
)
def test_queries_out_of_range_are_422(
    central: Central, iro: dict[str, Any], path: str, params: dict[str, Any]
) -> None:
    r = httpx.get(f"{central.url}{path}", params=params, headers=iro["headers"])
    assert r.status_code == 422, r.text


def test_the_largest_cursor_is_fine(central: Central, iro: dict[str, Any]) -> None:
    r = httpx.get(f"{central.url}/v1/pull", params={"since": 2**63 - 1}, headers=iro["headers"])
    assert r.status_code == 200 and r.json()["changes"] == []


def test_too_many_changes_in_one_push_is_422(central: Central, iro: dict[str, Any]) -> None:
    batch = [_note(iro["child"]) for _ in range(2001)]
    r = httpx.post(f"{central.url}/v1/push", json={"changes": batch}, headers=iro["headers"])
    assert r.status_code == 422


def test_a_reused_change_id_is_refused_not_reported_stored(
    central: Central, iro: dict[str, Any]
) -> None:
    shared = str(uuid.uuid4())
    first, second = _note(iro["child"], shared), _note(iro["child"], shared)
    url, headers = f"{central.url}/v1/push", iro["headers"]
    results = httpx.post(url, json={"changes": [first, second]}, headers=headers).json()["results"]
    assert [r["outcome"] for r in results] == ["applied", "rejected"]
    assert "already used" in results[1]["reason"]
    # The same change sent again (a retry) gets the same answer.
    [again] = httpx.post(url, json={"changes": [first]}, headers=headers).json()["results"]
    assert again["outcome"] == "applied"
    # Another IRO using the id for their own change is refused too.
    other = central.iro()
    other_headers = {"Authorization": f"Bearer {central.token(other)}"}
    [theirs] = httpx.post(url, json={"changes": [_note(str(uuid.uuid4()), shared)]},
                          headers=other_headers).json()["results"]  # fmt: skip
    assert theirs["outcome"] == "rejected"
    with central.store.reading() as s:
        assert s.get(Note, first["row_id"]) is not None
        assert s.get(Note, second["row_id"]) is None


def test_failed_sign_ins_are_audited_and_slowed(central: Central) -> None:
    def failures() -> int:
        with central.store.reading() as s:
            return int(s.scalar(select(func.count()).select_from(AuditEntry)
                                .where(AuditEntry.action == "auth-failed")) or 0)  # fmt: skip

    before = failures()
    bad = {"Authorization": "Bearer irod_not-a-real-token"}
    with httpx.Client(base_url=central.url, timeout=30) as client:
        for _ in range(30):  # the free allowance of a minute
            assert client.get("/v1/me", headers=bad).status_code == 401
        started = time.monotonic()
        for _ in range(3):
            assert client.get("/v1/me", headers=bad).status_code == 401
        slowed = time.monotonic() - started
    assert slowed >= 2.5
    assert failures() - before == 33
    with central.store.reading() as s:
        rows = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "auth-failed")))
    assert all("irod_" not in (r.row_id + (r.device or "")) for r in rows)


def test_openapi_describes_every_refusal(central: Central) -> None:
    spec = httpx.get(f"{central.url}/openapi.json").json()
    codes = {code for path in spec["paths"].values() for op in path.values()
             for code in op["responses"]}  # fmt: skip
    assert {"400", "401", "403", "404", "413", "422", "503"} <= codes


def test_an_unexpected_error_is_logged_without_its_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise ValueError("Invalid isoformat string: 'Sam Example, 12 Acacia Road'")

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=Guard(broken))
        async with httpx.AsyncClient(transport=transport, base_url="http://x") as client:
            return await client.get("/v1/pull")

    with caplog.at_level(logging.ERROR, logger="iro_desktop.central"):
        response = asyncio.run(call())
    assert response.status_code == 500
    assert "Sam" not in response.text
    assert "ValueError" in caplog.text and "Sam" not in caplog.text and "Acacia" not in caplog.text


def test_a_database_error_reaches_the_log_without_values(
    central: Central, caplog: pytest.LogCaptureFixture
) -> None:
    """SQLAlchemy hides the parameters; PostgreSQL's own detail ("Failing row contains
    ...") still quotes the row, which is why the guard logs the type and place only."""
    from sqlalchemy.exc import IntegrityError

    from iro_desktop.central.guard import log_failure

    with pytest.raises(IntegrityError) as failed, central.store.writing() as s:
        s.add(Note(id=str(uuid.uuid4()), child_id="no-such-child", note_date=None,
                   text="Sam Example's secret"))  # fmt: skip
        s.flush()
    assert "SQL parameters hidden" in str(failed.value)
    with caplog.at_level(logging.ERROR, logger="iro_desktop.central"):
        log_failure(failed.value, "POST /v1/push")
    assert "IntegrityError" in caplog.text and "Sam" not in caplog.text


@pytest.mark.parametrize(
    ("method", "path", "params"),
    [
        ("GET", "/v1/snapshot", {"table": "notes", "after": "a\x00b"}),
        ("GET", "/v1/snapshot", {"child": "a\x00b"}),
        ("GET", "/v1/snapshot", {"table": "no\x00tes"}),
        ("POST", "/v1/conflicts/a%00b/resolve", None),
        ("POST", "/v1/conflicts/%ED%A0%80/resolve", None),
    ],
)
def test_unstorable_characters_in_a_query_never_answer_5xx(
    central: Central, iro: dict[str, Any], method: str, path: str, params: Any
) -> None:
    body = {"resolution": "server"} if method == "POST" else None
    r = httpx.request(
        method, f"{central.url}{path}", params=params, json=body, headers=iro["headers"]
    )
    assert r.status_code < 500, r.text
