"""Column types and the sync columns every shared table carries.

The same schema serves the laptop (SQLCipher) and the central store (SQLite or
PostgreSQL), so the types here are the portable subset of both.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Boolean, DateTime, Integer, String, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# A random (version 4) UUID's fixed bits: the version nibble 4 and the variant bits 10.
_V4_KEEP = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
_V4_SET = (0x4 << 76) | (0x2 << 62)


def new_id() -> str:
    """A UUID made where the row is created, so offline laptops never collide.

    The same random version 4 UUID as ``uuid.uuid4()``, written out without building a
    ``UUID`` object (half the time; a 903 import makes tens of thousands of ids)."""
    h = f"{int.from_bytes(os.urandom(16), 'big') & _V4_KEEP | _V4_SET:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC and always hands back an aware datetime, on SQLite too."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


R = TypeVar("R", bound=Base)


def new_row(model: type[R], **values: Any) -> R:
    """A new row of ``model`` for ``Op.save_many``, which inserts its values as they are:
    made without the ORM's instrumented constructor, a tenth of its cost (an import makes
    thousands). Not for a row given to ``Op.save`` or ``session.add``."""
    row: R = model._sa_class_manager.new_instance()  # type: ignore[attr-defined]
    row.__dict__.update(values)
    return row


class Synced:
    """Columns of DESIGN.md's sync section: uuid, version, updated_at, tombstone."""

    __synced__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, nullable=False, index=True
    )
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The correction the row's current version carries (0010): set by a correction, written
    # back with the rest of the row by undo and redo, and synced with it, so "corrected
    # <date> by <name>" is true of what the row now says, on every laptop.
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    corrected_by: Mapped[str | None] = mapped_column(String(320), nullable=True)


def table_of(model: type[Base]) -> Table:
    """The model's table, typed as one (for plain inserts of many rows)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
