"""Rows to JSON-safe payloads and back: the outbox, the sync protocol and conflicts use it."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.sql.sqltypes import Date, LargeBinary

from iro_desktop.store.types import Base, UTCDateTime

_KEYS: dict[type[Base], list[str]] = {}


def to_payload(row: Base) -> dict[str, Any]:
    keys = _KEYS.get(type(row))
    if keys is None:
        keys = _KEYS[type(row)] = [c.key for c in inspect(type(row)).columns]
    loaded = row.__dict__
    out: dict[str, Any] = {}
    for key in keys:
        # Read loaded values straight from the row (thousands of rows in an import);
        # an unloaded (expired) one through the attribute, which loads it.
        value = loaded[key] if key in loaded else getattr(row, key)
        out[key] = json_value(value)
    return out


def json_value(value: Any) -> Any:
    """One column's value as the payload holds it (dates as ISO text, bytes as base64)."""
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def from_payload(model: type[Base], payload: dict[str, Any]) -> dict[str, Any]:
    """Column values for ``model`` from a payload; unknown keys (a newer peer) are dropped."""
    out: dict[str, Any] = {}
    for column in inspect(model).columns:
        if column.key not in payload:
            continue
        value = payload[column.key]
        if value is not None:
            if isinstance(column.type, UTCDateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(column.type, Date):
                value = date.fromisoformat(value)
            elif isinstance(column.type, LargeBinary):
                value = base64.b64decode(value)
        out[column.key] = value
    return out
