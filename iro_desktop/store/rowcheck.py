"""What a synced row may hold, read from the schema: one check for the laptop and the server.

``Op.save`` runs ``check_row`` before every write on the laptop, and the central store runs
``check_payload`` on every pushed change, so the laptop cannot keep a value the server
would refuse. The limits come from the columns themselves (``String(n)``, nullability, the
column type), plus the few the types leave open, declared here once: the longest free
text, the largest JSON value and picture, how deep JSON may nest, and the integer range
PostgreSQL stores. PostgreSQL enforces ``String(n)``; SQLite does not, so this does.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Integer, LargeBinary, String, inspect

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.types import Base, UTCDateTime

TEXT_MAX = 100_000
"""Characters in one free-text field (``Text``): about 15,000 words, a long case note."""
JSON_MAX_BYTES = 6 * 1024 * 1024
"""One JSON value, serialised: a letter with its largest picture (4 MB as base64) fits."""
JSON_MAX_DEPTH = 20
"""Nesting of lists and objects in one JSON value (a letter needs 3)."""
BINARY_MAX = 4 * 1024 * 1024
"""Bytes in one binary field (the IRO's photo)."""
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
"""PostgreSQL's ``integer``; SQLite would take more, so the laptop must not."""


def max_length(model: type[Base], key: str) -> int:
    """The most characters ``model.key`` holds: its ``String(n)``, or ``TEXT_MAX``."""
    column = inspect(model).columns[key]
    length = getattr(column.type, "length", None)
    return int(length) if isinstance(column.type, String) and length else TEXT_MAX


def text_problem(value: str, most: int) -> str | None:
    """Why ``value`` cannot be stored as text of at most ``most`` characters, or None."""
    if len(value) > most:
        return f"is too long ({len(value):,} characters; the most is {most:,})"
    if "\x00" in value:
        return "contains a character that cannot be stored"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a character that cannot be stored (a broken surrogate)"
    return None


def _json_problem(value: Any) -> str | None:
    """Depth, size and content of a JSON value, walked without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > JSON_MAX_DEPTH:
                return f"is nested too deeply (the most is {JSON_MAX_DEPTH} levels)"
            if isinstance(item, dict):
                for key, inner in item.items():
                    if not isinstance(key, str) or text_problem(key, TEXT_MAX):
                        return "has a key that cannot be stored"
                    stack.append((inner, depth + 1))
            else:
                stack.extend((inner, depth + 1) for inner in item)
        elif isinstance(item, str):
            if text_problem(item, JSON_MAX_BYTES):
                return "contains text that cannot be stored"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return "contains a number that cannot be stored"
        elif isinstance(item, int) and not isinstance(item, bool):
            if abs(item) > 2**63:
                return "contains a number that is too large"
        elif item is not None and not isinstance(item, bool):
            return "contains a value that is not JSON"
    size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    if size > JSON_MAX_BYTES:
        return f"is too large ({size:,} bytes; the most is {JSON_MAX_BYTES:,})"
    return None


def value_problem(column: Column[Any], value: Any) -> str | None:
    """Why ``value`` (a Python value, as the ORM holds it) cannot go in ``column``."""
    if value is None:  # an unset column with a default gets it when the row is written
        return None if column.nullable or column.default is not None else "is required"
    kind = column.type
    if isinstance(kind, String):
        if not isinstance(value, str):
            return "must be text"
        return text_problem(value, kind.length or TEXT_MAX)
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if not INT_MIN <= value <= INT_MAX:
            return f"must be between {INT_MIN:,} and {INT_MAX:,}"
        return None
    if isinstance(kind, UTCDateTime):
        if not isinstance(value, datetime):
            return "must be a date and time"
        return None if value.tzinfo is not None else "must say its time zone"
    if isinstance(kind, Date):
        ok = isinstance(value, date) and not isinstance(value, datetime)
        return None if ok else "must be a date"
    if isinstance(kind, LargeBinary):
        if not isinstance(value, bytes):
            return "must be binary data"
        if len(value) > BINARY_MAX:
            return f"is too large ({len(value):,} bytes; the most is {BINARY_MAX:,})"
        return None
    if isinstance(kind, JSON):
        return _json_problem(value)
    return None


def check_row(row: Base) -> None:
    """Raise ``ValidationError`` for the first column of ``row`` that could not be stored
    (or would be refused by the central store)."""
    for column in inspect(type(row)).columns:
        problem = value_problem(column, getattr(row, column.key))
        if problem is not None and not (problem == "is required" and column.primary_key):
            raise ValidationError(column.key, problem)


def _from_wire(column: Column[Any], value: Any) -> Any:
    """A payload value (JSON) as the Python value the column holds; ``ValueError`` if not."""
    kind = column.type
    if value is None or isinstance(kind, JSON):
        return value
    if isinstance(kind, UTCDateTime | Date | LargeBinary) and not isinstance(value, str):
        raise ValueError
    if isinstance(kind, UTCDateTime):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            moment.astimezone(UTC)  # an offset that runs off the calendar raises here
        return moment
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        if len(value) > BINARY_MAX * 4 // 3 + 4:
            raise ValueError
        return base64.b64decode(value, validate=True)
    return value


_WIRE_SHAPE = {UTCDateTime: "must be a date and time (ISO 8601 with its time zone)",
               Date: "must be a date (YYYY-MM-DD)", LargeBinary: "must be base64 data"}  # fmt: skip


def check_payload(model: type[Base], payload: dict[str, Any], *, new: bool) -> dict[str, Any]:
    """The column values of a pushed row, each checked as ``check_row`` checks the laptop's.

    Raises ``ValidationError`` naming the first field that cannot be stored: a field the
    table does not have, a value of the wrong type or size, or (for a ``new`` row) a
    required field left out.
    """
    columns = {c.key: c for c in inspect(model).columns}
    unknown = sorted(set(payload) - set(columns))
    if unknown:
        raise ValidationError(unknown[0][:60], "is not a field of this record")
    out: dict[str, Any] = {}
    for key, column in columns.items():
        if key not in payload:
            if new and not column.nullable and column.default is None and not column.primary_key:
                raise ValidationError(key, "is required")
            continue
        if payload[key] is None and not column.nullable:
            raise ValidationError(key, "is required")
        try:
            value = _from_wire(column, payload[key])
        except (ValueError, TypeError, OverflowError, binascii.Error):
            shape = next((m for t, m in _WIRE_SHAPE.items() if isinstance(column.type, t)), None)
            raise ValidationError(key, shape or "cannot be read") from None
        problem = value_problem(column, value)
        if problem is not None:
            raise ValidationError(key, problem)
        out[key] = value
    return out
