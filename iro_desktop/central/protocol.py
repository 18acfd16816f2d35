"""What the laptop and the central store agree on, with no web framework imported.

The laptop (``iro_desktop.sync``) imports this module; the server imports it too, so the
payload format and the per-table digest are written once.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from iro_desktop.store.schema import SYNCED_MODELS
from iro_desktop.store.types import table_of as table_of  # sync and the server use it from here

API = "/v1"
PULL_PAGE = 1000
SNAPSHOT_PAGE = 2000
PUSH_BATCH = 500
PAGE_BYTES = 8 * 1024 * 1024
"""About how much one push, pull page or snapshot page carries (the server takes a body
of twice this); a batch or page always holds at least one row."""
SNAPSHOT_CHILDREN = 300
"""Children named in one snapshot request (the laptop pages; the server refuses more)."""

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


def payload_size(payload: Any) -> int:
    return len(json.dumps(payload, ensure_ascii=False, default=str))


def fitting(payloads: list[Any], spent: int = 0, budget: int = PAGE_BYTES) -> int:
    """How many of ``payloads`` fit in a batch or page after ``spent`` bytes (at least one
    when nothing is spent yet, so a single large row still travels)."""
    for n, payload in enumerate(payloads):
        empty = spent == 0
        spent += payload_size(payload)
        if spent > budget and not empty:
            return n
    return len(payloads)
