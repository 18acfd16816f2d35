"""A client that drops its socket (a laptop going to sleep mid-sync) never stops the
central store: the real ``iro-desktop central serve`` process keeps answering."""

from __future__ import annotations

import json
import socket
import uuid

import httpx

from tests.sync.harness import Central


def _raw(port: int, data: bytes, *, read: bool = False) -> bytes:
    """Send ``data`` on a fresh socket, then close it (reading the answer or not)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(data)
        if not read:
            return b""
        s.shutdown(socket.SHUT_WR)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


def _request(
    method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: x"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _alive(central: Central) -> None:
    assert central.server.running(), "the central store process stopped"
    assert httpx.get(f"{central.url}/health", timeout=10).status_code == 200


def test_closing_before_the_answer_does_not_stop_the_server(central: Central) -> None:
    port = central.server.port
    for _ in range(20):  # the openapi answer is large: several writes to a closed socket
        _raw(port, _request("GET", "/openapi.json"))
    _alive(central)


def test_a_client_dropping_mid_push_stores_nothing_and_harms_nothing(central: Central) -> None:
    email = central.iro()
    token = central.token(email)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    row_id = str(uuid.uuid4())
    change = {
        "change_id": str(uuid.uuid4()),
        "table": "iros",
        "row_id": row_id,
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "payload": {"id": row_id, "name": "x", "email": "x@example.org", "version": 1},
    }
    body = json.dumps({"changes": [change]}).encode()
    before = central.change_log_count()
    # Headers promise the whole body; half of it arrives, then the socket closes.
    head = _request("POST", "/v1/push", body, auth)
    _raw(central.server.port, head[: len(head) - len(body) // 2])
    # Headers only, then gone.
    _raw(central.server.port, head[: len(head) - len(body)])
    # The whole request, closed before the answer is read.
    _raw(central.server.port, _request("GET", "/v1/pull", headers=auth))
    _alive(central)
    assert central.change_log_count() == before
    # And the same client, on a good connection, is answered normally.
    r = httpx.get(f"{central.url}/v1/me", headers=auth, timeout=10)
    assert r.status_code == 200 and r.json()["email"] == email
