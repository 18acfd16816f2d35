"""The HTTP client for the central store (httpx), with certificate verification on.

An authority's own CA bundle can be given; verification is never turned off.
"""

from __future__ import annotations

import ssl
from typing import Any

import httpx

from iro_desktop.central.protocol import PULL_PAGE, SNAPSHOT_PAGE
from iro_desktop.sync.errors import CertificateError, Refused, SyncError

TIMEOUT = httpx.Timeout(30.0, connect=5.0)


def _certificate_problem(exc: BaseException) -> str | None:
    """The verifier's reason when a request failed on the server's certificate."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLCertVerificationError):
            return str(seen.verify_message or seen.reason or "not verified").rstrip(".")
        if isinstance(seen, ssl.SSLError) and "CERTIFICATE" in str(seen).upper():
            return str(seen.reason or seen)
        seen = seen.__cause__ or seen.__context__
    return None


class CentralClient:
    def __init__(
        self,
        server_url: str,
        token: str,
        *,
        ca_bundle: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        verify: ssl.SSLContext | bool = True
        if ca_bundle:
            verify = ssl.create_default_context(cafile=ca_bundle)
        self.http = httpx.Client(
            base_url=server_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "User-Agent": "iro-desktop-sync"},
            verify=verify,
            timeout=TIMEOUT,
            transport=transport,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, *, absent: Any = ..., **kwargs: Any) -> Any:
        """The answer's JSON; ``absent`` (when given) if the store has no such endpoint."""
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.InvalidURL as exc:
            raise SyncError(f"This laptop could not make its request ({exc}).") from exc
        except httpx.HTTPError as exc:
            problem = _certificate_problem(exc)
            if problem is not None:
                raise CertificateError(
                    f"The central store's certificate was not trusted ({problem}), so "
                    "nothing was sent. If your authority uses its own certificate "
                    "authority, connect again giving its CA bundle."
                ) from exc
            raise SyncError(
                f"The central store could not be reached ({type(exc).__name__})."
            ) from exc
        if response.status_code == 401:
            raise Refused(
                "The central store refused this laptop's token: it was revoked, "
                "or the account is disabled. Ask your team for a new token."
            )
        if response.status_code == 404 and absent is not ...:
            return absent
        if response.status_code >= 400:
            raise SyncError(
                f"The central store answered {response.status_code}: {response.text[:200]}"
            )
        try:
            return response.json()
        except ValueError as exc:
            raise SyncError("The central store sent an answer that could not be read.") from exc

    def me(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "/v1/me")
        return result

    def push(self, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._call("POST", "/v1/push", json={"changes": changes})[
            "results"
        ]
        return result

    def pull(self, since: int, limit: int = PULL_PAGE) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "GET", "/v1/pull", params={"since": since, "limit": limit}
        )
        return result

    def snapshot(
        self,
        table: str | None = None,
        after: str | None = None,
        children: list[str] | None = None,
        limit: int = SNAPSHOT_PAGE,
    ) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if table:
            params["table"] = table
        if after:
            params["after"] = after
        if children is not None:
            params["child"] = children
        result: dict[str, Any] = self._call("GET", "/v1/snapshot", params=params)
        return result

    def checksums(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "/v1/checksums")
        return result

    def conflicts(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._call("GET", "/v1/conflicts")["conflicts"]
        return result

    def resolve(self, conflict_id: str, resolution: str) -> None:
        self._call("POST", f"/v1/conflicts/{conflict_id}/resolve", json={"resolution": resolution})

    def authority(self) -> object | None:
        """The authority's settings the central store supplies (``{key: value}``, as sent:
        the caller checks them), or ``None`` from a store older than this endpoint."""
        answer = self._call("GET", "/v1/authority", absent=None)
        if answer is None:
            return None
        return answer.get("settings") if isinstance(answer, dict) else answer
