"""What the laptop and the central store agree on, with no web framework imported.

The laptop (``iro_desktop.sync``) imports this module; the server imports it too, so the
payload format and the per-table digest are written once.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from iro_desktop.store.schema import SYNCED_MODELS
from iro_desktop.store.types import table_of as table_of  # sync and the server use it from here

API = "/v1"
PULL_PAGE = 1000
SNAPSHOT_PAGE = 2000
PUSH_BATCH = 500

TABLES: tuple[str, ...] = tuple(m.__tablename__ for m in SYNCED_MODELS)
"""Synced tables, parents before children (the order rows are applied in)."""


def child_key(table_name: str) -> str | None:
    """The column that says which child a row hangs off (``None`` for the IRO profile)."""
    if table_name == "children":
        return "id"
    if table_name == "iros":
        return None
    return "child_id"


def jsonable(value: Any) -> Any:
    """One column value as the payload carries it (the same as ``store.serialise``)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def row_payload(keys: Iterable[str], row: Iterable[Any]) -> dict[str, Any]:
    """A Core result row as a payload, without building ORM objects (fast for snapshots)."""
    return {k: jsonable(v) for k, v in zip(keys, row, strict=True)}


def digest(pairs: Iterable[tuple[str, int]]) -> tuple[int, str]:
    """Count and SHA-256 of a table's (id, version) pairs, order-independent."""
    h = hashlib.sha256()
    count = 0
    for row_id, version in sorted(pairs):
        h.update(f"{row_id}:{version}\n".encode())
        count += 1
    return count, h.hexdigest()


def child_of(table_name: str, payload: Mapping[str, Any]) -> str | None:
    key = child_key(table_name)
    if key is None:
        return None
    value = payload.get(key)
    return str(value) if value is not None else None
